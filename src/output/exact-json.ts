/**
 * JSON text that tells apart every value a spec can hold. `JSON.stringify` writes NaN and the infinities as `null`
 * and -0 as `0`, but a YAML spec can hold them (`.nan`, `.inf`, `-0` in `application_config`) and the output keeps
 * them: keyed by `JSON.stringify`, the render cache would take a `null` component's manifest for a `.nan` one.
 */

/** Whether `JSON.parse(JSON.stringify(value))` gives back the same value: no NaN, infinity, -0 or hole of a list. */
export function isPlainJson(value: unknown): boolean {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'string':
    case 'boolean':
      return true;
    case 'object':
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (value[i] === undefined || !isPlainJson(value[i])) return false;
        return true;
      }
      // A key whose value is undefined is no key, in JSON as in every reader of a spec.
      for (const key of Object.keys(value)) {
        const v = (value as Record<string, unknown>)[key];
        if (v !== undefined && !isPlainJson(v)) return false;
      }
      return true;
    default:
      return false;
  }
}

/**
 * A text that is the same for two values exactly when they are the same JSON-like value: `JSON.stringify`'s when
 * that is exact ({@link isPlainJson}); otherwise one where every string is marked `s`, and NaN, the infinities, -0
 * and a list's holes are strings marked `n` and `u`, after a first character that no JSON text starts with.
 */
export function exactJson(value: unknown): string {
  return isPlainJson(value) ? JSON.stringify(value) : `\u0001${JSON.stringify(value, marked)}`;
}

function marked(this: unknown, _key: string, v: unknown): unknown {
  if (typeof v === 'string') return `s${v}`;
  if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return `n${Object.is(v, -0) ? '-0' : String(v)}`;
  if (v === undefined && Array.isArray(this)) return 'u';
  return v;
}
