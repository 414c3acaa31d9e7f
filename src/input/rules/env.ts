/** Environment variables: their names, and none of those the compiler sets. */
import { describeValue } from '../diagnostics';
import { SpecSource } from '../source';
import { isObj, Report } from '../values';
import { isEnvName } from './kubernetes';
import { ComponentRule } from './rule';

/** The `env` rule: the spec's environment variables, numbers and booleans as written. */
export const envRule: ComponentRule<'env'> = {
  name: 'env',
  description: 'Environment variable names are valid, and none is POD_IP, which the compiler sets.',
  check: (context) => readEnv(context.value.env, context.source, context.report),
};

function readEnv(value: unknown, source: SpecSource, err: Report): Array<[string, string]> {
  if (!isObj(value)) return [];
  const out: Array<[string, string]> = [];
  for (const [key, raw] of Object.entries(value)) {
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
  }
  return out;
}
