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
