/**
 * A kustomization.yaml in each output folder, listing only that folder's manifests in a stable order, so
 * that `kubectl kustomize <out>` and `kubectl kustomize <out>/<location>` each build exactly their objects.
 * These tests run the real kubectl (kustomize is built in); they fail, never skip, when it is missing.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  childEnv,
  component,
  EXAMPLE_MANIFESTS,
  objectsOf,
  ROOT,
  run,
  snapshotFolder,
  sortedObjects,
  withComponents,
  withExamples,
} from '../helpers';

const RUN = ['--components', 'components', '--out', 'out'];

/** `kubectl kustomize <folder>`'s objects. Throws (failing the test) when kubectl cannot run. */
function kustomize(folder: string): any[] {
  const r = spawnSync('kubectl', ['kustomize', folder], { encoding: 'utf8', env: childEnv(folder, { KUBECONFIG: '/dev/null' }) });
  if (r.error) throw new Error(`these tests need kubectl (v1.14 or later, with kustomize built in) on the PATH: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`kubectl kustomize ${folder} exited ${r.status}:\n${r.stderr}`);
  return objectsOf(r.stdout);
}

/** The objects of the given manifests of a folder, in one list. */
function objectsOfFiles(out: string, files: string[]): any[] {
  return files.flatMap((f) => objectsOf(fs.readFileSync(path.join(out, f), 'utf8')));
}

function kustomization(resources: string[]): string {
  return (
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n' +
    (resources.length === 0 ? 'resources: []\n' : `resources:\n${resources.map((r) => `  - ${r}\n`).join('')}`)
  );
}

/** Two top-level components, two in edge-1 (one with the same name as a top-level one), one in edge-2. */
const FLEET = {
  'a.yaml': component('comp-zeta', 'ports: ["8080:30080"]\n'),
  'b.yaml': component('comp-alpha'),
  'c.yaml': component('comp-alpha', 'k8s_location: edge-1\nports: ["8080:30080"]\n'),
  'd.yaml': component('comp-beta', 'k8s_location: edge-1\nnamespace: edge\n'),
  'e.yaml': component('comp-gamma', 'k8s_location: edge-2\nports: ["9090/udp:0"]\n'),
};

test('GIVEN kubectl WHEN asked for its version THEN it runs (these tests need it)', () => {
  const r = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8', env: childEnv(ROOT) });
  expect(r.error).toBeUndefined();
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/Kustomize Version: v\d+/);
});

describe('one kustomization per output folder', () => {
  test('GIVEN components in the top folder and two locations WHEN compiled THEN each folder has a kustomization listing exactly its own manifests, sorted', async () => {
    const dir = withComponents(FLEET);
    expect((await run(dir, ...RUN)).status).toBe(0);
    const files = snapshotFolder(path.join(dir, 'out'));
    expect(Object.keys(files).sort()).toEqual([
      '.dcae-synth-files',
      'comp-alpha.k8s.yaml',
      'comp-zeta.k8s.yaml',
      'edge-1/comp-alpha.k8s.yaml',
      'edge-1/comp-beta.k8s.yaml',
      'edge-1/kustomization.yaml',
      'edge-2/comp-gamma.k8s.yaml',
      'edge-2/kustomization.yaml',
      'kustomization.yaml',
    ]);
    expect(files['kustomization.yaml']).toBe(kustomization(['comp-alpha.k8s.yaml', 'comp-zeta.k8s.yaml']));
    expect(files['edge-1/kustomization.yaml']).toBe(kustomization(['comp-alpha.k8s.yaml', 'comp-beta.k8s.yaml']));
    expect(files['edge-2/kustomization.yaml']).toBe(kustomization(['comp-gamma.k8s.yaml']));
  });

  test('GIVEN the same components in files named and ordered differently WHEN compiled THEN every kustomization has the same bytes', async () => {
    const first = withComponents(FLEET);
    const renamed = Object.fromEntries(Object.entries(FLEET).map(([f, text], i) => [`${'zyxwv'[i]}-${f}`, text]));
    const second = withComponents(renamed);
    expect((await run(first, ...RUN)).status).toBe(0);
    expect((await run(second, ...RUN)).status).toBe(0);
    const kustomizations = (dir: string) =>
      Object.fromEntries(Object.entries(snapshotFolder(path.join(dir, 'out'))).filter(([f]) => f.endsWith('kustomization.yaml')));
    expect(Object.keys(kustomizations(first))).toHaveLength(3);
    expect(kustomizations(second)).toEqual(kustomizations(first));
  });

  test('GIVEN every component in a location WHEN compiled THEN the top kustomization lists no resources and builds nothing', async () => {
    const dir = withComponents({ 'a.yaml': component('comp-a', 'k8s_location: edge-1\n') });
    expect((await run(dir, ...RUN)).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out', 'kustomization.yaml'), 'utf8')).toBe(kustomization([]));
    expect(kustomize(path.join(dir, 'out'))).toEqual([]);
    expect(kustomize(path.join(dir, 'out', 'edge-1')).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/dep-comp-a']);
  });
});

describe("kubectl kustomize builds exactly each folder's objects", () => {
  test('GIVEN the shipped examples WHEN `kubectl kustomize out` runs THEN it builds exactly the 15 compiled objects, unchanged', async () => {
    const dir = withExamples();
    expect((await run(dir, ...RUN)).status).toBe(0);
    const out = path.join(dir, 'out');
    const built = kustomize(out);
    expect(built).toHaveLength(15);
    expect(sortedObjects(built)).toEqual(sortedObjects(objectsOfFiles(out, EXAMPLE_MANIFESTS)));
  });

  test('GIVEN components in the top folder and two locations WHEN kustomize builds each folder THEN each gets only its own objects, and the three together are every object once', async () => {
    const dir = withComponents(FLEET);
    expect((await run(dir, ...RUN)).status).toBe(0);
    const out = path.join(dir, 'out');
    const top = kustomize(out);
    const edge1 = kustomize(path.join(out, 'edge-1'));
    const edge2 = kustomize(path.join(out, 'edge-2'));
    expect(sortedObjects(top)).toEqual(sortedObjects(objectsOfFiles(out, ['comp-alpha.k8s.yaml', 'comp-zeta.k8s.yaml'])));
    expect(sortedObjects(edge1)).toEqual(sortedObjects(objectsOfFiles(out, ['edge-1/comp-alpha.k8s.yaml', 'edge-1/comp-beta.k8s.yaml'])));
    expect(sortedObjects(edge2)).toEqual(sortedObjects(objectsOfFiles(out, ['edge-2/comp-gamma.k8s.yaml'])));
    expect(sortedObjects(top).map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'Deployment/dcae/dep-comp-alpha',
      'Deployment/dcae/dep-comp-zeta',
      'Service/dcae/comp-zeta',
      'Service/dcae/xcomp-zeta',
    ]);
    expect(sortedObjects(edge1).map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'Deployment/dcae/dep-comp-alpha',
      'Deployment/edge/dep-comp-beta',
      'Service/dcae/comp-alpha',
      'Service/dcae/xcomp-alpha',
    ]);
    expect(sortedObjects(edge2).map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'Deployment/dcae/dep-comp-gamma',
      'Service/dcae/comp-gamma',
    ]);
    const manifests = Object.keys(snapshotFolder(out)).filter((f) => f.endsWith('.k8s.yaml'));
    expect(top.length + edge1.length + edge2.length).toBe(objectsOfFiles(out, manifests).length);
  });

  test("GIVEN the Helm charts (out/helm/), a README, a .gitkeep and a stray YAML in the folders WHEN kustomize builds them THEN it still builds exactly the manifests' objects", async () => {
    const dir = withComponents(FLEET);
    expect((await run(dir, ...RUN, '--helm-chart', 'dcae', '--chart-version', '1.0.0')).status).toBe(0);
    const out = path.join(dir, 'out');
    fs.writeFileSync(path.join(out, 'README.md'), '# manifests\n');
    fs.writeFileSync(path.join(out, 'edge-1', '.gitkeep'), '');
    fs.writeFileSync(path.join(out, 'edge-1', 'extra.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stray\n');
    expect(fs.existsSync(path.join(out, 'helm', 'dcae', 'templates', 'comp-alpha.yaml'))).toBe(true);
    expect(sortedObjects(kustomize(out))).toEqual(sortedObjects(objectsOfFiles(out, ['comp-alpha.k8s.yaml', 'comp-zeta.k8s.yaml'])));
    expect(sortedObjects(kustomize(path.join(out, 'edge-1')))).toEqual(
      sortedObjects(objectsOfFiles(out, ['edge-1/comp-alpha.k8s.yaml', 'edge-1/comp-beta.k8s.yaml'])),
    );
  });

  test('GIVEN a location emptied by a later run WHEN kustomize builds the top folder THEN it builds, and the removed location has no kustomization left', async () => {
    const dir = withComponents(FLEET);
    expect((await run(dir, ...RUN)).status).toBe(0);
    fs.rmSync(path.join(dir, 'components', 'e.yaml'));
    expect((await run(dir, ...RUN)).status).toBe(0);
    const out = path.join(dir, 'out');
    expect(fs.existsSync(path.join(out, 'edge-2'))).toBe(false);
    expect(kustomize(out)).toHaveLength(4);
  });
});
