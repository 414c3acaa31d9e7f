/**
 * What no single file can check: two files for one component, objects of two components with the same
 * kind, namespace and name, and a NodePort used by two components of one cluster (NodePorts are cluster-wide).
 */
import { componentObjects, kafkaTopicObjectName } from '../contract/names';
import { Diagnostic, KeyPath } from './diagnostics';
import { ComponentSpec } from './model';
import { SpecSource } from './source';

/**
 * Diagnostics with no message yet, at the keys that checks after a file's own point at: `name`, each `ports` entry
 * and `k8s_location` (when set).
 */
export type Anchors = ReadonlyMap<string, Diagnostic>;

export function anchorsOf(spec: ComponentSpec, source: SpecSource): Anchors {
  const anchors = new Map<string, Diagnostic>([['name', source.error(['name'], '')]]);
  for (const p of spec.ports) anchors.set(`ports.${p.entry}`, source.error(['ports', p.entry], ''));
  if (spec.k8sLocation !== undefined) anchors.set('k8s_location', source.error(['k8s_location'], ''));
  return anchors;
}

export function checkAcrossComponents(loaded: ReadonlyArray<{ spec: ComponentSpec; anchors: Anchors }>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const components = new Map<string, string>();
  const objects = new Map<string, { file: string; text: string }>();
  const nodePorts = new Map<string, { file: string; text: string }>();
  const where = (s: ComponentSpec) => (s.k8sLocation ? `k8s_location "${s.k8sLocation}"` : 'no k8s_location');
  for (const { spec, anchors } of loaded) {
    // An anchor's own message is what the source adds after any message (a DCAE spec's fix hint).
    const at = (p: KeyPath, message: string) => {
      const anchor = anchors.get(p.join('.')) as Diagnostic;
      out.push({ ...anchor, message: `${message}${anchor.message}` });
    };
    const location = spec.k8sLocation ?? '';
    const componentKey = `${location}\0${spec.name}`;
    const first = components.get(componentKey);
    if (first) {
      at(
        ['name'],
        `the component "${spec.name}" (${where(spec)}) is already defined in ${first}; expected one file per component and location`,
      );
      continue;
    }
    components.set(componentKey, spec.file);

    const namespace = spec.namespace;
    // A published topic's KafkaTopic is the component's object too: two publishers of one topic would both create it.
    const topics = (spec.kafka?.publishes ?? []).map((s) => ({ kind: 'KafkaTopic', name: kafkaTopicObjectName(s.topic) }));
    for (const { kind, name } of [...componentObjects(spec.name, spec.ports), ...topics]) {
      const key = `${location}\0${namespace}\0${kind}\0${name}`;
      const other = objects.get(key);
      if (!other) objects.set(key, { file: spec.file, text: `${spec.file} (component "${spec.name}")` });
      else if (other.file !== spec.file) {
        at(
          ['name'],
          `gives the ${kind} "${name}" in namespace "${namespace}", which ${other.text} also creates; ` +
            (kind === 'KafkaTopic'
              ? 'expected each topic published by one component only (the other may subscribe to it)'
              : 'expected names that stay distinct once derived and cut to 63 characters'),
        );
      }
    }

    for (const p of spec.ports) {
      if (p.hostPort === 0) continue;
      const key = `${location}\0${p.hostPort}`;
      const other = nodePorts.get(key);
      if (!other) nodePorts.set(key, { file: spec.file, text: `${spec.file} (component "${spec.name}")` });
      else if (other.file !== spec.file) {
        at(
          ['ports', p.entry],
          `host port ${p.hostPort} is already the NodePort of ${other.text} in the same cluster (${where(spec)}); expected each NodePort once per cluster`,
        );
      }
    }
  }
  return out;
}
