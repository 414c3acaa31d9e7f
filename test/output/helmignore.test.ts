/**
 * `--helm-chart`: each chart folder gets a `.helmignore`, so that `helm package` holds the chart alone
 * (Chart.yaml and templates/, plus the .helmignore itself): not the plain manifests, the kustomization, the
 * record, the location folders (charts of their own) or VCS and editor files. Checked twice: with a port of
 * Helm's ignore rules (helm pkg/ignore/rules.go and the chart loader's walk), and with the real helm binary
 * (package, lint, template), offline.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { parseAllDocuments } from 'yaml';
import { HELMIGNORE, helmIgnore } from '../../src/output/helm';
import { k8sTools, readWithKubectl, runTool } from '../k8s-tools';
import { component, run, snapshotFolder, withComponents } from '../helpers';

const RUN = ['--components', 'components', '--out', 'out'];
const HELM = ['--helm-chart', 'dcae', '--chart-version', '1.2.3'];

/** Two components at the top, two in location edge-1, one in location edge-2; values with template delimiters and ambiguous strings. */
const COMPONENTS = {
  'a.yaml': component(
    'comp-a',
    'ports: ["8080:0"]\nenv:\n  TEMPLATE: "{{ .Values.x }}"\n  OCTAL: "0o17"\n  FLAG: "yes"\nlabels: {"0X1F": "1e1_0"}\n',
  ),
  'b.yaml': component('comp-b', 'env: {ODD: "}}}{{{ }} {"}\n'),
  'c.yaml': component('comp-c', 'k8s_location: edge-1\nenv: {X: "a}}b{{c"}\n'),
  'd.yaml': component('comp-d', 'k8s_location: edge-1\nports: ["9090:30090"]\n'),
  'e.yaml': component('comp-e', 'k8s_location: edge-2\n'),
};

/** Files a user or their tools leave in an output folder, which no chart should hold. */
const JUNK = [
  '.git/config',
  '.git/objects/ab/cdef',
  '.gitignore',
  '.DS_Store',
  'notes.swp',
  'Chart.yaml.bak',
  'x.orig',
  'y~',
  '.idea/workspace.xml',
  '.vscode/settings.json',
  'templates/comp-a.yaml.tmp',
  '.comp-a.k8s.yaml.synth-123.tmp',
];

/** A compiled output folder with charts, and junk in the top folder and in edge-1. */
async function compiled(): Promise<string> {
  const dir = withComponents(COMPONENTS);
  const r = await run(dir, ...RUN, ...HELM);
  if (r.status !== 0) throw new Error(r.stderr);
  for (const junk of JUNK) {
    for (const folder of ['out', 'out/edge-1']) {
      const file = path.join(dir, folder, ...junk.split('/'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, 'junk\n');
    }
  }
  return dir;
}

// ---------------------------------------------------------------------------------------------------------
// A port of Helm's ignore rules (helm.sh/helm/v3 pkg/ignore/rules.go) and of the chart loader's walk
// (pkg/chart/loader/directory.go): what `helm package` reads from a chart folder.

/** Go's path/filepath.Match, as a regular expression: `*` and `?` never match `/`; `[...]` and `[^...]` classes; `\` escapes. */
function goMatch(pattern: string, name: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') re += `\\${pattern[++i]}`;
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      const body = pattern.slice(i + 1, end);
      re += `[${body.startsWith('^') ? `^/${body.slice(1)}` : body}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(name);
}

interface Rule {
  negate: boolean;
  mustDir: boolean;
  match: (n: string) => boolean;
}

/** rules.go parseRule. */
function parseRules(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const line of [...text.split('\n'), 'templates/.?*']) {
    // the last one is AddDefaults
    let rule = line.trim();
    if (rule === '' || rule.startsWith('#')) continue;
    if (rule.includes('**')) throw new Error('double-star (**) syntax is not supported');
    const negate = rule.startsWith('!');
    if (negate) rule = rule.slice(1);
    const mustDir = rule.endsWith('/');
    if (mustDir) rule = rule.slice(0, -1);
    const r = rule;
    if (r.startsWith('/')) rules.push({ negate, mustDir, match: (n) => goMatch(r.slice(1), n) });
    else if (r.includes('/')) rules.push({ negate, mustDir, match: (n) => goMatch(r, n) });
    else rules.push({ negate, mustDir, match: (n) => goMatch(r, path.posix.basename(n)) });
  }
  return rules;
}

/** rules.go Ignore. */
function ignored(rules: readonly Rule[], n: string, isDir: boolean): boolean {
  if (n === '' || n === '.' || n === './') return false;
  for (const p of rules) {
    if (p.negate) {
      if (p.mustDir && !isDir) return true;
      if (!p.match(n)) return true;
      continue;
    }
    if (p.mustDir && !isDir) continue;
    if (p.match(n)) return true;
  }
  return false;
}

/** The files `helm package` takes from a chart folder (directory.go LoadDir's walk), sorted. */
function helmFiles(chart: string): string[] {
  const ignoreFile = path.join(chart, HELMIGNORE);
  const rules = parseRules(fs.existsSync(ignoreFile) ? fs.readFileSync(ignoreFile, 'utf8') : '');
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const n = rel ? `${rel}/${e.name}` : e.name;
      if (ignored(rules, n, e.isDirectory())) continue;
      if (e.isDirectory()) walk(path.join(dir, e.name), n);
      else out.push(n);
    }
  };
  walk(chart, '');
  return out.sort();
}

/** The file names in a .tgz archive (ustar, as Go's archive/tar writes it), sorted. */
function tgzNames(file: string): string[] {
  const tar = zlib.gunzipSync(fs.readFileSync(file));
  const names: string[] = [];
  const text = (at: number, length: number) => tar.toString('utf8', at, at + length).replace(/\0.*$/s, '');
  let longName: string | undefined;
  for (let at = 0; at + 512 <= tar.length;) {
    const name = text(at, 100);
    if (name === '') break;
    const size = parseInt(text(at + 124, 12).trim() || '0', 8);
    const type = text(at + 156, 1);
    const prefix = text(at + 345, 155);
    const data = tar.subarray(at + 512, at + 512 + size).toString('utf8');
    if (type === 'x') longName = /\d+ path=(.*)\n/.exec(data)?.[1];
    else if (type === '0' || type === '') {
      names.push(longName ?? (prefix ? `${prefix}/${name}` : name));
      longName = undefined;
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return names.sort();
}

// ---------------------------------------------------------------------------------------------------------

describe('the .helmignore files', () => {
  test('GIVEN components at the top and in two locations WHEN --helm-chart runs THEN each chart folder has a .helmignore, and the record lists them like every written file', async () => {
    const dir = withComponents(COMPONENTS);
    const r = await run(dir, ...RUN, ...HELM);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const files = snapshotFolder(path.join(dir, 'out'));
    expect(
      Object.keys(files)
        .filter((f) => f.endsWith(HELMIGNORE))
        .sort(),
    ).toEqual(['.helmignore', 'edge-1/.helmignore', 'edge-2/.helmignore']);
    expect(files['.dcae-synth-files'].split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(
      Object.keys(files)
        .filter((f) => f !== '.dcae-synth-files')
        .sort(),
    );
    expect(files['.helmignore']).toBe(helmIgnore(['edge-1', 'edge-2']));
    expect(files['edge-1/.helmignore']).toBe(helmIgnore([]));
    expect(files['edge-2/.helmignore']).toBe(helmIgnore([]));
  });

  test("GIVEN the top chart's locations WHEN its .helmignore is written THEN it holds exactly these lines", () => {
    expect(helmIgnore(['edge-1', 'edge-2'])).toBe(
      [
        '# Written by npm run synth: `helm package` takes this chart alone (Chart.yaml and templates/).',
        '# The plain manifests, the kustomization and the record of written files:',
        '*.k8s.yaml',
        'kustomization.yaml',
        '.dcae-synth-files',
        '# The location folders, each a chart of its own:',
        '/edge-1/',
        '/edge-2/',
        '# Version control, editors and backups:',
        '.DS_Store',
        '.git/',
        '.gitignore',
        '.gitattributes',
        '.bzr/',
        '.bzrignore',
        '.hg/',
        '.hgignore',
        '.svn/',
        '*.swp',
        '*.bak',
        '*.tmp',
        '*.orig',
        '*~',
        '.project',
        '.idea/',
        '*.tmproj',
        '.vscode/',
        '',
      ].join('\n'),
    );
  });

  test('GIVEN a chart output WHEN a later run has no --helm-chart THEN the .helmignore files go with the other chart files', async () => {
    const dir = withComponents(COMPONENTS);
    expect((await run(dir, ...RUN, ...HELM)).status).toBe(0);
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(0);
    const files = Object.keys(snapshotFolder(path.join(dir, 'out')));
    expect(files.filter((f) => /(^|\/)(\.helmignore|Chart\.yaml|templates\/.*)$/.test(f))).toEqual([]);
    expect(files.sort()).toEqual([
      '.dcae-synth-files',
      'comp-a.k8s.yaml',
      'comp-b.k8s.yaml',
      'edge-1/comp-c.k8s.yaml',
      'edge-1/comp-d.k8s.yaml',
      'edge-1/kustomization.yaml',
      'edge-2/comp-e.k8s.yaml',
      'edge-2/kustomization.yaml',
      'kustomization.yaml',
    ]);
  });

  test("GIVEN a user's own .helmignore in the output folder WHEN --helm-chart runs THEN it is a conflict: exit 1, nothing written", async () => {
    const dir = withComponents(COMPONENTS);
    fs.mkdirSync(path.join(dir, 'out'));
    fs.writeFileSync(path.join(dir, 'out', '.helmignore'), 'mine\n');
    const r = await run(dir, ...RUN, ...HELM);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `${path.join('out', '.helmignore')}: exists and was not written by npm run synth; expected to own this path. Move or delete the file, then run again\nnothing was written to out\n`,
    );
    expect(fs.readdirSync(path.join(dir, 'out'))).toEqual(['.helmignore']);
  });
});

describe('what helm takes into each chart, by the port of its ignore rules', () => {
  test("GIVEN the top chart folder with location folders, manifests, the record and junk WHEN walked as helm's loader walks it THEN it holds .helmignore, Chart.yaml and templates/ only", async () => {
    const dir = await compiled();
    expect(helmFiles(path.join(dir, 'out'))).toEqual(['.helmignore', 'Chart.yaml', 'templates/comp-a.yaml', 'templates/comp-b.yaml']);
  });

  test("GIVEN a location chart folder with junk WHEN walked as helm's loader walks it THEN it holds .helmignore, Chart.yaml and templates/ only", async () => {
    const dir = await compiled();
    expect(helmFiles(path.join(dir, 'out', 'edge-1'))).toEqual([
      '.helmignore',
      'Chart.yaml',
      'templates/comp-c.yaml',
      'templates/comp-d.yaml',
    ]);
  });

  test("GIVEN the port of helm's rules WHEN checked on its own THEN a pattern without / matches base names, a leading / anchors at the root, a trailing / matches folders only", () => {
    const rules = parseRules('*.k8s.yaml\n/edge-1/\n.git/\n');
    expect(ignored(rules, 'a.k8s.yaml', false)).toBe(true);
    expect(ignored(rules, 'x/a.k8s.yaml', false)).toBe(true);
    expect(ignored(rules, 'edge-1', true)).toBe(true);
    expect(ignored(rules, 'edge-1', false)).toBe(false);
    expect(ignored(rules, 'x/edge-1', true)).toBe(false);
    expect(ignored(rules, 'x/.git', true)).toBe(true);
    expect(ignored(rules, 'templates/.hidden', false)).toBe(true);
    expect(ignored(rules, 'templates/a.yaml', false)).toBe(false);
  });
});

/** helm and kubectl, unzipped once for this file (and removed after it). */
const tools = k8sTools();

describe('the real helm binary (offline)', () => {
  test('GIVEN the top chart and a location chart with junk around them WHEN helm package runs THEN each archive holds .helmignore, Chart.yaml and templates/ only, as the port says', async () => {
    const dir = await compiled();
    for (const [folder, templates] of [
      ['out', ['comp-a', 'comp-b']],
      ['out/edge-1', ['comp-c', 'comp-d']],
    ] as const) {
      const dest = path.join(dir, 'packages', folder);
      runTool(tools.helm, ['package', path.join(dir, folder), '--destination', dest]);
      const names = tgzNames(path.join(dest, 'dcae-1.2.3.tgz'));
      expect(names).toEqual(['dcae/.helmignore', 'dcae/Chart.yaml', ...templates.map((t) => `dcae/templates/${t}.yaml`)]);
      expect(names).toEqual(helmFiles(path.join(dir, folder)).map((f) => `dcae/${f}`));
    }
  });

  test('GIVEN each generated chart WHEN helm lint runs THEN it passes', async () => {
    const dir = await compiled();
    for (const folder of ['out', 'out/edge-1', 'out/edge-2']) {
      expect(runTool(tools.helm, ['lint', path.join(dir, folder)])).toMatch(/^1 chart\(s\) linted, 0 chart\(s\) failed$/m);
    }
  });

  test("GIVEN each generated chart WHEN helm template renders it and kubectl reads the result THEN the objects are those of the folder's manifests, template delimiters and ambiguous strings included", async () => {
    const dir = await compiled();
    const id = (o: any) => `${o.kind}/${o.metadata.name}`;
    const sorted = (list: any[]) => [...list].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
    for (const folder of ['out', 'out/edge-1', 'out/edge-2']) {
      const root = path.join(dir, folder);
      const manifests = fs
        .readdirSync(root)
        .filter((f) => f.endsWith('.k8s.yaml'))
        .sort();
      const expected = manifests.flatMap((m) =>
        parseAllDocuments(fs.readFileSync(path.join(root, m), 'utf8'), { version: '1.1' }).map((d) => d.toJSON()),
      );
      const rendered = runTool(tools.helm, ['template', 'release', root]);
      expect(sorted(readWithKubectl(tools, rendered))).toEqual(sorted(expected));
    }
    const top = fs.readFileSync(path.join(dir, 'out', 'comp-a.k8s.yaml'), 'utf8');
    expect(top).toContain('value: "{{ .Values.x }}"');
    expect(top).toContain('value: "0o17"');
    expect(top).toContain('"0X1F": "1e1_0"');
  });
});
