/**
 * The size of a compiled object. The API server stores each object in etcd, which refuses a request above
 * 1.5 MiB by default (--max-request-bytes), and Kubernetes holds a ConfigMap or Secret to 1 MiB of data.
 * The compiler refuses, as an input error, an object above {@link MAX_OBJECT_BYTES} serialised as compact
 * JSON (as kubectl sends it): well under etcd's limit, with room for what the API server and the GitOps
 * tools add (managedFields, status, their own labels and annotations).
 */
import { appendPath } from '../input/diagnostics';

/** The most a compiled object may take, serialised as compact JSON: 1 MiB. */
export const MAX_OBJECT_BYTES = 1024 * 1024;

/** The largest string value of an object. */
export interface LargestValue {
  /** Where it is, as a key path. */
  readonly path: string;
  /** Its size, in UTF-8 bytes. */
  readonly bytes: number;
  /** The `name` of the mapping that holds it, when it has one. @default none */
  readonly owner?: string;
}

/** An object above the most a compiled object may take (1 MiB as compact JSON). */
export interface OversizedObject {
  /** `Kind "name"`. */
  readonly object: string;
  /** Its size, serialised as compact JSON, in bytes. */
  readonly bytes: number;
  /** Its largest string value. @default none: the object has no string value */
  readonly largest?: LargestValue;
}

/** The objects above the limit, in order. */
export function oversizedObjects(objects: readonly unknown[], limit = MAX_OBJECT_BYTES): OversizedObject[] {
  const out: OversizedObject[] = [];
  for (const obj of objects) {
    const bytes = Buffer.byteLength(JSON.stringify(obj), 'utf8');
    if (bytes <= limit) continue;
    const o = obj as { kind?: string; metadata?: { name?: string } };
    out.push({ object: `${o?.kind ?? '(no kind)'} "${o?.metadata?.name ?? '(no name)'}"`, bytes, largest: largestString(obj) });
  }
  return out;
}

/** The largest string value of an object (the first of equal ones), with its key path. */
function largestString(root: unknown): OversizedObject['largest'] {
  let best: { path: string; bytes: number; owner?: string } | undefined;
  const walk = (value: unknown, at: string, parent: unknown): void => {
    if (typeof value === 'string') {
      const bytes = Buffer.byteLength(value, 'utf8');
      if (!best || bytes > best.bytes) {
        const owner = (parent as { name?: unknown } | undefined)?.name;
        best = { path: at, bytes, ...(typeof owner === 'string' && owner !== value ? { owner } : {}) };
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, appendPath(at, i), value));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, appendPath(at, k), value);
    }
  };
  walk(root, '', undefined);
  return best;
}

/** What a diagnostic says about an oversized object (it points at the component's `name`). */
export function oversizedMessage(o: OversizedObject, limit = MAX_OBJECT_BYTES): string {
  const largest = o.largest
    ? `. Its largest value is ${o.largest.path}${o.largest.owner !== undefined ? ` (of ${JSON.stringify(o.largest.owner)})` : ''}, ${o.largest.bytes} bytes`
    : '';
  return (
    `the ${o.object} would be ${o.bytes} bytes as JSON; expected at most ${limit} bytes (1 MiB) per object, ` +
    `as the API server refuses objects that etcd cannot store${largest}`
  );
}
