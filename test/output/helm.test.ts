/**
 * `--helm-chart NAME --chart-version SEMVER`: a Helm chart (Chart.yaml apiVersion v2 and templates/) in each
 * output folder, holding the same objects as the plain manifests, with every `{{` and `}}` escaped so that
 * Helm renders them literally.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { unescapeHelm } from '../../src/output/helm';
import { component, objectsOf, run, snapshotFolder, withComponents, withExamples } from '../helpers';

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
  test('GIVEN components in the top folder and a location WHEN --helm-chart runs THEN each folder gets Chart.yaml and templates/<name>.yaml beside its manifests and kustomization', async () => {
    const dir = withComponents(BRACES);
    const r = await run(dir, ...RUN, ...HELM);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^compiled 3 components into out in \d+\.\d\d s; files: 12 new, 0 changed, 0 removed, 0 unchanged\n$/);
    const files = snapshotFolder(path.join(dir, 'out'));
    expect(Object.keys(files).sort()).toEqual([
      '.dcae-synth-files',
      '.helmignore',
      'Chart.yaml',
      'comp-a.k8s.yaml',
      'edge-1/.helmignore',
      'edge-1/Chart.yaml',
      'edge-1/comp-b.k8s.yaml',
      'edge-1/comp-c.k8s.yaml',
      'edge-1/kustomization.yaml',
      'edge-1/templates/comp-b.yaml',
      'edge-1/templates/comp-c.yaml',
      'kustomization.yaml',
      'templates/comp-a.yaml',
    ]);
    expect(files['.dcae-synth-files'].split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(
      Object.keys(files)
        .filter((f) => f !== '.dcae-synth-files')
        .sort(),
    );
  });

  test('GIVEN a chart name and version WHEN written THEN every Chart.yaml has apiVersion v2, the name and the version as strings, and a description naming its location', async () => {
    const dir = withComponents(BRACES);
    expect((await run(dir, ...RUN, '--helm-chart', 'dcae-edge', '--chart-version', '1.0.0-rc.1+build.5')).status).toBe(0);
    const top = fs.readFileSync(path.join(dir, 'out', 'Chart.yaml'), 'utf8');
    const edge = fs.readFileSync(path.join(dir, 'out', 'edge-1', 'Chart.yaml'), 'utf8');
    expect(parse(top)).toEqual({
      apiVersion: 'v2',
      name: 'dcae-edge',
      version: '1.0.0-rc.1+build.5',
      type: 'application',
      description: 'DCAE components, compiled from component specs',
    });
    expect(parse(edge)).toEqual({
      apiVersion: 'v2',
      name: 'dcae-edge',
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
    expect(parse(fs.readFileSync(path.join(dir, 'out', 'Chart.yaml'), 'utf8')).version).toBe('1.0.0');
  });
});

describe('the templates hold exactly the plain objects', () => {
  test('GIVEN values with {{ and }} WHEN the chart is written THEN each template with the escapes undone (unescapeHelm) is byte for byte its manifest', async () => {
    const dir = withComponents(BRACES);
    expect((await run(dir, ...RUN, ...HELM)).status).toBe(0);
    const files = snapshotFolder(path.join(dir, 'out'));
    const pairs: Array<[string, string]> = [
      ['templates/comp-a.yaml', 'comp-a.k8s.yaml'],
      ['edge-1/templates/comp-b.yaml', 'edge-1/comp-b.k8s.yaml'],
      ['edge-1/templates/comp-c.yaml', 'edge-1/comp-c.k8s.yaml'],
    ];
    for (const [template, manifest] of pairs) {
      expect(unescapeHelm(files[template])).toBe(files[manifest]);
      expect(objectsOf(unescapeHelm(files[template]))).toEqual(objectsOf(files[manifest]));
    }
    expect(files['templates/comp-a.yaml']).not.toBe(files['comp-a.k8s.yaml']);
  });

  test("GIVEN values with {{ and }} WHEN a template is rendered as Go templates render THEN its only actions are escapes and it renders to the manifest's objects", async () => {
    const dir = withComponents(BRACES);
    expect((await run(dir, ...RUN, ...HELM)).status).toBe(0);
    const files = snapshotFolder(path.join(dir, 'out'));
    const rendered = objectsOf(renderLikeHelm(files['templates/comp-a.yaml']));
    expect(rendered).toEqual(objectsOf(files['comp-a.k8s.yaml']));
    const env = rendered[0].spec.template.spec.containers[0].env;
    expect(env.slice(0, 4)).toEqual([
      { name: 'TEMPLATE', value: '{{ .Values.x }}' },
      { name: 'TRIM', value: '{{- end -}}' },
      { name: 'ODD', value: '}}}{{{ }} {' },
      { name: 'QUOTED', value: '{{ "{{" }}' },
    ]);
    expect(rendered[0].spec.template.spec.containers[0].readinessProbe.httpGet.path).toBe('/health/{{id}}');
    expect(objectsOf(renderLikeHelm(files['edge-1/templates/comp-b.yaml']))).toEqual(objectsOf(files['edge-1/comp-b.k8s.yaml']));
  });

  test('GIVEN the shipped examples WHEN the chart is written THEN the templates, unescaped, hold the same objects in the same order as the plain output', async () => {
    const dir = withExamples();
    expect((await run(dir, ...RUN, ...HELM)).status).toBe(0);
    const files = snapshotFolder(path.join(dir, 'out'));
    const manifests = Object.keys(files)
      .filter((f) => f.endsWith('.k8s.yaml'))
      .sort();
    const templates = Object.keys(files)
      .filter((f) => f.startsWith('templates/'))
      .sort();
    expect(templates).toEqual(manifests.map((m) => `templates/${m.replace(/\.k8s\.yaml$/, '.yaml')}`));
    expect(templates.flatMap((t) => objectsOf(unescapeHelm(files[t])))).toEqual(manifests.flatMap((m) => objectsOf(files[m])));
    expect(templates.flatMap((t) => objectsOf(renderLikeHelm(files[t])))).toEqual(manifests.flatMap((m) => objectsOf(files[m])));
  });
});

describe('bad chart options', () => {
  test('GIVEN a component with k8s_location "templates" WHEN --helm-chart runs THEN it is refused (exit 1) and nothing is written', async () => {
    const dir = withComponents({ 'a.yaml': component('comp-a', 'k8s_location: templates\n') });
    const r = await run(dir, ...RUN, ...HELM);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'components/a.yaml:3:15: k8s_location: "templates" is the Helm chart\'s templates folder; expected another location name with --helm-chart\n' +
        '1 error in 1 file; nothing was written to out\n',
    );
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  // Found while writing these tests (fixed in the working tree since): only "templates" was refused. Helm
  // loads everything under `charts/` as subcharts (out/charts/comp.k8s.yaml is no chart: `helm template out`
  // fails) and `helm install` of the TOP chart sends every .yaml under `crds/` (the location's manifests,
  // kustomization.yaml, Chart.yaml and templates) as CRDs, untemplated.
  test.each([['charts'], ['crds']])(
    'GIVEN a component with k8s_location %p WHEN --helm-chart runs THEN it is refused (exit 1) and nothing is written',
    async (location) => {
      const dir = withComponents({ 'a.yaml': component('comp-a', `k8s_location: ${location}\n`), 'b.yaml': component('comp-b') });
      const r = await run(dir, ...RUN, ...HELM);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`k8s_location: "${location}"`);
      expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    },
  );

  test('GIVEN a component with k8s_location "templates" WHEN compiled without --helm-chart THEN it is an ordinary location', async () => {
    const dir = withComponents({ 'a.yaml': component('comp-a', 'k8s_location: templates\n') });
    expect((await run(dir, ...RUN)).status).toBe(0);
    expect(Object.keys(snapshotFolder(path.join(dir, 'out'))).sort()).toEqual([
      '.dcae-synth-files',
      'kustomization.yaml',
      'templates/comp-a.k8s.yaml',
      'templates/kustomization.yaml',
    ]);
  });
});

describe('the chart over several runs', () => {
  test('GIVEN a run with --helm-chart WHEN the next run has no --helm-chart THEN every chart file and templates/ folder is removed and the manifests stay', async () => {
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
    expect(fs.existsSync(path.join(dir, 'out', 'templates'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'out', 'edge-1', 'templates'))).toBe(false);
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
      '--- a/out/.helmignore',
      '--- a/out/Chart.yaml',
      '--- a/out/edge-1/.helmignore',
      '--- a/out/edge-1/Chart.yaml',
      '--- a/out/edge-1/templates/comp-b.yaml',
      '--- a/out/edge-1/templates/comp-c.yaml',
      '--- a/out/templates/comp-a.yaml',
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
    ).toEqual(['Chart.yaml', 'edge-1/Chart.yaml']);
  });
});
