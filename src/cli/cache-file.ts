/**
 * The render cache on disk: one file per output folder in the cache folder, named by a hash of the output
 * folder's absolute path (two output folders keep their caches apart). A cache that cannot be read is empty;
 * one that cannot be written costs the next run time, never a wrong byte (see ../output/cache.ts).
 */
import { createHash } from 'crypto';
import * as path from 'path';
import { makeFolder } from '../output/write';
import { writeWhole } from './cache-folder';

/** The cache file of an output folder (both absolute). */
export function cacheFileOf(cacheDir: string, out: string): string {
  return path.join(cacheDir, `renders-${createHash('sha256').update(path.resolve(out)).digest('hex').slice(0, 16)}`);
}

/**
 * Writes the cache file whole; says why it could not, or undefined. The folder is the user's (`--cache DIR`), made
 * one level at a time ({@link makeFolder}: a file system that refuses a folder is an error, never a loop).
 */
export function writeCacheFile(file: string, text: string): string | undefined {
  return writeWhole(file, text, (dir) => makeFolder(dir));
}
