import * as fs from 'fs';
import * as path from 'path';
import { readDcaeComponent } from './dcae/import';
import { loadPlatform } from './platform/load';
import { nodePortRange, PlatformSettings } from './platform/settings';
import { readComponent } from './spec/component';
import { describeValue, Diagnostic, formatDiagnostic, KeyPath } from './spec/diagnostics';
import { deploymentName, ipv6NodePortServiceName, nodePortServiceName, serviceName } from './spec/names';
import { SourceFile, SpecSource } from './spec/source';
import { ComponentSpec } from './spec/types';

/** File names (in the components folder) of the platform settings. */
export const PLATFORM_FILES = ['platform.yaml', 'platform.yml'];
const COMPONENT_FILE = /\.(ya?ml|json)$/;
const DCAE_FILE = /\.json$/;

/** Everything a run compiles: the merged platform settings and every valid component, in file order. */
export interface Project {
  readonly platform: PlatformSettings;
  readonly components: readonly ComponentSpec[];
  /** Every problem of every file. When there is any, nothing may be written. */
  readonly diagnostics: readonly Diagnostic[];
  /** Things worth knowing that do not stop the run (schema complaints about what the plugin ignored). */
  readonly warnings: readonly Diagnostic[];
}

/** A file to compile, as read from disk (or given by a test). */
export interface InputFile {
  /** The name used in messages, such as `components/ves.yaml`. */
  readonly name: string;
  /** The file's text. */
  readonly text: string;
  /** Its path on disk, to resolve `dcae_spec` against. @default the name */
  readonly path?: string;
}

/**
 * Lists and reads a components folder: component files and the platform file, each sorted by name. A relative
 * `dir` is taken from `base` (the folder the user ran the command in); names in messages start with `dir` as given.
 */
export function readComponentsFolder(dir: string, base = process.cwd()): { components: InputFile[]; platform?: InputFile; extraPlatform?: string[] } {
  // Shown as the user typed the folder: `--components .` gives `ves.yaml`, `--components ../c` gives `../c/ves.yaml`.
  const display = (f: string) => path.join(dir, f).split(path.sep).join('/');
  const absolute = path.resolve(base, dir);
  const read = (f: string): InputFile => ({ name: display(f), path: path.join(absolute, f), text: readText(path.join(absolute, f)) });
  // Follow symbolic links: a linked spec is a spec.
  const names = fs.readdirSync(absolute)
    .filter((n) => fs.statSync(path.join(absolute, n)).isFile())
    .sort(byCodePoint);
  const platformNames = names.filter((n) => PLATFORM_FILES.includes(n));
  return {
    components: names.filter((n) => COMPONENT_FILE.test(n) && !PLATFORM_FILES.includes(n)).map(read),
    platform: platformNames.length > 0 ? read(platformNames[0]) : undefined,
    extraPlatform: platformNames.slice(1).map(display),
  };
}

/** What a run asks for beyond compiling. */
export interface LoadOptions {
  /** Location names the run cannot use, with the reason (Helm's chart folders, with --helm-chart). @default none */
  readonly reservedLocations?: Readonly<Record<string, string>>;
  /** The folder that names in messages are relative to. @default the working directory */
  readonly base?: string;
}

/** Folder names inside a Helm chart that Helm gives a meaning to. */
export const HELM_RESERVED_LOCATIONS: Readonly<Record<string, string>> = {
  templates: 'is the Helm chart\'s templates folder',
  charts: 'is the folder Helm loads subcharts from',
  crds: 'is the folder Helm installs CRDs from, untemplated',
};

/** Parses and validates every file, then checks what no single file can: names and NodePorts shared between components. */
export function loadProject(files: { components: readonly InputFile[]; platform?: InputFile; extraPlatform?: readonly string[] }, options: LoadOptions = {}): Project {
  const platformResult = loadPlatform(files.platform?.name, files.platform?.text);
  const diagnostics: Diagnostic[] = [...platformResult.diagnostics];
  for (const extra of files.extraPlatform ?? []) {
    diagnostics.push({ file: extra, line: 1, column: 1, path: '', message: `a second platform file beside ${files.platform?.name}; expected one of ${PLATFORM_FILES.join(' or ')}` });
  }
  const platform = platformResult.settings;
  const context = {
    nodePortRange: platformResult.invalidKeys.has('node_port_range') ? undefined : nodePortRange(platform),
    defaultCertDirectory: platform.tls.component_cert_dir,
  };
  const loaded: Array<{ spec: ComponentSpec; anchors: Anchors }> = [];
  const warnings = new Map<string, Diagnostic>();
  const sorted = [...files.components].sort((a, b) => byCodePoint(a.name, b.name));
  const base = options.base ?? process.cwd();
  const where = (f: InputFile) => path.resolve(base, f.path ?? f.name);

  // The DCAE specs that YAML specs start from (dcae_spec) are compiled through them, not alone. Only files
  // that mention dcae_spec are parsed ahead (and kept); the rest are parsed one at a time below, so that a
  // fleet's parsed documents never all sit in memory at once.
  const parsedAhead = new Map<InputFile, ReturnType<typeof SourceFile.parse>>();
  const referenced = new Set<string>();
  for (const file of sorted.filter((f) => !DCAE_FILE.test(f.name) && f.text.includes('dcae_spec'))) {
    const parsed = SourceFile.parse(file.name, file.text);
    parsedAhead.set(file, parsed);
    const ref = (parsed.source?.value as Record<string, unknown> | undefined)?.dcae_spec;
    if (typeof ref === 'string') referenced.add(path.resolve(path.dirname(where(file)), ref));
  }
  const byPath = new Map(sorted.map((f) => [where(f), f]));

  for (const file of sorted) {
    let result: { spec?: ComponentSpec; diagnostics: Diagnostic[]; warnings?: Diagnostic[]; source?: SpecSource };
    if (DCAE_FILE.test(file.name)) {
      if (referenced.has(where(file))) continue;
      result = readDcaeComponent(file, platform, context);
    } else {
      const parsed = parsedAhead.get(file) ?? SourceFile.parse(file.name, file.text);
      parsedAhead.delete(file);
      if (!parsed.source) {
        diagnostics.push(...parsed.diagnostics);
        continue;
      }
      const { dcae_spec: ref, $schema: _schema, ...rest } = parsed.source.value as Record<string, unknown>;
      if (ref === undefined) {
        result = readComponent(parsed.source, context);
      } else {
        const json = typeof ref === 'string' && DCAE_FILE.test(ref) ? findDcaeFile(path.resolve(path.dirname(where(file)), ref), byPath, path.isAbsolute(ref) ? ref : path.posix.join(path.posix.dirname(file.name), ref)) : undefined;
        if (typeof ref === 'string' && !DCAE_FILE.test(ref)) {
          diagnostics.push(parsed.source.error(['dcae_spec'], `${describeValue(ref)} is not a DCAE component specification; expected the path of a .json file, relative to this file`));
          continue;
        }
        if (!json) {
          diagnostics.push(parsed.source.error(['dcae_spec'], typeof ref === 'string'
            ? `${describeValue(ref)}: no such file; expected the path of a DCAE component specification, relative to ${file.name}`
            : `${describeValue(ref)} is not the path of a DCAE component specification, relative to this file`));
          continue;
        }
        result = readDcaeComponent(json, platform, context, { source: parsed.source, value: rest });
      }
    }
    diagnostics.push(...result.diagnostics);
    for (const w of result.warnings ?? []) warnings.set(formatDiagnostic(w), w);
    if (!result.spec || !result.source) continue;
    // Keep only where the cross-file checks may point, not the parsed file: a fleet's documents would not fit in memory.
    loaded.push({ spec: result.spec, anchors: anchorsOf(result.spec, result.source) });
    const location = result.spec.k8sLocation;
    const reserved = location !== undefined ? options.reservedLocations?.[location] : undefined;
    if (reserved) diagnostics.push(result.source.error(['k8s_location'], `"${location}" ${reserved}; expected another location name with --helm-chart`));
  }
  diagnostics.push(...checkAcrossComponents(loaded, platform));
  return { platform, components: loaded.map((l) => l.spec), diagnostics, warnings: [...warnings.values()] };
}

/** A DCAE spec named by dcae_spec: one of the run's files, or one read from disk. */
function findDcaeFile(resolved: string, inputs: ReadonlyMap<string, InputFile>, display: string): InputFile | undefined {
  const known = inputs.get(resolved);
  if (known) return known;
  if (!fs.existsSync(resolved) || !fs.statSync(resolved).isFile()) return undefined;
  // Shown as reached from the file that names it, the way the user wrote both paths.
  return { name: display, path: resolved, text: readText(resolved) };
}

function readText(file: string): string {
  return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
}

/** Compares strings by UTF-16 code units, the same everywhere (never by locale). */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Diagnostics with no message yet, at the keys the cross-file checks point at: `name` and each `ports` entry. */
type Anchors = ReadonlyMap<string, Diagnostic>;

function anchorsOf(spec: ComponentSpec, source: SpecSource): Anchors {
  const anchors = new Map<string, Diagnostic>([['name', source.error(['name'], '')]]);
  for (const p of spec.ports) anchors.set(`ports.${p.entry}`, source.error(['ports', p.entry], ''));
  return anchors;
}

function checkAcrossComponents(loaded: ReadonlyArray<{ spec: ComponentSpec; anchors: Anchors }>, platform: PlatformSettings): Diagnostic[] {
  const out: Diagnostic[] = [];
  const components = new Map<string, string>();
  const objects = new Map<string, { file: string; text: string }>();
  const nodePorts = new Map<string, { file: string; text: string }>();
  const where = (s: ComponentSpec) => (s.k8sLocation ? `k8s_location "${s.k8sLocation}"` : 'no k8s_location');
  for (const { spec, anchors } of loaded) {
    // An anchor's own message is what the source adds after any message (a DCAE spec's fix hint).
    const at = (p: KeyPath, message: string) => {
      const anchor = anchors.get(p.join('.')) as Diagnostic;
      out.push({ ...anchor, message: `${message}${anchor.message}` });
    };
    const location = spec.k8sLocation ?? '';
    const componentKey = `${location}\0${spec.name}`;
    const first = components.get(componentKey);
    if (first) {
      at(['name'], `the component "${spec.name}" (${where(spec)}) is already defined in ${first}; expected one file per component and location`);
      continue;
    }
    components.set(componentKey, spec.file);

    const namespace = spec.namespace ?? platform.namespace;
    const owned: Array<[string, string]> = [['Deployment', deploymentName(spec.name)]];
    if (spec.ports.length > 0) owned.push(['Service', serviceName(spec.name)]);
    if (spec.ports.some((p) => !p.ipv6 && p.hostPort !== 0)) owned.push(['Service', nodePortServiceName(spec.name)]);
    if (spec.ports.some((p) => p.ipv6 && p.hostPort !== 0)) owned.push(['Service', ipv6NodePortServiceName(spec.name)]);
    for (const [kind, name] of owned) {
      const key = `${location}\0${namespace}\0${kind}\0${name}`;
      const other = objects.get(key);
      if (!other) objects.set(key, { file: spec.file, text: `${spec.file} (component "${spec.name}")` });
      else if (other.file !== spec.file) {
        at(['name'], `gives the ${kind} "${name}" in namespace "${namespace}", which ${other.text} also creates; expected names that stay distinct once derived and cut to 63 characters`);
      }
    }

    for (const p of spec.ports) {
      if (p.hostPort === 0) continue;
      const key = `${location}\0${p.hostPort}`;
      const other = nodePorts.get(key);
      if (!other) nodePorts.set(key, { file: spec.file, text: `${spec.file} (component "${spec.name}")` });
      else if (other.file !== spec.file) {
        at(['ports', p.entry], `host port ${p.hostPort} is already the NodePort of ${other.text} in the same cluster (${where(spec)}); expected each NodePort once per cluster`);
      }
    }
  }
  return out;
}
