/** decodeFile through compile(): the UTF-8 check's edge cases (the common ones: test/input/parse-limits.test.ts). */
import { compile } from '../../src/compile';
import { formatDiagnostic } from '../../src/input/diagnostics';
import { decodeFile } from '../../src/input/text';

const F = 'components/c.yaml';
const HEAD = 'name: comp\nimage: repo/comp:1.0\nenv:\n  CITY: M';
const NOT_UTF8 = 'expected UTF-8 text (save the file as UTF-8)';

/** The errors of a spec whose CITY value is "M" followed by these bytes. */
function errorsWith(bytes: number[]): string[] {
  const file = Buffer.concat([Buffer.from(HEAD), Buffer.from(bytes), Buffer.from('\n')]);
  return compile({ components: [{ name: F, bytes: file }] }).diagnostics.map(formatDiagnostic);
}

describe('GIVEN bytes after a valid three- or four-byte character', () => {
  // Columns count UTF-16 code units, as the columns of every other message do: U+10000 takes two.
  test.each<[string, number[], number, number]>([
    ['U+0800 (E0 A0 80, the smallest after E0)', [0xe0, 0xa0, 0x80], 11, 49],
    ['U+10000 (F0 90 80 80, the smallest after F0)', [0xf0, 0x90, 0x80, 0x80], 12, 50],
  ])(
    'with %s and then 0xff WHEN compiled THEN the character is accepted and the 0xff is the byte reported',
    (_title, character, column, offset) => {
      expect(errorsWith([...character, 0xff])).toEqual([
        `${F}:4:${column}: the file is not valid UTF-8: byte 0xff at offset ${offset}; ${NOT_UTF8}`,
      ]);
    },
  );
});

describe('GIVEN a sequence that is not UTF-8', () => {
  test.each<[string, number[], string]>([
    ['an overlong three-byte form (E0 80 80)', [0xe0, 0x80, 0x80], '0xe0'],
    ['an overlong four-byte form (F0 80 80 80)', [0xf0, 0x80, 0x80, 0x80], '0xf0'],
    ['a third byte that is ASCII (E2 82 41)', [0xe2, 0x82, 0x41], '0xe2'],
    ['a third byte above the continuation range (E2 82 C0)', [0xe2, 0x82, 0xc0], '0xe2'],
  ])('with %s WHEN compiled THEN its lead byte is reported', (_title, bad, byte) => {
    expect(errorsWith(bad)).toEqual([`${F}:4:10: the file is not valid UTF-8: byte ${byte} at offset 46; ${NOT_UTF8}`]);
  });

  test('WHEN it is UTF-16 big-endian THEN the error says so', () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('name: comp\n', 'utf16le').swap16()]);
    expect(compile({ components: [{ name: F, bytes }] }).diagnostics.map(formatDiagnostic)).toEqual([
      `${F}:1:1: the file is not valid UTF-8: byte 0xfe at offset 0; expected UTF-8 text (the file starts with a UTF-16 byte-order mark: save it as UTF-8)`,
    ]);
  });
});

describe('GIVEN files decoded one after the other', () => {
  test('WHEN one ends in the middle of a character THEN the next decodes whole (nothing of the first is carried over)', () => {
    expect(decodeFile('a.yaml', { bytes: Uint8Array.from([0x61, 0xe2, 0x82]) })).toHaveProperty('diagnostic');
    expect(decodeFile('b.yaml', { bytes: Buffer.from('name: b\n') })).toEqual({ text: 'name: b\n' });
    expect(decodeFile('c.yaml', { bytes: Uint8Array.from([0xff]) })).toHaveProperty('diagnostic');
    expect(decodeFile('d.yaml', { bytes: Buffer.from('\u00e9t\u00e9\n') })).toEqual({ text: 'été\n' });
  });
});
