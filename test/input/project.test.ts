/** loadProject through compile(): a YAML spec's `dcae_spec` reference that names no DCAE spec. */
import { compileProject } from '../helpers';

const F = 'components/c.yaml';

describe('GIVEN a YAML spec with dcae_spec', () => {
  test('GIVEN a path that is not a .json file WHEN compiled THEN the error says a DCAE spec is a .json file', () => {
    expect(compileProject({ components: [{ name: F, text: 'dcae_spec: spec.yaml\n' }] }).errors).toEqual([
      `${F}:1:12: dcae_spec: "spec.yaml" is not a DCAE component specification; expected the path of a .json file, relative to this file`,
    ]);
  });

  test('GIVEN an absolute path to no file WHEN compiled THEN the error names that path as given', () => {
    expect(compileProject({ components: [{ name: F, text: 'dcae_spec: /nowhere/spec.json\n' }] }).errors).toEqual([
      `${F}:1:12: dcae_spec: "/nowhere/spec.json": no such file; expected the path of a DCAE component specification, relative to ${F}`,
    ]);
  });
});
