import * as path from 'path';
import { anchorsOf, Anchors, checkAcrossComponents } from './cross-file';
import { CheckedFile, checkKey, CheckMemo, platformKey } from './check-memo';
import { readDcaeComponent } from './dcae/import';
import { loadPlatform, PlatformResult } from './platform/load';
import { nodePortRange, PlatformSettings } from './platform/settings';
import { readComponent, ValidationContext } from './component';
import { closest, describeValue, Diagnostic, didYouMean, formatDiagnostic } from './diagnostics';
import { JSON_FILE, SourceFile, SpecSource } from './source';
import { ComponentSpec } from './model';
import { decodeFile, FileContents } from './text';

/** File names (in the components folder) of the platform settings. */
export const PLATFORM_FILES = ['platform.yaml', 'platform.yml'];
/** Files of a components folder that are component specs (besides the platform files). */
export const COMPONENT_FILE = /\.(ya?ml|json)$/;
/** DCAE component specifications: the files read as strict JSON. */
const DCAE_FILE = JSON_FILE;

/** Everything a run compiles: the merged platform settings and every valid component, in file order. */
export interface Project {
  readonly platform: PlatformSettings;
  readonly components: readonly ComponentSpec[];
  /** Every problem of every file. When there is any, nothing may be written. */
  readonly diagnostics: readonly Diagnostic[];
  /** Things worth knowing that do not stop the run (schema complaints about what the plugin ignored). */
  readonly warnings: readonly Diagnostic[];
  /** Where each component's `name` is, in the order of `components`, for problems found after loading (an object too large). */
  readonly names: readonly Diagnostic[];
}

/**
 * A file to compile, as read from disk (its bytes, decoded here) or given by a test (its text): see
 * {@link FileContents}.
 */
export type InputFile = FileContents & {
  /** The name used in messages, such as `components/ves.yaml`. */
  readonly name: string;
  /** Its path on disk, to resolve `dcae_spec` against. @default the name */
  readonly path?: string;
};

/** A file whose contents were decoded: its text. */
interface TextFile {
  readonly name: string;
  readonly text: string;
  readonly path?: string;
}

/** What a run asks for beyond compiling. */
export interface LoadOptions {
  /** Location names the run cannot use, with the reason (the Helm charts' folder, with --helm-chart). @default none */
  readonly reservedLocations?: Readonly<Record<string, string>>;
  /** The folder that relative file paths are taken from. @default the working directory */
  readonly base?: string;
  /**
   * Reads a DCAE spec that a YAML spec names (`dcae_spec`) when it is not one of the run's files: its
   * contents, or undefined when there is no such file. @default none: such a reference is "no such file"
   */
  readonly readFile?: (absolutePath: string) => FileContents | undefined;
  /**
   * Lists a folder that a `dcae_spec` naming no file points into: the names of its files, or undefined when there
   * is no such folder. Its `.json` files are the candidates for "did you mean". @default none: only the run's files
   */
  readonly listFolder?: (absolutePath: string) => readonly string[] | undefined;
  /**
   * Called with each component that passed its own checks, in the order of `components`, as soon as it has: the
   * run may start rendering it while the rest are read. The run can still fail (a later file, a check across
   * files). @default none
   */
  readonly onComponent?: (spec: ComponentSpec, platform: PlatformSettings) => void;
  /**
   * Files checked by earlier runs: a file found there is not parsed or checked again, and a file that passes is
   * kept there. @default none: every file is parsed and checked
   */
  readonly memo?: CheckMemo;
}

/** The platform facts that validating a component needs: the platform's settings, each left out when the file's is invalid. */
export function validationContext(platformResult: PlatformResult): ValidationContext {
  const platform = platformResult.settings;
  return {
    nodePortRange: platformResult.invalidKeys.has('node_port_range') ? undefined : nodePortRange(platform),
    namespace: platform.namespace,
    defaultCertDirectory: platform.tls.component_cert_dir,
    filebeat: platformResult.invalidKeys.has('filebeat') ? undefined : platform.filebeat,
    applicationConfigSource: platformResult.invalidKeys.has('application_config') ? undefined : platform.application_config.source,
    podSecurity: platformResult.invalidKeys.has('pod_security') ? undefined : platform.pod_security,
    certManager: platform.cmpv2_issuer.enabled,
    serviceAccount: platformResult.invalidKeys.has('service_account') ? undefined : platform.service_account.enabled,
    policySync: platformResult.invalidKeys.has('policy_sync') ? undefined : platform.policy_sync.enabled,
    kafka: platformResult.invalidKeys.has('kafka') ? undefined : platform.kafka,
  };
}

/** Parses and validates every file, then checks what no single file can: names and NodePorts shared between components. */
export function loadProject(
  files: { components: readonly InputFile[]; platform?: InputFile; extraPlatform?: readonly string[] },
  options: LoadOptions = {},
): Project {
  const base = options.base ?? process.cwd();
  const where = (f: { name: string; path?: string }) => path.resolve(base, f.path ?? f.name);
  // Every file is checked for size and decoded first: parsing gets its text, or the file is reported and left out.
  // The text is not kept: it is decoded again each time it is read (a spec is read a few times, and decoding is far
  // cheaper than parsing), so that a fleet's texts never all sit in memory at once.
  const unreadable = new Map<string, Diagnostic>();
  const decode = (f: InputFile): TextFile | undefined => {
    const decoded = decodeFile(f.name, f);
    if (!('text' in decoded)) {
      unreadable.set(where(f), decoded.diagnostic);
      return undefined;
    }
    if ('text' in f) return { name: f.name, path: f.path, text: decoded.text };
    return {
      name: f.name,
      path: f.path,
      get text() {
        return (decodeFile(f.name, f) as { text: string }).text;
      },
    };
  };
  const platformText = files.platform && decodeFile(files.platform.name, files.platform);
  const platformResult = loadPlatform(files.platform?.name, platformText && 'text' in platformText ? platformText.text : platformText);
  const diagnostics: Diagnostic[] = [...platformResult.diagnostics];
  for (const extra of files.extraPlatform ?? []) {
    diagnostics.push({
      file: extra,
      line: 1,
      column: 1,
      path: '',
      message: `a second platform file beside ${files.platform?.name}; expected one of ${PLATFORM_FILES.join(' or ')}`,
    });
  }
  const platform = platformResult.settings;
  const context = validationContext(platformResult);
  const loaded: Array<{ spec: ComponentSpec; anchors: Anchors }> = [];
  const warnings = new Map<string, Diagnostic>(platformResult.warnings.map((w) => [formatDiagnostic(w), w]));
  const sorted = [...files.components]
    .sort((a, b) => byCodePoint(a.name, b.name))
    .map(decode)
    .filter((f): f is TextFile => f !== undefined);
  diagnostics.push(...unreadable.values());

  // The DCAE specs that YAML specs start from (dcae_spec) are compiled through them, not alone. Only files
  // that mention dcae_spec, or hold a backslash (an escape can spell the key: "dcae\x5fspec"), are parsed ahead;
  // a parse is kept only when the file names a DCAE spec (the rest are parsed again, one at a time, below), so that
  // a fleet's parsed documents never all sit in memory.
  const parsedAhead = new Map<TextFile, ReturnType<typeof SourceFile.parse>>();
  const referenced = new Set<string>();
  for (const file of sorted) {
    if (DCAE_FILE.test(file.name)) continue;
    const text = file.text;
    const mentions = text.includes('dcae_spec');
    if (!mentions && !text.includes('\\')) continue;
    const parsed = SourceFile.parse(file.name, text);
    const ref = (parsed.source?.value as Record<string, unknown> | undefined)?.dcae_spec;
    if (ref !== undefined || mentions) parsedAhead.set(file, parsed);
    if (typeof ref === 'string') referenced.add(path.resolve(path.dirname(where(file)), ref));
  }
  const byPath = new Map(sorted.map((f) => [where(f), f]));
  const memo = options.memo;
  // A platform file with an error (or a second one) gives other checks than its text says: no memo then.
  const platformPart =
    memo && platformResult.diagnostics.length === 0 && (files.extraPlatform ?? []).length === 0
      ? platformKey(platformText && 'text' in platformText ? { name: files.platform!.name, text: platformText.text } : undefined)
      : undefined;
  /** A component that passed its own checks: kept for the checks across files, and handed to the run. */
  const accept = (checked: CheckedFile) => {
    for (const w of checked.warnings) warnings.set(formatDiagnostic(w), w);
    loaded.push({ spec: checked.spec, anchors: checked.anchors });
    options.onComponent?.(checked.spec, platform);
    const location = checked.spec.k8sLocation;
    const reserved = location !== undefined ? options.reservedLocations?.[location] : undefined;
    if (reserved) {
      const anchor = checked.anchors.get('k8s_location') as Diagnostic;
      diagnostics.push({
        ...anchor,
        message: `"${location}" ${reserved}; expected another location name with --helm-chart${anchor.message}`,
      });
    }
  };
  // The DCAE specs of each folder that a dcae_spec naming no file points into, listed once: see nearestDcaeFile.
  const listed = new Map<string, readonly string[]>();

  for (const file of sorted) {
    let result: { spec?: ComponentSpec; diagnostics: Diagnostic[]; warnings?: Diagnostic[]; source?: SpecSource };
    const dcae = DCAE_FILE.test(file.name);
    if (dcae && referenced.has(where(file))) continue;
    // A file that reads no other file (no dcae_spec) is known by its name, its text and the platform file: only
    // such files are remembered (decided once parsed, below), so a record is only ever found for one.
    const text = file.text; // decoded once here (see decode)
    let key = platformPart !== undefined ? checkKey(platformPart, { name: file.name, text }) : undefined;
    const recalled = key !== undefined ? memo?.recall(key) : undefined;
    if (recalled) {
      accept(recalled);
      continue;
    }
    if (dcae) {
      result = readDcaeComponent({ name: file.name, text }, platform, context);
    } else {
      const parsed = parsedAhead.get(file) ?? SourceFile.parse(file.name, text);
      parsedAhead.delete(file);
      if (!parsed.source) {
        diagnostics.push(...parsed.diagnostics);
        continue;
      }
      const { dcae_spec: ref, $schema: _schema, ...rest } = parsed.source.value as Record<string, unknown>;
      if (ref !== undefined) key = undefined; // it reads its DCAE spec too
      if (ref === undefined) {
        result = readComponent(parsed.source, context);
      } else {
        if (typeof ref === 'string' && !DCAE_FILE.test(ref)) {
          diagnostics.push(
            parsed.source.error(
              ['dcae_spec'],
              `${describeValue(ref)} is not a DCAE component specification; expected the path of a .json file, relative to this file`,
            ),
          );
          continue;
        }
        const resolved = typeof ref === 'string' ? path.resolve(path.dirname(where(file)), ref) : undefined;
        // A DCAE spec of the run that cannot be read (its size, its encoding) is reported once, as itself.
        if (resolved !== undefined && unreadable.has(resolved)) continue;
        const json =
          resolved !== undefined
            ? findDcaeFile(
                resolved,
                byPath,
                path.isAbsolute(ref as string) ? (ref as string) : path.posix.join(path.posix.dirname(file.name), ref as string),
                options.readFile,
              )
            : undefined;
        if (json && 'diagnostic' in json) {
          diagnostics.push(json.diagnostic);
          continue;
        }
        if (!json) {
          const guess = typeof ref === 'string' ? nearestDcaeFile(ref, resolved as string, byPath, options.listFolder, listed) : undefined;
          diagnostics.push(
            parsed.source.error(
              ['dcae_spec'],
              typeof ref === 'string'
                ? `${describeValue(ref)}: no such file${didYouMean(guess)}; expected the path of a DCAE component specification, relative to ${file.name}`
                : `${describeValue(ref)} is not the path of a DCAE component specification, relative to this file`,
            ),
          );
          continue;
        }
        result = readDcaeComponent(json, platform, context, { source: parsed.source, value: rest });
      }
    }
    diagnostics.push(...result.diagnostics);
    if (!result.spec || !result.source) {
      for (const w of result.warnings ?? []) warnings.set(formatDiagnostic(w), w);
      continue;
    }
    // Keep only where the cross-file checks may point, not the parsed file: a fleet's documents would not fit in memory.
    const checked: CheckedFile = { spec: result.spec, anchors: anchorsOf(result.spec, result.source), warnings: result.warnings ?? [] };
    if (key !== undefined && result.diagnostics.length === 0) memo?.remember(key, checked);
    accept(checked);
  }
  diagnostics.push(...checkAcrossComponents(loaded));
  return {
    platform,
    components: loaded.map((l) => l.spec),
    diagnostics,
    warnings: [...warnings.values()],
    names: loaded.map((l) => l.anchors.get('name') as Diagnostic),
  };
}

/**
 * A DCAE spec named by dcae_spec: one of the run's files, or one read through the caller (checked and decoded
 * like the run's files: its text, or why it has none).
 */
function findDcaeFile(
  resolved: string,
  inputs: ReadonlyMap<string, TextFile>,
  display: string,
  readFile?: (file: string) => FileContents | undefined,
): TextFile | { diagnostic: Diagnostic } | undefined {
  const known = inputs.get(resolved);
  if (known) return known;
  const contents = readFile?.(resolved);
  if (contents === undefined) return undefined;
  // Shown as reached from the file that names it, the way the user wrote both paths.
  const decoded = decodeFile(display, contents);
  return 'diagnostic' in decoded ? decoded : { name: display, path: resolved, text: decoded.text };
}

/**
 * What to suggest for a `dcae_spec` that names no file: the DCAE spec (`.json`) of the same folder whose name is
 * nearest to the one written, written the way the reference was (`../other/tools.json` for `../other/toolbx.json`).
 * The candidates are the run's files in that folder and what `listFolder` lists there, each folder listed once
 * (`listed`).
 */
function nearestDcaeFile(
  ref: string,
  resolved: string,
  inputs: ReadonlyMap<string, TextFile>,
  listFolder: ((folder: string) => readonly string[] | undefined) | undefined,
  listed: Map<string, readonly string[]>,
): string | undefined {
  const folder = path.dirname(resolved);
  let names = listed.get(folder);
  if (names === undefined) {
    const found = new Set(listFolder?.(folder));
    for (const file of inputs.keys()) if (path.dirname(file) === folder) found.add(path.basename(file));
    names = [...found].filter((n) => DCAE_FILE.test(n)).sort(byCodePoint);
    listed.set(folder, names);
  }
  const written = path.basename(ref);
  const guess = closest(
    written,
    names.filter((n) => n !== written),
  );
  return guess === undefined ? undefined : ref.slice(0, ref.length - written.length) + guess;
}

/** Compares strings by UTF-16 code units, the same everywhere (never by locale). */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
