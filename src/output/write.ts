import * as fs from 'fs';
import * as path from 'path';
import { OutputFile } from './synthesize';

/** What a write did. */
export interface WriteResult {
  /** Files whose bytes changed, or that did not exist. */
  readonly written: string[];
  /** Files that already held exactly these bytes and were not touched. */
  readonly unchanged: string[];
}

/**
 * Writes files under a folder, each atomically: the bytes go to a temporary file in the same folder,
 * which is then renamed over the old file. A reader (or a crash) sees the old file or the new one, never
 * half of one. Files whose bytes are already right are not touched.
 */
export function writeFiles(outdir: string, files: readonly OutputFile[]): WriteResult {
  const written: string[] = [];
  const unchanged: string[] = [];
  for (const file of files) {
    const target = path.join(outdir, ...file.path.split('/'));
    if (readIfExists(target) === file.content) {
      unchanged.push(file.path);
      continue;
    }
    writeAtomic(target, file.content);
    written.push(file.path);
  }
  return { written, unchanged };
}

/** Writes one file through a temporary file and a rename in the same folder. */
export function writeAtomic(target: string, content: string): void {
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, content, { encoding: 'utf8', mode: 0o644 });
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** A file's text, or undefined when it does not exist. */
export function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
