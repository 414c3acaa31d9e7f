import * as path from 'path';
import { MANIFEST_EXTENSION, OutputFile, sameContent } from '../output/output-file';
import { selectorChanges, selectorMessage } from '../output/selectors';
import { holdsNothing, readIfExists } from '../output/write';

/**
 * One line for each Deployment whose selector a run changes ({@link selectorChanges}): the manifests of the run
 * compared with those in the output folder, where they exist and differ. `display` is the output folder as the
 * user typed it; `same` names manifests known to hold the folder's bytes (taken from it by the render cache),
 * which are not read again.
 */
export function selectorChangeLines(
  out: string,
  display: string,
  files: readonly OutputFile[],
  same: ReadonlySet<string> = new Set(),
): string[] {
  const lines: string[] = [];
  if (holdsNothing(out)) return lines;
  for (const file of files) {
    if (!file.path.endsWith(MANIFEST_EXTENSION) || same.has(file.path)) continue;
    const old = readIfExists(path.join(out, ...file.path.split('/')));
    if (old === undefined || sameContent(old, file)) continue;
    for (const change of selectorChanges(old, file.content)) lines.push(selectorMessage(path.join(display, file.path), change));
  }
  return lines;
}
