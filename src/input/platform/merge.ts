/**
 * Merges an override over a base: mappings merge key by key at every depth, and anything else
 * (lists, scalars) in the override replaces the base's value.
 */
export function deepMerge<T>(base: T, override: unknown): T {
  if (!isMapping(base) || !isMapping(override)) return (override === undefined ? base : override) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    out[key] = key in out ? deepMerge(out[key], value) : value;
  }
  return out as T;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
