/**
 * The text of a component's `application_config.yaml`: its configuration as YAML, keys sorted at every depth
 * (in code-unit order, whole-number keys first), written like every YAML file the compiler writes (./yaml.ts: every string that some
 * reader would take for something else is double-quoted). The same configuration always gives the same bytes,
 * and so the same `checksum/application-config`.
 */
import { stringifyYaml } from './yaml';

/** The configuration as the text of `application_config.yaml`. */
export function applicationConfigText(config: Readonly<Record<string, unknown>>): string {
  return stringifyYaml(sortedKeys(config));
}

/** A value with the keys of every mapping in it sorted, lists kept in order. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  // Code-unit order (the default sort). A JavaScript object lists integer-like keys ("9", "10") first, in
  // numeric order, whatever the order they are added in: those keys come first in the text, 9 before 10.
  const keys = Object.keys(value).sort();
  return Object.fromEntries(keys.map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]));
}
