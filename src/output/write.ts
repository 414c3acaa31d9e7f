import * as nodeFs from 'fs';
import * as path from 'path';
import { OutputFile } from './synthesize';

/** The record, at the top of the output folder, of every file the compiler wrote there. */
export const RECORD_FILE = '.dcae-synth-files';
const RECORD_HEADER = '# Files written by `npm run synth`. It removes them when their component goes, and touches no other file.\n';
const TEMP_FILE = /^\..+\.synth-\d+\.tmp$/;

/** The file-system calls the writer makes, so that tests can make any of them fail. */
export type FileSystem = Pick<
  typeof nodeFs,
  'readFileSync' | 'writeFileSync' | 'renameSync' | 'rmSync' | 'mkdirSync' | 'readdirSync' | 'rmdirSync' | 'existsSync'
>;

/** What a run did to the output folder. */
export interface SyncResult {
  /** Files that did not exist. */
  readonly created: string[];
  /** Files whose bytes changed. */
  readonly changed: string[];
  /** Files that already held the right bytes and were not touched. */
  readonly unchanged: string[];
  /** Files the compiler wrote before and no longer produces, now removed. */
  readonly removed: string[];
}

/** One file that differs between the output folder and what a run would write. */
export interface FileDiff {
  readonly path: string;
  readonly kind: 'stale' | 'missing' | 'extra';
  /** A unified diff, from the folder's bytes to the compiled ones. */
  readonly patch: string;
}

/** The files a folder's record lists (the files an earlier run wrote). */
export function readRecord(outdir: string, fs: FileSystem = nodeFs): string[] {
  const text = readIfExists(path.join(outdir, RECORD_FILE), fs);
  if (text === undefined) return [];
  return text
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l && !l.startsWith('#') && isSafeRelative(l));
}

/** The record's bytes for a set of files. */
export function recordFile(files: readonly OutputFile[]): OutputFile {
  const paths = files
    .map((f) => f.path)
    .filter((p) => p !== RECORD_FILE)
    .sort();
  return { path: RECORD_FILE, content: RECORD_HEADER + paths.map((p) => `${p}\n`).join('') };
}

/**
 * Files of a run that would overwrite a file the compiler did not write: they exist, are not in the record,
 * and hold other bytes. The run must stop before writing anything.
 */
export function conflicts(outdir: string, desired: readonly OutputFile[], fs: FileSystem = nodeFs): string[] {
  const owned = new Set(readRecord(outdir, fs));
  const out = new Set<string>();
  for (const f of desired) {
    // A file where the compiler needs a folder (a user's file named like a location) is in the way too.
    const parts = f.path.split('/');
    for (let i = 0; i <= parts.length - 1; i++) {
      const sub = [outdir, ...parts.slice(0, i)].join('/');
      if (i > 0 && fs.existsSync(sub) && !isFolder(sub, fs)) out.add(parts.slice(0, i).join('/'));
    }
    if (f.path === RECORD_FILE || owned.has(f.path)) continue;
    const file = target(outdir, f.path);
    if (fs.existsSync(file) && isFolder(file, fs)) out.add(f.path);
    else {
      const current = readIfExists(file, fs);
      if (current !== undefined && current !== f.content) out.add(f.path);
    }
  }
  if (fs.existsSync(outdir) && !isFolder(outdir, fs)) out.add('.');
  return [...out].sort();
}

/** Whether a path is a folder (one that can be listed), through the writer's file-system calls. */
function isFolder(p: string, fs: FileSystem): boolean {
  try {
    fs.readdirSync(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes the output folder hold exactly the desired files, plus whatever the compiler did not write:
 * 1. each new or changed file is written to a temporary file in its folder and renamed over the old one;
 * 2. files of the record that are no longer desired are removed (and folders they leave empty);
 * 3. the record is rewritten last, the same way.
 * A kill at any moment leaves each file old or new, never half written; the next run completes the rest.
 */
export function syncFolder(outdir: string, desired: readonly OutputFile[], fs: FileSystem = nodeFs): SyncResult {
  const result: SyncResult = { created: [], changed: [], unchanged: [], removed: [] };
  const files = desired.filter((f) => f.path !== RECORD_FILE);
  const previous = readRecord(outdir, fs);
  cleanTempFiles(outdir, [...files.map((f) => f.path), ...previous], fs);
  // First record everything this run may leave behind (old and new), so that a kill at any later moment
  // leaves no file the record does not own; the final record is written last.
  const union = recordFile([...new Set([...previous, ...files.map((f) => f.path)])].map((p) => ({ path: p, content: '' })));
  if (readIfExists(target(outdir, RECORD_FILE), fs) !== union.content && files.some((f) => !previous.includes(f.path))) {
    writeAtomic(target(outdir, RECORD_FILE), union.content, fs);
  }
  for (const file of files) {
    const current = readIfExists(target(outdir, file.path), fs);
    if (current === file.content) {
      result.unchanged.push(file.path);
      continue;
    }
    writeAtomic(target(outdir, file.path), file.content, fs);
    (current === undefined ? result.created : result.changed).push(file.path);
  }
  const wanted = new Set(files.map((f) => f.path));
  for (const old of previous) {
    if (wanted.has(old)) continue;
    const file = target(outdir, old);
    if (fs.existsSync(file)) {
      fs.rmSync(file, { force: true });
      result.removed.push(old);
    }
    removeEmptyFolders(outdir, path.dirname(file), fs);
  }
  const record = recordFile(files);
  if (readIfExists(target(outdir, RECORD_FILE), fs) !== record.content) writeAtomic(target(outdir, RECORD_FILE), record.content, fs);
  return result;
}

/**
 * Compares the output folder with what a run would write: stale, missing and extra (no longer produced) files.
 * The diffs name files under `display` (the folder as the user typed it).
 */
export function diffFolder(outdir: string, desired: readonly OutputFile[], fs: FileSystem = nodeFs, display = outdir): FileDiff[] {
  const out: FileDiff[] = [];
  const all = [...desired.filter((f) => f.path !== RECORD_FILE), recordFile(desired)];
  const wanted = new Set(all.map((f) => f.path));
  for (const file of all) {
    const current = readIfExists(target(outdir, file.path), fs);
    if (current === file.content) continue;
    out.push({
      path: file.path,
      kind: current === undefined ? 'missing' : 'stale',
      patch: unifiedDiff(display, file.path, current, file.content),
    });
  }
  for (const old of readRecord(outdir, fs)) {
    if (wanted.has(old)) continue;
    const current = readIfExists(target(outdir, old), fs);
    if (current !== undefined) out.push({ path: old, kind: 'extra', patch: unifiedDiff(display, old, current, undefined) });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function unifiedDiff(outdir: string, file: string, from: string | undefined, to: string | undefined): string {
  const name = path.posix.join(outdir.split(path.sep).join('/'), file).replace(/^\/+/, '');
  // Loaded only here: --check is the one path that needs it.
  const { createTwoFilesPatch } = require('diff') as typeof import('diff');
  const patch = createTwoFilesPatch(
    from === undefined ? '/dev/null' : `a/${name}`,
    to === undefined ? '/dev/null' : `b/${name}`,
    from ?? '',
    to ?? '',
    undefined,
    undefined,
    { context: 3 },
  );
  return patch.replace(/^=+\n/, '');
}

/** Writes one file through a temporary file and a rename in the same folder. */
export function writeAtomic(file: string, content: string, fs: FileSystem = nodeFs): void {
  const dir = path.dirname(file);
  makeFolder(dir, fs);
  const tmp = path.join(dir, `.${path.basename(file)}.synth-${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, content, { encoding: 'utf8', mode: 0o644 });
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Makes a folder and the missing ones above it, one level at a time. Not `mkdirSync(dir, { recursive: true })`:
 * where a file system refuses a new folder with ENOENT although its parent exists (as /proc does), Node's
 * recursive mkdir retries for ever; here the refusal is an error.
 */
export function makeFolder(dir: string, fs: FileSystem = nodeFs): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !fs.existsSync(d); d = path.dirname(d)) {
    missing.push(d);
    if (d === path.dirname(d)) break;
  }
  for (const d of missing.reverse()) {
    try {
      fs.mkdirSync(d);
    } catch (e) {
      // Made meanwhile by someone else: as good as made here (but not a file or a dangling link in the way).
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !isFolder(d, fs)) throw e;
    }
  }
}

/** A file's text, or undefined when it does not exist. */
export function readIfExists(file: string, fs: FileSystem = nodeFs): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8') as string;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw e;
  }
}

function target(outdir: string, relative: string): string {
  return path.join(outdir, ...relative.split('/'));
}

/** Temporary files that a killed run left in folders the compiler writes to. */
function cleanTempFiles(outdir: string, files: readonly string[], fs: FileSystem): void {
  const folders = new Set(files.map((f) => path.dirname(target(outdir, f))));
  for (const folder of folders) {
    let names: string[];
    try {
      names = fs.readdirSync(folder) as string[];
    } catch {
      continue;
    }
    for (const n of names) if (TEMP_FILE.test(n)) fs.rmSync(path.join(folder, n), { force: true });
  }
}

function removeEmptyFolders(outdir: string, folder: string, fs: FileSystem): void {
  const top = path.resolve(outdir);
  for (let dir = path.resolve(folder); dir.startsWith(top + path.sep); dir = path.dirname(dir)) {
    let entries: string[];
    try {
      entries = fs.readdirSync(dir) as string[];
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw e;
    }
    if (entries.length > 0) return;
    fs.rmdirSync(dir);
  }
}

/** A record line is trusted only as a plain relative path inside the output folder. */
function isSafeRelative(p: string): boolean {
  return !p.startsWith('/') && !p.split('/').some((part) => part === '..' || part === '');
}
