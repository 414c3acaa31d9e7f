/**
 * `--helm-chart`: each chart has a folder of its own, `<out>/helm/<chart>/`, with a `.helmignore`, so that
 * `helm package` holds the chart alone (Chart.yaml and templates/, plus the .helmignore itself): not the VCS,
 * editor, backup and temporary files that tools leave in it. Checked twice: with a port of Helm's ignore rules
 * (helm pkg/ignore/rules.go and the chart loader's walk), and with the real helm binary (package, lint,
 * template), offline. And which tool Argo CD picks for each folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { parseAllDocuments } from 'yaml';
import { HELMIGNORE, helmIgnore } from '../../src/output/helm';
import { k8sTools, readWithKubectl, runTool } from '../k8s-tools';
import { component, foldersOf, objectsOf, run, snapshotFolder, withComponents } from '../helpers';

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

/** Files a user or their tools leave in a chart folder, which no chart should hold. */
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

/** The chart folders of COMPONENTS, relative to the project folder. */
const CHARTS = ['out/helm/dcae', 'out/helm/dcae-edge-1', 'out/helm/dcae-edge-2'];

/** A compiled output folder with charts, and junk in the top chart and edge-1's. */
async function compiled(): Promise<string> {
  const dir = withComponents(COMPONENTS);
  const r = await run(dir, ...RUN, ...HELM);
  if (r.status !== 0) throw new Error(r.stderr);
  for (const junk of JUNK) {
    for (const folder of ['out/helm/dcae', 'out/helm/dcae-edge-1']) {
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
  test('GIVEN components at the top and in two locations WHEN --helm-chart runs THEN each chart folder has the same .helmignore, and the record lists them like every written file', async () => {
    const dir = withComponents(COMPONENTS);
    const r = await run(dir, ...RUN, ...HELM);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const files = snapshotFolder(path.join(dir, 'out'));
    expect(
      Object.keys(files)
        .filter((f) => f.endsWith(HELMIGNORE))
        .sort(),
    ).toEqual(['helm/dcae-edge-1/.helmignore', 'helm/dcae-edge-2/.helmignore', 'helm/dcae/.helmignore']);
    expect(files['.dcae-synth-files'].split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(
      Object.keys(files)
        .filter((f) => f !== '.dcae-synth-files')
        .sort(),
    );
    for (const chart of ['dcae', 'dcae-edge-1', 'dcae-edge-2']) expect(files[`helm/${chart}/.helmignore`]).toBe(helmIgnore());
  });

  test('GIVEN a chart folder WHEN its .helmignore is written THEN it holds exactly these lines: a header and the usual VCS, editor, backup and temporary files', () => {
    expect(helmIgnore()).toBe(
      [
        '# Written by npm run synth: `helm package` leaves these out of the chart (Chart.yaml and templates/).',
        '# Version control, editors, backups and temporary files:',
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

  test('GIVEN a chart output WHEN a later run has no --helm-chart THEN the .helmignore files go with the other chart files, and the emptied folders with them', async () => {
    const dir = withComponents(COMPONENTS);
    expect((await run(dir, ...RUN, ...HELM)).status).toBe(0);
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(0);
    const files = Object.keys(snapshotFolder(path.join(dir, 'out')));
    expect(files.filter((f) => /(^|\/)(\.helmignore|Chart\.yaml|templates\/.*)$/.test(f))).toEqual([]);
    expect(foldersOf(path.join(dir, 'out'))).toEqual(['edge-1', 'edge-2']);
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

  test("GIVEN a user's own .helmignore in a chart's folder WHEN --helm-chart runs THEN it is a conflict: exit 1, nothing written", async () => {
    const dir = withComponents(COMPONENTS);
    fs.mkdirSync(path.join(dir, 'out', 'helm', 'dcae'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'out', 'helm', 'dcae', '.helmignore'), 'mine\n');
    const r = await run(dir, ...RUN, ...HELM);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `${path.join('out', 'helm', 'dcae', '.helmignore')}: exists and was not written by npm run synth; expected to own this path. Move or delete the file, then run again\nnothing was written to out\n`,
    );
    expect(Object.keys(snapshotFolder(path.join(dir, 'out')))).toEqual(['helm/dcae/.helmignore']);
  });

  test("GIVEN a user's own .helmignore in the top output folder (where the old layout wrote one) WHEN --helm-chart runs THEN it is left alone", async () => {
    const dir = withComponents(COMPONENTS);
    fs.mkdirSync(path.join(dir, 'out'));
    fs.writeFileSync(path.join(dir, 'out', '.helmignore'), 'mine\n');
    const r = await run(dir, ...RUN, ...HELM);
    expect(r.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out', '.helmignore'), 'utf8')).toBe('mine\n');
  });
});

describe('what helm takes into each chart, by the port of its ignore rules', () => {
  test("GIVEN the top chart folder with junk WHEN walked as helm's loader walks it THEN it holds .helmignore, Chart.yaml and templates/ only", async () => {
    const dir = await compiled();
    expect(helmFiles(path.join(dir, 'out', 'helm', 'dcae'))).toEqual([
      '.helmignore',
      'Chart.yaml',
      'templates/comp-a.yaml',
      'templates/comp-b.yaml',
    ]);
  });

  test("GIVEN a location chart folder with junk WHEN walked as helm's loader walks it THEN it holds .helmignore, Chart.yaml and templates/ only", async () => {
    const dir = await compiled();
    expect(helmFiles(path.join(dir, 'out', 'helm', 'dcae-edge-1'))).toEqual([
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
  test('GIVEN the top chart and a location chart with junk in them WHEN helm package runs THEN each archive is named after its folder and holds .helmignore, Chart.yaml and templates/ only, as the port says', async () => {
    const dir = await compiled();
    for (const [chart, templates] of [
      ['dcae', ['comp-a', 'comp-b']],
      ['dcae-edge-1', ['comp-c', 'comp-d']],
    ] as const) {
      const folder = path.join(dir, 'out', 'helm', chart);
      const dest = path.join(dir, 'packages', chart);
      runTool(tools.helm, ['package', folder, '--destination', dest]);
      expect(fs.readdirSync(dest)).toEqual([`${chart}-1.2.3.tgz`]);
      const names = tgzNames(path.join(dest, `${chart}-1.2.3.tgz`));
      expect(names).toEqual([`${chart}/.helmignore`, `${chart}/Chart.yaml`, ...templates.map((t) => `${chart}/templates/${t}.yaml`)]);
      expect(names).toEqual(helmFiles(folder).map((f) => `${chart}/${f}`));
    }
  });

  test('GIVEN each generated chart WHEN helm lint runs on dist/helm/<chart> THEN it passes, and helm show chart gives the folder name as the chart name', async () => {
    const dir = await compiled();
    for (const folder of CHARTS) {
      expect(runTool(tools.helm, ['lint', path.join(dir, folder)])).toMatch(/^1 chart\(s\) linted, 0 chart\(s\) failed$/m);
      expect(runTool(tools.helm, ['show', 'chart', path.join(dir, folder)])).toMatch(new RegExp(`^name: ${path.basename(folder)}$`, 'm'));
    }
  });

  test('GIVEN every component in a location WHEN helm lints and renders the top chart (no templates) THEN it passes and renders no object', async () => {
    const dir = withComponents({ 'e.yaml': COMPONENTS['e.yaml'] });
    expect((await run(dir, ...RUN, ...HELM)).status).toBe(0);
    const top = path.join(dir, 'out', 'helm', 'dcae');
    expect(runTool(tools.helm, ['lint', top])).toMatch(/^1 chart\(s\) linted, 0 chart\(s\) failed$/m);
    expect(runTool(tools.helm, ['template', 'release', top]).trim()).toBe('');
  });

  test('GIVEN a location named crds (refused in the old layout) WHEN helm renders the top chart and the location chart THEN each holds exactly its own objects', async () => {
    const dir = withComponents({ 'a.yaml': COMPONENTS['a.yaml'], 'e.yaml': component('comp-e', 'k8s_location: crds\n') });
    expect((await run(dir, ...RUN, ...HELM)).status).toBe(0);
    const ids = (objects: any[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();
    const rendered = (chart: string) =>
      ids(readWithKubectl(tools, runTool(tools.helm, ['template', 'release', path.join(dir, 'out', 'helm', chart)])));
    const manifest = (file: string) => ids(objectsOf(fs.readFileSync(path.join(dir, 'out', file), 'utf8')));
    expect(rendered('dcae')).toEqual(manifest('comp-a.k8s.yaml'));
    expect(rendered('dcae-crds')).toEqual(manifest('crds/comp-e.k8s.yaml'));
    expect(rendered('dcae-crds')).toContain('Deployment/dep-comp-e');
  });

  test("GIVEN each generated chart WHEN helm template renders it and kubectl reads the result THEN the objects are those of the folder's manifests, template delimiters and ambiguous strings included", async () => {
    const dir = await compiled();
    const id = (o: any) => `${o.kind}/${o.metadata.name}`;
    const sorted = (list: any[]) => [...list].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
    for (const [folder, chart] of [
      ['out', 'out/helm/dcae'],
      ['out/edge-1', 'out/helm/dcae-edge-1'],
      ['out/edge-2', 'out/helm/dcae-edge-2'],
    ]) {
      const root = path.join(dir, folder);
      const manifests = fs
        .readdirSync(root)
        .filter((f) => f.endsWith('.k8s.yaml'))
        .sort();
      const expected = manifests.flatMap((m) =>
        parseAllDocuments(fs.readFileSync(path.join(root, m), 'utf8'), { version: '1.1' }).map((d) => d.toJSON()),
      );
      expect(expected.length).toBeGreaterThan(0);
      const rendered = runTool(tools.helm, ['template', 'release', path.join(dir, chart)]);
      expect(sorted(readWithKubectl(tools, rendered))).toEqual(sorted(expected));
    }
    const top = fs.readFileSync(path.join(dir, 'out', 'comp-a.k8s.yaml'), 'utf8');
    expect(top).toContain('value: "{{ .Values.x }}"');
    expect(top).toContain('value: "0o17"');
    expect(top).toContain('"0X1F": "1e1_0"');
  });
});

/**
 * How Argo CD chooses a tool for an Application's path (reposerver's discovery): a Chart.yaml makes it Helm,
 * else a kustomization.yaml (or .yml, or Kustomization) makes it Kustomize, else a plain directory.
 */
function argoTool(folder: string): 'Helm' | 'Kustomize' | 'Directory' {
  const has = (f: string) => fs.existsSync(path.join(folder, f));
  if (has('Chart.yaml')) return 'Helm';
  if (['kustomization.yaml', 'kustomization.yml', 'Kustomization'].some(has)) return 'Kustomize';
  return 'Directory';
}

describe('which tool Argo CD picks', () => {
  test('GIVEN an output with charts WHEN each folder is looked at as Argo CD does THEN the output folders are kustomize and the chart folders Helm; no folder holds both files', async () => {
    const dir = await compiled();
    const picked = Object.fromEntries(
      ['out', 'out/edge-1', 'out/edge-2', ...CHARTS, 'out/helm'].map((f) => [f, argoTool(path.join(dir, f))]),
    );
    expect(picked).toEqual({
      out: 'Kustomize',
      'out/edge-1': 'Kustomize',
      'out/edge-2': 'Kustomize',
      'out/helm/dcae': 'Helm',
      'out/helm/dcae-edge-1': 'Helm',
      'out/helm/dcae-edge-2': 'Helm',
      'out/helm': 'Directory',
    });
    const files = Object.keys(snapshotFolder(path.join(dir, 'out')));
    const folders = (name: string) => files.filter((f) => path.posix.basename(f) === name).map((f) => path.posix.dirname(f));
    expect(folders('Chart.yaml').filter((f) => folders('kustomization.yaml').includes(f))).toEqual([]);
    expect(folders('Chart.yaml').sort()).toEqual(['helm/dcae', 'helm/dcae-edge-1', 'helm/dcae-edge-2']);
  });

  test('GIVEN a folder with both Chart.yaml and kustomization.yaml (the old layout) WHEN looked at as Argo CD does THEN it is Helm: the check can tell the layouts apart', () => {
    const dir = withComponents({});
    fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'name: x\n');
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources: []\n');
    expect(argoTool(dir)).toBe('Helm');
    fs.rmSync(path.join(dir, 'Chart.yaml'));
    expect(argoTool(dir)).toBe('Kustomize');
    fs.rmSync(path.join(dir, 'kustomization.yaml'));
    expect(argoTool(dir)).toBe('Directory');
  });
});
