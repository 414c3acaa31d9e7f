/**
 * A DCAE spec's `parameters` as the component's application configuration, with the platform's
 * `application_config.source: configmap`: `{name: value}` in file order, what the blueprint generator put
 * into the blueprint's `application_config` and so into the config binding service. The compiler reads each
 * parameter's `name` and `value`, nothing else. Older specs have a mapping instead of the list (`{app_config:
 * [...]}`, or any mapping): that mapping itself is the configuration.
 */
import { Diagnostic, formatPath } from '../diagnostics';
import { SourceFile } from '../source';
import { isObj, Json, setOwn } from '../values';
import { fixIn, Override } from './override';

/** The variables the mapping gives only for the config binding service: left out with a ConfigMap. */
export const CBS_ENV = ['CONSUL_HOST', 'CONFIG_BINDING_SERVICE', 'CBS_CONFIG_URL'];

/**
 * The configuration the parameters make: of a list, each entry with a non-empty string `name` and a `value`, in
 * file order (a repeated name keeps its first position and takes the last value, as the generator's map did); a
 * mapping, as it is. Undefined when there is no configuration: `parameters` absent, neither a list nor a mapping,
 * or empty (`[]`, `{}`).
 */
export function parametersConfig(parameters: unknown): Json | undefined {
  if (isObj(parameters)) return Object.keys(parameters).length === 0 ? undefined : (JSON.parse(JSON.stringify(parameters)) as Json);
  if (!Array.isArray(parameters) || parameters.length === 0) return undefined;
  const config: Json = {};
  for (const p of parameters) {
    if (isObj(p) && typeof p.name === 'string' && p.name !== '' && 'value' in p) setOwn(config, p.name, p.value);
  }
  return config;
}

/**
 * What is wrong with the parameters as a configuration: a `parameters` that is neither a list nor a mapping, an
 * entry of the list that is not a mapping or has no name, and a parameter without a value that the override's
 * `application_config` does not give (a blueprint input without a default had to be given at deployment). A
 * repeated name is a warning. A mapping is the configuration as it is; an override that removes the configuration
 * (`application_config: null`) leaves nothing to check.
 */
export function checkParameters(dcae: SourceFile, override: Override | undefined): { errors: Diagnostic[]; warnings: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const parameters = (dcae.value as Json).parameters;
  const fix = (what: string) => `. To fix it, ${fixIn(dcae.file, override, what)}`;
  if (parameters === undefined || isObj(parameters) || override?.value.application_config === null) return { errors, warnings };
  if (!Array.isArray(parameters)) {
    errors.push(
      dcae.error(
        ['parameters'],
        'is not a list or a mapping; expected a list of {name, value}, which becomes the application configuration, ' +
          `or a mapping, which is the configuration itself (platform application_config.source: configmap)${fix('application_config: null')}`,
      ),
    );
    return { errors, warnings };
  }
  const given = override && isObj(override.value.application_config) ? override.value.application_config : {};
  const seen = new Map<string, number>();
  parameters.forEach((p, i) => {
    if (!isObj(p)) {
      errors.push(
        dcae.error(
          ['parameters', i],
          `is not a mapping; expected {name, value}, one key of the application configuration${fix('application_config')}`,
        ),
      );
      return;
    }
    if (typeof p.name !== 'string' || p.name === '') {
      const found = p.name === undefined ? 'missing' : `${JSON.stringify(p.name)} is not a non-empty string`;
      errors.push(
        dcae.error(
          ['parameters', i, 'name'],
          `${found}; expected the parameter's name, its key in the application configuration${fix('application_config')}`,
        ),
      );
      return;
    }
    const key = formatPath(['application_config', p.name]);
    // Only the override's own keys give a value ("toString" is a parameter name, not the object's method).
    if (!('value' in p) && !Object.hasOwn(given, p.name)) {
      errors.push(
        dcae.error(
          ['parameters', i],
          `${JSON.stringify(p.name)} has no value (the blueprint input it made had to be given at deployment); expected a value for the application configuration${fix(key)}`,
        ),
      );
    }
    const first = seen.get(p.name);
    if (first !== undefined) {
      warnings.push(
        dcae.error(
          ['parameters', i, 'name'],
          `${JSON.stringify(p.name)} is also parameters[${first}]; the configuration keeps one ${key}, with the later value`,
        ),
      );
    }
    seen.set(p.name, first ?? i);
  });
  return { errors, warnings };
}
