import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import { Diagnostic } from '../diagnostics';
import { precompiled, schemaErrorToDiagnostic } from '../schema';
import { SpecSource } from '../source';
import v1 from './schemas/component-spec-schema-v1.json';
import v2 from './schemas/component-spec-schema-v2.json';
import v3 from './schemas/component-spec-schema-v3.json';
import { useLinearUniqueItems } from './unique-items';

/** The component-spec schema versions, newest first: a spec is checked against the first that fits it. */
export const DCAE_SCHEMAS: ReadonlyArray<[number, object]> = [[3, v3], [2, v2], [1, v1]];
/** The options the DCAE schemas (draft-04) are compiled with, here and by the build's precompile step. */
export const DCAE_AJV_OPTIONS: Options = { allErrors: true, verbose: true, strict: false };

/** Sections of a DCAE spec the plugin never read; their schema errors are warnings, not errors. */
const IGNORED_SECTIONS = ['streams', 'services', 'parameters', 'policy_info'];
/** Keys of `auxilary` the plugin never read. */
export const IGNORED_AUXILARY = ['reconfigs', 'policy', 'databases', 'helm'];
/** Keys of `auxilary` the plugin read that these schemas do not list: the compiler checks them itself, after mapping. */
const READ_BEYOND_SCHEMA = ['livehealthcheck'];
/** Keys of `self` the plugin never read. */
const IGNORED_SELF = ['version', 'description'];

let ajv: { compile(schema: object): ValidateFunction } | undefined;
const compiled = new Map<number, ValidateFunction>();

/** The validator of a schema version: precompiled by the build, else compiled here once. */
function validator(version: number, schema: object): ValidateFunction {
  let fn = compiled.get(version);
  if (!fn) {
    fn = precompiled<Record<string, ValidateFunction>>(() => require('./generated/validators'))?.[`v${version}`];
    if (!fn) {
      const Ajv04 = (require('ajv-draft-04') as typeof import('ajv-draft-04')).default;
      ajv ??= useLinearUniqueItems(new Ajv04(DCAE_AJV_OPTIONS));
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

/**
 * Checks a DCAE component spec against schema v3, v2 and v1, and takes the first that fits. When none
 * fits, it takes the closest, and splits its complaints: those about what the plugin read are errors,
 * those about what it ignored are warnings (a real spec with duplicate stream entries still deploys).
 */
export function checkDcaeSchema(source: SpecSource): DcaeSchemaResult {
  let best: { version: number; fatal: ErrorObject[]; ignored: ErrorObject[] } | undefined;
  for (const [version, schema] of DCAE_SCHEMAS) {
    const fn = validator(version, schema);
    if (fn(source.value)) return { version, errors: [], warnings: [] };
    const errors = relevant(fn.errors ?? []);
    const fatal = errors.filter((e) => !isIgnored(e));
    const ignored = errors.filter(isIgnored);
    if (fatal.length === 0 && ignored.length === 0) return { version, errors: [], warnings: [] };
    // The closest version is the one with the fewest errors that matter, then the fewest warnings; newest first.
    if (!best || fatal.length < best.fatal.length || (fatal.length === best.fatal.length && ignored.length < best.ignored.length)) best = { version, fatal, ignored };
  }
  const { version, fatal, ignored } = best as { version: number; fatal: ErrorObject[]; ignored: ErrorObject[] };
  const say = (e: ErrorObject) => schemaErrorToDiagnostic(e, source);
  return {
    version,
    errors: fatal.map((e) => ({ ...say(e), message: `${say(e).message} (component-spec schema v${version})` })),
    warnings: ignored.map((e) => ({ ...say(e), message: `${say(e).message} (component-spec schema v${version}; the plugin ignored this, and so does the compiler)` })),
  };
}

/**
 * Drops the errors of the CDAP branch of `auxilary`, the summaries of oneOf/anyOf (which repeat the others),
 * and the complaint about keys the plugin read that the schemas do not list.
 */
function relevant(errors: ErrorObject[]): ErrorObject[] {
  const cdap = (e: ErrorObject) => /cdap/i.test(String((e.parentSchema as { title?: string } | undefined)?.title ?? ''));
  const beyond = (e: ErrorObject) => e.instancePath === '/auxilary' && e.keyword === 'additionalProperties'
    && READ_BEYOND_SCHEMA.includes((e.params as { additionalProperty: string }).additionalProperty);
  // Where a value may take one of several shapes, "not this type" only says it took another shape.
  const alternatives = new Set(errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.instancePath));
  const branchType = (e: ErrorObject) => e.keyword === 'type' && alternatives.has(e.instancePath);
  return errors.filter((e) => !cdap(e) && !beyond(e) && !branchType(e) && e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
}

function isIgnored(e: ErrorObject): boolean {
  const parts = e.instancePath.split('/').slice(1);
  if (IGNORED_SECTIONS.includes(parts[0])) return true;
  if (parts[0] === 'auxilary' && parts.length >= 2 && IGNORED_AUXILARY.includes(parts[1])) return true;
  if (parts[0] === 'self' && parts.length >= 2 && IGNORED_SELF.includes(parts[1])) return true;
  if (parts[0] === 'self' && parts.length === 1 && e.keyword === 'required') return IGNORED_SELF.includes((e.params as { missingProperty: string }).missingProperty);
  if (parts[0] === 'auxilary' && parts.length === 1) {
    if (e.keyword === 'additionalProperties') return IGNORED_AUXILARY.includes((e.params as { additionalProperty: string }).additionalProperty);
    // The compiler writes no probe for a spec without a healthcheck, as the plugin did.
    if (e.keyword === 'required') return (e.params as { missingProperty: string }).missingProperty === 'healthcheck';
  }
  if (parts.length === 0 && e.keyword === 'required') return IGNORED_SECTIONS.includes((e.params as { missingProperty: string }).missingProperty);
  return false;
}
