/** A DCAE spec's parameters as the application configuration (platform application_config.source: configmap): entries it cannot take. */
import { compileFiles, dcae } from '../../helpers';

const CONFIGMAP = 'application_config: {source: configmap}\n';
const FIX = '. To fix it, write a YAML spec beside it with dcae_spec: c.json that sets application_config';

/** The errors of a spec with these parameters, without the schema's own (which reports the same entries its way). */
const errorsWith = (parameters: unknown[]): string[] =>
  compileFiles({ 'components/c.json': dcae({}, {}, { parameters }) }, CONFIGMAP).errors.filter((e) => !e.includes('component-spec schema'));

describe('GIVEN parameters with source configmap', () => {
  test('WHEN an entry is not a mapping THEN it is an error at the entry, with the override that fixes it', () => {
    expect(errorsWith([5])).toEqual([
      `components/c.json:17:5: parameters[0]: is not a mapping; expected {name, value}, one key of the application configuration${FIX}`,
    ]);
  });

  test('WHEN a name is a number THEN it is an error at the name, showing it', () => {
    expect(errorsWith([{ name: 5, value: 1 }])).toEqual([
      `components/c.json:18:15: parameters[0].name: 5 is not a non-empty string; expected the parameter's name, its key in the application configuration${FIX}`,
    ]);
  });
});
