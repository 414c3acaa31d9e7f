/** Small readers of parsed YAML/JSON values, shared by every rule (written once). */
import { KeyPath, Target } from './diagnostics';

/** A parsed mapping. */
export type Json = Record<string, unknown>;

/** Whether a parsed value is a mapping (not a list, not null). */
export function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value when it is a string. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Reports one problem at a key path of the file being read (at the key itself with target `key`). */
export type Report = (path: KeyPath, message: string, target?: Target) => void;

export { MAX_INT32 } from '../contract/limits';

/**
 * Sets a key of the object's own, as a parser reads a mapping: "__proto__", "toString" and the like are keys
 * like any other (assigning "__proto__" would change the prototype instead).
 */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * Applies a JSON Merge Patch (RFC 7386): mappings merge key by key at every depth (new keys after the old
 * ones), `null` removes a key (also inside a mapping the target does not have yet), and anything else (lists,
 * scalars) replaces. Used for the platform settings over the defaults and for a YAML override over a DCAE spec.
 */
export function mergePatch<T>(target: T, patch: unknown): T {
  if (!isObj(patch)) return (patch === undefined ? target : patch) as T;
  const out: Json = isObj(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else setOwn(out, key, mergePatch(Object.hasOwn(out, key) ? out[key] : undefined, value));
  }
  return out as T;
}
