/**
 * The constructs are a library of their own: the package index exports them, their props and the platform
 * defaults, never their private helpers. What they may import is checked with every layer in test/boundaries.test.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as index from '../../src/index';

const SRC = path.resolve(__dirname, '..', '..', 'src');
const CONSTRUCTS = path.join(SRC, 'constructs');

describe("the constructs' boundaries", () => {
  test("GIVEN the package index WHEN its exports are listed THEN it has every construct, the props' runtime values and the platform defaults", () => {
    for (const name of [
      'ComponentChart',
      'ComponentPod',
      'ComponentService',
      'FilebeatSidecar',
      'TlsInitContainer',
      'CertServiceClient',
      'CertPostProcessor',
    ]) {
      expect({ name, type: typeof (index as Record<string, unknown>)[name] }).toEqual({ name, type: 'function' });
    }
    expect(index.PLATFORM_DEFAULTS.namespace).toBe('dcae');
  });

  test('GIVEN the package index WHEN its one compile entry point compiles a spec THEN it returns the manifest, the kustomization and the record, or every diagnostic', () => {
    const ok = index.compile({ components: [{ name: 'components/a.yaml', text: 'name: a\nimage: r/a:1\n' }] });
    expect(ok.diagnostics).toEqual([]);
    expect(ok.files.map((f) => f.path)).toEqual(['.dcae-synth-files', 'a.k8s.yaml', 'kustomization.yaml']);
    const bad = index.compile({ components: [{ name: 'components/a.yaml', text: 'name: A\nimage: r/a:1\n' }] });
    expect(bad.files).toEqual([]);
    expect(bad.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.path}`)).toEqual(['components/a.yaml:1:7: name']);
  });

  test("GIVEN the constructs' private helpers and the input side WHEN the index is read THEN it exports none of them", () => {
    const privateDir = path.join(CONSTRUCTS, 'private');
    const internal = fs.readdirSync(privateDir).flatMap((f) => Object.keys(require(path.join(privateDir, f))));
    expect(internal).toEqual(expect.arrayContaining(['helperContainer', 'msbAnnotationValue', 'buildMainContainer', 'TLS_INFO_VOLUME']));
    const inputSide = ['DEFAULT_PLATFORM', 'deepMerge', 'loadPlatform', 'readComponent', 'loadProject', 'renderManifest', 'chartProps'];
    const exported = Object.keys(index);
    expect(exported.filter((name) => internal.includes(name) || inputSide.includes(name))).toEqual([]);
  });
});
