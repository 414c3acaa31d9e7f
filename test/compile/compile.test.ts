/** compile() itself: what the CLI and the cdk8s app share, beyond what the helpers (which allow an empty folder) reach. */
import { compile } from '../../src/compile';
import { formatDiagnostic } from '../../src/input/diagnostics';
import { compile as compileOne, mainOf, spec } from '../helpers';

const EMPTY =
  'no component spec (*.yaml, *.yml or *.json besides platform.yaml) in this folder; expected at least one. ' +
  'An empty folder would remove every manifest from the output; to do that on purpose, run again with --allow-empty (with cdk8s synth: DCAE_ALLOW_EMPTY=true)';

describe('GIVEN no component spec', () => {
  test('WHEN compiled without allowEmpty THEN one error at the folder, named "components" when the input names none, and nothing to write', () => {
    const r = compile({ components: [] });
    expect(r.diagnostics).toEqual([{ file: 'components', line: 0, column: 0, path: '', message: EMPTY }]);
    expect(r.files).toEqual([]);
    expect(r.components).toBe(0);
  });

  test('WHEN compiled without allowEmpty from a folder the input names THEN the error is at that folder', () => {
    const r = compile({ folder: 'specs', components: [] });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([`specs: ${EMPTY}`]);
  });

  test('WHEN compiled with allowEmpty THEN no error, and only the record of written files and an empty top kustomization', () => {
    const r = compile({ components: [] }, { allowEmpty: true });
    expect(r.diagnostics).toEqual([]);
    expect(r.files.map((f) => f.path)).toEqual(['.dcae-synth-files', 'kustomization.yaml']);
    expect(r.files[1].content).toBe('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n');
  });
});

describe('GIVEN a minimal spec', () => {
  test('WHEN compiled THEN the main container is named after the component', () => {
    const { objects } = compileOne(spec());
    expect(mainOf(objects).name).toBe('comp');
  });
});

describe('GIVEN the helm option (a chart for each output folder, under helm/)', () => {
  const HELM = { helm: { name: 'dcae', version: '1.0.0' } };
  const located = (location: string) => ({
    components: [{ name: 'a.yaml', text: `name: comp\nimage: repo/comp:1.0\nk8s_location: ${location}\n` }],
  });

  test('WHEN a component has k8s_location helm THEN it is the one error, at the location, and nothing is to be written', () => {
    const r = compile(located('helm'), HELM);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'a.yaml:3:15: k8s_location: "helm" is the folder the Helm charts are written to (<out>/helm/<chart>/); expected another location name with --helm-chart',
    ]);
    expect(r.files).toEqual([]);
  });

  test('WHEN the same component is compiled without the helm option THEN helm is an ordinary location', () => {
    const r = compile(located('helm'));
    expect(r.diagnostics).toEqual([]);
    expect(r.files.map((f) => f.path)).toContain('helm/comp.k8s.yaml');
  });

  test.each([['templates'], ['charts'], ['crds'], ['helm-1'], ['dcae']])(
    'WHEN a component has k8s_location %p THEN it compiles, with its chart in helm/dcae-<location>/',
    (location) => {
      const r = compile(located(location), HELM);
      expect(r.diagnostics).toEqual([]);
      expect(r.files.map((f) => f.path).filter((p) => p.startsWith('helm/'))).toEqual([
        `helm/dcae-${location}/.helmignore`,
        `helm/dcae-${location}/Chart.yaml`,
        `helm/dcae-${location}/templates/comp.yaml`,
        'helm/dcae/.helmignore',
        'helm/dcae/Chart.yaml',
      ]);
    },
  );
});
