import { parse } from 'yaml';
import { folderOf } from './kustomize';
import { MANIFEST_EXTENSION, OutputFile } from './output-file';
import { stringifyYaml } from './yaml';

/** What `--helm-chart NAME --chart-version SEMVER` asks for. */
export interface HelmOptions {
  /** The chart's name. */
  readonly name: string;
  /** The chart's version, SemVer 2. */
  readonly version: string;
}

/** A Helm chart name: lower-case letters, digits and `-`, starting with a letter. */
export const CHART_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** SemVer 2, as Helm requires for a chart version. */
export const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-((0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(\.(0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(\+([0-9a-zA-Z-]+(\.[0-9a-zA-Z-]+)*))?$/;

/** Escapes `{{` and `}}` so that Helm renders them literally. */
export function escapeHelm(text: string): string {
  return text.replace(/\{\{|\}\}/g, (m) => (m === '{{' ? '{{ "{{" }}' : '{{ "}}" }}'));
}

/** Undoes {@link escapeHelm}. */
export function unescapeHelm(text: string): string {
  return text.replace(/\{\{ "(\{\{|\}\})" \}\}/g, '$1');
}

/** The folder of the output folder that holds the charts, one folder each: `<out>/helm/<chart>/`. */
export const HELM_FOLDER = 'helm';

/**
 * Location names a run with `--helm-chart` cannot use, with the reason: a location `helm` would write its
 * manifests and kustomization into the charts' folder.
 */
export const HELM_RESERVED_LOCATIONS: Readonly<Record<string, string>> = {
  [HELM_FOLDER]: `is the folder the Helm charts are written to (<out>/${HELM_FOLDER}/<chart>/)`,
};

/** The file that tells `helm package` (and `helm lint`, `helm install`) which files of a chart folder to leave out. */
export const HELMIGNORE = '.helmignore';

/**
 * Version-control, editor and backup files, as `helm create` lists them (and `*.tmp` covers the writer's
 * temporary files).
 */
const HELMIGNORE_USUAL = [
  '.DS_Store',
  '.git/',
  '.gitignore',
  '.gitattributes',
  '.bzr/',
  '.bzrignore',
  '.hg/',
  '.hgignore',
  '.svn/',
  '*.swp',
  '*.bak',
  '*.tmp',
  '*.orig',
  '*~',
  '.project',
  '.idea/',
  '*.tmproj',
  '.vscode/',
];

/**
 * A chart folder's `.helmignore`. The folder holds the chart alone (Chart.yaml, templates/ and this file), so
 * only the files that tools and editors leave behind are listed, and `*.tmp` (the writer's temporary files).
 */
export function helmIgnore(): string {
  return [
    '# Written by npm run synth: `helm package` leaves these out of the chart (Chart.yaml and templates/).',
    '# Version control, editors, backups and temporary files:',
    ...HELMIGNORE_USUAL,
    '',
  ].join('\n');
}

/**
 * The folder, under the output folder, of the chart of one output folder: `helm/<name>` for the top folder,
 * `helm/<name>-<location>` for a location. Its last part is the chart's name, as `helm lint` and `helm package`
 * expect. There is one name per run, so the names cannot collide: `<name>-<location>` differs for each
 * location, and is longer than `<name>`. No location folder can be `helm/` itself ({@link HELM_RESERVED_LOCATIONS}).
 */
export function chartFolder(name: string, location: string): string {
  return `${HELM_FOLDER}/${chartName(name, location)}`;
}

/** The name of the chart of one output folder: `<name>`, or `<name>-<location>`. */
export function chartName(name: string, location: string): string {
  return location ? `${name}-${location}` : name;
}

/**
 * One Helm chart per output folder that has a kustomization.yaml (the top folder always, even with no
 * manifest: a chart with no templates, as its kustomization has `resources: []`; each location folder while it
 * has components), each in its own folder `helm/<chart>/` (see {@link chartFolder}), so that no Chart.yaml
 * sits beside a kustomization.yaml: `Chart.yaml` (apiVersion v2), `templates/<name>.yaml` holding the same
 * objects as the output folder's `<name>.k8s.yaml`, with every `{{` and `}}` escaped, and a `.helmignore`. The
 * chart has no values: it renders exactly the compiled objects.
 */
export function helmCharts(manifests: readonly OutputFile[], options: HelmOptions): OutputFile[] {
  const folders = new Set<string>(['']);
  for (const m of manifests) folders.add(folderOf(m.path));
  const sorted = [...folders].sort();
  const ignores: OutputFile[] = sorted.map((folder) => ({
    path: `${chartFolder(options.name, folder)}/${HELMIGNORE}`,
    content: helmIgnore(),
  }));
  const charts: OutputFile[] = sorted.map((folder) => ({
    path: `${chartFolder(options.name, folder)}/Chart.yaml`,
    content: stringifyYaml({
      apiVersion: 'v2',
      name: chartName(options.name, folder),
      version: options.version,
      description: `DCAE components${folder ? ` for location ${folder}` : ''}, compiled from component specs`,
      type: 'application',
    }),
  }));
  const templates = manifests.map((m) => {
    const folder = folderOf(m.path);
    const base = m.path.slice(folder ? folder.length + 1 : 0, -MANIFEST_EXTENSION.length);
    return { path: `${chartFolder(options.name, folder)}/templates/${base}.yaml`, content: escapeHelm(m.content) };
  });
  return [...ignores, ...charts, ...templates];
}

/** A chart whose templates changed while its version stayed. */
export interface UnbumpedChart {
  /** Its Chart.yaml, relative to the output folder (`helm/dcae/Chart.yaml`). */
  readonly chartFile: string;
  /** The version, on disk and in this run. */
  readonly version: string;
}

/**
 * The charts of a run whose templates differ from the ones on disk (a template's bytes, or which templates
 * there are) while the Chart.yaml on disk has the version this run writes. Helm, Argo CD and chart
 * repositories take a chart's name and version to stand for its content, so such a chart must get a new
 * version. Pure: `old` maps paths (relative to the output folder) to the bytes on disk of the chart files an
 * earlier run wrote (the record's files under `helm/` and the run's own, those that exist); `desired` is what
 * this run writes. A chart with no Chart.yaml on disk (a first run) or an unreadable one is never reported.
 * Sorted by path.
 */
export function unbumpedCharts(old: ReadonlyMap<string, string>, desired: readonly OutputFile[]): UnbumpedChart[] {
  const out: UnbumpedChart[] = [];
  const chartFiles = desired.filter((f) => f.path.startsWith(`${HELM_FOLDER}/`) && f.path.endsWith('/Chart.yaml'));
  for (const chart of chartFiles) {
    const before = old.get(chart.path);
    const oldVersion = before === undefined ? undefined : versionOf(before);
    const version = versionOf(chart.content);
    if (oldVersion === undefined || oldVersion !== version) continue;
    const templates = `${chart.path.slice(0, -'Chart.yaml'.length)}templates/`;
    const now = new Map(desired.filter((f) => f.path.startsWith(templates)).map((f) => [f.path, f.content]));
    const then = [...old].filter(([p]) => p.startsWith(templates));
    if (then.length !== now.size || then.some(([p, content]) => now.get(p) !== content)) out.push({ chartFile: chart.path, version });
  }
  return out.sort((a, b) => (a.chartFile < b.chartFile ? -1 : 1));
}

/** The warning (without `warning: `) for a chart whose templates changed while its version stayed; `file` names its Chart.yaml. */
export function unbumpedMessage(file: string, version: string): string {
  return (
    `${file}: the chart's templates changed but its version is still ${version}; ` +
    'raise --chart-version (or chart-version in the options file) so that Helm sees a new chart'
  );
}

/** The `version` of a Chart.yaml's text, or undefined when it has none (or cannot be read). */
function versionOf(chartYaml: string): string | undefined {
  try {
    const doc = parse(chartYaml) as unknown;
    const version = doc !== null && typeof doc === 'object' ? (doc as Record<string, unknown>).version : undefined;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}
