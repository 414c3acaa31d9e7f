/** Labels and environment variables. */
import { describeValue } from '../diagnostics';
import { SpecSource } from '../source';
import { isObj, Report } from '../values';
import { isEnvName, labelKeyProblem, labelValueProblem } from './kubernetes';

/** Labels the compiler sets itself. */
const RESERVED_LABELS = ['app', 'k8sdeployment'];

export function readLabels(value: unknown, err: Report): Record<string, string> {
  if (!isObj(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, label] of Object.entries(value)) {
    if (RESERVED_LABELS.includes(key)) {
      err(['labels', key], `the label "${key}" is set by the compiler (app: <name>, k8sdeployment: dep-<name>); remove it`, 'key');
      continue;
    }
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) err(['labels', key], `${describeValue(key)} is not ${keyProblem}`, 'key');
    if (typeof label !== 'string') continue; // reported by the schema
    const valueProblem = labelValueProblem(label);
    if (valueProblem) err(['labels', key], `${describeValue(label)} is not ${valueProblem}`);
    else if (!keyProblem) out[key] = label;
  }
  return out;
}

export function readEnv(value: unknown, source: SpecSource, err: Report): Array<[string, string]> {
  if (!isObj(value)) return [];
  const out: Array<[string, string]> = [];
  for (const [key, raw] of Object.entries(value)) {
    if (key === 'POD_IP') {
      err(['env', key], 'POD_IP is set by the compiler from the pod\'s IP (status.podIP); remove it', 'key');
      continue;
    }
    if (!isEnvName(key)) {
      err(['env', key], `${describeValue(key)} is not an environment variable name: letters, digits, "_", "-" or ".", not starting with a digit`, 'key');
      continue;
    }
    if (typeof raw === 'string') out.push([key, raw]);
    else if (typeof raw === 'number' || typeof raw === 'boolean') out.push([key, source.rawScalar(['env', key]) ?? String(raw)]);
  }
  return out;
}
