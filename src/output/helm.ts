import { folderOf } from './kustomize';
import { MANIFEST_EXTENSION, OutputFile } from './synthesize';
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
export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-((0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(\.(0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(\+([0-9a-zA-Z-]+(\.[0-9a-zA-Z-]+)*))?$/;

/** Escapes `{{` and `}}` so that Helm renders them literally. */
export function escapeHelm(text: string): string {
  return text.replace(/\{\{|\}\}/g, (m) => (m === '{{' ? '{{ "{{" }}' : '{{ "}}" }}'));
}

/** Undoes {@link escapeHelm}. */
export function unescapeHelm(text: string): string {
  return text.replace(/\{\{ "(\{\{|\}\})" \}\}/g, '$1');
}

/**
 * A Helm chart in each output folder (the top one always, and each location folder): `Chart.yaml`
 * (apiVersion v2) and `templates/<name>.yaml` holding the same objects as `<name>.k8s.yaml`, with every
 * `{{` and `}}` escaped. The chart has no values: it renders exactly the compiled objects.
 */
export function helmCharts(manifests: readonly OutputFile[], options: HelmOptions): OutputFile[] {
  const folders = new Set<string>(['']);
  for (const m of manifests) folders.add(folderOf(m.path));
  const prefix = (folder: string) => (folder ? `${folder}/` : '');
  const charts: OutputFile[] = [...folders].sort().map((folder) => ({
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
  return [...charts, ...templates];
}
