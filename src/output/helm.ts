import { folderOf, KUSTOMIZATION } from './kustomize';
import { MANIFEST_EXTENSION, OutputFile } from './synthesize';
import { RECORD_FILE } from './write';
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
 * A chart folder's `.helmignore`, so that the chart holds Chart.yaml and templates/ alone: not the plain
 * manifests (`*.k8s.yaml`), the kustomization, the record, the other charts' folders (`locations`, each
 * anchored to the chart's root) or the usual VCS and editor files. Helm matches a pattern without `/`
 * against each file's base name, and one ending in `/` against folders only (helm's pkg/ignore).
 */
export function helmIgnore(locations: readonly string[]): string {
  return [
    '# Written by npm run synth: `helm package` takes this chart alone (Chart.yaml and templates/).',
    '# The plain manifests, the kustomization and the record of written files:',
    `*${MANIFEST_EXTENSION}`,
    KUSTOMIZATION,
    RECORD_FILE,
    ...(locations.length > 0 ? ['# The location folders, each a chart of its own:', ...locations.map((l) => `/${l}/`)] : []),
    '# Version control, editors and backups:',
    ...HELMIGNORE_USUAL,
    '',
  ].join('\n');
}

/**
 * A Helm chart in each output folder (the top one always, and each location folder): `Chart.yaml`
 * (apiVersion v2), `templates/<name>.yaml` holding the same objects as `<name>.k8s.yaml`, with every
 * `{{` and `}}` escaped, and a `.helmignore` that leaves everything else out of the chart. The chart has no
 * values: it renders exactly the compiled objects.
 */
export function helmCharts(manifests: readonly OutputFile[], options: HelmOptions): OutputFile[] {
  const folders = new Set<string>(['']);
  for (const m of manifests) folders.add(folderOf(m.path));
  const prefix = (folder: string) => (folder ? `${folder}/` : '');
  const sorted = [...folders].sort();
  const ignores: OutputFile[] = sorted.map((folder) => ({
    path: `${prefix(folder)}${HELMIGNORE}`,
    content: helmIgnore(folder ? [] : sorted.filter((f) => f !== '')),
  }));
  const charts: OutputFile[] = sorted.map((folder) => ({
    path: `${prefix(folder)}Chart.yaml`,
    content: stringifyYaml({
      apiVersion: 'v2',
      name: options.name,
      version: options.version,
      description: `DCAE components${folder ? ` for location ${folder}` : ''}, compiled from component specs`,
      type: 'application',
    }),
  }));
  const templates = manifests.map((m) => {
    const folder = folderOf(m.path);
    const base = m.path.slice(prefix(folder).length, -MANIFEST_EXTENSION.length);
    return { path: `${prefix(folder)}templates/${base}.yaml`, content: escapeHelm(m.content) };
  });
  return [...ignores, ...charts, ...templates];
}
