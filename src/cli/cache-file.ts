/**
 * The render cache on disk: one file per output folder in the cache folder, named by a hash of the output
 * folder's absolute path (two output folders keep their caches apart). A cache that cannot be read is empty;
 * one that cannot be written costs the next run time, never a wrong byte (see ../output/cache.ts).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { makeFolder, readIfExists } from '../output/write';

/** The cache file of an output folder (both absolute). */
export function cacheFileOf(cacheDir: string, out: string): string {
  return path.join(cacheDir, `renders-${createHash('sha256').update(path.resolve(out)).digest('hex').slice(0, 16)}`);
}

/** A text file's contents, or undefined when it cannot be read (missing, not a file, not allowed). */
export function readQuietly(file: string): string | undefined {
  try {
    return readIfExists(file);
  } catch {
    return undefined;
  }
}

/** Writes the cache file whole (aside, then renamed over); says why it could not, or undefined. */
export function writeCacheFile(file: string, text: string): string | undefined {
  const aside = `${file}.${process.pid}.new`;
  try {
    makeFolder(path.dirname(file));
    fs.writeFileSync(aside, text);
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
