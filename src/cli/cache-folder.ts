/**
 * Where the compiler keeps its caches: `node_modules/.cache/dcae-synth`, as other Node.js tools keep theirs
 * (Babel, ESLint, webpack's loaders), in the nearest folder that has `node_modules`. A module of its own with
 * nothing heavy imported: the command's start-up file uses it too.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The caches' folder, below a project's `node_modules`. */
export const CACHE_FOLDER = ['.cache', 'dcae-synth'] as const;

/**
 * The caches' folder of the nearest folder from `start` up that is or holds `node_modules`, or undefined when
 * there is none.
 */
export function cacheFolderAbove(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (path.basename(dir) === 'node_modules') return path.join(dir, ...CACHE_FOLDER);
    if (fs.existsSync(path.join(dir, 'node_modules'))) return path.join(dir, 'node_modules', ...CACHE_FOLDER);
    if (dir === path.dirname(dir)) return undefined;
  }
}

/**
 * Writes a cache file whole (aside, then renamed over it), making its folder with `makeFolder`; says why it could
 * not, or undefined. A cache that is not written only costs the next run time.
 */
export function writeWhole(
  file: string,
  data: string | Uint8Array,
  makeFolder: (dir: string) => void = (dir) => fs.mkdirSync(dir, { recursive: true }),
): string | undefined {
  const aside = `${file}.${process.pid}.new`;
  try {
    makeFolder(path.dirname(file));
    fs.writeFileSync(aside, data);
    fs.renameSync(aside, file);
    return undefined;
  } catch (e) {
    try {
      fs.rmSync(aside, { force: true });
    } catch {
      // nothing was made there
    }
    return (e as Error).message;
  }
}
