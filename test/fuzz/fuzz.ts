/**
 * A fuzzer of the input side: random mutations of the repository's component specs and DCAE specs
 * (truncation, byte flips, type swaps, deep nesting, huge values, random Unicode, duplicate keys, many keys,
 * stray punctuation, aliases, references between files), each compiled in memory with {@link compile}.
 * Every case must end in output or diagnostics, never an exception; no message may carry a stack trace or
 * run longer than {@link MAX_LINE}; no case may take longer than {@link MAX_CASE_MS}.
 *
 * Deterministic: case `n` of seed `s` is the same everywhere (its own PRNG, seeded from both). Used by
 * test/input/fuzz.test.ts (a few hundred cases) and `npm run fuzz -- --cases N --seed S` (test/fuzz/run.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { isMap, isSeq, parseDocument, stringify } from 'yaml';
import { compile } from '../../src/compile';
import { Diagnostic, formatDiagnostic } from '../../src/input/diagnostics';
import { InputFile } from '../../src/input/project';

/** The longest line a message may have: file and position, a key path (at most about 210), and one message. */
export const MAX_LINE = 700;
/** The longest a case may take (the largest inputs are 1 MiB). */
export const MAX_CASE_MS = 5000;
/** Text that only a crash would put in a message. */
const CRASH_TEXT =
  /\bat .*:\d+:\d+\)?$|^\s*at |\b(Range|Type|Reference|Syntax)Error\b|Maximum call stack|\[object Object\]|\bundefined\b|\bNaN\b/m;

/** The project root: the nearest folder above with a package.json (from test/fuzz, or from build/test/fuzz). */
const ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && dir !== path.dirname(dir)) dir = path.dirname(dir);
  return dir;
})();
/** Where the fuzzer's seeds are, from the project root. */
export const SEED_FOLDERS = ['components', 'test/fixtures/dcae'];

/** A small, self-contained PRNG (mulberry32): the same numbers on every platform. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  public next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  public int(n: number): number {
    return Math.floor(this.next() * n);
  }

  public pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }

  public chance(p: number): boolean {
    return this.next() < p;
  }
}

/** The seed of case `n` of a run seeded with `seed`. */
export function caseSeed(seed: number, n: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (n + 0x85ebca6b), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** A file the fuzzer starts from. */
export interface SeedFile {
  readonly name: string;
  readonly text: string;
}

/** The seeds: every component spec of components/, every DCAE spec of the fixtures, and each DCAE spec with its host ports at 0 (so that it compiles). */
export function loadSeeds(root = ROOT): { specs: SeedFile[]; platform: SeedFile } {
  const specs: SeedFile[] = [];
  let platform: SeedFile | undefined;
  for (const folder of SEED_FOLDERS) {
    for (const name of fs.readdirSync(path.join(root, folder)).sort()) {
      if (!/\.(ya?ml|json)$/.test(name)) continue;
      const text = fs.readFileSync(path.join(root, folder, name), 'utf8');
      if (name === 'platform.yaml') platform = { name: `components/${name}`, text };
      else specs.push({ name: `components/${name}`, text });
      if (name.endsWith('.json')) {
        specs.push({ name: `components/zero-${name}`, text: text.replace(/"([0-9]+(\/(tcp|udp))?):[0-9]+"/g, '"$1:0"') });
      }
    }
  }
  return { specs, platform: platform as SeedFile };
}

/** One fuzz case: the files compiled, and what was done to them. */
export interface FuzzCase {
  readonly id: number;
  readonly seed: number;
  readonly steps: string[];
  readonly components: InputFile[];
  readonly platform?: InputFile;
}

type Contents = string | Uint8Array;
type Mutation = (r: Random, name: string, contents: Contents) => Contents;

const isJson = (name: string) => name.endsWith('.json');
const asText = (c: Contents): string => (typeof c === 'string' ? c : Buffer.from(c).toString('latin1'));
const asBytes = (c: Contents): Uint8Array => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c);

/** YAML and JSON punctuation, and characters that start YAML's special syntax. */
const PUNCTUATION = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  "'",
  '#',
  '&',
  '*',
  '!',
  '|',
  '>',
  '-',
  '?',
  '%',
  '@',
  '`',
  '\\',
  '\n',
  '\t',
  ' ',
  '---',
  '...',
  '<<',
  ': ',
  '- ',
  '\r\n',
];

/** Code points that parsers trip on: controls, BOM, line and paragraph separators, marks, astral, noncharacters. */
const UNICODE = [
  0x0, 0x7, 0x8, 0x9, 0xb, 0xc, 0xd, 0x1b, 0x7f, 0x85, 0xa0, 0xad, 0xfeff, 0x2028, 0x2029, 0x200b, 0x200e, 0x202e, 0xfffd, 0xffff, 0xfffe,
  0x1f600, 0x10ffff, 0xe9, 0x4e2d, 0x0301,
];

function randomString(r: Random, length: number): string {
  const alphabets = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'ABC-_./:', ' \t', 'é中😀', '"\'\\{}[]'];
  const alphabet = [...alphabets.slice(0, 1 + r.int(alphabets.length)).join('')];
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[r.int(alphabet.length)];
  return s;
}

/** A value of a random type (never the type it replaces, most of the time). */
function randomValue(r: Random): unknown {
  switch (r.int(10)) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.int(100000) - 50000;
    case 3:
      return r.pick([0.5, -1e21, 1e308, 2147483648, 65536, -0, 4294967296, 0.1]);
    case 4:
      return randomString(r, r.int(30));
    case 5:
      return [];
    case 6:
      return {};
    case 7:
      return [randomString(r, 5), r.int(100)];
    case 8:
      return { [randomString(r, 6)]: randomString(r, 6) };
    default:
      return r.pick(['8080:0', '8080:30080', '80/udp:0', 'true', '1.10', '', ' ', 'http', 'docker', '/path', 'a'.repeat(64)]);
  }
}

/** Paths to every value of a parsed document. */
function paths(
  value: unknown,
  prefix: Array<string | number> = [],
  out: Array<Array<string | number>> = [],
): Array<Array<string | number>> {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function setAt(root: unknown, at: ReadonlyArray<string | number>, value: unknown): unknown {
  if (at.length === 0) return value;
  let node = root as Record<string | number, unknown>;
  for (const part of at.slice(0, -1)) node = node[part] as Record<string | number, unknown>;
  node[at[at.length - 1]] = value;
  return root;
}

function parse(name: string, text: string): unknown {
  if (isJson(name)) return JSON.parse(text);
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error('not YAML');
  return doc.toJS();
}

function write(name: string, value: unknown): string {
  return isJson(name) ? `${JSON.stringify(value, null, 2)}\n` : stringify(value);
}

/** Inserts text at a random offset (or at the end of a random line). */
function insert(r: Random, text: string, piece: string): string {
  const at = r.chance(0.5) ? r.int(text.length + 1) : Math.max(0, text.indexOf('\n', r.int(text.length)));
  return text.slice(0, at) + piece + text.slice(at);
}

/** A top-level key added to a spec (JSON or YAML), as text. */
function addTopKey(name: string, text: string, key: string, valueText: string): string {
  if (isJson(name)) {
    const brace = text.indexOf('{');
    return brace < 0 ? text : `${text.slice(0, brace + 1)}"${key}": ${valueText},${text.slice(brace + 1)}`;
  }
  return `${text}${text.endsWith('\n') ? '' : '\n'}${key}: ${valueText}\n`;
}

const MUTATIONS: Record<string, Mutation> = {
  truncate: (r, _n, c) => {
    const b = asBytes(c);
    return b.subarray(0, r.int(b.length + 1));
  },
  flipBytes: (r, _n, c) => {
    const b = Buffer.from(asBytes(c));
    for (let i = 1 + r.int(8); i > 0 && b.length > 0; i--) b[r.int(b.length)] ^= 1 << r.int(8);
    return b;
  },
  randomBytes: (r, _n, c) => {
    const b = Buffer.from(asBytes(c));
    for (let i = 1 + r.int(4); i > 0 && b.length > 0; i--) b[r.int(b.length)] = r.int(256);
    return b;
  },
  punctuation: (r, _n, c) => {
    let t = asText(c);
    for (let i = 1 + r.int(6); i > 0; i--) t = insert(r, t, r.pick(PUNCTUATION));
    return t;
  },
  unicode: (r, _n, c) => {
    let t = typeof c === 'string' ? c : Buffer.from(c).toString('utf8');
    for (let i = 1 + r.int(6); i > 0; i--) t = insert(r, t, String.fromCodePoint(r.pick(UNICODE)));
    // Lone surrogates can only reach the compiler as text.
    if (r.chance(0.2)) t = insert(r, t, r.chance(0.5) ? '\ud800' : '\udfff');
    return t;
  },
  deleteLines: (r, _n, c) => {
    const lines = asText(c).split('\n');
    for (let i = 1 + r.int(4); i > 0 && lines.length > 1; i--) lines.splice(r.int(lines.length), 1);
    return lines.join('\n');
  },
  duplicateLines: (r, _n, c) => {
    const lines = asText(c).split('\n');
    for (let i = 1 + r.int(3); i > 0; i--) {
      const at = r.int(lines.length);
      lines.splice(at, 0, lines[at]);
    }
    return lines.join('\n');
  },
  typeSwap: (r, name, c) => {
    try {
      const value = parse(name, asText(c));
      for (let i = 1 + r.int(3); i > 0; i--) setAt(value, r.pick(paths(value)), randomValue(r));
      return write(name, value);
    } catch {
      return c;
    }
  },
  deleteKey: (r, name, c) => {
    try {
      const value = parse(name, asText(c));
      const at = r.pick(paths(value).filter((p) => p.length > 0));
      if (!at) return c;
      let node = value as Record<string | number, unknown>;
      for (const part of at.slice(0, -1)) node = node[part] as Record<string | number, unknown>;
      if (Array.isArray(node)) node.splice(at[at.length - 1] as number, 1);
      else delete node[at[at.length - 1]];
      return write(name, value);
    } catch {
      return c;
    }
  },
  duplicateKey: (r, name, c) => {
    // A key written twice in one mapping, wherever it is.
    const text = asText(c);
    if (isJson(name)) {
      const keys = [...text.matchAll(/"[^"\n]*"\s*:/g)];
      if (keys.length === 0) return c;
      const k = r.pick(keys);
      return `${text.slice(0, k.index)}${k[0]} null, ${text.slice(k.index)}`;
    }
    try {
      const doc = parseDocument(text);
      const maps: any[] = [];
      const walk = (n: any) => {
        if (isMap(n)) {
          maps.push(n);
          n.items.forEach((p: any) => walk(p.value));
        } else if (isSeq(n)) n.items.forEach(walk);
      };
      walk(doc.contents);
      const map = r.pick(maps.filter((m) => m.items.length > 0));
      if (!map) return c;
      map.items.push(map.items[r.int(map.items.length)].clone());
      return doc.toString();
    } catch {
      return c;
    }
  },
  deepNesting: (r, name, c) => {
    const depth = r.pick([50, 98, 99, 100, 101, 150, 1000, 20000, 200000]);
    const kind = r.int(3);
    const text = asText(c);
    if (isJson(name)) {
      const open = kind === 0 ? '[' : '{"k": ';
      const close = kind === 0 ? ']' : '}';
      return addTopKey(name, text, 'zz_deep', `${open.repeat(depth)}1${close.repeat(depth)}`);
    }
    if (kind === 0) return addTopKey(name, text, 'zz_deep', `${'['.repeat(depth)}${']'.repeat(depth)}`);
    if (kind === 1) return addTopKey(name, text, 'zz_deep', `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`);
    return addTopKey(name, text, 'zz_deep', `\n  ${'- '.repeat(depth)}x`);
  },
  hugeValue: (r, name, c) => {
    const length = r.pick([1000, 100000, 600000, 1100000]);
    const value = randomString(r, Math.min(length, 2000))
      .repeat(Math.ceil(length / 2000))
      .slice(0, length);
    const key = r.pick(['zz_huge', 'name', 'image', 'env', 'self']);
    return addTopKey(name, asText(c), key, JSON.stringify(value));
  },
  hugeKey: (r, name, c) => addTopKey(name, asText(c), 'k'.repeat(r.pick([100, 1023, 1025, 5000])), '1'),
  manyKeys: (r, name, c) => {
    const n = r.pick([100, 1000, 5000, 20000]);
    const entries = Array.from({ length: n }, (_, i) => `"K${i % r.pick([n, n / 2, 7])}": ${r.chance(0.5) ? i : `"v${i}"`}`);
    return addTopKey(name, asText(c), r.pick(['env', 'labels', 'zz_many']), `{${entries.join(', ')}}`);
  },
  manyItems: (r, name, c) => {
    const n = r.pick([100, 1000, 5000]);
    const item = r.pick(['"8080:0"', '"8080:30080"', '1', '{"a": 1}', '"x"']);
    return addTopKey(name, asText(c), r.pick(['ports', 'volumes', 'parameters', 'zz_many']), `[${Array(n).fill(item).join(', ')}]`);
  },
  specialKeys: (r, name, c) => {
    // Keys that name a JavaScript object's own machinery, or that YAML reads as null or as a merge.
    const key = r.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'null', '~', '<<', 'true', '1']);
    const value = r.pick(['{"name": "evil", "image": "x"}', '"x"', '1', '{"A": "b"}', 'null']);
    const where = r.pick(['', 'env', 'labels', 'tls_info', 'self', 'auxilary']);
    const text = asText(c);
    if (where === '') return addTopKey(name, text, JSON.stringify(key), value);
    const at = text.indexOf(isJson(name) ? `"${where}": {` : `${where}:\n`);
    if (at < 0) return addTopKey(name, text, where, `{${JSON.stringify(key)}: ${value}}`);
    const after = text.indexOf(isJson(name) ? '{' : '\n', at) + 1;
    const indent = isJson(name) ? '' : `${/^( *)/.exec(text.slice(after))?.[1] || '  '}`;
    return `${text.slice(0, after)}${indent}${JSON.stringify(key)}: ${value}${isJson(name) ? ',' : '\n'}${text.slice(after)}`;
  },
  longNumbers: (r, _n, c) => {
    // A run of digits made very long, or given leading zeros: ports, intervals, replicas, versions.
    const t = asText(c);
    const runs = [...t.matchAll(/[0-9]+/g)];
    if (runs.length === 0) return c;
    const m = r.pick(runs);
    const longer = r.chance(0.5) ? '0'.repeat(r.pick([5, 500, 5000])) + m[0] : m[0] + '9'.repeat(r.pick([5, 30, 400]));
    return t.slice(0, m.index) + longer + t.slice((m.index as number) + m[0].length);
  },
  aliases: (r, name, c) => {
    if (isJson(name)) return c;
    const pieces = [
      'zz_a: &a [x, y]\nzz_b: [*a, *a, *a]',
      'zz_b: *nowhere',
      'zz_a: &a {k: v}\nzz_b: {<<: *a}',
      'zz_a: &a [1]\nzz_b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nzz_c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'zz_a: &a a\nzz_a2: &a b\nzz_b: *a',
      'zz_t: !!binary aGVsbG8=',
      'zz_t: !custom {a: 1}',
      'zz_t: !!set {a, b}',
      '%YAML 1.1\n---\nname: x',
      '---\nname: second',
    ];
    const t = asText(c);
    return `${t}${t.endsWith('\n') ? '' : '\n'}${r.pick(pieces)}\n`;
  },
};

const NAMES = Object.keys(MUTATIONS);

/** Case `id` of a run seeded with `seed`: a seed spec mutated 1-3 times, with up to two other specs beside it, and sometimes a mutated platform file or a dcae_spec reference. */
export function makeCase(seed: number, id: number, seeds = loadSeeds()): FuzzCase {
  const r = new Random(caseSeed(seed, id));
  const base = r.pick(seeds.specs);
  let contents: Contents = base.text;
  const steps: string[] = [base.name];
  for (let i = 1 + r.int(3); i > 0; i--) {
    const m = r.pick(NAMES);
    steps.push(m);
    contents = MUTATIONS[m](r, base.name, contents);
  }
  const file = (name: string, c: Contents): InputFile =>
    typeof c === 'string' && r.chance(0.3) ? { name, text: c } : { name, bytes: asBytes(c) };
  const components: InputFile[] = [file(base.name, contents)];
  for (let i = r.int(3); i > 0; i--) {
    const other = r.pick(seeds.specs);
    if (!components.some((f) => f.name === other.name)) components.push({ name: other.name, text: other.text });
  }
  if (isJson(base.name) && r.chance(0.3)) {
    // A YAML spec that starts from the mutated DCAE spec, and overrides a key.
    const override = r.pick([
      '',
      'name: over\n',
      'ports: ["8080:0"]\n',
      'env: {A: "1"}\n',
      'image: repo/x:1\nreplicas: 2\n',
      'dcae_spec: missing.json\n',
    ]);
    components.push({ name: 'components/zz-override.yaml', text: `dcae_spec: ${path.posix.basename(base.name)}\n${override}` });
    steps.push('override');
  }
  let platform: InputFile | undefined;
  if (r.chance(0.15)) {
    const m = r.pick(NAMES);
    steps.push(`platform:${m}`);
    platform = file(seeds.platform.name, MUTATIONS[m](r, seeds.platform.name, seeds.platform.text));
  }
  return { id, seed, steps, components, platform };
}

/** What went wrong in one case. */
export interface Finding {
  readonly id: number;
  readonly steps: string;
  readonly problem: string;
}

/** The result of one case: what went wrong (nothing, if all is well), how long it took, and its messages. */
export interface CaseResult {
  readonly findings: Finding[];
  readonly ms: number;
  readonly lines: string[];
  readonly compiled: boolean;
}

/** Compiles one case and checks it. */
export function runCase(c: FuzzCase): CaseResult {
  const findings: Finding[] = [];
  const found = (problem: string) => findings.push({ id: c.id, steps: c.steps.join(' + '), problem });
  const t0 = process.hrtime.bigint();
  let diagnostics: readonly Diagnostic[] = [];
  let compiled = false;
  try {
    const result = compile({ components: c.components, platform: c.platform });
    diagnostics = [...result.diagnostics, ...result.warnings];
    compiled = result.diagnostics.length === 0 && result.invalid.length === 0;
    if (result.invalid.length > 0) found(`objects break the Kubernetes schema: ${result.invalid[0].slice(0, 300)}`);
  } catch (e) {
    found(`compile() threw: ${e instanceof Error ? e.stack?.split('\n').slice(0, 6).join(' | ') : String(e)}`);
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (ms > MAX_CASE_MS) found(`took ${ms.toFixed(0)} ms (limit ${MAX_CASE_MS} ms)`);
  const lines = diagnostics.map(formatDiagnostic);
  for (const line of lines) {
    if (line.includes('\n') || line.includes('\r')) found(`a message of several lines: ${JSON.stringify(line.slice(0, 300))}`);
    if (line.length > MAX_LINE) found(`a line of ${line.length} characters (limit ${MAX_LINE}): ${JSON.stringify(line.slice(0, 300))}...`);
    if (CRASH_TEXT.test(line)) found(`crash text in a message: ${JSON.stringify(line.slice(0, 300))}`);
  }
  for (const d of diagnostics) {
    if (!(d.line >= 0 && d.column >= 0 && Number.isInteger(d.line) && Number.isInteger(d.column)))
      found(`a position that is not a line and column: ${formatDiagnostic(d).slice(0, 300)}`);
  }
  return { findings, ms, lines, compiled };
}
