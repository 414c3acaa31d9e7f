/** Environment variables: their names, and none of those the compiler sets. */
import type { EnvValue } from '../../contract/env';
import { describeValue } from '../diagnostics';
import { SpecSource } from '../source';
import { isObj, Report } from '../values';
import { isEnvName } from './kubernetes';
import { ComponentRule } from './rule';

/** The `env` rule: the spec's environment variables, numbers and booleans as written, `{secret, key}` as a key of a Secret. */
export const envRule: ComponentRule<'env'> = {
  name: 'env',
  description: 'Environment variable names are valid, and none is POD_IP, which the compiler sets.',
  check: (context) => readEnv(context.value.env, context.source, context.report),
};

function readEnv(value: unknown, source: SpecSource, err: Report): Array<[string, EnvValue]> {
  if (!isObj(value)) return [];
  const out: Array<[string, EnvValue]> = [];
  // Object.keys, not Object.entries: on a large mapping (V8 keeps it as a dictionary) entries cost three times as much.
  for (const key of Object.keys(value)) {
    const raw = value[key];
    if (key === 'POD_IP') {
      err(['env', key], "POD_IP is set by the compiler from the pod's IP (status.podIP); remove it", 'key');
      continue;
    }
    if (!isEnvName(key)) {
      err(
        ['env', key],
        `${describeValue(key)} is not an environment variable name: letters, digits, "_", "-" or ".", not starting with a digit`,
        'key',
      );
      continue;
    }
    if (typeof raw === 'string') out.push([key, raw]);
    else if (typeof raw === 'number' || typeof raw === 'boolean') out.push([key, source.rawScalar(['env', key]) ?? String(raw)]);
    // The schema has checked the mapping's two keys: a Secret's name and a key in it.
    else if (isObj(raw) && typeof raw.secret === 'string' && typeof raw.key === 'string')
      out.push([key, { secret: raw.secret, key: raw.key }]);
  }
  return out;
}
