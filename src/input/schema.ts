import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import componentSchema from './schemas/component.schema.json';
import platformSchema from './schemas/platform.schema.json';
import { appendPath, closest, decodePointer, describeValue, Diagnostic, didYouMean, KeyPath } from './diagnostics';
import { SpecSource } from './source';

/**
 * The published JSON Schemas are the structural rules: editors check files against them, and so does the
 * compiler, here. `x-expected` on a schema node is the text that errors use for "what was expected".
 */
/** The options the schemas are compiled with, here and by the build's precompile step. */
export const AJV_OPTIONS: Options = {
  allErrors: true,
  verbose: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
  keywords: ['x-expected'],
};

const compiled = new Map<SchemaKind, ValidateFunction>();

/**
 * The validator of a schema: the build's precompiled module when there is one (a run then never compiles a
 * schema), else compiled here once (tests run from src/).
 */
function validator(kind: SchemaKind): ValidateFunction {
  let fn = compiled.get(kind);
  if (!fn) {
    fn = precompiled<Record<SchemaKind, ValidateFunction>>(() => require('./generated/validators'))?.[kind];
    if (!fn) {
      const Ajv = (require('ajv') as typeof import('ajv')).default;
      fn = new Ajv(AJV_OPTIONS).compile(SCHEMAS[kind]);
    }
    compiled.set(kind, fn);
  }
  return fn;
}

/** A generated module, or undefined when the build has not generated it. */
export function precompiled<T>(load: () => T): T | undefined {
  try {
    return load();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw e;
  }
}

/** Which schema a file is checked against. */
export type SchemaKind = 'component' | 'platform';

const SCHEMAS: Record<SchemaKind, object> = { component: componentSchema, platform: platformSchema };

/** The published schema of a file kind, as a JSON value. */
export function schemaOf(kind: SchemaKind): object {
  return SCHEMAS[kind];
}

/** Checks a parsed file against its published schema; returns one diagnostic per violation. */
export function checkSchema(kind: SchemaKind, source: SpecSource): Diagnostic[] {
  const validate = validator(kind);
  if (validate(source.value)) return [];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  // A value of the wrong type fails its other rules too (enum, pattern); the type error alone says it.
  const typeErrors = new Set((validate.errors ?? []).filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  for (const e of validate.errors ?? []) {
    if (e.keyword !== 'type' && typeErrors.has(e.instancePath)) continue;
    if (e.keyword === 'if') continue; // its "then" errors say what is missing
    const d = schemaErrorToDiagnostic(e, source, SCHEMAS[kind]);
    const key = `${d.line}:${d.column}:${d.path}:${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  }
  return out;
}

/** One schema error as a diagnostic: what was found, what was expected, at the right place. */
export function schemaErrorToDiagnostic(e: ErrorObject, source: SpecSource, root: object = {}): Diagnostic {
  const path = instancePath(e.instancePath, source.value);
  const schema = (e.parentSchema ?? {}) as Record<string, unknown>;
  const expected = typeof schema['x-expected'] === 'string' ? (schema['x-expected'] as string) : undefined;
  const found = describeValue(e.data);
  switch (e.keyword) {
    case 'required': {
      const key = (e.params as { missingProperty: string }).missingProperty;
      // A conditional `required` (if/then) has no properties of its own: describe the key from the top of the schema.
      const properties = schema.properties ?? (e.instancePath === '' ? (root as { properties?: unknown }).properties : undefined) ?? {};
      const prop = (properties as Record<string, Record<string, unknown>>)[key] ?? {};
      const what = ((prop['x-expected'] as string | undefined) ?? (prop.description as string | undefined))?.replace(/\.$/, '');
      const d = source.error(path, '');
      return { ...d, path: appendPath(d.path, key), message: `missing; this key is required${what ? `: ${lowerFirst(what)}` : ''}` };
    }
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((schema.properties ?? {}) as object).filter((k) => k !== '$schema');
      const guess = closest(key, known);
      return source.error([...path, key], `unknown key${didYouMean(guess)}; expected one of: ${known.join(', ')}`, 'key');
    }
    case 'type': {
      const types = ([] as string[]).concat((e.params as { type: string | string[] }).type);
      return source.error(path, `${found} is not ${expected ?? typeWords(types)}${typeHint(types, e.data, schema)}`);
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(' or ');
      return source.error(path, `${found} is not ${expected ?? allowed}`);
    }
    case 'minItems':
      return source.error(path, `an empty list is not allowed; expected at least ${(e.params as { limit: number }).limit} item`);
    case 'not':
    case 'minimum':
    case 'maximum':
    case 'pattern':
    case 'minLength':
    case 'maxLength':
      return source.error(path, `${found} is not ${expected ?? ajvText(e)}`);
    default:
      return source.error(path, `${found} is not valid: ${ajvText(e)}`);
  }
}

/** Strings that YAML 1.2 reads as booleans when written without quotes: a string with this text was quoted. */
const YAML12_BOOLEAN = /^(true|True|TRUE|false|False|FALSE)$/;
/** YAML 1.1's other booleans, which YAML 1.2 (and so the compiler) reads as strings. */
const YAML11_BOOLEAN = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/**
 * A hint for a value of the wrong type that says what was found: quotes to remove or add, or a YAML 1.1
 * boolean that YAML 1.2 reads as a string. Only when the converted value would pass.
 */
function typeHint(types: string[], data: unknown, schema: Record<string, unknown>): string {
  const pattern = typeof schema.pattern === 'string' ? new RegExp(schema.pattern) : undefined;
  if (typeof data === 'string') {
    if (types.includes('boolean')) {
      if (YAML12_BOOLEAN.test(data)) return ' (write true or false, without quotes)';
      if (YAML11_BOOLEAN.test(data)) return ` (${data} is a string in YAML 1.2; write true or false)`;
      return ' (write true or false)';
    }
    if ((types.includes('integer') || types.includes('number')) && /^[-+]?[0-9]+(\.[0-9]+)?$/.test(data))
      return ' (write the number without quotes)';
    return '';
  }
  if (
    (typeof data === 'number' || typeof data === 'boolean') &&
    types.length === 1 &&
    types[0] === 'string' &&
    (!pattern || pattern.test(String(data)))
  ) {
    return ' (put it in quotes)';
  }
  return '';
}

function ajvText(e: ErrorObject): string {
  return (e.message ?? 'invalid').replace(/^must /, 'expected to ');
}

function typeWords(types: string[]): string {
  const words: Record<string, string> = {
    string: 'a string',
    integer: 'an integer',
    number: 'a number',
    boolean: 'a boolean (true or false)',
    object: 'a mapping',
    array: 'a list',
    null: 'null',
  };
  const list = types.map((t) => words[t] ?? t);
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

/** Turns a JSON pointer into a key path, using the value to tell list indexes from keys. */
function instancePath(pointer: string, root: unknown): KeyPath {
  const out: Array<string | number> = [];
  let value: unknown = root;
  for (const part of decodePointer(pointer)) {
    if (Array.isArray(value)) {
      const i = Number(part);
      out.push(i);
      value = value[i];
    } else {
      out.push(part);
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    }
  }
  return out;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
