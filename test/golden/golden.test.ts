/**
 * Golden-file tests: every folder under test/golden/cases holds a component.yaml (and maybe a platform.yaml)
 * and the expected.k8s.yaml that `npm run golden` made from the reference oracle plus the contract's
 * documented edits (see regenerate.ts and each CASE.md). The compiler must write exactly those bytes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { compileProject } from '../helpers';

const CASES_DIR = path.join(__dirname, 'cases');
const MIN_CASES = 12;

const cases = fs
  .readdirSync(CASES_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** Compiles one case folder in memory, as the CLI would compile a components folder holding its files. */
function compileCase(dir: string): { path: string; content: string } {
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  const r = compileProject({
    components: [{ name: 'component.yaml', text: read('component.yaml') }],
    platform: fs.existsSync(path.join(dir, 'platform.yaml')) ? { name: 'platform.yaml', text: read('platform.yaml') } : undefined,
  });
  if (r.errors.length > 0 || r.invalid.length > 0) throw new Error(`the case does not compile:\n${[...r.errors, ...r.invalid].join('\n')}`);
  if (r.manifests.length !== 1) throw new Error(`expected one manifest, got ${r.manifests.length}`);
  return { path: r.manifests[0].path, content: r.manifests[0].yaml };
}

/** A line diff (longest common subsequence), showing only changed lines with a little context. */
export function lineDiff(expected: string, actual: string, context = 3): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const ops: Array<{ op: ' ' | '-' | '+'; line: string; at: number }> = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ op: ' ', line: a[i++], at: j++ });
    else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ op: '-', line: a[i++], at: j });
    else ops.push({ op: '+', line: b[j], at: j++ });
  }
  const keep = ops.map(() => false);
  ops.forEach((o, k) => {
    if (o.op === ' ') return;
    for (let x = Math.max(0, k - context); x <= Math.min(ops.length - 1, k + context); x++) keep[x] = true;
  });
  const out: string[] = [];
  let skipped = false;
  ops.forEach((o, k) => {
    if (!keep[k]) {
      skipped = true;
      return;
    }
    if (skipped) out.push(`@@ near line ${o.at + 1} of the compiler's output @@`);
    skipped = false;
    out.push(`${o.op} ${o.line}`);
  });
  return out.join('\n');
}

describe('golden files', () => {
  test(`GIVEN the golden case folders WHEN they are listed THEN there are at least ${MIN_CASES}, each with component.yaml, expected.k8s.yaml and CASE.md`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(MIN_CASES);
    const missing = cases.flatMap((c) =>
      ['component.yaml', 'expected.k8s.yaml', 'CASE.md'].filter((f) => !fs.existsSync(path.join(CASES_DIR, c, f))).map((f) => `${c}/${f}`),
    );
    expect(missing).toEqual([]);
  });

  test.each(cases)(
    'GIVEN golden case %s WHEN its component.yaml is compiled THEN the manifest equals expected.k8s.yaml byte for byte',
    (name) => {
      const dir = path.join(CASES_DIR, name);
      const expected = fs.readFileSync(path.join(dir, 'expected.k8s.yaml'), 'utf8');
      const { content } = compileCase(dir);
      if (content !== expected) {
        throw new Error(
          `test/golden/cases/${name}: the compiler's manifest differs from expected.k8s.yaml ` +
            '(- expected, + compiler). If the expected file is wrong, fix regenerate.ts and run `npm run golden`; ' +
            'if the compiler is wrong, fix the compiler (docs/reference.md decides).\n' +
            lineDiff(expected, content),
        );
      }
    },
  );

  test.each(cases)('GIVEN golden case %s WHEN it is compiled THEN the manifest goes to <k8s_location>/<name>.k8s.yaml', (name) => {
    const dir = path.join(CASES_DIR, name);
    const spec = parse(fs.readFileSync(path.join(dir, 'component.yaml'), 'utf8')) as { name: string; k8s_location?: string };
    const expectedPath = `${spec.k8s_location ? `${spec.k8s_location}/` : ''}${spec.name}.k8s.yaml`;
    expect(compileCase(dir).path).toBe(expectedPath);
  });
});
