import { MANIFEST_EXTENSION, OutputFile } from './output-file';
import { stringifyYaml } from './yaml';

/** The kustomization file name. */
export const KUSTOMIZATION = 'kustomization.yaml';

/** The folder part of an output path (`''` for the top folder). */
export function folderOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

/**
 * One `kustomization.yaml` per output folder (the top one always, and each location folder), listing only
 * that folder's own manifests, sorted, so that `kubectl kustomize <folder>` builds exactly its objects.
 */
export function kustomizations(manifests: readonly OutputFile[]): OutputFile[] {
  const folders = new Map<string, string[]>([['', []]]);
  for (const m of manifests) {
    const folder = folderOf(m.path);
    const list = folders.get(folder) ?? [];
    list.push(m.path.slice(folder ? folder.length + 1 : 0));
    folders.set(folder, list);
  }
  return [...folders]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([folder, files]) => ({
      path: folder ? `${folder}/${KUSTOMIZATION}` : KUSTOMIZATION,
      content: stringifyYaml({
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        resources: files.filter((f) => f.endsWith(MANIFEST_EXTENSION)).sort(),
      }),
    }));
}
