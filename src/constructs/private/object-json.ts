import { ApiObject, App, ImplicitTokenResolver, JsonPatch, Lazy, LazyResolver, NumberStringUnionResolver, resolve } from 'cdk8s';

/** Where a value sits in the object, for cdk8s's resolvers (built only when one is called). */
type Path = { readonly up: Path; readonly key: string } | undefined;

/** A number-or-string union class (IntOrString, Quantity...): cdk8s's NumberStringUnionResolver replaces it. */
const UNION_VALUE_TYPES = ['number', 'string'];

/**
 * What `ApiObject.prototype.toJson` returns, in one walk instead of three. cdk8s resolves every value of the
 * object (a context object, a copied key path and three resolvers per value, strings included), then sorts
 * every map's keys and drops null values in a second walk. Here, for an object whose App has only cdk8s's own
 * resolvers, a `Lazy` is produced, and a string, number, boolean, list or plain map (which none of those
 * resolvers changes) is taken as it is, each map's keys sorted and null values dropped on the way; any other
 * value (a token with a `resolve()`, a number-or-string union, a class instance) goes through cdk8s's own
 * `resolve` at its place in the object. The values are produced in the same order as cdk8s produces them, and
 * the result is the same (tests compare the two on every object of every golden case). With other resolvers,
 * or with CDK8S_DISABLE_SORT set, it is cdk8s's own `toJson`.
 */
export function objectJson(obj: ApiObject): any {
  if (process.env.CDK8S_DISABLE_SORT || !onlyDefaultResolvers(App.of(obj).resolvers)) return ApiObject.prototype.toJson.call(obj);
  try {
    const internals = obj as unknown as { readonly props: object; readonly patches: JsonPatch[] };
    const json = resolved({ ...internals.props, metadata: obj.metadata.toJson() }, undefined, obj);
    const patched = internals.patches.length > 0 ? JsonPatch.apply(json, ...internals.patches) : json;
    // apiVersion, kind and metadata first, then the rest (as cdk8s orders them).
    const result: any = {};
    for (const k of ['apiVersion', 'kind', 'metadata', ...Object.keys(patched)]) if (k in patched) result[k] = patched[k];
    return result;
  } catch (e) {
    throw new Error(`Failed serializing construct at path '${obj.node.path}' with name '${obj.name}': ${e}`, { cause: e });
  }
}

/** Whether an App's resolvers are exactly cdk8s's own three, in their order (no resolver of the user's). */
function onlyDefaultResolvers(resolvers: readonly unknown[]): boolean {
  return (
    resolvers.length === 3 &&
    resolvers[0] instanceof LazyResolver &&
    resolvers[1] instanceof ImplicitTokenResolver &&
    resolvers[2] instanceof NumberStringUnionResolver
  );
}

/** A value resolved as cdk8s resolves it, then sanitised as cdk8s sanitises it (keys sorted, nulls dropped). */
function resolved(value: any, path: Path, obj: ApiObject): any {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Lazy) return resolved(value.produce(), path, obj);
  const type = typeof value;
  const map = type === 'object' && value.constructor === Object;
  const list = Array.isArray(value);
  const simple = map || list || type === 'string' || type === 'number' || type === 'boolean';
  if (!simple || typeof value.resolve === 'function' || (!map && UNION_VALUE_TYPES.includes(typeof value.value)))
    return sanitized(resolve(keysOf(path), value, obj));
  if (list) return value.map((x: unknown, i: number) => resolved(x, { up: path, key: `${i}` }, obj));
  if (!map) return value;
  const result: any = {};
  for (const k of Object.keys(value)) result[k] = resolved(value[k], { up: path, key: k }, obj);
  return sortedMap(result, (x) => x);
}

/** cdk8s's sanitising of a resolved value: every map's keys sorted, null values dropped, a class instance refused. */
function sanitized(value: any): any {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((x) => sanitized(x));
  return sortedMap(value, sanitized);
}

/** A map's entries by sorted key, each value given to `each`, those that are null or undefined then left out. */
function sortedMap(map: any, each: (value: any) => any): any {
  if (map.constructor.name !== 'Object') throw new Error(`can't render non-simple object of type '${map.constructor.name}'`);
  const out: any = {};
  for (const k of Object.keys(map).sort()) {
    const v = each(map[k]);
    if (v !== null && v !== undefined) out[k] = v;
  }
  return out;
}

/** The key path cdk8s gives its resolvers: the keys from the object's top, list places as strings. */
function keysOf(path: Path): string[] {
  const keys: string[] = [];
  for (let p = path; p; p = p.up) keys.push(p.key);
  return keys.reverse();
}
