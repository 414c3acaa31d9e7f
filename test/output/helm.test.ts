/**
 * `--helm-chart NAME --chart-version SEMVER`: a Helm chart (Chart.yaml apiVersion v2 and templates/) for each
 * output folder, in a folder of its own under `<out>/helm/` (never beside a kustomization.yaml), holding the
 * same objects as the folder's plain manifests, with every `{{` and `}}` escaped so that Helm renders them
 * literally; and which charts changed without a new version.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { chartFolder, HelmOptions, helmCharts, unbumpedCharts, unbumpedMessage, unescapeHelm } from '../../src/output/helm';
import { component, foldersOf, objectsOf, run, snapshotFolder, withComponents, withExamples, writeComponents } from '../helpers';

const RUN = ['--components', 'components', '--out', 'out'];
const HELM = ['--helm-chart', 'dcae', '--chart-version', '1.2.3'];

/** Values full of Go-template delimiters, in every place a spec can put free text. */
const BRACES = {
  'a.yaml': component(
    'comp-a',
    [
      'ports: ["8080:0"]',
      'env:',
      '  TEMPLATE: "{{ .Values.x }}"',
      '  TRIM: "{{- end -}}"',
      '  ODD: "}}}{{{ }} {"',
      '  QUOTED: \'{{ "{{" }}\'',
      'readiness: {type: http, endpoint: "/health/{{id}}"}',
      'liveness: {type: script, script: "sh -c echo {{}}"}',
      '',
    ].join('\n'),
  ),
  'b.yaml': component('comp-b', 'k8s_location: edge-1\nenv: {X: "a}}b{{c"}\n'),
  'c.yaml': component('comp-c', 'k8s_location: edge-1\n'),
};

/**
 * Renders a template the way Helm's Go templates would, for the only actions a compiled chart may hold:
 * `{{ "<string literal>" }}`. Any other action throws, so a stray `{{` or `}}` fails the test.
 */
function renderLikeHelm(template: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const open = template.indexOf('{{', i);
    const close = template.indexOf('}}', i);
    if (close >= 0 && (open < 0 || close < open)) throw new Error(`a "}}" outside any action at offset ${close}`);
    if (open < 0) return out + template.slice(i);
    out += template.slice(i, open);
    const m = /^\{\{ ("(?:[^"\\]|\\.)*") \}\}/.exec(template.slice(open));
    if (!m) throw new Error(`an action other than a string literal at offset ${open}: ${template.slice(open, open + 30)}`);
    out += JSON.parse(m[1]);
    i = open + m[0].length;
  }
}

describe("the chart's files", () => {
  test('GIVEN components in the top folder and a location WHEN --helm-chart runs THEN each output folder gets a chart in helm/<chart>/ (Chart.yaml, templates/<name>.yaml, .helmignore) and keeps only its manifests and kustomization', async () => {
    const dir = withComponents(BRACES);
    const r = await run(dir, ...RUN, ...HELM);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^compiled 3 components into out in \d+\.\d\d s; files: 12 new, 0 changed, 0 removed, 0 unchanged\n$/);
    const files = snapshotFolder(path.join(dir, 'out'));
    expect(Object.keys(files).sort()).toEqual([
      '.dcae-synth-files',
      'comp-a.k8s.yaml',
      'edge-1/comp-b.k8s.yaml',
      'edge-1/comp-c.k8s.yaml',
      'edge-1/kustomization.yaml',
      'helm/dcae-edge-1/.helmignore',
      'helm/dcae-edge-1/Chart.yaml',
      'helm/dcae-edge-1/templates/comp-b.yaml',
      'helm/dcae-edge-1/templates/comp-c.yaml',
      'helm/dcae/.helmignore',
      'helm/dcae/Chart.yaml',
      'helm/dcae/templates/comp-a.yaml',
      'kustomization.yaml',
    ]);
    expect(files['.dcae-synth-files'].split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(
      Object.keys(files)
        .filter((f) => f !== '.dcae-synth-files')
        .sort(),
    );
  });

  test("GIVEN a chart name and version WHEN written THEN every Chart.yaml has apiVersion v2, its folder's name (<name>, or <name>-<location>), the version as a string, and a description naming its location", async () => {
    const dir = withComponents(BRACES);
    expect((await run(dir, ...RUN, '--helm-chart', 'dcae-edge', '--chart-version', '1.0.0-rc.1+build.5')).status).toBe(0);
    const top = fs.readFileSync(path.join(dir, 'out', 'helm', 'dcae-edge', 'Chart.yaml'), 'utf8');
    const edge = fs.readFileSync(path.join(dir, 'out', 'helm', 'dcae-edge-edge-1', 'Chart.yaml'), 'utf8');
    expect(parse(top)).toEqual({
      apiVersion: 'v2',
      name: 'dcae-edge',
      version: '1.0.0-rc.1+build.5',
      type: 'application',
      description: 'DCAE components, compiled from component specs',
    });
    expect(parse(edge)).toEqual({
      apiVersion: 'v2',
      name: 'dcae-edge-edge-1',
      version: '1.0.0-rc.1+build.5',
      type: 'application',
      description: 'DCAE components for location edge-1, compiled from component specs',
    });
    expect(top).toBe(
      'apiVersion: v2\nname: dcae-edge\nversion: 1.0.0-rc.1+build.5\ndescription: DCAE components, compiled from component specs\ntype: application\n',
    );
  });

  test('GIVEN a version that YAML would read as a number if unquoted WHEN written THEN Chart.yaml still holds it as a string', async () => {
    const dir = withExamples();
    expect((await run(dir, ...RUN, '--helm-chart', 'dcae', '--chart-version', '1.0.0')).status).toBe(0);
    expect(parse(fs.readFileSync(path.join(dir, 'out', 'helm', 'dcae', 'Chart.yaml'), 'utf8')).version).toBe('1.0.0');
  });

  test('GIVEN every component in a location WHEN --helm-chart runs THEN the top folder still gets a chart, with no templates, as its kustomization lists no resources', async () => {
    const dir = withComponents({ 'b.yaml': BRACES['b.yaml'] });
    expect((await run(dir, ...RUN, ...HELM)).status).toBe(0);
    const files = snapshotFolder(path.join(dir, 'out'));
    expect(Object.keys(files).filter((f) => f.startsWith('helm/dcae/'))).toEqual(['helm/dcae/.helmignore', 'helm/dcae/Chart.yaml']);
    expect(parse(files['kustomization.yaml']).resources).toEqual([]);
    expect(Object.keys(files).filter((f) => f.startsWith('helm/dcae-edge-1/templates/'))).toEqual([
      'helm/dcae-edge-1/templates/comp-b.yaml',
    ]);
  });

  test('GIVEN manifests in two locations WHEN helmCharts makes their charts THEN each chart folder holds the templates of its own output folder only, and the folders are helm/<name> and helm/<name>-<location>', () => {
    const options: HelmOptions = { name: 'a', version: '1.0.0' };
    const files = helmCharts(
      [
        { path: 'x.k8s.yaml', content: 'x\n' },
        { path: 'b-c/y.k8s.yaml', content: 'y\n' },
        { path: 'b/z.k8s.yaml', content: 'z\n' },
      ],
      options,
    );
    expect(files.map((f) => f.path).filter((p) => p.includes('/templates/'))).toEqual([
      'helm/a/templates/x.yaml',
      'helm/a-b-c/templates/y.yaml',
      'helm/a-b/templates/z.yaml',
    ]);
    expect(new Set(files.map((f) => f.path.split('/')[1]))).toEqual(new Set(['a', 'a-b', 'a-b-c']));
    expect([chartFolder('a', ''), chartFolder('a', 'b-c'), chartFolder('a', 'b')]).toEqual(['helm/a', 'helm/a-b-c', 'helm/a-b']);
    for (const f of files.filter((f) => f.path.endsWith('/Chart.yaml'))) expect(parse(f.content).name).toBe(f.path.split('/')[1]);
  });
});

describe('the templates hold exactly the plain objects', () => {
  test('GIVEN values with {{ and }} WHEN the chart is written THEN each template with the escapes undone (unescapeHelm) is byte for byte its manifest', async () => {
    const dir = withComponents(BRACES);
    expect((await run(dir, ...RUN, ...HELM)).status).toBe(0);
    const files = snapshotFolder(path.join(dir, 'out'));
    const pairs: Array<[string, string]> = [
      ['helm/dcae/templates/comp-a.yaml', 'comp-a.k8s.yaml'],
      ['helm/dcae-edge-1/templates/comp-b.yaml', 'edge-1/comp-b.k8s.yaml'],
      ['helm/dcae-edge-1/templates/comp-c.yaml', 'edge-1/comp-c.k8s.yaml'],
    ];
    for (const [template, manifest] of pairs) {
      expect(unescapeHelm(files[template])).toBe(files[manifest]);
      expect(objectsOf(unescapeHelm(files[template]))).toEqual(objectsOf(files[manifest]));
    }
    expect(files['helm/dcae/templates/comp-a.yaml']).not.toBe(files['comp-a.k8s.yaml']);
  });

  test("GIVEN values with {{ and }} WHEN a template is rendered as Go templates render THEN its only actions are escapes and it renders to the manifest's objects", async () => {
    const dir = withComponents(BRACES);
    expect((await run(dir, ...RUN, ...HELM)).status).toBe(0);
    const files = snapshotFolder(path.join(dir, 'out'));
    const rendered = objectsOf(renderLikeHelm(files['helm/dcae/templates/comp-a.yaml']));
    expect(rendered).toEqual(objectsOf(files['comp-a.k8s.yaml']));
    const env = rendered[0].spec.template.spec.containers[0].env;
    expect(env.slice(0, 4)).toEqual([
      { name: 'TEMPLATE', value: '{{ .Values.x }}' },
      { name: 'TRIM', value: '{{- end -}}' },
      { name: 'ODD', value: '}}}{{{ }} {' },
      { name: 'QUOTED', value: '{{ "{{" }}' },
    ]);
    expect(rendered[0].spec.template.spec.containers[0].readinessProbe.httpGet.path).toBe('/health/{{id}}');
    expect(objectsOf(renderLikeHelm(files['helm/dcae-edge-1/templates/comp-b.yaml']))).toEqual(objectsOf(files['edge-1/comp-b.k8s.yaml']));
  });

  test('GIVEN the shipped examples WHEN the chart is written THEN the templates, unescaped, hold the same objects in the same order as the plain output', async () => {
    const dir = withExamples();
    expect((await run(dir, ...RUN, ...HELM)).status).toBe(0);
    const files = snapshotFolder(path.join(dir, 'out'));
    const manifests = Object.keys(files)
      .filter((f) => f.endsWith('.k8s.yaml'))
      .sort();
    const templates = Object.keys(files)
      .filter((f) => f.startsWith('helm/dcae/templates/'))
      .sort();
    expect(templates).toEqual(manifests.map((m) => `helm/dcae/templates/${m.replace(/\.k8s\.yaml$/, '.yaml')}`));
    expect(templates.flatMap((t) => objectsOf(unescapeHelm(files[t])))).toEqual(manifests.flatMap((m) => objectsOf(files[m])));
    expect(templates.flatMap((t) => objectsOf(renderLikeHelm(files[t])))).toEqual(manifests.flatMap((m) => objectsOf(files[m])));
  });
});

describe('bad chart options', () => {
  test('GIVEN a component with k8s_location "helm" WHEN --helm-chart runs THEN it is refused (exit 1) and nothing is written', async () => {
    const dir = withComponents({ 'a.yaml': component('comp-a', 'k8s_location: helm\n'), 'b.yaml': component('comp-b') });
    const r = await run(dir, ...RUN, ...HELM);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'components/a.yaml:3:15: k8s_location: "helm" is the folder the Helm charts are written to (<out>/helm/<chart>/); expected another location name with --helm-chart\n' +
        '1 error in 1 file; nothing was written to out\n',
    );
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test('GIVEN a component with k8s_location "helm" WHEN compiled without --helm-chart THEN it is an ordinary location', async () => {
    const dir = withComponents({ 'a.yaml': component('comp-a', 'k8s_location: helm\n') });
    expect((await run(dir, ...RUN)).status).toBe(0);
    expect(Object.keys(snapshotFolder(path.join(dir, 'out'))).sort()).toEqual([
      '.dcae-synth-files',
      'helm/comp-a.k8s.yaml',
      'helm/kustomization.yaml',
      'kustomization.yaml',
    ]);
  });

  // Refused while the charts sat in the output folders (a location folder inside the top chart): now that each
  // chart has a folder of its own, Helm's folder names are ordinary locations.
  test.each([['templates'], ['charts'], ['crds']])(
    'GIVEN a component with k8s_location %p WHEN --helm-chart runs THEN it is an ordinary location with a chart of its own',
    async (location) => {
      const dir = withComponents({ 'a.yaml': component('comp-a', `k8s_location: ${location}\n`), 'b.yaml': component('comp-b') });
      const r = await run(dir, ...RUN, ...HELM);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(
        Object.keys(snapshotFolder(path.join(dir, 'out')))
          .filter((f) => f.includes('comp-a'))
          .sort(),
      ).toEqual([`${location}/comp-a.k8s.yaml`, `helm/dcae-${location}/templates/comp-a.yaml`].sort());
    },
  );
});

describe('the chart over several runs', () => {
  test('GIVEN a run with --helm-chart WHEN the next run has no --helm-chart THEN every chart file and the helm/ folder are removed and the manifests stay', async () => {
    const dir = withComponents(BRACES);
    expect((await run(dir, ...RUN, ...HELM)).status).toBe(0);
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/: 0 new, 0 changed, 7 removed, 5 unchanged\n$/);
    expect(Object.keys(snapshotFolder(path.join(dir, 'out'))).sort()).toEqual([
      '.dcae-synth-files',
      'comp-a.k8s.yaml',
      'edge-1/comp-b.k8s.yaml',
      'edge-1/comp-c.k8s.yaml',
      'edge-1/kustomization.yaml',
      'kustomization.yaml',
    ]);
    expect(foldersOf(path.join(dir, 'out'))).toEqual(['edge-1']);
  });

  test('GIVEN a chart written WHEN --check runs with the same options THEN it passes; WHEN it runs without --helm-chart THEN the chart files are reported extra', async () => {
    const dir = withComponents(BRACES);
    expect((await run(dir, ...RUN, ...HELM)).status).toBe(0);
    const same = await run(dir, ...RUN, ...HELM, '--check');
    expect(same.status).toBe(0);
    const plain = await run(dir, ...RUN, '--check');
    expect(plain.status).toBe(1);
    expect(plain.stdout.split('\n').filter((l) => l.startsWith('--- '))).toEqual([
      '--- a/out/.dcae-synth-files',
      '--- a/out/helm/dcae-edge-1/.helmignore',
      '--- a/out/helm/dcae-edge-1/Chart.yaml',
      '--- a/out/helm/dcae-edge-1/templates/comp-b.yaml',
      '--- a/out/helm/dcae-edge-1/templates/comp-c.yaml',
      '--- a/out/helm/dcae/.helmignore',
      '--- a/out/helm/dcae/Chart.yaml',
      '--- a/out/helm/dcae/templates/comp-a.yaml',
    ]);
    expect(plain.stderr).toBe('out is out of date: 8 files differ (1 stale, 7 extra). Run npm run synth and commit the result.\n');
  });

  test('GIVEN a chart written WHEN only the chart version changes THEN only the Chart.yaml files are rewritten', async () => {
    const dir = withComponents(BRACES);
    expect((await run(dir, ...RUN, ...HELM)).status).toBe(0);
    const before = snapshotFolder(path.join(dir, 'out'));
    const r = await run(dir, ...RUN, '--helm-chart', 'dcae', '--chart-version', '1.2.4');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/: 0 new, 2 changed, 0 removed, 10 unchanged\n$/);
    const after = snapshotFolder(path.join(dir, 'out'));
    expect(
      Object.keys(after)
        .filter((f) => after[f] !== before[f])
        .sort(),
    ).toEqual(['helm/dcae-edge-1/Chart.yaml', 'helm/dcae/Chart.yaml']);
  });

  test('GIVEN a chart written WHEN the next run names another chart THEN the old chart folders are removed and the new ones written, the manifests untouched', async () => {
    const dir = withComponents(BRACES);
    expect((await run(dir, ...RUN, ...HELM)).status).toBe(0);
    const r = await run(dir, ...RUN, '--helm-chart', 'other', '--chart-version', '1.2.3');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/: 7 new, 0 changed, 7 removed, 5 unchanged\n$/);
    expect(foldersOf(path.join(dir, 'out', 'helm'))).toEqual(['other', 'other-edge-1', 'other-edge-1/templates', 'other/templates']);
  });

  test("GIVEN a chart written WHEN a location's last component moves away THEN that location's chart folder goes with its output folder", async () => {
    const dir = withComponents(BRACES);
    expect((await run(dir, ...RUN, ...HELM)).status).toBe(0);
    writeComponents(dir, { 'b.yaml': component('comp-b'), 'c.yaml': component('comp-c') });
    const r = await run(dir, ...RUN, '--helm-chart', 'dcae', '--chart-version', '1.2.4');
    expect(r.status).toBe(0);
    expect(foldersOf(path.join(dir, 'out'))).toEqual(['helm', 'helm/dcae', 'helm/dcae/templates']);
    expect(Object.keys(snapshotFolder(path.join(dir, 'out', 'helm', 'dcae', 'templates')))).toEqual([
      'comp-a.yaml',
      'comp-b.yaml',
      'comp-c.yaml',
    ]);
  });
});

const CHART = (name: string, version: string) => `apiVersion: v2\nname: ${name}\nversion: ${version}\n`;

describe('unbumpedCharts: a chart whose templates changed under the same version', () => {
  const desired = [
    { path: 'helm/a/Chart.yaml', content: CHART('a', '1.0.0') },
    { path: 'helm/a/templates/x.yaml', content: 'x\n' },
    { path: 'helm/a-b/Chart.yaml', content: CHART('a-b', '1.0.0') },
    { path: 'helm/a-b/templates/y.yaml', content: 'y\n' },
    { path: 'a.k8s.yaml', content: 'x\n' },
  ];
  const onDisk = (changes: Record<string, string | undefined> = {}) => {
    const old = new Map(desired.filter((f) => f.path.startsWith('helm/')).map((f) => [f.path, f.content]));
    for (const [p, content] of Object.entries(changes)) {
      if (content === undefined) old.delete(p);
      else old.set(p, content);
    }
    return old;
  };

  test('GIVEN the same files on disk WHEN compared THEN no chart is reported', () => {
    expect(unbumpedCharts(onDisk(), desired)).toEqual([]);
  });

  test('GIVEN no chart on disk (a first run) WHEN compared THEN no chart is reported', () => {
    expect(unbumpedCharts(new Map(), desired)).toEqual([]);
  });

  test("GIVEN a template's bytes changed and the same version on disk WHEN compared THEN that chart alone is reported, with its version", () => {
    expect(unbumpedCharts(onDisk({ 'helm/a-b/templates/y.yaml': 'old\n' }), desired)).toEqual([
      { chartFile: 'helm/a-b/Chart.yaml', version: '1.0.0' },
    ]);
    expect(unbumpedCharts(onDisk({ 'helm/a/templates/x.yaml': 'old\n' }), desired)).toEqual([
      { chartFile: 'helm/a/Chart.yaml', version: '1.0.0' },
    ]);
  });

  test('GIVEN a template added or removed under the same version WHEN compared THEN the chart is reported', () => {
    expect(unbumpedCharts(onDisk({ 'helm/a/templates/x.yaml': undefined }), desired)).toEqual([
      { chartFile: 'helm/a/Chart.yaml', version: '1.0.0' },
    ]);
    expect(unbumpedCharts(onDisk({ 'helm/a/templates/gone.yaml': 'g\n' }), desired)).toEqual([
      { chartFile: 'helm/a/Chart.yaml', version: '1.0.0' },
    ]);
  });

  test('GIVEN both charts changed WHEN compared THEN each is reported once, sorted by path', () => {
    const old = onDisk({ 'helm/a/templates/x.yaml': 'old\n', 'helm/a/templates/z.yaml': 'z\n', 'helm/a-b/templates/y.yaml': 'old\n' });
    expect(unbumpedCharts(old, desired).map((c) => c.chartFile)).toEqual(['helm/a-b/Chart.yaml', 'helm/a/Chart.yaml']);
  });

  test('GIVEN changed templates and another version on disk WHEN compared THEN no chart is reported', () => {
    expect(unbumpedCharts(onDisk({ 'helm/a/templates/x.yaml': 'old\n', 'helm/a/Chart.yaml': CHART('a', '0.9.0') }), desired)).toEqual([]);
  });

  test('GIVEN changed templates and a Chart.yaml on disk that has no version or is no YAML WHEN compared THEN no chart is reported', () => {
    for (const chart of ['apiVersion: v2\nname: a\n', 'version: [1\n', '- 1.0.0\n', 'null\n'])
      expect(unbumpedCharts(onDisk({ 'helm/a/templates/x.yaml': 'old\n', 'helm/a/Chart.yaml': chart }), desired)).toEqual([]);
  });

  test('GIVEN a chart reported WHEN its message is made THEN it names the Chart.yaml, the version and how to raise it', () => {
    expect(unbumpedMessage('dist/helm/dcae/Chart.yaml', '1.2.0')).toBe(
      "dist/helm/dcae/Chart.yaml: the chart's templates changed but its version is still 1.2.0; raise --chart-version (or chart-version in the options file) so that Helm sees a new chart",
    );
  });
});
