import * as fs from 'fs';
import * as path from 'path';
import { readSimpleYaml } from '../../src/input/simple-yaml';
import { SourceFile } from '../../src/input/source';
import { prng } from '../bench/fleet';
import { ROOT } from '../helpers';

/** A value as text that tells apart what JSON does not: key order, -0, NaN and the infinities, and non-plain objects. */
function exact(v: unknown): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(exact).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    if (Object.getPrototypeOf(v) !== Object.prototype) return `<${Object.getPrototypeOf(v)?.constructor?.name}>`;
    return `{${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}:${exact((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return String(v);
}

/** Every key path of a value (the root's too), and for each a path one part longer and a path with a missing part. */
function pathsOf(v: unknown, at: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(at, [...at, 'missing'], [...at, 0], [...at, 99]);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
  return out;
}

/**
 * Reads a text both ways. When the simple reader takes it, the library must read it without a diagnostic, to the
 * same value, and a SourceFile made each way must give the same raw scalar and the same line and column (of the
 * value and of the key) at every path. Returns whether the simple reader took it.
 */
function readsLikeTheLibrary(text: string): boolean {
  const simple = readSimpleYaml(text);
  if (!simple) return false;
  const library = SourceFile.parse('f.yaml', text, { simple: false });
  if (library.diagnostics.length > 0 || !library.source) throw new Error(`the simple reader took a file the library refuses:\n${text}`);
  if (exact(simple.value) !== exact(library.source.value))
    throw new Error(`read differently:\n${text}\nsimple:  ${exact(simple.value)}\nlibrary: ${exact(library.source.value)}`);
  const fast = SourceFile.parse('f.yaml', text).source!;
  for (const p of pathsOf(library.source.value)) {
    const [a, b] = [fast.rawScalar(p), library.source.rawScalar(p)];
    if (a !== b) throw new Error(`rawScalar(${JSON.stringify(p)}) is ${JSON.stringify(a)}, the library's ${JSON.stringify(b)}:\n${text}`);
    for (const target of ['value', 'key'] as const)
      expect([p, target, fast.locate(p, target)]).toEqual([p, target, library.source.locate(p, target)]);
  }
  return true;
}

describe('GIVEN the simple YAML reader', () => {
  test.each([
    ['a map of plain scalars', 'name: comp\nimage: repo/comp:1.0\nreplicas: 3\n', { name: 'comp', image: 'repo/comp:1.0', replicas: 3 }],
    [
      "the YAML 1.2 core schema's scalars, resolved by the library's own tags",
      'a: 0x1F\nb: 0o17\nc: 1.50\nd: .inf\ne: -.Inf\nf: .NaN\ng: yes\nh: True\ni: ~\nj: 1e3\nk: 2001-12-14\nl: 1_000\nm: -0\n',
      { a: 31, b: 15, c: 1.5, d: Infinity, e: -Infinity, f: NaN, g: 'yes', h: true, i: null, j: 1000, k: '2001-12-14', l: '1_000', m: -0 },
    ],
    [
      "nested maps and lists, a list at its key's indent, a map that starts on an item's line, comments, blank lines",
      '# top\nenv:\n  A: "1"   # a comment\n\n  B: \'it\'\'s\'\nports:\n- "80:80"\n-   name: x\n    port: 1\nempty:\nlast: end # c\n',
      { env: { A: '1', B: "it's" }, ports: ['80:80', { name: 'x', port: 1 }], empty: null, last: 'end' },
    ],
    [
      'one-line flow collections',
      'resources:\n  limits: {cpu: "1", memory: 1Gi}\nlist: [a, "b c", [1, 2], {}]\nurl: {u: http://x:80/y}\n',
      { resources: { limits: { cpu: '1', memory: '1Gi' } }, list: ['a', 'b c', [1, 2], {}], url: { u: 'http://x:80/y' } },
    ],
    [
      'plain scalars with ":", "#" and quotes inside',
      'a: b:c\nb: x#y\nc: it\'s "so"\nd: -5\n',
      { a: 'b:c', b: 'x#y', c: 'it\'s "so"', d: -5 },
    ],
  ])("WHEN it reads %s THEN the value is the yaml library's", (_what, text, expected) => {
    expect(exact(readSimpleYaml(text)?.value)).toBe(exact(expected));
    expect(readsLikeTheLibrary(text)).toBe(true);
  });

  test.each([
    ['a tab', 'a:\tb\n'],
    ['a carriage return', 'a: b\r\n'],
    ['a byte order mark', '\ufeffa: b\n'],
    ['an astral character', 'a: 😀\n'],
    ['a document marker', '---\na: b\n'],
    ['a directive', '%YAML 1.2\n---\na: b\n'],
    ['an anchor and an alias', 'a: &x b\nc: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a block scalar', 'a: |\n  b\n'],
    ['a plain scalar over two lines', 'a: b\n  c\n'],
    ['a quoted scalar over two lines', 'a: "b\n  c"\n'],
    ['a flow collection over two lines', 'a: [b,\n  c]\n'],
    ['an escape in a double-quoted scalar', 'a: "b\\nc"\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a duplicate key in a flow mapping', 'a: {b: 1, b: 2}\n'],
    ['a key that is a number', '1: a\n'],
    ['a key that is null', 'null: a\n'],
    ['a key "__proto__"', '__proto__: a\n'],
    ['a merge key', '<<: a\n'],
    ['a key with a space before its ":"', 'a : b\n'],
    ['an explicit key', '? a\n: b\n'],
    ['a list at the top', '- a\n'],
    ['a scalar at the top', 'a\n'],
    ['an empty file', ''],
    ['only a comment', '# nothing\n'],
    ['an indented top', '  a: b\n'],
    ['a value with ": "', 'a: b: c\n'],
    ['a list in a list', 'a:\n- - b\n'],
    ['an item whose value is on the next line', 'a:\n-\n  b: c\n'],
    ['a value on the line after its key', 'a:\n  b\n'],
    ['a line indented between two levels', 'a:\n    b: 1\n  c: 2\n'],
    ['a pair in a flow list', 'a: [b: c]\n'],
    ['a trailing comma in a flow collection', 'a: [b, c,]\n'],
    ['a comment in a flow collection', 'a: [b #c\n  ]\n'],
    ['an empty value in a flow mapping', 'a: {b: }\n'],
    ['a value that starts with an indicator', 'a: @b\n'],
    ['text after a quoted scalar', 'a: "b" c\n'],
    ['a no-break space at the end of a plain scalar', 'a: b\u00a0\n'],
    ['an ideographic space in a flow list', 'a: [\u3000]\n'],
    ['nesting deeper than 50 levels', `${Array.from({ length: 52 }, (_, i) => `${' '.repeat(i * 2)}k:`).join('\n')} v\n`],
  ])('WHEN a file has %s THEN it declines it (the library reads it)', (_what, text) => {
    expect(readSimpleYaml(text)).toBeUndefined();
  });

  test('WHEN a file it declines is parsed by SourceFile THEN the library reads it as before: the same value, errors and warnings', () => {
    for (const text of ['a: &x b\nc: *x\n', 'a: 1\na: 2\n', 'a: [b,\n  c]\n', 'a: b: c\n']) {
      const withReader = SourceFile.parse('f.yaml', text);
      const without = SourceFile.parse('f.yaml', text, { simple: false });
      expect(withReader.diagnostics).toEqual(without.diagnostics);
      expect(exact(withReader.source?.value)).toBe(exact(without.source?.value));
    }
  });

  test("WHEN a file's value is changed after it was read (a mapping replaced) THEN rawScalar and locate ask the library, and still answer as it does", () => {
    const text = 'a:\n  b: 1.10\nc: x\n';
    const changed = SourceFile.parse('f.yaml', text).source!;
    const value = changed.value as { a: object };
    value.a = { ...value.a };
    const library = SourceFile.parse('f.yaml', text, { simple: false }).source!;
    expect(changed.locate(['a', 'b'])).toEqual(library.locate(['a', 'b']));
    expect(changed.locate(['a', 'b'])).toEqual({ line: 2, column: 6 });
    expect(changed.rawScalar(['a', 'b'])).toBe('1.10');
  });

  test('WHEN it reads the example components and platform file THEN it takes every one, as the library reads it', () => {
    const files = fs.readdirSync(path.join(ROOT, 'components')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) expect([f, readsLikeTheLibrary(fs.readFileSync(path.join(ROOT, 'components', f), 'utf8'))]).toEqual([f, true]);
  });

  test('WHEN it reads every YAML file of the golden cases THEN each it takes reads as the library reads it, and it takes most', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(e.name) && !e.name.endsWith('.k8s.yaml')) files.push(p);
      }
    };
    walk(path.join(ROOT, 'test', 'golden', 'cases'));
    expect(files.length).toBeGreaterThan(50);
    const taken = files.filter((f) => readsLikeTheLibrary(fs.readFileSync(f, 'utf8')));
    expect(taken.length).toBeGreaterThan(files.length / 2);
  });
});

/** Keys, scalars and flow collections that are hard on a reader: look-alikes of numbers, booleans and null, indicators, quotes. */
const KEYS = [
  'name',
  'a',
  'a b',
  'x-y',
  'x_y',
  'URL',
  'é',
  'a:b',
  'a#b',
  '-a',
  '?a',
  ':a',
  'constructor',
  'toString',
  '"q k"',
  "'s k'",
  '"1"',
  "'true'",
];
const ODD_KEYS = ['1', '0x1', 'true', 'null', '~', 'yes', '__proto__', '<<', '[a]', 'a,b', 'a ', 'a:', '"a\\"b"', '-', '? a', '', '"', "'"];
const SCALARS = [
  ...[
    '1',
    '-1',
    '+1',
    '01',
    '0o17',
    '0o8',
    '0x1F',
    '0x1g',
    '1.5',
    '1.50',
    '.5',
    '0.',
    '1e3',
    '1E-3',
    '1e',
    'e1',
    '1e400',
    '-0',
    '+0',
    '-0.0',
  ],
  ...[
    '.inf',
    '-.Inf',
    '+.INF',
    '.NaN',
    '.nan',
    'NaN',
    'true',
    'True',
    'TRUE',
    'tRue',
    'yes',
    'no',
    'on',
    'off',
    'null',
    'Null',
    'NULL',
    '~',
  ],
  ...['1_000', '2001-12-14', '12:30', '1:20:30', '9007199254740993', '0b1', 'a b', 'a  b', 'a#b', 'a #b', 'a: b', 'a:', ':a', '-', '- a'],
  ...[
    '-a',
    '?',
    '? a',
    '?a',
    '@a',
    '`a',
    '%a',
    '!a',
    '&a',
    '*a',
    '|',
    '>',
    'a|b',
    "it's",
    'x"y',
    'http://x:80/y',
    '---',
    '...',
    '--- a',
    'Ω',
  ],
  ...['b\u00a0', '\u00a0', 'x\u3000', '\u2003b', 'a\u00a0b', '\u200bz'],
  ...['"quoted"', '""', "''", "'single'", "'it''s'", "'a''", '"with \\"esc"', '"a\\nb"', '"a # b"', "'a: b'", '"a" b', "'x' #c"],
  ...['[a, b]', '[]', '{}', '[ ]', '{a: 1, b: [x, y]}', '[a, [b, c]]', '{a: 1,}', '[a,,b]', '[a: b]', '{a}', '{a: }', '[-, a]', '[a #c]'],
  ...['["a", \'b\']', '{"a": 1}', '{"a":1}', '{a:1}', '[a:b]', '{url: http://x}', '[1, .5, ~, true]', '[a] b', '{a: [1, {b: c}]}'],
];

/** The scalars that are a value the reader takes alone (the library is still the judge of each file). */
const TAKEN_SCALARS = SCALARS.filter((s) => readSimpleYaml(`a: ${s}\n`) !== undefined);

/**
 * A random document: maps and lists of those, with comments, blank lines, odd indents and the odd mistake. Half
 * the documents take their scalars from all of them, half from those the reader takes alone.
 */
function generate(random: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const scalars = random() < 0.5 ? SCALARS : TAKEN_SCALARS;
  const lines: string[] = [];
  const key = () => (random() < 0.06 ? pick(ODD_KEYS) : pick(KEYS));
  const comment = (indent: number) => {
    if (random() < 0.08) lines.push(`${' '.repeat(random() < 0.5 ? indent : 0)}# ${pick(SCALARS)}`);
    if (random() < 0.05) lines.push(random() < 0.5 ? '' : '   ');
  };
  const trailing = () => (random() < 0.1 ? ` # ${pick(SCALARS)}` : random() < 0.05 ? '  ' : '');
  const step = () => (random() < 0.8 ? 2 : random() < 0.5 ? 4 : 1);
  const map = (indent: number, depth: number, first?: string) => {
    const n = 1 + Math.floor(random() * 4);
    const used: string[] = [];
    for (let i = 0; i < n; i++) {
      comment(indent);
      let k = key();
      if (used.includes(k) && random() < 0.8) k = `${k}${i}`;
      used.push(k);
      const lead = i === 0 && first !== undefined ? first : ' '.repeat(indent + (random() < 0.02 ? 1 : 0));
      const r = random();
      if (depth < 4 && r < 0.25) {
        lines.push(`${lead}${k}:${trailing()}`);
        map(indent + step(), depth + 1);
      } else if (depth < 4 && r < 0.4) {
        lines.push(`${lead}${k}:${trailing()}`);
        list(random() < 0.4 ? indent : indent + step(), depth + 1);
      } else if (r < 0.45) {
        lines.push(`${lead}${k}:${trailing()}`);
      } else {
        lines.push(`${lead}${k}: ${pick(scalars)}${trailing()}`);
        if (random() < 0.02) lines.push(`${' '.repeat(indent + 2)}${pick(scalars)}`);
      }
    }
  };
  const list = (indent: number, depth: number) => {
    const n = 1 + Math.floor(random() * 3);
    for (let i = 0; i < n; i++) {
      comment(indent);
      const dash = `${' '.repeat(indent)}-${random() < 0.8 ? ' ' : '   '}`;
      if (depth < 4 && random() < 0.35) map(dash.length, depth + 1, dash);
      else lines.push(`${dash}${pick(scalars)}${trailing()}`);
    }
  };
  map(0, 0);
  return `${lines.join('\n')}${random() < 0.9 ? '\n' : ''}`;
}

describe('GIVEN thousands of generated YAML files', () => {
  const random = prng(20261205);
  const texts = Array.from({ length: 3000 }, () => generate(random));

  test('WHEN the simple reader takes one THEN the library reads it without a diagnostic, to the same value, raw scalars and places; it takes a good share and declines a good share', () => {
    const taken = texts.filter(readsLikeTheLibrary).length;
    expect(TAKEN_SCALARS.length).toBeGreaterThan(SCALARS.length / 3);
    expect(taken).toBeGreaterThan(texts.length / 4);
    expect(taken).toBeLessThan(texts.length * 0.9);
  });
});
