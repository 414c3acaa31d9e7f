/**
 * What the compiler writes, and where a component's manifest goes. A module of its own, with nothing heavy
 * imported: a run whose components are all unchanged (the render cache) never loads cdk8s.
 */
import { ComponentSpec } from '../input/model';

/** The extension of every manifest, as cdk8s writes it. */
export const MANIFEST_EXTENSION = '.k8s.yaml';

/** One output file: its path relative to the output folder (with `/`), and its bytes. */
export interface OutputFile {
  /** Its path relative to the output folder, with `/`. */
  readonly path: string;
  /** Its text, written as UTF-8. */
  readonly content: string;
}

/** The folder (relative to the output folder, `''` for the top) a component's manifest goes to. */
export function outputFolder(spec: ComponentSpec): string {
  return spec.k8sLocation ?? '';
}

/** Where a component's manifest goes, relative to the output folder: `[<location>/]<name>.k8s.yaml`. */
export function manifestPath(spec: ComponentSpec): string {
  const folder = outputFolder(spec);
  return `${folder ? `${folder}/` : ''}${spec.name}${MANIFEST_EXTENSION}`;
}
