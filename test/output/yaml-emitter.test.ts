/**
 * The fast YAML writer (emitDocument) against the `yaml` library's (stringifyWithLibrary): byte for byte on every
 * manifest the repository holds (dist/, the golden cases, the DCAE expected files) and on thousands of generated
 * objects of tricky strings, keys and numbers; and what it writes reads back as the same value in YAML 1.1 and 1.2.
 * Where it does not handle a value (it says so with undefined), the library writes it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { emitDocument, stringifyWithLibrary, stringifyYaml } from '../../src/output/yaml';
import { prng } from '../bench/fleet';
import { ROOT } from '../helpers';

/** Every object of every YAML file under a folder. */
function objectsUnder(dir: string): unknown[] {
  const out: unknown[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...objectsUnder(p));
    else if (/\.ya?ml$/.test(e.name) && !e.name.startsWith('.'))
      for (const doc of parseAllDocuments(fs.readFileSync(p, 'utf8'))) {
        const o = doc.toJS();
        if (o !== null && typeof o === 'object') out.push(o);
      }
  }
  return out;
}

/**
 * How many of the objects the fast writer writes itself; each one it writes must be the library's bytes, and pass
 * `also`.
 */
function handledLikeTheLibrary(objects: readonly unknown[], also: (fast: string, o: unknown) => void = () => undefined): number {
  let handled = 0;
  for (const o of objects) {
    const fast = emitDocument(o);
    if (fast === undefined) continue;
    handled++;
    expect(fast).toBe(stringifyWithLibrary(o));
    also(fast, o);
  }
  return handled;
}

describe("GIVEN the repository's manifests", () => {
  const objects = ['dist', 'test/golden/cases', 'test/input/dcae/expected'].flatMap((d) => objectsUnder(path.join(ROOT, d)));

  test('WHEN each is written by both writers THEN the bytes are the same, and the fast writer handles most of them', () => {
    const handled = handledLikeTheLibrary(objects);
    expect(objects.length).toBeGreaterThan(100);
    expect(handled / objects.length).toBeGreaterThan(0.7);
  });
});

/** Pieces of generated strings: ordinary text, and every character and word that changes how YAML reads a scalar. */
const PIECES = [
  'a',
  'comp',
  'repo/x',
  'nexus3.onap.org:10001/onap/ves:1.2',
  'b c',
  '1',
  '0',
  '42',
  '1.5',
  '0o17',
  '0x1F',
  '1_000',
  '1:20',
  '1e3',
  '.5',
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  'n',
  'true',
  'null',
  '~',
  '<<',
  '=',
  '.inf',
  '.NaN',
  '2001-12-14',
  '2001-12-14 21:59:43.10 -5',
  ':',
  ': ',
  ' ',
  '  ',
  '-',
  '- ',
  '?',
  '? ',
  '#',
  ' #',
  '"',
  "'",
  '\\',
  '\n',
  '\t',
  '!',
  '&',
  '*',
  '%',
  '@',
  '`',
  '[',
  ']',
  '{',
  '}',
  ',',
  '|',
  '>',
  '---',
  '...',
  '/',
  '_',
  '.',
  '+',
  '$',
  '(',
  ')',
  '~x',
  'é',
  '☃',
  '\u0085',
  '\u00a0',
];

/** A generated object, K8s-like in shape: mappings and lists of strings, numbers, booleans and nulls. */
function generate(random: () => number, pieces: readonly string[], depth = 0): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const text = () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(pieces)).join('');
  const roll = random();
  if (depth < 4 && roll < 0.3) {
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(random() * 5); i > 0; i--)
      o[random() < 0.6 ? pick(['name', 'app.kubernetes.io/name', 'a_b', 'x-y', '1', 'on', 'key']) : text()] = generate(
        random,
        pieces,
        depth + 1,
      );
    return o;
  }
  if (depth < 4 && roll < 0.45) return Array.from({ length: Math.floor(random() * 4) }, () => generate(random, pieces, depth + 1));
  if (roll < 0.75) return text();
  if (roll < 0.85) return pick([0, 1, -1, 42, 8080, 2 ** 31 - 1, 2 ** 53 + 2, 1.5, -0, 1e21, 0.1]);
  if (roll < 0.95) return random() < 0.5;
  return null;
}

/** The pieces of strings the fast writer writes itself: words, numbers and look-alikes, `:`, spaces, `-`, `.`, `/`. */
const SIMPLE_PIECES = PIECES.filter((p) => /^[A-Za-z0-9:./ _~<=-]*$/.test(p));

describe.each([
  ['every kind of piece', PIECES, 20],
  ['the pieces of simple strings', SIMPLE_PIECES, 10],
])('GIVEN thousands of generated objects of %s', (_what, pieces, share) => {
  const random = prng(20261205);
  const objects = Array.from({ length: 4000 }, () => ({
    root: generate(random, pieces),
    list: [generate(random, pieces), { k: generate(random, pieces) }],
  }));

  test("WHEN the fast writer handles one THEN its bytes are the library's, and it reads back as the same value in YAML 1.1 and 1.2", () => {
    const handled = handledLikeTheLibrary(objects, (fast, o) => {
      expect(parse(fast, { version: '1.1' })).toEqual(o);
      expect(parse(fast, { version: '1.2' })).toEqual(o);
    });
    // Every kind of piece is hard on the fast writer on purpose; still, it must write a share itself.
    expect(handled).toBeGreaterThan(objects.length / share);
  });

  test("WHEN written by stringifyYaml THEN the result is the fast writer's where it handles the value, else the library's", () => {
    for (const o of objects.slice(0, 500)) expect(stringifyYaml(o)).toBe(emitDocument(o) ?? stringifyWithLibrary(o));
  });

  test('WHEN a value holds something the fast writer does not handle (a multi-line string with blanks at the ends of a line, tabs or several final line breaks, -0, a float with an exponent, a document marker, both quotes, a backslash, non-ASCII, a key that needs quotes) THEN it says so', () => {
    for (const v of [
      'a\n\n',
      ' a\nb',
      'a \nb',
      'a\tb\nc',
      'é\nb',
      '---\nb',
      -0,
      1e21,
      1e-7,
      '---x',
      '...x',
      `'a' "b"`,
      'a\\b',
      ': é',
      '@☃',
      [['nested']],
      { [''.padEnd(1025, 'k')]: 1 },
      { 'a: b': 1 },
      { '"k"': 1 },
    ])
      expect(emitDocument({ v })).toBeUndefined();
  });

  test('WHEN a value is a plain decimal, a one-line string that needs quotes or a multi-line string THEN the fast writer writes it, as the library does', () => {
    const cases: Array<[unknown, string]> = [
      [1.5, '1.5'],
      [-0.25, '-0.25'],
      ['- x', '"- x"'],
      ['-', '"-"'],
      ['a: b', '"a: b"'],
      ['x #y', '"x #y"'],
      [' a', '" a"'],
      ['a ', '"a "'],
      ['/certs/trust.pass:', '"/certs/trust.pass:"'],
      ['@x', '"@x"'],
      ['"q"', `'"q"'`],
      ['[{"port": "8443"}]', `'[{"port": "8443"}]'`],
      ["it's: x", `"it's: x"`],
      ['a\nb', '|-\n  a\n  b'],
      ['a\nb\n', '|\n  a\n  b'],
      ['yes\n', '|\n  yes'],
      ['a: 1\n\nb: [x]\n', '|\n  a: 1\n\n  b: [x]'],
    ];
    for (const [v, text] of cases) {
      expect(emitDocument({ v })).toBe(`v: ${text}\n`);
      expect(emitDocument({ v })).toBe(stringifyWithLibrary({ v }));
    }
  });
});
