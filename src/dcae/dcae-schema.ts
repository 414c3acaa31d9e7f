import Ajv04 from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Diagnostic } from '../spec/diagnostics';
import { schemaErrorToDiagnostic } from '../spec/schema';
import { SpecSource } from '../spec/source';
import v1 from './schemas/component-spec-schema-v1.json';
import v2 from './schemas/component-spec-schema-v2.json';
import v3 from './schemas/component-spec-schema-v3.json';

/** The component-spec schema versions, newest first: a spec is checked against the first that fits it. */
const VERSIONS: ReadonlyArray<[number, object]> = [[3, v3], [2, v2], [1, v1]];

/** Sections of a DCAE spec the plugin never read; their schema errors are warnings, not errors. */
const IGNORED_SECTIONS = ['streams', 'services', 'parameters', 'policy_info'];
/** Keys of `auxilary` the plugin never read. */
export const IGNORED_AUXILARY = ['reconfigs', 'policy', 'databases', 'helm'];

let ajv: Ajv04 | undefined;
const compiled = new Map<number, ValidateFunction>();

function validator(version: number, schema: object): ValidateFunction {
  let fn = compiled.get(version);
  if (!fn) {
    ajv ??= new Ajv04({ allErrors: true, verbose: true, strict: false });
    fn = ajv.compile(schema);
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
  let best: { version: number; errors: ErrorObject[] } | undefined;
  for (const [version, schema] of VERSIONS) {
    const fn = validator(version, schema);
    if (fn(source.value)) return { version, errors: [], warnings: [] };
    const errors = relevant(fn.errors ?? []);
    if (!best || errors.length < best.errors.length) best = { version, errors };
  }
  const { version, errors } = best as { version: number; errors: ErrorObject[] };
  const out: DcaeSchemaResult = { version, errors: [], warnings: [] };
  for (const e of errors) {
    const d = schemaErrorToDiagnostic(e, source);
    if (isIgnored(e)) out.warnings.push({ ...d, message: `${d.message} (component-spec schema v${version}; the plugin ignored this, and so does the compiler)` });
    else out.errors.push({ ...d, message: `${d.message} (component-spec schema v${version})` });
  }
  return out;
}

/** Drops the errors of the CDAP branch of `auxilary` and the summaries of oneOf/anyOf, which repeat the others. */
function relevant(errors: ErrorObject[]): ErrorObject[] {
  const cdap = (e: ErrorObject) => /cdap/i.test(String((e.parentSchema as { title?: string } | undefined)?.title ?? ''));
  return errors.filter((e) => !cdap(e) && e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
}

function isIgnored(e: ErrorObject): boolean {
  const parts = e.instancePath.split('/').slice(1);
  if (IGNORED_SECTIONS.includes(parts[0])) return true;
  if (parts[0] === 'auxilary' && parts.length >= 2 && IGNORED_AUXILARY.includes(parts[1])) return true;
  if (parts[0] === 'auxilary' && parts.length === 1) {
    if (e.keyword === 'additionalProperties') return IGNORED_AUXILARY.includes((e.params as { additionalProperty: string }).additionalProperty);
    // The compiler writes no probe for a spec without a healthcheck, as the plugin did.
    if (e.keyword === 'required') return (e.params as { missingProperty: string }).missingProperty === 'healthcheck';
  }
  if (parts.length === 0 && e.keyword === 'required') return IGNORED_SECTIONS.includes((e.params as { missingProperty: string }).missingProperty);
  return false;
}
