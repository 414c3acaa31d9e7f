/** Labels: Kubernetes label keys and values, and none of those the compiler sets. */
import { SELECTOR_LABELS } from '../../contract/names';
import { describeValue } from '../diagnostics';
import { isObj, Report } from '../values';
import { labelKeyProblem, labelValueProblem } from './kubernetes';
import { ComponentRule } from './rule';

/** The `labels` rule: the spec's labels that Kubernetes accepts. */
export const labelsRule: ComponentRule<'labels'> = {
  name: 'labels',
  description: 'Label keys and values are as Kubernetes accepts them, and none is a label the compiler sets (app, k8sdeployment).',
  check: (context) => readLabels(context.value.labels, context.report),
};

function readLabels(value: unknown, err: Report): Record<string, string> {
  if (!isObj(value)) return {};
  const out: Record<string, string> = {};
  // Object.keys, not Object.entries: on a large mapping (V8 keeps it as a dictionary) entries cost three times as much.
  for (const key of Object.keys(value)) {
    const label = value[key];
    if (SELECTOR_LABELS.includes(key)) {
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
