/**
 * How every YAML file the compiler writes is serialised: as cdk8s's `Yaml.stringify` writes it (the `yaml`
 * library, YAML 1.1 schema, lines never folded, undefined kept as null), except that every string any
 * common reader would take for something else is double-quoted.
 *
 * cdk8s's writer quotes only what YAML 1.1 (as the `yaml` library reads it) would not read back as a string.
 * The files are read by other readers too: YAML 1.2 readers, and the Go decoders behind kubectl, kustomize,
 * Helm, Argo CD and Flux (sigs.k8s.io/yaml, go-yaml v2 and v3). A plain `0o17` is a string in YAML 1.1 but
 * the number 15 in YAML 1.2 and in Go, so the object that reached the API server was not the one compiled.
 * {@link AMBIGUOUS_STRINGS} lists every pattern that some reader takes for a number, a boolean, null, a
 * timestamp or a YAML 1.1 special key; a string that matches any of them is written `"0o17"`, which every
 * reader reads as the same string. Nothing else changes: every other scalar keeps the style cdk8s gives it.
 */
import { Document, Scalar, Tags, visit } from 'yaml';

/** One kind of plain scalar that some reader does not read as a string. */
export interface AmbiguousPattern {
  /** The plain scalars it matches (the whole scalar). */
  readonly pattern: RegExp;
  /**
   * Matched against the scalar with every `_` removed, and only when the scalar starts with a digit or a
   * sign: what go-yaml's resolve() does before it calls Go's number parsers. @default false
   */
  readonly goDigits?: boolean;
  /** What the readers make of it. */
  readonly readAs: string;
  /** Which readers, and where their rule is written. */
  readonly readers: string;
}

/** YAML 1.1: the type repository (yaml.org/type) and the `yaml` library's YAML 1.1 schema (cdk8s's reader and writer). */
const YAML_11 = "YAML 1.1 (yaml.org/type; the yaml library with version 1.1, as cdk8s reads; PyYAML, the DCAE plugin's reader)";
/** YAML 1.2 core schema (yaml.org/spec/1.2.2, 10.3.2). */
const YAML_12 = "YAML 1.2 core schema (spec 1.2.2, section 10.3.2; the yaml library's default)";
/** go-yaml v2 and v3 resolve() (resolve.go), behind sigs.k8s.io/yaml: kubectl, kustomize, Helm, Argo CD, Flux. */
const GO = 'go-yaml v2 and v3 (resolve.go; sigs.k8s.io/yaml: kubectl, kustomize, Helm, Argo CD, Flux)';

/**
 * Every plain scalar that some reader does not read as a string. The rule is written once, here; each entry
 * says which readers take it for what.
 */
export const AMBIGUOUS_STRINGS: readonly AmbiguousPattern[] = [
  // Booleans. YAML 1.1 and go-yaml v2 have the long list (go-yaml v3 keeps only true/false, and reads the rest as booleans into bool fields).
  {
    pattern: /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
    readAs: 'a boolean',
    readers: `${YAML_11}; ${GO}; YAML 1.2 core for true/false`,
  },
  // Null, and the empty scalar.
  { pattern: /^(?:~|null|Null|NULL|)$/, readAs: 'null', readers: `${YAML_11}; ${YAML_12}; ${GO}` },
  // YAML 1.1 integers: binary, octal with a leading 0, decimal (the yaml library also reads 09 and 1_ as numbers), hexadecimal, and base 60.
  { pattern: /^[-+]?0b[01_]+$/, readAs: 'an integer (base 2)', readers: YAML_11 },
  { pattern: /^[-+]?0[0-7_]+$/, readAs: 'an integer (base 8: 0644 is 420)', readers: YAML_11 },
  { pattern: /^[-+]?[0-9][0-9_]*$/, readAs: 'an integer', readers: `${YAML_11}; ${YAML_12} without _` },
  { pattern: /^[-+]?0x[0-9a-fA-F_]+$/, readAs: 'an integer (base 16)', readers: `${YAML_11}; ${YAML_12} without sign and _` },
  { pattern: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/, readAs: 'an integer (base 60: 1:20 is 80)', readers: YAML_11 },
  // YAML 1.1 floats. The type repository writes the fraction [0-9.]*, an erratum: PyYAML and the yaml library read [0-9_]*, so 1.2.3 stays a string everywhere.
  // The yaml library reads a lone `.`, `._` and `e5` as floats (NaN) too, and quotes them already.
  { pattern: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?$/, readAs: 'a float', readers: YAML_11 },
  { pattern: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/, readAs: 'a float (1e3 is 1000)', readers: YAML_11 },
  { pattern: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/, readAs: 'a float (base 60)', readers: YAML_11 },
  { pattern: /^[-+]?\.(?:inf|Inf|INF)$/, readAs: 'infinity', readers: `${YAML_11}; ${YAML_12}; ${GO}` },
  { pattern: /^\.(?:nan|NaN|NAN)$/, readAs: 'not-a-number', readers: `${YAML_11}; ${YAML_12}; ${GO}` },
  // Timestamps: the union of YAML 1.1's (2001-12-14, 2001-12-14t21:59:43.10-05:00, 2001-12-14 21:59:43.10 -5) and go-yaml's formats
  // (2006-1-2, 2006-1-2T15:4:5.999999999Z07:00, 2006-1-2 15:4:5.999999999). go-yaml gives a string back when decoding into interface{}, but not into a time field.
  {
    pattern:
      /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/,
    readAs: 'a timestamp',
    readers: `${YAML_11}; ${GO}`,
  },
  // `<<` is YAML 1.1's merge key (the yaml library, PyYAML, go-yaml); PyYAML resolves a plain `=` to !!value and safe_load then fails.
  { pattern: /^(?:<<|=)$/, readAs: 'the merge key (<<) or the value key (=)', readers: `${YAML_11}; ${GO} for <<` },
  // YAML 1.2 core: what YAML 1.1 does not already read as a number.
  { pattern: /^0o[0-7]+$/, readAs: 'an integer (base 8: 0o17 is 15)', readers: `${YAML_12}; ${GO}` },
  { pattern: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/, readAs: 'a number', readers: YAML_12 },
  // go-yaml: a plain scalar that starts with a digit or a sign has every `_` removed, then goes to Go's strconv.ParseInt and ParseUint
  // with base 0 (so 0b, 0B, 0o, 0O, 0x, 0X and a leading 0 all give integers, in either case), then to a float check.
  {
    pattern: /^[-+]?(?:0[bB][01]+|0[oO]?[0-7]+|0[xX][0-9a-fA-F]+|[0-9]+)$/,
    goDigits: true,
    readAs: 'an integer (0X1F is 31, 0B11 is 3, 1_000 is 1000)',
    readers: GO,
  },
  {
    pattern: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
    goDigits: true,
    readAs: 'a float (1e1_0 is 1e10)',
    readers: GO,
  },
  // go-yaml: a plain scalar that starts with `.` goes to strconv.ParseFloat as it is (.5, .7_5, .5e3).
  { pattern: /^\.[0-9][0-9_]*(?:[eE][-+]?[0-9_]+)?$/, readAs: 'a float', readers: GO },
];

/** The list's patterns as one expression each (those matched as written, and go-yaml's, matched without `_`): one test per string. */
const combine = (list: readonly AmbiguousPattern[]) => new RegExp(list.map((p) => `(?:${p.pattern.source})`).join('|'));
const AS_WRITTEN = combine(AMBIGUOUS_STRINGS.filter((p) => !p.goDigits));
const GO_DIGITS = combine(AMBIGUOUS_STRINGS.filter((p) => p.goDigits));
/** What every pattern can start with (or the empty string): most strings are ruled out by their first character. */
const FIRST = /^(?:$|[-+.0-9~<=yYnNtTfFoOeE])/;

/** Whether a plain scalar with this text would be read as something other than this string by some reader. */
export function isAmbiguous(text: string): boolean {
  if (!FIRST.test(text)) return false;
  if (AS_WRITTEN.test(text)) return true;
  return /^[-+0-9]/.test(text) && GO_DIGITS.test(text.replace(/_/g, ''));
}

const MERGE_TAG = 'tag:yaml.org,2002:merge';

/**
 * The options cdk8s's `Yaml.stringify` gives the yaml library, without YAML 1.1's merge key: with it, the
 * library writes the string `<<` as a bare merge key (`value: <<`), whatever style it is asked for, so that
 * no reader reads it back as the string. Without it `<<` is a string like any other, and quoted.
 */
const CDK8S_OPTIONS = {
  keepUndefined: true,
  lineWidth: 0,
  version: '1.1',
  merge: false,
  customTags: (tags: Tags) => tags.filter((t) => (t as { tag?: string }).tag !== MERGE_TAG),
} as const;

/**
 * Writes documents as cdk8s's `Yaml.stringify` does (one YAML document per value, separated by `---`, an
 * undefined value as an empty document), with every {@link isAmbiguous ambiguous} string double-quoted.
 */
export function stringifyYaml(...docs: unknown[]): string {
  return docs.map((d) => (d === undefined ? '\n' : stringifyDocument(d))).join('---\n');
}

function stringifyDocument(value: unknown): string {
  return emitDocument(value) ?? stringifyWithLibrary(value);
}

/** The `yaml` library's writer, with every ambiguous string double-quoted: the reference for {@link emitDocument}. */
export function stringifyWithLibrary(value: unknown): string {
  const doc = new Document(value, CDK8S_OPTIONS);
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && isAmbiguous(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString(CDK8S_OPTIONS);
}

/**
 * A string every reader reads back as itself when written plain, and that the `yaml` library writes plain too (or,
 * when {@link isAmbiguous}, double-quoted with nothing to escape): letters, digits and `_./@=+,~()$ -`, starting
 * with a letter, a digit, `_`, `/`, or a `-` before another character (not `---`, a document marker), with a `:`
 * only before another of those characters, and no trailing space. Anything else (empty, multi-line, quotes, `#`,
 * `: `, a leading `- `...) goes to the library.
 */
const SIMPLE = /^(?:[A-Za-z0-9_/]|-(?!--)(?=[A-Za-z0-9_./@=+,~()$-]))(?:[A-Za-z0-9_./@=+,~()$ -]|:(?=[A-Za-z0-9_./@=+,~()$-]))*$/;

/**
 * Whether the library's plain writer refuses a one-line string of printable ASCII (then it quotes it): it starts
 * with a space or an indicator, is a lone `-` or `?` or starts with one and a space, holds `: ` or ` #`, or ends
 * with a space or `:`.
 */
function refusedPlain(value: string): boolean {
  const leading = /^[ ,[\]{}#&*!|>'"%@`]/.test(value) || value === '-' || value === '?' || /^[-?] /.test(value);
  return leading || value.includes(': ') || value.includes(' #') || /[ :]$/.test(value);
}

/** Printable ASCII without a backslash: in quotes, nothing to escape but the quote itself. */
const QUOTABLE = /^[\x20-\x5b\x5d-\x7e]*$/;
/** A line the library indents when it starts a string (a directive or a document marker). */
const DOCUMENT_MARKER = /^(?:%|---|\.\.\.)/;
/** A float the library writes as JavaScript does, without an exponent (which YAML 1.1 readers would not read as a number). */
const PLAIN_FLOAT = /^-?\d+\.\d+$/;

/**
 * A string in quotes, as the library quotes it: an ambiguous one in double quotes (the compiler's rule); one its
 * plain writer refuses in single quotes when it holds `"` and no `'`, else in double quotes. Undefined for anything
 * else (a string the library may write plain, one with both quotes, a backslash, a line break or non-ASCII).
 */
function quotedText(value: string): string | undefined {
  if (!QUOTABLE.test(value) || DOCUMENT_MARKER.test(value)) return undefined;
  const double = value.includes('"');
  if (isAmbiguous(value)) return double ? undefined : `"${value}"`;
  if (!refusedPlain(value)) return undefined;
  if (!double) return `"${value}"`;
  return value.includes("'") ? undefined : `'${value}'`;
}

/** Lines of printable ASCII, none empty at the start, none ending in a space, with at most one line break at the end. */
const LITERAL_LINES = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?(?:\n(?:[\x20-\x7e]*[\x21-\x7e])?)*\n?$/;

/**
 * A multi-line string as the library writes it, a literal block (`|`, or `|-` without a final line break) whose
 * lines are indented by `indent` (empty lines stay empty). Undefined for anything else: an ambiguous string (the
 * compiler double-quotes those), more than one final line break, leading or trailing blanks on a line, tabs,
 * non-ASCII, a line that starts like a document marker.
 */
function literalText(value: string, indent: string): string | undefined {
  if (value.length > 65536 || !LITERAL_LINES.test(value) || /^(?:%|---|\.\.\.)/m.test(value) || isAmbiguous(value)) return undefined;
  if (value.endsWith('\n\n')) return undefined;
  const body = value.endsWith('\n') ? value.slice(0, -1) : value;
  return `|${value.endsWith('\n') ? '' : '-'}\n${indent}${body.replace(/\n+/g, `$&${indent}`)}`;
}

/**
 * A scalar as the library writes it in block context, or undefined when it is not one this writer handles. A key
 * is written only plain (or, when ambiguous, double-quoted): the library's rules for keys differ.
 */
function scalarText(value: unknown, key = false): string | undefined {
  if (typeof value === 'string') {
    if (value === '') return '""';
    if (value.includes('\n')) return undefined;
    if (value.length > 1024) return undefined;
    if (SIMPLE.test(value) && !value.endsWith(' ')) return isAmbiguous(value) ? `"${value}"` : value;
    return key ? undefined : quotedText(value);
  }
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
    const text = String(value);
    return Number.isFinite(value) && PLAIN_FLOAT.test(text) ? text : undefined;
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/**
 * Writes one document of the shapes the compiler writes (block mappings and sequences of plain objects and
 * arrays, simple and quoted one-line strings, whole numbers and plain decimals, booleans), byte for byte as
 * {@link stringifyWithLibrary} does, several times faster. Undefined when the value holds anything else; the caller then uses the library.
 */
export function emitDocument(value: unknown): string | undefined {
  const lines: string[] = [];
  const ok = isPlainObject(value) || Array.isArray(value) ? emitBlock(value, '', lines) : false;
  return ok ? `${lines.join('\n')}\n` : undefined;
}

/**
 * Appends a non-empty block collection's lines at `indent` (the first line without its indent, which the caller
 * writes: after `- ` in a sequence, or on a line of its own). Returns false for anything it does not handle.
 */
function emitBlock(value: Record<string, unknown> | unknown[], indent: string, lines: string[], first = true): boolean {
  const entries: Array<[string | undefined, unknown]> = Array.isArray(value) ? value.map((v) => [undefined, v]) : Object.entries(value);
  if (entries.length === 0) return false;
  let head = first;
  for (const [key, item] of entries) {
    let prefix: string;
    if (key === undefined) prefix = '- ';
    else {
      const k = scalarText(key, true);
      if (k === undefined || k === '""') return false;
      prefix = `${k}:`;
    }
    const start = head ? '' : indent;
    head = false;
    if (isPlainObject(item) || Array.isArray(item)) {
      const empty = Array.isArray(item) ? item.length === 0 : Object.keys(item).length === 0;
      if (empty) {
        lines.push(`${start}${prefix}${key === undefined ? '' : ' '}${Array.isArray(item) ? '[]' : '{}'}`);
        continue;
      }
      if (key === undefined) {
        // A sequence item: its first line follows the dash; a nested sequence in a sequence goes to the library.
        if (Array.isArray(item)) return false;
        const at = lines.length;
        lines.push('');
        if (!emitBlock(item, `${indent}  `, lines, true)) return false;
        lines[at] = `${start}- ${lines[at + 1]}`;
        lines.splice(at + 1, 1);
      } else {
        lines.push(`${start}${prefix}`);
        if (!emitBlock(item, `${indent}  `, lines, false)) return false;
      }
      continue;
    }
    if (item === null) {
      lines.push(`${start}${prefix}${key === undefined ? '' : ' '}null`);
      continue;
    }
    const text = typeof item === 'string' && item.includes('\n') ? literalText(item, `${indent}  `) : scalarText(item);
    if (text === undefined) return false;
    lines.push(`${start}${prefix}${key === undefined ? '' : ' '}${text}`);
  }
  return true;
}
