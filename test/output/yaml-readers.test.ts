import { prng } from '../bench/fleet';
/**
 * Output that every reader reads the same: a string in a compiled object is read back as that same string
 * by YAML 1.1 (the `yaml` library with version 1.1, as cdk8s reads), YAML 1.2 (the `yaml` library's core
 * schema) and Go (kubectl's sigs.k8s.io/yaml, the decoder kustomize, Helm, Argo CD and Flux share; the real
 * binary, offline). The rule is src/output/yaml.ts.
 */
import { Yaml } from 'cdk8s';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { AMBIGUOUS_STRINGS, isAmbiguous, stringifyYaml } from '../../src/output/yaml';
import { compile, ROOT, runMain, spec, tmpdir } from '../helpers';
import { k8sTools, readWithKubectl, runTool } from '../k8s-tools';

/** The objects of a YAML text as YAML 1.1 reads them (cdk8s's Yaml.load), as JSON. */
function read11(text: string): unknown[] {
  return parseAllDocuments(text, { version: '1.1' })
    .map((d) => d.toJSON())
    .filter((o) => o !== null);
}

/** The objects of a YAML text as YAML 1.2 (core schema) reads them, as JSON. */
function read12(text: string): unknown[] {
  return parseAllDocuments(text, { version: '1.2', schema: 'core' })
    .map((d) => d.toJSON())
    .filter((o) => o !== null);
}

/** How a plain (unquoted) scalar reads in YAML 1.1 and 1.2, as JSON. */
function plainReads(text: string): { v11: unknown; v12: unknown } {
  const doc = `v: ${text}\n`;
  return { v11: (read11(doc)[0] as any)?.v, v12: (read12(doc)[0] as any)?.v };
}

/** Strings that some reader takes for something else, and what (checked below against the readers themselves). */
const TRICKY = [
  // YAML 1.2 and Go integers that YAML 1.1 reads as strings: the cases cdk8s wrote unquoted.
  '0o17',
  '0O17',
  '-0o17',
  '0X1F',
  '-0X1F',
  '0B11',
  '0b11',
  '-0b11',
  '0_x1F',
  '1e1_0',
  '-_1',
  // YAML 1.1 and Go integers and floats.
  '0x1F',
  '+0x1F',
  '1_000',
  '0777',
  '09',
  '+1',
  '-1',
  '0',
  '12e03',
  '1e3',
  '1E+3',
  '1e-3',
  '.5',
  '.5e3',
  '.7_5',
  '+.5',
  '1.',
  '0.',
  '1_000.5',
  // Base 60 (YAML 1.1).
  '1:20',
  '-1:20',
  '190:20:30',
  '1:20.5',
  // Timestamps (YAML 1.1, Go).
  '2001-12-14',
  '2001-1-2',
  '2001-12-14t21:59:43.10-05:00',
  '2001-12-14 21:59:43.10 -5',
  '2001-12-14T21:59:43Z',
  '2002-12-14 21:59:43.10',
  // Infinity and not-a-number.
  '.inf',
  '-.Inf',
  '+.INF',
  '.NaN',
  '.nan',
  '.NAN',
  // Booleans (YAML 1.1, go-yaml v2) and null.
  'yes',
  'Yes',
  'YES',
  'No',
  'no',
  'NO',
  'ON',
  'on',
  'On',
  'off',
  'Off',
  'OFF',
  'y',
  'Y',
  'n',
  'N',
  'true',
  'True',
  'FALSE',
  '~',
  'null',
  'Null',
  'NULL',
  '',
  // YAML 1.1's merge and value keys.
  '<<',
  '=',
];

/** Strings every reader reads as themselves: they stay plain, as cdk8s writes them. */
const PLAIN = [
  '1.2.3',
  '0o8',
  '0x',
  'v1',
  '1.0.0-rc.1',
  'nULL',
  'yES',
  'tRUE',
  'inf',
  'nan',
  '+',
  '_1',
  'x1',
  '1a',
  'repo/comp:1.0',
  '8080:30479',
  '2001-12',
  'ENABLE',
];

describe('the rule: which strings are quoted', () => {
  test.each(TRICKY)('GIVEN the string %j WHEN checked THEN it is ambiguous (some reader reads it as something else)', (s) => {
    expect(isAmbiguous(s)).toBe(true);
  });

  test.each(PLAIN)('GIVEN the string %j WHEN checked THEN it is not ambiguous, and both YAML versions read it plain as itself', (s) => {
    expect(isAmbiguous(s)).toBe(false);
    expect(plainReads(s)).toEqual({ v11: s, v12: s });
  });

  test('GIVEN every string that YAML 1.1 or YAML 1.2 reads as something else when plain WHEN checked THEN the rule calls it ambiguous, or cdk8s quotes it for its syntax', () => {
    let checked = 0;
    for (const s of [...TRICKY, ...generatedStrings()]) {
      const { v11, v12 } = plainReads(s);
      if (v11 === s && v12 === s) continue;
      checked++;
      const quotedByCdk8s = Yaml.stringify({ v: s }) !== `v: ${s}\n`;
      expect([s, isAmbiguous(s) || quotedByCdk8s]).toEqual([s, true]);
    }
    expect(checked).toBeGreaterThan(300);
  });

  test("GIVEN every tricky, plain and generated string WHEN checked THEN isAmbiguous (one combined test) says what the list's entries say one by one", () => {
    const byEntry = (s: string) =>
      AMBIGUOUS_STRINGS.some((p) => (p.goDigits ? /^[-+0-9]/.test(s) && p.pattern.test(s.replace(/_/g, '')) : p.pattern.test(s)));
    for (const s of [...TRICKY, ...PLAIN, ...generatedStrings()]) expect([s, isAmbiguous(s)]).toEqual([s, byEntry(s)]);
  });

  test("GIVEN the rule's list WHEN read THEN every entry names what it is read as and by which readers", () => {
    expect(AMBIGUOUS_STRINGS.length).toBeGreaterThan(10);
    for (const p of AMBIGUOUS_STRINGS) {
      expect(p.readAs).not.toBe('');
      expect(p.readers).toMatch(/YAML 1\.1|YAML 1\.2|go-yaml/);
    }
  });

  test('GIVEN strings cdk8s wrote unquoted (0o17, 0X1F, 0B11, 1e1_0, <<, =) WHEN written THEN they are double-quoted, like the strings cdk8s already quoted', () => {
    expect(stringifyYaml({ a: '0o17', b: '0X1F', c: '0B11', d: '1e1_0', e: '<<', f: '=', g: 'yes', h: '1.2.3' })).toBe(
      'a: "0o17"\nb: "0X1F"\nc: "0B11"\nd: "1e1_0"\ne: "<<"\nf: "="\ng: "yes"\nh: 1.2.3\n',
    );
  });

  test('GIVEN ambiguous strings as mapping keys (label keys, annotations) WHEN written THEN the keys are quoted too', () => {
    expect(stringifyYaml({ metadata: { annotations: { '0o17': 'x', yes: '0X1F' } } })).toBe(
      'metadata:\n  annotations:\n    "0o17": x\n    "yes": "0X1F"\n',
    );
  });

  test('GIVEN several documents and an undefined one WHEN written THEN they are separated as cdk8s separates them', () => {
    expect(stringifyYaml({ a: 1 }, undefined, { b: '0o1' })).toBe('a: 1\n---\n\n---\nb: "0o1"\n');
  });
});

/** Every YAML file the repository holds as expected output: golden cases, the DCAE fixtures' expected files, and dist/. */
function outputFiles(): string[] {
  const out: string[] = [];
  for (const dir of ['test/golden/cases', 'test/input/dcae/expected']) {
    for (const c of fs.readdirSync(path.join(ROOT, dir)).sort()) {
      const f = path.join(ROOT, dir, c, 'expected.k8s.yaml');
      if (fs.existsSync(f)) out.push(f);
    }
  }
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) out.push(p);
    }
  };
  walk(path.join(ROOT, 'dist'));
  return out;
}

/** helm and kubectl, unzipped once for this file (and removed after it). */
const tools = k8sTools();

describe('every golden file and every dist/ file', () => {
  const files = outputFiles();

  test('GIVEN the repository WHEN its expected outputs are listed THEN the golden cases, the expected files of the DCAE fixtures and dist/ are all there', () => {
    const rel = files.map((f) => path.relative(ROOT, f));
    expect(rel.filter((f) => f.startsWith('test/golden/')).length).toBeGreaterThanOrEqual(12);
    expect(rel.filter((f) => f.startsWith('test/input/dcae/')).length).toBeGreaterThanOrEqual(5);
    expect(rel).toContain('dist/kustomization.yaml');
    expect(rel.filter((f) => f.startsWith('dist/') && f.endsWith('.k8s.yaml')).length).toBeGreaterThanOrEqual(4);
  });

  test.each(files.map((f) => [path.relative(ROOT, f), f]))(
    'GIVEN %s WHEN read by YAML 1.1 and by YAML 1.2 THEN both read the same objects, and writing them again gives the same bytes',
    (_name, file) => {
      const text = fs.readFileSync(file, 'utf8');
      const objects = read11(text);
      expect(objects.length).toBeGreaterThan(0);
      expect(read12(text)).toEqual(objects);
      expect(stringifyYaml(...objects)).toBe(text);
    },
  );

  test('GIVEN every manifest WHEN read by kubectl (Go, sigs.k8s.io/yaml) THEN it reads the same objects as YAML 1.1', () => {
    const manifests = files.filter((f) => f.endsWith('.k8s.yaml')).map((f) => fs.readFileSync(f, 'utf8'));
    const all = manifests.join('---\n');
    expect(readWithKubectl(tools, all)).toEqual(read11(all));
  });
});

/** A small deterministic generator, so that the strings are the same on every run. */
const random = prng;

/**
 * Strings built from the characters that numbers, booleans, nulls and timestamps are made of, plus every
 * tricky string with its letters' case flipped, a sign in front, and `_` inside: the places where the
 * readers disagree.
 */
function generatedStrings(): string[] {
  const next = random(20240611);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const out = new Set<string>();
  const alphabet = '0000111223456789789_.:+-eExXoObBnNyY~ tTzZ';
  for (let i = 0; i < 1500; i++) {
    const length = 1 + Math.floor(next() * 7);
    let s = '';
    for (let j = 0; j < length; j++) s += pick([...alphabet]);
    out.add(s);
  }
  const digits = (n: number) => Array.from({ length: n }, () => pick([...'0123456789'])).join('');
  for (let i = 0; i < 100; i++) {
    out.add(`${digits(4)}-${digits(1 + Math.floor(next() * 2))}-${digits(1 + Math.floor(next() * 2))}`);
    out.add(
      `${digits(4)}-${digits(2)}-${digits(2)}${pick(['T', 't', ' '])}${digits(2)}:${digits(2)}:${digits(2)}${pick(['', 'Z', '.5', '+01:00', ' -5'])}`,
    );
    out.add(`${pick(['', '-', '+'])}${digits(1 + Math.floor(next() * 3))}:${digits(2)}${pick(['', '.5', ':07'])}`);
  }
  for (const t of TRICKY) {
    out.add(t.toUpperCase());
    out.add(t.toLowerCase());
    out.add(`+${t}`);
    out.add(`-${t}`);
    if (t.length > 1) out.add(`${t[0]}_${t.slice(1)}`);
  }
  return [...out].sort();
}

/** A valid label key name part or label value: what can go into labels. */
const LABEL = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

describe('compiled values: env values, label keys and label values', () => {
  const strings = [...new Set([...TRICKY, ...generatedStrings()])];
  /** Compiles one component per chunk of strings: each string an env value, and (when a valid label) a label key and value. */
  const compiled = (() => {
    const out: Array<{ yaml: string; env: Array<[string, string]>; labels: Record<string, string> }> = [];
    for (let i = 0; i < strings.length; i += 400) {
      const chunk = strings.slice(i, i + 400);
      const env = chunk.map((s, j): [string, string] => [`V${i + j}`, s]);
      const labels: Record<string, string> = {};
      for (const s of chunk) if (LABEL.test(s) && s !== 'app' && s !== 'k8sdeployment') labels[s] = s;
      const c = compile(spec({ name: `c${i}`, env: Object.fromEntries(env), labels }));
      out.push({ yaml: c.yaml, env, labels });
    }
    return out;
  })();

  test('GIVEN the generated strings WHEN listed THEN there are over a thousand, and hundreds are valid labels', () => {
    expect(strings.length).toBeGreaterThan(1000);
    expect(compiled.reduce((n, c) => n + Object.keys(c.labels).length, 0)).toBeGreaterThan(200);
  });

  test('GIVEN every generated string as an env value, a label key and a label value WHEN compiled and read by YAML 1.1 and YAML 1.2 THEN each reads back as the same string', () => {
    for (const c of compiled) {
      for (const objects of [read11(c.yaml), read12(c.yaml)] as any[][]) {
        const deployment = objects.find((o) => o.kind === 'Deployment');
        const env = deployment.spec.template.spec.containers[0].env.filter((e: any) => e.name !== 'POD_IP');
        expect(env.map((e: any) => [e.name, e.value])).toEqual(c.env);
        for (const o of objects)
          expect(o.metadata.labels).toEqual({ ...c.labels, app: expect.any(String), k8sdeployment: expect.any(String) });
      }
    }
  });

  test('GIVEN every generated string compiled WHEN read by kubectl (Go) THEN it reads the same objects as YAML 1.1', () => {
    for (const c of compiled) expect(readWithKubectl(tools, c.yaml)).toEqual(read11(c.yaml));
  });

  test('GIVEN --helm-chart yes (a chart name YAML 1.1 and go-yaml v2 read as a boolean) WHEN helm reads Chart.yaml THEN the chart is named yes', async () => {
    const dir = tmpdir('dcae-yaml-');
    fs.mkdirSync(path.join(dir, 'components'));
    fs.writeFileSync(path.join(dir, 'components', 'c.yaml'), 'name: comp\nimage: repo/comp:1.0\n');
    const r = await runMain(['--components', 'components', '--out', 'out', '--helm-chart', 'yes', '--chart-version', '1.0.0'], dir);
    expect(r.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out', 'helm', 'yes', 'Chart.yaml'), 'utf8')).toMatch(/^name: "yes"$/m);
    expect(runTool(tools.helm, ['show', 'chart', path.join(dir, 'out', 'helm', 'yes')])).toMatch(/^name: "yes"$/m);
  });
});
