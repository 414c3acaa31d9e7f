/**
 * The tests check src/ with the validators the build precompiled, as the shipped CLI does (jest.config.js maps
 * the generated modules to build/): a schema compiled at test time could differ from the shipped one.
 */
jest.mock('ajv', () => {
  throw new Error('ajv was loaded: a schema was compiled at test time instead of using the precompiled validators');
});

// After the mock on purpose: the esbuild transform does not hoist jest.mock above imports.
// eslint-disable-next-line import-x/first
import { compile } from '../../src/compile';

describe('GIVEN the tests, which run src/', () => {
  test('WHEN a YAML spec, a platform file and a DCAE spec are checked THEN the precompiled validators serve them (Ajv itself is never loaded)', () => {
    const dcae = {
      self: { version: '1.0.0', name: 'probe', description: 'd', component_type: 'docker' },
      streams: { publishes: [], subscribes: [] },
      services: { calls: [], provides: [] },
      parameters: [],
      auxilary: { healthcheck: { type: 'http', endpoint: '/h' }, ports: ['8080:0'] },
      artifacts: [{ type: 'docker image', uri: 'repo/probe:1.0.0' }],
    };
    const result = compile({
      components: [
        { name: 'components/a.yaml', text: 'name: a\nimage: r/a:1\n' },
        { name: 'components/probe.json', text: JSON.stringify(dcae) },
      ],
      platform: { name: 'components/platform.yaml', text: 'namespace: x\n' },
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.files.map((f) => f.path)).toEqual(['.dcae-synth-files', 'a.k8s.yaml', 'kustomization.yaml', 'probe.k8s.yaml']);
    const bad = compile({
      components: [{ name: 'components/probe.json', text: JSON.stringify({ ...dcae, self: { ...dcae.self, version: 1 } }) }],
    });
    expect(bad.warnings.map((w) => w.path)).toEqual(['self.version']);
  });
});
