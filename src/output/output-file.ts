/**
 * What the compiler writes, and where a component's manifest goes. A module of its own, with nothing heavy
 * imported: a run whose components are all unchanged (the render cache) never loads cdk8s.
 */
import { createHash } from 'crypto';
import { ComponentSpec } from '../input/model';

/** The extension of every manifest, as cdk8s writes it. */
export const MANIFEST_EXTENSION = '.k8s.yaml';

/** One output file: its path relative to the output folder (with `/`), and its bytes. */
export interface OutputFile {
  /** Its path relative to the output folder, with `/`. */
  readonly path: string;
  /** Its text, written as UTF-8. */
  readonly content: string;
  /**
   * The SHA-256 of its text (UTF-8, lower-case hex), when the compiler knows it: then comparisons with the output
   * folder use it, and `content` may be read from the disk when asked for (a manifest staged by the CLI). @default unknown
   */
  readonly sha256?: string;
}

/** SHA-256 of a text (as UTF-8), hex. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Whether a file's text (`current`, undefined for no file) is the output file's, by its hash when that is known. */
export function sameContent(current: string | undefined, file: OutputFile): boolean {
  if (current === undefined) return false;
  return file.sha256 !== undefined ? contentHash(current) === file.sha256 : current === file.content;
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
