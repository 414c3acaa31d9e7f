/**
 * The parsing layer's limits and strictness: files that are not UTF-8, `.json` files that are not strict
 * JSON, nesting too deep, files too large, messages that would grow with the input, and time that grows
 * linearly with the input. Each test names the behaviour before the change it guards.
 */
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../src/cli/run';
import { readComponentsFolder } from '../../src/cli/read-folder';
import { compile, CompileInput } from '../../src/compile';
import { formatDiagnostic, formatPath } from '../../src/input/diagnostics';
import { loadProject, InputFile } from '../../src/input/project';
import { MAX_DEPTH } from '../../src/input/source';
import { MAX_FILE_BYTES } from '../../src/input/text';
import { lastDuplicate } from '../../src/input/dcae/unique-items';
import { DCAE_FIXTURES, errorsOf, snapshotFolder, tmpdir } from '../helpers';
import { GROWTH, GROWTH_CASES } from '../bench/growth';

const F = 'components/c.yaml';
const J = 'components/c.json';
const HEAD = 'name: comp\nimage: repo/comp:1.0\n';
const NOT_UTF8 = 'expected UTF-8 text (save the file as UTF-8)';
const TOO_DEEP = `nested more than ${MAX_DEPTH} levels deep; expected at most ${MAX_DEPTH} levels of mappings and lists`;
const DUPLICATE = 'duplicate key; a key may appear only once in a mapping';
const ENRICHER_FILE = fs.readFileSync(path.join(DCAE_FIXTURES, 'record-enricher.json'), 'utf8');
/** The record-enricher fixture with its host ports set to 0 (its own are blueprint placeholders, outside the NodePort range): it compiles alone. */
const ENRICHER = ENRICHER_FILE.replace('"8300:8300"', '"8300:0"').replace('"8743:8743"', '"8743:0"');

/** The formatted errors of a run over these files (text, or bytes as read from disk). */
function errorsOfFiles(components: InputFile[], extra: Partial<CompileInput> = {}): string[] {
  return compile({ components, ...extra }).diagnostics.map(formatDiagnostic);
}

/** The errors of one JSON file. */
function errorsOfJson(text: string): string[] {
  return errorsOfFiles([{ name: J, text }]);
}

/** Runs `fn` with a fresh folder, then removes it. */
function withFolder<T>(fn: (dir: string) => T): T {
  const dir = tmpdir('dcae-parse-');
  try {
    return fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('GIVEN a file that is not valid UTF-8', () => {
  test('WHEN the folder is read and compiled THEN the error names the byte, its offset, line and column (before: the byte became U+FFFD in the output)', () => {
    withFolder((dir) => {
      fs.mkdirSync(path.join(dir, 'components'));
      // "M\xfcnchen" is Latin-1: 0xfc is not UTF-8.
      fs.writeFileSync(
        path.join(dir, 'components', 'c.yaml'),
        Buffer.concat([Buffer.from(`${HEAD}env:\n  CITY: M`), Buffer.from([0xfc]), Buffer.from('nchen\n')]),
      );
      const result = compile(readComponentsFolder('components', dir));
      expect(result.diagnostics.map(formatDiagnostic)).toEqual([
        `${F}:4:10: the file is not valid UTF-8: byte 0xfc at offset 46; ${NOT_UTF8}`,
      ]);
      expect(result.files).toEqual([]);
    });
  });

  test.each<[string, number[], string]>([
    ['a sequence cut short at the end', [0xc3], 'byte 0xc3 at offset 46'],
    ['a continuation byte with no lead byte', [0x80, 0x41], 'byte 0x80 at offset 46'],
    ['an overlong form of "/"', [0xc0, 0xaf], 'byte 0xc0 at offset 46'],
    ['an encoded surrogate (CESU-8)', [0xed, 0xa0, 0x80], 'byte 0xed at offset 46'],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 'byte 0xf4 at offset 46'],
  ])('with %s WHEN compiled from its bytes THEN exactly that byte is reported', (_title, bad, where) => {
    const bytes = Buffer.concat([Buffer.from(`${HEAD}env:\n  CITY: M`), Buffer.from(bad)]);
    expect(errorsOfFiles([{ name: F, bytes }])).toEqual([`${F}:4:10: the file is not valid UTF-8: ${where}; ${NOT_UTF8}`]);
  });

  test('WHEN a multi-byte character comes before the bad byte on its line THEN the column counts characters, as every other column does', () => {
    const bytes = Buffer.concat([Buffer.from(`${HEAD}env:\n  CITY: "é`), Buffer.from([0xff]), Buffer.from('"\n')]);
    expect(errorsOfFiles([{ name: F, bytes }])).toEqual([`${F}:4:11: the file is not valid UTF-8: byte 0xff at offset 48; ${NOT_UTF8}`]);
  });

  test('WHEN it is UTF-16 THEN the error says so', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEAD, 'utf16le')]);
    expect(errorsOfFiles([{ name: F, bytes }])).toEqual([
      `${F}:1:1: the file is not valid UTF-8: byte 0xff at offset 0; expected UTF-8 text (the file starts with a UTF-16 byte-order mark: save it as UTF-8)`,
    ]);
  });

  test('WHEN it is a DCAE spec named by dcae_spec outside the folder THEN it is refused the same way, by the name the YAML spec gives it', () => {
    withFolder((dir) => {
      fs.mkdirSync(path.join(dir, 'components'));
      fs.mkdirSync(path.join(dir, 'specs'));
      const json = Buffer.from(ENRICHER.replace('"description": "', '"description": "caf\u0000'), 'utf8');
      const at = json.indexOf(0);
      json[at] = 0xe9; // Latin-1 "é"
      fs.writeFileSync(path.join(dir, 'specs', 'enricher.json'), json);
      fs.writeFileSync(path.join(dir, 'components', 'enricher.yaml'), 'dcae_spec: ../specs/enricher.json\n');
      const text = json.subarray(0, at).toString('utf8');
      const line = text.split('\n').length;
      const column = text.length - text.lastIndexOf('\n');
      expect(compile(readComponentsFolder('components', dir)).diagnostics.map(formatDiagnostic)).toEqual([
        `specs/enricher.json:${line}:${column}: the file is not valid UTF-8: byte 0xe9 at offset ${at}; ${NOT_UTF8}`,
      ]);
    });
  });

  test('WHEN it is a DCAE spec in the folder that a YAML spec names THEN it is reported once, as itself', () => {
    const bytes = Buffer.concat([Buffer.from(ENRICHER.slice(0, 10)), Buffer.from([0xfe]), Buffer.from(ENRICHER.slice(10))]);
    const line = ENRICHER.slice(0, 10).split('\n').length;
    const column = 10 - ENRICHER.slice(0, 10).lastIndexOf('\n');
    expect(
      errorsOfFiles([
        { name: J, bytes },
        { name: F, text: 'dcae_spec: c.json\n' },
      ]),
    ).toEqual([`${J}:${line}:${column}: the file is not valid UTF-8: byte 0xfe at offset 10; ${NOT_UTF8}`]);
  });

  test('WHEN the platform file is not UTF-8 THEN it is reported, and the components are still checked', () => {
    const platform = { name: 'components/platform.yaml', bytes: Buffer.from([0x6e, 0x61, 0xe4, 0x0a]) };
    expect(errorsOfFiles([{ name: F, text: 'name: comp\n' }], { platform })).toEqual([
      `${F}:1:1: image: missing; this key is required: a container image reference with no spaces, for example "repo/image:1.0"`,
      `components/platform.yaml:1:3: the file is not valid UTF-8: byte 0xe4 at offset 2; ${NOT_UTF8}`,
    ]);
  });
});

describe('GIVEN a file that starts with a UTF-8 byte-order mark', () => {
  test.each([
    ['a YAML spec', F, `${HEAD}ports: ["8080:0"]\n`],
    ['a DCAE spec', J, ENRICHER],
  ])('%s WHEN compiled from its bytes THEN the mark is dropped and the output is the same as without it', (_title, name, text) => {
    const plain = compile({ components: [{ name, bytes: Buffer.from(text) }] });
    const marked = compile({ components: [{ name, bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) }] });
    expect(plain.diagnostics).toEqual([]);
    expect(marked.diagnostics).toEqual([]);
    expect(marked.files).toEqual(plain.files);
  });
});

describe('GIVEN a .json file that YAML reads but JSON does not', () => {
  const P = 'JSON does not parse';
  test.each<[string, string, string]>([
    [
      'a trailing comma in an object',
      '{\n  "self": {\n    "name": "x",\n  }\n}',
      `${J}:4:3: self: ${P}: found "}"; expected a key in double quotes (JSON allows no comma after the last item)`,
    ],
    [
      'a trailing comma in a list',
      '{\n  "artifacts": [1, 2, ]\n}',
      `${J}:2:23: artifacts: ${P}: found "]"; expected a JSON value: an object, an array, a string in double quotes, a number, true, false or null (JSON allows no comma after the last item)`,
    ],
    [
      'a // comment',
      '{\n  // the spec\n  "self": {}\n}',
      `${J}:2:3: ${P}: found a comment; expected a key in double quotes (JSON has no comments)`,
    ],
    [
      'a /* */ comment after a value',
      '{"self": {} /* x */}',
      `${J}:1:13: ${P}: found a comment; expected "," or "}" (JSON has no comments)`,
    ],
    [
      'single quotes',
      "{'self': {}}",
      `${J}:1:2: ${P}: found a single quote; expected a key in double quotes (JSON strings take double quotes)`,
    ],
    ['an unquoted key', '{\n  self: {}\n}', `${J}:2:3: ${P}: found the word self; expected a key in double quotes`],
    [
      'YAML',
      'self:\n  name: x\n',
      `${J}:1:1: ${P}: found the word self; expected a JSON value: an object, an array, a string in double quotes, a number, true, false or null (a .json file holds JSON; YAML goes in a .yaml or .yml file)`,
    ],
    [
      'a YAML boolean',
      '{"self": {"x": yes}}',
      `${J}:1:16: self.x: ${P}: found the word yes; expected a JSON value: an object, an array, a string in double quotes, a number, true, false or null`,
    ],
    [
      'a number with a leading zero',
      '{"self": {"x": 0123}}',
      `${J}:1:16: self.x: ${P}: found the number 0123; expected a JSON number (digits with an optional "-", fraction and exponent; no leading zeros, no "+")`,
    ],
    [
      'a line break inside a string',
      '{"self": {"x": "a\nb"}}',
      `${J}:1:18: self.x: ${P}: found a line break inside a string; expected it escaped (\\n, \\t, \\u00XX) or the string closed with "`,
    ],
    [
      'an escape JSON does not have',
      '{"self": {"x": "a\\x41"}}',
      `${J}:1:18: self.x: ${P}: found the escape \\x inside a string; expected one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX`,
    ],
    ['a missing colon', '{"self" {}}', `${J}:1:9: ${P}: found "{"; expected ":" after the key`],
    ['a missing comma', '{"self": {} "x": 1}', `${J}:1:13: ${P}: found "\\""; expected "," or "}"`],
    ['a second value after the first', '{"self": {}}\n{"self": {}}', `${J}:2:1: ${P}: found "{"; expected the end of the file`],
    ['a string cut short', '{"self": "x', `${J}:1:12: self: ${P}: found the end of the file inside a string; expected its closing "`],
    ['a file cut short', '{"self": {', `${J}:1:11: self: ${P}: found the end of the file; expected a key in double quotes`],
  ])('with %s WHEN compiled THEN the error says JSON, where and what', (_title, text, expected) => {
    expect(errorsOfJson(text)).toEqual([expected]);
  });

  test("with a duplicate key WHEN compiled THEN each repeat is an error at the repeated key (before: YAML's message, or none)", () => {
    expect(errorsOfJson('{\n  "self": {"name": "a",\n    "name": "b"},\n  "self": {}\n}')).toEqual([
      `${J}:3:5: self.name: ${DUPLICATE}`,
      `${J}:4:3: self: ${DUPLICATE}`,
    ]);
  });

  test.each([
    ['empty', '', `${J}:1:1: the file is empty; expected a mapping`],
    ['only white space', ' \n\t\n', `${J}:1:1: the file is empty; expected a mapping`],
    ['a list', '[1]', `${J}:1:1: found a list; expected a mapping of keys to values`],
    ['a string', '"x"', `${J}:1:1: found the value "x"; expected a mapping of keys to values`],
  ])('that is %s WHEN compiled THEN the same error as for YAML', (_title, text, expected) => {
    expect(errorsOfJson(text)).toEqual([expected]);
  });

  test('GIVEN valid JSON that YAML refused (a key on one line, its colon on the next; tabs) WHEN compiled THEN it compiles, and later errors still point into it', () => {
    const spec = JSON.parse(ENRICHER) as Record<string, any>;
    const text = JSON.stringify(spec, null, '\t').replace('"self":', '"self"\n\t:');
    expect(errorsOfJson(text)).toEqual([]);
    spec.auxilary.ports = ['8300:8300', '8743:0'];
    const bad = JSON.stringify(spec, null, '\t').replace('"self":', '"self"\n\t:');
    const line = bad.slice(0, bad.indexOf('"8300:8300"')).split('\n').length;
    expect(errorsOfJson(bad)).toEqual([
      // Three tabs in: column 4.
      `${J}:${line}:4: auxilary.ports[0]: host port 8300 in "8300:8300" is not 0 or inside the node port range 30000-32767. Host ports in component specs stood for blueprint inputs; to give the real ones, write a YAML spec beside it with dcae_spec: c.json and ports: ["8300:0", "8743:0"] (0 means no NodePort)`,
    ]);
  });
});

describe('GIVEN a YAML file whose keys JavaScript reads as one', () => {
  test('WHEN 1 and "1" are keys of one mapping THEN the second is a duplicate (before: one value was silently lost)', () => {
    expect(errorsOf(`${HEAD}env:\n  1: a\n  "1": b\n`)).toEqual([`${F}:5:3: env["1"]: ${DUPLICATE}`]);
  });
});

describe('GIVEN nesting deeper than the limit', () => {
  const deepPath = (key: string, part: string | number) => formatPath([key, ...Array<string | number>(99).fill(part)]);
  const deepFlow = (n: number) => `${HEAD}labels: ${'['.repeat(n)}${']'.repeat(n)}\n`;
  test.each<[string, string, string]>([
    // The top mapping is level 1 and labels' value level 2: level 101 is 99 levels inside it.
    ['20 000 nested YAML flow lists', deepFlow(20000), `${F}:3:${9 + 99}: ${deepPath('labels', 0)}: ${TOO_DEEP}`],
    [
      '20 000 nested YAML block lists',
      `${HEAD}labels:\n  ${'- '.repeat(20000)}x\n`,
      `${F}:4:${3 + 2 * 99}: ${deepPath('labels', 0)}: ${TOO_DEEP}`,
    ],
    [
      '20 000 nested YAML mappings',
      `${HEAD}labels: ${'{a: '.repeat(20000)}1${'}'.repeat(20000)}\n`,
      `${F}:3:${9 + 4 * 99}: ${deepPath('labels', 'a')}: ${TOO_DEEP}`,
    ],
  ])('of %s WHEN compiled THEN one short line says so (before: a 2.6 KB line about the call stack)', (_title, text, expected) => {
    const messages = errorsOf(text);
    expect(messages).toEqual([expected]);
    expect(messages[0].length).toBeLessThan(350);
  });

  test('of 20 000 nested JSON objects WHEN compiled THEN one short line says so (before: the process ran out of memory)', () => {
    const messages = errorsOfJson(`{"self": ${'{"a": '.repeat(20000)}1${'}'.repeat(20000)}}`);
    expect(messages).toEqual([`${J}:1:${10 + 6 * 99}: ${deepPath('self', 'a')}: ${TOO_DEEP}`]);
  });

  test(`WHEN mappings and lists nest exactly ${MAX_DEPTH} levels THEN the file parses (the schema has the next word); one more level is refused`, () => {
    // The top mapping is level 1: labels' value opens level 2.
    expect(errorsOf(deepFlow(MAX_DEPTH - 1))).toEqual([`${F}:3:9: labels: a list is not a mapping`]);
    expect(errorsOf(deepFlow(MAX_DEPTH))).toEqual([expect.stringContaining(TOO_DEEP)]);
    const json = (n: number) => `{"self": ${'['.repeat(n)}${']'.repeat(n)}}`;
    expect(errorsOfJson(json(MAX_DEPTH - 1)).join('\n')).not.toContain(TOO_DEEP);
    expect(errorsOfJson(json(MAX_DEPTH))).toEqual([expect.stringContaining(TOO_DEEP)]);
  });

  test('WHEN aliases nest lists deeper than the limit THEN the expanded value is refused at the first alias', () => {
    const half = 60;
    const text = `${HEAD}env:\n  A: &a ${'['.repeat(half)}${']'.repeat(half)}\n  B: ${'['.repeat(half)}*a${']'.repeat(half)}\n`;
    expect(errorsOf(text)).toEqual([`${F}:5:${6 + half}: env.B${'[0]'.repeat(half)}: ${TOO_DEEP}, once aliases are expanded`]);
  });
});

describe('GIVEN a file above the size limit', () => {
  const big = (bytes: number) => `${HEAD}env:\n  A: "${'x'.repeat(bytes - HEAD.length - 13)}"\n`;
  test('WHEN compiled THEN it is refused before parsing, with its size and the limit', () => {
    expect(Buffer.byteLength(big(MAX_FILE_BYTES + 1))).toBe(MAX_FILE_BYTES + 1);
    expect(errorsOf(big(MAX_FILE_BYTES + 1))).toEqual([
      `${F}: the file is 1.0 MiB (1048577 bytes); expected at most 1 MiB (1048576 bytes), the limit for one input file`,
    ]);
  });

  test('WHEN it is exactly at the limit THEN it is read (a file that size is mostly a comment: no object may be above 1 MiB either)', () => {
    const padded = `${HEAD}# ${'x'.repeat(MAX_FILE_BYTES - HEAD.length - 3)}\n`;
    expect(Buffer.byteLength(padded)).toBe(MAX_FILE_BYTES);
    expect(errorsOf(padded)).toEqual([]);
  });

  test('WHEN the folder is read THEN the file is measured, not read, and so is a DCAE spec outside the folder', () => {
    withFolder((dir) => {
      fs.mkdirSync(path.join(dir, 'components'));
      fs.writeFileSync(path.join(dir, 'components', 'big.yaml'), Buffer.alloc(3 * MAX_FILE_BYTES, 0x20));
      fs.writeFileSync(path.join(dir, 'big.json'), Buffer.alloc(2 * MAX_FILE_BYTES + 1, 0x20));
      fs.writeFileSync(path.join(dir, 'components', 'ref.yaml'), 'dcae_spec: ../big.json\n');
      const input = readComponentsFolder('components', dir);
      expect(input.components.find((c) => c.name === 'components/big.yaml')).toEqual({
        name: 'components/big.yaml',
        path: path.join(dir, 'components', 'big.yaml'),
        oversize: 3 * MAX_FILE_BYTES,
      });
      expect(compile(input).diagnostics.map(formatDiagnostic)).toEqual([
        'big.json: the file is 2.0 MiB (2097153 bytes); expected at most 1 MiB (1048576 bytes), the limit for one input file',
        'components/big.yaml: the file is 3 MiB (3145728 bytes); expected at most 1 MiB (1048576 bytes), the limit for one input file',
      ]);
    });
  });
});

describe('GIVEN input that would make a message as long as the file', () => {
  const longest = (messages: string[]) => Math.max(...messages.map((m) => m.length));
  test.each<[string, string, string[]]>([
    [
      'a label key of 1 000 characters',
      `${HEAD}labels:\n  ${'k'.repeat(1000)}: v\n`,
      [
        `${F}:4:3: labels["${'k'.repeat(97)}..."]: "${'k'.repeat(77)}..." is not a label key: at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit, with an optional "<dns-prefix>/"`,
      ],
    ],
    [
      'a file that is a string of 100 000 characters',
      `"${'s'.repeat(100000)}"\n`,
      [`${F}:1:1: found the value "${'s'.repeat(77)}..."; expected a mapping of keys to values`],
    ],
    [
      'an alias of 10 000 characters with no anchor',
      `${HEAD}env:\n  A: *${'a'.repeat(10000)}\n`,
      [
        `${F}:4:6: env.A: the alias *${'a'.repeat(77)}... has no anchor &${'a'.repeat(77)}... before it; expected an anchor defined earlier in the file`,
      ],
    ],
    [
      'a tag of 10 000 characters, on a list',
      `${HEAD}env:\n  A: !${'t'.repeat(10000)} [x]\n`,
      [
        `${F}:4:6: env.A: YAML warning: Unresolved tag: !${'t'.repeat(180)}...`,
        `${F}:4:6: env.A: a collection tagged !${'t'.repeat(76)}... is not a mapping or a list as YAML 1.2 reads them; remove the tag`,
      ],
    ],
    [
      'a tag of 10 000 characters',
      `${HEAD}env:\n  A: !${'t'.repeat(10000)} x\n`,
      [
        `${F}:4:6: env.A: YAML warning: Unresolved tag: !${'t'.repeat(180)}...`,
        `${F}:4:6: env.A: a value tagged !${'t'.repeat(76)}... is not a plain string, number or boolean; remove the tag`,
      ],
    ],
  ])('(%s) WHEN compiled THEN the message shows a cut version of it (before: all of it)', (_title, text, expected) => {
    const messages = errorsOf(text);
    expect(messages).toEqual(expected);
    expect(longest(messages)).toBeLessThan(500);
  });

  test('(a DCAE spec with hundreds of host ports outside the range) WHEN compiled THEN the fix describes the ports list instead of writing it out', () => {
    const spec = JSON.parse(ENRICHER) as Record<string, any>;
    spec.auxilary.ports = Array.from({ length: 300 }, (_, i) => `${8000 + i}:${8000 + i}`);
    const messages = errorsOfJson(JSON.stringify(spec, null, 2));
    expect(messages).toHaveLength(300);
    expect(messages[0]).toMatch(
      /^components\/c\.json:\d+:\d+: auxilary\.ports\[0\]: host port 8000 in "8000:8000" is not 0 or inside the node port range 30000-32767\. Host ports in component specs stood for blueprint inputs; to give the real ones, write a YAML spec beside it with dcae_spec: c\.json and ports \(the same list, with every host port outside node_port_range set to 0\) \(0 means no NodePort\)$/,
    );
    expect(longest(messages)).toBeLessThan(400);
  });

  test('(a key path of 150 levels) WHEN formatted THEN its first and last parts are shown around "..."', () => {
    expect(formatPath(['labels', ...Array<number>(150).fill(0)])).toBe(`labels${'[0]'.repeat(31)}...${'[0]'.repeat(33)}`);
    expect(formatPath(['labels', 'app.kubernetes.io/name'])).toBe('labels["app.kubernetes.io/name"]');
  });
});

describe('GIVEN one spec with many keys', () => {
  // How the time grows with the entries is measured by npm run bench (test/bench/growth.ts), never asserted here.
  test.each(GROWTH_CASES.map((c) => [c.title, c] as const))(
    '(%s) WHEN 20 000 are loaded THEN each entry is read and every problem is reported once',
    (_title, c) => {
      const project = loadProject({ components: c.make(GROWTH.large) });
      expect(project.diagnostics).toHaveLength(c.errors(GROWTH.large));
      expect(project.components).toHaveLength(c.errors(GROWTH.large) === 0 ? 1 : 0);
    },
    60_000,
  );

  test("WHEN the DCAE schema finds duplicate items THEN it reports the same pair as Ajv's own check", () => {
    const equal = (a: unknown, b: unknown): boolean => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
    const ajvPair = (items: unknown[]): [number, number] | undefined => {
      for (let i = items.length - 1; i > 0; i--) for (let j = i - 1; j >= 0; j--) if (equal(items[i], items[j])) return [i, j];
      return undefined;
    };
    const pool: unknown[] = [
      { a: 1, b: [1, 2] },
      { b: [1, 2], a: 1 },
      { a: 1, b: [2, 1] },
      [1, 2],
      ['1', 2],
      0,
      -0,
      '0',
      null,
      true,
      'true',
      { a: { b: null } },
    ];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let t = 0; t < 300; t++) {
      const items = Array.from({ length: next() % 8 }, () => pool[next() % pool.length]);
      expect([t, lastDuplicate(items)]).toEqual([t, ajvPair(items)]);
    }
  });
});

describe('GIVEN a refused file in a components folder WHEN the CLI runs THEN the output folder is left exactly as it was', () => {
  test.each<[string, Buffer]>([
    ['a file that is not UTF-8', Buffer.concat([Buffer.from(`${HEAD}env:\n  CITY: M`), Buffer.from([0xfc]), Buffer.from('nchen\n')])],
    ['a file nested too deep', Buffer.from(`${HEAD}labels: ${'['.repeat(5000)}${']'.repeat(5000)}\n`)],
    ['a file too large', Buffer.from(`${HEAD}env:\n  A: "${'x'.repeat(MAX_FILE_BYTES)}"\n`)],
  ])('(%s)', async (_title, bytes) => {
    const dir = tmpdir('dcae-parse-cli-');
    try {
      fs.mkdirSync(path.join(dir, 'components'));
      fs.writeFileSync(path.join(dir, 'components', 'c.yaml'), `${HEAD}ports: ["8080:0"]\n`);
      const io = { out: (_: string) => undefined, err: (_: string) => undefined };
      expect(await main(['--components', 'components', '--out', 'out', '--quiet'], io, { cwd: dir })).toBe(0);
      const before = snapshotFolder(path.join(dir, 'out'));
      fs.writeFileSync(path.join(dir, 'components', 'c.yaml'), bytes);
      const err: string[] = [];
      expect(
        await main(
          ['--components', 'components', '--out', 'out', '--quiet'],
          { out: () => undefined, err: (l) => err.push(l) },
          { cwd: dir },
        ),
      ).toBe(1);
      expect(err).toHaveLength(2);
      expect(err[0]).toMatch(/^components\/c\.yaml[:\d]*: /);
      expect(snapshotFolder(path.join(dir, 'out'))).toEqual(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return typeof v === 'number' && Object.is(v, -0) ? 0 : v;
}
