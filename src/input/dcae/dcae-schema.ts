import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import { decodePointer, Diagnostic, formatDiagnostic, sortDiagnostics } from '../diagnostics';
import { precompiled, schemaErrorToDiagnostic } from '../schema';
import { SpecSource } from '../source';
import { isObj, Json } from '../values';
import { CDAP_AUXILARY_TITLE, DCAE_FORMAT_VERSIONS, dcaeFormatSchema } from './format';
import { mergeErrorsLinearly } from './linear-errors';
import { useLinearUniqueItems } from './unique-items';

/** The JSON Schemas of the format's generations, newest first: a spec is checked against the first that fits it. */
export const DCAE_SCHEMAS: ReadonlyArray<[number, object]> = DCAE_FORMAT_VERSIONS.map((v) => [v, dcaeFormatSchema(v)]);
/**
 * The options the DCAE schemas are compiled with, here and by the build's precompile step. Strict, but for
 * the format's nodes that apply mapping keywords without insisting on a mapping (see format.ts); errors are
 * gathered in linear time (see linear-errors.ts).
 */
export const DCAE_AJV_OPTIONS: Options = {
  allErrors: true,
  verbose: true,
  strict: true,
  strictTypes: false,
  strictRequired: false,
  keywords: ['x-expected'],
  code: { process: mergeErrorsLinearly },
};

/**
 * The parts of a DCAE spec the plugin never read, and what each one held: their schema errors are warnings,
 * not errors, one per part.
 */
const IGNORED_PARTS: Record<string, string> = {
  streams: 'DMaaP and Kafka streams, served as configuration by the config binding service',
  services: 'the services it calls and provides',
  parameters: 'application configuration',
  policy_info: 'policies',
  'auxilary.reconfigs': 'reconfiguration scripts',
  'auxilary.policy': 'policy reconfiguration',
  'auxilary.databases': 'database bindings',
  'auxilary.helm': 'hints for Helm charts',
  'self.version': "the component's version",
  'self.description': "the component's description",
};
/** Sections of a DCAE spec the plugin never read. */
const IGNORED_SECTIONS = Object.keys(IGNORED_PARTS).filter((k) => !k.includes('.'));
/** Keys of `auxilary` the plugin never read. */
export const IGNORED_AUXILARY = Object.keys(IGNORED_PARTS)
  .filter((k) => k.startsWith('auxilary.'))
  .map((k) => k.slice('auxilary.'.length));
/** Keys of `auxilary` the plugin read that these schemas do not list: the compiler checks them itself, after mapping. */
const READ_BEYOND_SCHEMA = ['livehealthcheck'];
/** Keys of `self` the plugin never read. */
const IGNORED_SELF = Object.keys(IGNORED_PARTS)
  .filter((k) => k.startsWith('self.'))
  .map((k) => k.slice('self.'.length));

let ajv: { compile(schema: object): ValidateFunction } | undefined;
const compiled = new Map<number, ValidateFunction>();

/** The validator of a schema version: precompiled by the build, else compiled here once. */
function validator(version: number, schema: object): ValidateFunction {
  let fn = compiled.get(version);
  if (!fn) {
    fn = precompiled<Record<string, ValidateFunction>>(() => require('./generated/dcae-validators'))?.[`v${version}`];
    if (!fn) {
      const Ajv = (require('ajv') as typeof import('ajv')).default;
      ajv ??= useLinearUniqueItems(new Ajv(DCAE_AJV_OPTIONS));
      fn = ajv.compile(schema);
    }
    compiled.set(version, fn);
  }
  return fn;
}

/** The result of checking a DCAE component spec against the component-spec schemas. */
export interface DcaeSchemaResult {
  /** The version that fits it, or that it comes closest to. */
  readonly version: number;
  /** Problems in what the compiler reads: the spec is refused. */
  readonly errors: Diagnostic[];
  /** Problems only in what the plugin ignored (streams, parameters, reconfigs, ...): reported, not fatal. */
  readonly warnings: Diagnostic[];
}

/** What the compiler reads of the parts the plugin ignored, for the warnings about them. */
export interface DcaeSchemaOptions {
  /** Each parameter's name and value, which are the application configuration (platform application_config.source: configmap). @default false */
  readonly readsParameters?: boolean;
  /** Each policy's policy_id, which the policy-sync sidecar fetches (platform policy_sync.enabled). @default false */
  readonly readsPolicies?: boolean;
  /** Each stream's config_key and type, and the topics of the streams_publishes / streams_subscribes parameters (platform kafka.enabled). @default false */
  readonly readsStreams?: boolean;
}

/**
 * What a warning says the compiler does with an ignored part: the same as the plugin, or for the parameters in
 * configmap mode, what it reads: each parameter's name and value of a list, or a whole mapping; for the policies,
 * with the policy-sync sidecar, each policy's id; for the streams, with Kafka streams, each stream's config_key and
 * type, and (without configmap mode) the topics of the streams parameters.
 */
function compilerReads(part: string, options: DcaeSchemaOptions, source: SpecSource): string {
  if (part === 'policy_info' && options.readsPolicies) return "; the compiler reads each policy's policy_id (platform policy_sync.enabled)";
  if (part === 'streams' && options.readsStreams) return "; the compiler reads each stream's config_key and type (platform kafka.enabled)";
  if (part === 'parameters' && options.readsStreams && !options.readsParameters)
    return '; the compiler reads the topics of the streams_publishes and streams_subscribes parameters (platform kafka.enabled)';
  if (part !== 'parameters' || !options.readsParameters) return ', and so does the compiler';
  return isObj((source.value as Json).parameters)
    ? '; the compiler reads the whole mapping as the application configuration (platform application_config.source: configmap)'
    : "; the compiler reads only each parameter's name and value (platform application_config.source: configmap)";
}

/**
 * Checks a DCAE component spec against schema v3, v2 and v1, and takes the first that fits. When none
 * fits, it takes the closest, and splits its complaints: those about what the plugin read are errors,
 * those about what it ignored are warnings, one per ignored part (a real spec with duplicate stream
 * entries still deploys). Where a value may take one of several shapes (a probe's `type`, a stream's
 * `type`), only the complaints of the shape it chose are reported; each complaint is reported once.
 */
export function checkDcaeSchema(source: SpecSource, options: DcaeSchemaOptions = {}): DcaeSchemaResult {
  let best: { version: number; fatal: ErrorObject[]; ignored: ErrorObject[] } | undefined;
  for (const [version, schema] of DCAE_SCHEMAS) {
    const fn = validator(version, schema);
    if (fn(source.value)) return { version, errors: [], warnings: [] };
    const errors = relevant(fn.errors ?? [], schema);
    const fatal: ErrorObject[] = [];
    const ignored: ErrorObject[] = [];
    for (const e of errors) (ignoredPart(e) === undefined ? fatal : ignored).push(e);
    if (fatal.length === 0 && ignored.length === 0) return { version, errors: [], warnings: [] };
    // The closest version is the one with the fewest errors that matter, then the fewest warnings; newest first.
    if (!best || fatal.length < best.fatal.length || (fatal.length === best.fatal.length && ignored.length < best.ignored.length))
      best = { version, fatal, ignored };
  }
  const { version, fatal, ignored } = best as { version: number; fatal: ErrorObject[]; ignored: ErrorObject[] };
  const errors = once(
    fatal.map((e) => {
      const d = schemaErrorToDiagnostic(e, source);
      return { ...d, message: `${d.message} (component-spec schema v${version})` };
    }),
  );
  return { version, errors, warnings: ignoredWarnings(ignored, source, version, options) };
}

/** Each diagnostic once: two branches of a schema may say the same thing about the same value. */
function once(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = formatDiagnostic(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The warnings about the parts the plugin ignored: a part with one complaint gets it as it is; a part with
 * several gets one line, at the part, with their count and the first of them.
 */
function ignoredWarnings(ignored: ErrorObject[], source: SpecSource, version: number, options: DcaeSchemaOptions): Diagnostic[] {
  const byPart = new Map<string, { part: string[]; list: Diagnostic[] }>();
  for (const e of ignored) {
    const part = ignoredPart(e) as string[];
    const key = part.join('.');
    const d = schemaErrorToDiagnostic(e, source);
    if (!byPart.has(key)) byPart.set(key, { part, list: [] });
    byPart.get(key)?.list.push(d);
  }
  const out: Diagnostic[] = [];
  for (const [key, { part, list }] of byPart) {
    const complaints = sortDiagnostics(once(list));
    if (complaints.length === 1) {
      out.push({
        ...complaints[0],
        message: `${complaints[0].message} (component-spec schema v${version}; the plugin ignored this${compilerReads(key, options, source)})`,
      });
      continue;
    }
    const first = complaints[0];
    const why = IGNORED_PARTS[key] ? ` (${IGNORED_PARTS[key]})` : '';
    out.push(
      source.error(
        part,
        `${complaints.length} schema complaints in a part the plugin ignored${why}${compilerReads(key, options, source)} (component-spec schema v${version}); first: line ${first.line}: ${first.path ? `${first.path}: ` : ''}${first.message}`,
        'key',
      ),
    );
  }
  return out;
}

/**
 * Drops the errors of the CDAP branch of `auxilary`, the summaries of oneOf/anyOf (which repeat the others),
 * the complaints of the branches a value did not choose (see chosenBranches), the complaint about keys
 * the plugin read that the schemas do not list, and repeated complaints (and those a type complaint implies).
 */
function relevant(errors: ErrorObject[], root: object): ErrorObject[] {
  const cdap = (e: ErrorObject) => (e.parentSchema as { title?: string } | undefined)?.title === CDAP_AUXILARY_TITLE;
  const beyond = (e: ErrorObject) =>
    e.instancePath === '/auxilary' &&
    e.keyword === 'additionalProperties' &&
    READ_BEYOND_SCHEMA.includes((e.params as { additionalProperty: string }).additionalProperty);
  const dropped = new Set<ErrorObject>();
  const added: ErrorObject[] = [];
  const within = errorsWithin(errors);
  for (const alternative of errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')) {
    const { drop, add } = chosenBranches(
      alternative,
      within(alternative.instancePath).filter((e) => e !== alternative),
      root,
    );
    drop.forEach((e) => dropped.add(e));
    added.push(...add);
  }
  const kept = [
    ...errors.filter((e) => !dropped.has(e) && !cdap(e) && !beyond(e) && e.keyword !== 'oneOf' && e.keyword !== 'anyOf'),
    ...added,
  ];
  // A value of the wrong type fails its other rules too (enum, pattern): the type complaint alone says it.
  const typeErrors = new Set(kept.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  // Two branches that share a rule make the same complaint about the same value: count it once.
  const seen = new Set<string>();
  return kept.filter((e) => {
    if (e.keyword !== 'type' && typeErrors.has(e.instancePath)) return false;
    const key = `${e.instancePath}\0${e.keyword}\0${JSON.stringify(e.params)}\0${e.message ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Where a value may take one of several shapes (a oneOf or anyOf), the complaints of the branches it did not
 * choose say nothing about it. The value chooses the branches whose type its own type fits, and among those
 * (a map with a `type` key) the branches whose `type` enum holds it; without a `type`, the branches that do
 * not need one and are not one tagged variant. A map whose `type` chooses no branch gets one complaint, at
 * `type`, listing every accepted type. A value whose type fits no branch gets one complaint about its type.
 */
function chosenBranches(alternative: ErrorObject, under: ErrorObject[], root: object): { drop: ErrorObject[]; add: ErrorObject[] } {
  const at = alternative.instancePath;
  const branches = (alternative.schema as object[]).map((b) => resolve(b, root));
  const nodes = branches.map((b) => reachable(b, root));
  const branchOf = (e: ErrorObject): number[] => {
    const json = jsonOf(e.parentSchema);
    const from: number[] = [];
    nodes.forEach((set, i) => set.has(json) && from.push(i));
    return from;
  };
  const data = alternative.data;
  const fits = branches.map((b) => typeFits(b.type, data));
  let chosen = branches.map((_, i) => i).filter((i) => fits[i]);
  if (chosen.length === 0) {
    // No branch takes a value of this type: their type complaints, as one.
    const types = [...new Set(branches.flatMap((b) => ([] as unknown[]).concat(b.type ?? [])))] as string[];
    const typeErrors = under.filter((e) => e.instancePath === at && e.keyword === 'type' && branchOf(e).length > 0);
    if (typeErrors.length === 0) return { drop: [], add: [] };
    return { drop: typeErrors, add: [{ ...typeErrors[0], params: { type: types.length === 1 ? types[0] : types } }] };
  }
  const tagged = branches.map((b) => tagOf(b));
  if (isObj(data) && chosen.some((i) => tagged[i] !== undefined)) {
    const tag = data.type;
    const fitting = chosen.filter((i) =>
      tag === undefined
        ? !(branches[i].required ?? []).includes('type') && (tagged[i] === undefined || (tagged[i] as unknown[]).length > 1)
        : tagged[i] === undefined || (tagged[i] as unknown[]).includes(tag),
    );
    if (fitting.length === 0) {
      // The type chooses no branch: one complaint at `type`, with every accepted type.
      const accepted = [...new Set(chosen.flatMap((i) => tagged[i] ?? []))];
      const drop = under.filter((e) => branchOf(e).length > 0);
      const add: ErrorObject =
        tag === undefined
          ? {
              ...alternative,
              keyword: 'required',
              params: { missingProperty: 'type' },
              parentSchema: { properties: { type: { 'x-expected': `one of ${accepted.map((t) => JSON.stringify(t)).join(', ')}` } } },
            }
          : {
              ...alternative,
              keyword: 'enum',
              instancePath: `${at}/type`,
              data: tag,
              params: { allowedValues: accepted },
              parentSchema: {},
            };
      return { drop, add: [add] };
    }
    chosen = fitting;
  }
  // A complaint from a branch not chosen, that no chosen branch makes too, is dropped.
  return {
    drop: under.filter((e) => {
      const from = branchOf(e);
      return from.length > 0 && !from.some((i) => chosen.includes(i));
    }),
    add: [],
  };
}

/**
 * A lookup of the errors at a value or inside it, in time that grows with what it finds (a spec with thousands
 * of parameters has thousands of alternatives, each with its own few errors). Sorted by path, the errors at `p`
 * are one run and those under `p/` another (a sibling such as `p-x` may sort between them).
 */
export function errorsWithin(errors: ErrorObject[]): (at: string) => ErrorObject[] {
  const sorted = [...errors].sort((a, b) => (a.instancePath < b.instancePath ? -1 : a.instancePath > b.instancePath ? 1 : 0));
  const firstFrom = (path: string) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].instancePath < path) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return (at) => {
    const out: ErrorObject[] = [];
    for (let i = firstFrom(at); i < sorted.length && sorted[i].instancePath === at; i++) out.push(sorted[i]);
    const inside = `${at}/`;
    for (let i = firstFrom(inside); i < sorted.length && sorted[i].instancePath.startsWith(inside); i++) out.push(sorted[i]);
    return out;
  };
}

type SchemaNode = {
  type?: string | string[];
  required?: string[];
  properties?: Record<string, SchemaNode>;
  enum?: unknown[];
  $ref?: string;
  [k: string]: unknown;
};

/** A schema node with its `$ref`s followed (the schemas only refer inside themselves: `#/definitions/...`). */
function resolve(node: object, root: object): SchemaNode {
  let n = node as SchemaNode;
  for (let i = 0; i < 10 && typeof n.$ref === 'string'; i++) {
    n = decodePointer(n.$ref.replace(/^#/, '')).reduce<any>((v, k) => v?.[k], root) as SchemaNode;
  }
  return n ?? {};
}

const reachableCache = new WeakMap<object, Set<string>>();
const jsonCache = new WeakMap<object, string>();

/** A schema node as JSON text (nodes are compared by their text: the precompiled validators carry copies). */
function jsonOf(node: unknown): string {
  if (typeof node !== 'object' || node === null) return JSON.stringify(node);
  let json = jsonCache.get(node);
  if (json === undefined) {
    json = JSON.stringify(node);
    jsonCache.set(node, json);
  }
  return json;
}

/** Every schema node of a branch (as JSON text, as its errors carry it), references followed. */
function reachable(branch: SchemaNode, root: object): Set<string> {
  const cached = reachableCache.get(branch);
  if (cached) return cached;
  const out = new Set<string>();
  const seen = new Set<object>();
  const walk = (node: unknown) => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (!Array.isArray(node)) {
      const n = node as SchemaNode;
      if (typeof n.$ref === 'string') return walk(resolve(n, root));
      out.add(jsonOf(n));
    }
    Object.values(node).forEach(walk);
  };
  walk(branch);
  reachableCache.set(branch, out);
  return out;
}

/** The values a branch's `type` key may take, when it says. */
function tagOf(branch: SchemaNode): unknown[] | undefined {
  const t = branch.properties?.type;
  return t && Array.isArray(t.enum) ? t.enum : undefined;
}

/** Whether a value fits a JSON Schema `type` (none: anything fits). */
function typeFits(type: string | string[] | undefined, value: unknown): boolean {
  if (type === undefined) return true;
  return ([] as string[]).concat(type).some((t) => {
    switch (t) {
      case 'object':
        return isObj(value);
      case 'array':
        return Array.isArray(value);
      case 'string':
        return typeof value === 'string';
      case 'integer':
        return Number.isInteger(value);
      case 'number':
        return typeof value === 'number';
      case 'boolean':
        return typeof value === 'boolean';
      case 'null':
        return value === null;
      default:
        return true;
    }
  });
}

/**
 * The part the plugin ignored that a complaint is about (its key path), or undefined when the complaint is
 * about something the compiler reads.
 */
function ignoredPart(e: ErrorObject): string[] | undefined {
  const parts = decodePointer(e.instancePath);
  const missing = e.keyword === 'required' ? (e.params as { missingProperty: string }).missingProperty : undefined;
  if (IGNORED_SECTIONS.includes(parts[0])) return [parts[0]];
  if (parts.length === 0 && missing !== undefined && IGNORED_SECTIONS.includes(missing)) return [missing];
  if ((parts[0] === 'auxilary' || parts[0] === 'self') && parts.length >= 2 && IGNORED_PARTS[`${parts[0]}.${parts[1]}`])
    return parts.slice(0, 2);
  if (parts[0] === 'self' && parts.length === 1 && missing !== undefined && IGNORED_SELF.includes(missing)) return ['self', missing];
  if (parts[0] === 'auxilary' && parts.length === 1) {
    if (e.keyword === 'additionalProperties') {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      if (IGNORED_AUXILARY.includes(key)) return ['auxilary', key];
    }
    // The compiler writes no probe for a spec without a healthcheck, as the plugin did.
    if (missing === 'healthcheck') return ['auxilary', 'healthcheck'];
  }
  return undefined;
}
