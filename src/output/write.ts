import * as nodeFs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KUSTOMIZATION } from './kustomize';
import { OutputFile, sameContent } from './output-file';

/** The record, at the top of the output folder, of every file the compiler wrote there. */
export const RECORD_FILE = '.dcae-synth-files';
const RECORD_HEADER = '# Files written by `npm run synth`. It removes them when their component goes, and touches no other file.\n';

/**
 * The compiler's own folder at the top of the output folder, there only while a run writes (or after a run
 * that was killed): `lock` (the run that writes), `journal` (the files that run may leave: a journal means
 * the run did not finish) and `tmp/` (its temporary files, renamed into place from there). Nothing else
 * ever goes in it, and nothing outside it is ever taken for a temporary file.
 */
export const STATE_FOLDER = '.dcae-synth';
const LOCK = 'lock';
const JOURNAL = 'journal';
const TEMP = 'tmp';

/** The file-system calls the writer makes, so that tests can make any of them fail. */
export type FileSystem = Pick<
  typeof nodeFs,
  | 'readFileSync'
  | 'writeFileSync'
  | 'renameSync'
  | 'rmSync'
  | 'mkdirSync'
  | 'readdirSync'
  | 'rmdirSync'
  | 'existsSync'
  | 'statSync'
  | 'openSync'
  | 'writeSync'
  | 'fsyncSync'
  | 'fdatasyncSync'
  | 'closeSync'
  | 'linkSync'
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
  /** The last run into the folder did not finish (it left its journal): this run finished it. */
  readonly repaired?: boolean;
  /** The run that held the lock, which this run took over because that run's process is gone. */
  readonly tookOver?: string;
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
  return pathsOf(readIfExists(path.join(outdir, RECORD_FILE), fs));
}

/** The files a run that did not finish may have left (its journal), or undefined when the last run finished. */
export function readJournal(outdir: string, fs: FileSystem = nodeFs): string[] | undefined {
  const text = readIfExists(path.join(outdir, STATE_FOLDER, JOURNAL), fs);
  return text === undefined ? undefined : pathsOf(text);
}

/** The files the compiler owns in a folder: those of its record, and those a run that did not finish may have left. */
export function ownedFiles(outdir: string, fs: FileSystem = nodeFs, journal = readJournal(outdir, fs)): string[] {
  return [...new Set([...readRecord(outdir, fs), ...(journal ?? [])])].sort();
}

/** The paths a record or journal lists: plain relative paths inside the output folder, comments left out. */
function pathsOf(text: string | undefined): string[] {
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

/** What a path of the output folder holds, when it is not a plain file or nothing: the writer replaces only files. */
export type OddKind = 'a folder' | 'a FIFO (named pipe)' | 'a socket' | 'a device' | 'something that is not a file';

/** A path the compiler must read or replace, which holds something else than a file. */
export interface OddEntry {
  readonly path: string;
  readonly kind: OddKind;
}

/** What a path holds, following links: a file, nothing (or a dangling link), or something odd. */
function kindOf(file: string, fs: Pick<FileSystem, 'statSync'>): 'file' | 'none' | OddKind {
  let stat: nodeFs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'none';
    throw e;
  }
  return statKind(stat);
}

/** What a stat says an entry is: a file, or what else, in words for messages. */
export function statKind(stat: nodeFs.Stats): 'file' | OddKind {
  if (stat.isFile()) return 'file';
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isBlockDevice() || stat.isCharacterDevice()) return 'a device';
  return 'something that is not a file';
}

/**
 * Paths a run must read, replace or remove (its files, the files it owns, the record) that hold a folder, a
 * FIFO, a socket or a device. Reading a FIFO would wait for ever, and a folder cannot be renamed over: the run
 * refuses them all before it writes anything.
 */
export function oddEntries(outdir: string, desired: readonly OutputFile[], fs: FileSystem = nodeFs): OddEntry[] {
  if (holdsNothing(outdir, fs)) return [];
  const paths = new Set([RECORD_FILE, ...desired.map((f) => f.path)]);
  if (kindOf(path.join(outdir, RECORD_FILE), fs) === 'file') for (const p of ownedFiles(outdir, fs)) paths.add(p);
  const out: OddEntry[] = [];
  for (const p of [...paths].sort()) {
    const kind = kindOf(target(outdir, p), fs);
    if (kind !== 'file' && kind !== 'none') out.push({ path: p, kind });
  }
  return out;
}

/**
 * Files of a run that would overwrite a file the compiler did not write: they exist, are not in the record,
 * and hold other bytes. The run must stop before writing anything.
 */
export function conflicts(outdir: string, desired: readonly OutputFile[], fs: FileSystem = nodeFs): string[] {
  if (fs.existsSync(outdir) && !isFolder(outdir, fs)) return ['.'];
  if (holdsNothing(outdir, fs)) return [];
  const owned = new Set(ownedFiles(outdir, fs));
  const out = new Set<string>();
  for (const f of desired) {
    // A file where the compiler needs a folder (a user's file named like a location) is in the way too.
    const parts = f.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const sub = [outdir, ...parts.slice(0, i)].join('/');
      if (fs.existsSync(sub) && !isFolder(sub, fs)) out.add(parts.slice(0, i).join('/'));
    }
    if (f.path === RECORD_FILE || owned.has(f.path)) continue;
    const file = target(outdir, f.path);
    if (fs.existsSync(file) && isFolder(file, fs)) out.add(f.path);
    else {
      const current = readIfExists(file, fs);
      if (current !== undefined && !sameContent(current, f)) out.add(f.path);
    }
  }
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

/** The output folder is held by another run, which is still going (or cannot be seen to be gone). */
export class FolderLocked extends Error {
  constructor(
    /** The holder, as its lock file says: `pid 123 on host x, since ...`. */
    readonly holder: string,
    /** The lock file, for a user who knows that run is gone. */
    readonly lockFile: string,
  ) {
    super(`the output folder is being written by another run (${holder})`);
  }
}

/** The run found files in the way after it took the lock (another run or a user made them meanwhile). */
export class FolderChanged extends Error {
  constructor(
    readonly conflicts: readonly string[],
    readonly odd: readonly OddEntry[],
  ) {
    super('the output folder changed before the run could write it');
  }
}

/** A write, rename or removal failed in the middle of a run: which file, and how far the run got. */
export class WriteFailure extends Error {
  constructor(
    /** The path (relative to the output folder) the failing call was for. */
    readonly file: string,
    /** The error of the file system. */
    readonly cause: NodeJS.ErrnoException,
    /** The files of this run already in place, of all it had to write or remove. */
    readonly done: number,
    readonly total: number,
  ) {
    super(`${file}: ${cause.message}`);
  }
}

/** A lock file's text: who holds it. */
interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

function describeHolder(h: Holder | undefined): string {
  return h ? `pid ${h.pid} on host ${h.host}, since ${h.since}` : 'a lock file that cannot be read';
}

function parseHolder(text: string | undefined): Holder | undefined {
  try {
    const h = JSON.parse(text ?? '') as Holder;
    return typeof h.pid === 'number' && typeof h.host === 'string' && typeof h.since === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process of this host is gone (a process of another user still counts as alive). */
function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** The name of a lock written aside, or moved aside to take it over, by the process of that pid. */
const LOCK_ASIDE = /^lock-(\d+)\.(new|stale)$/;

/**
 * Removes, once this run holds the lock, what runs killed while they took it left in the compiler's folder: a lock
 * written aside (`lock-<pid>.new`) or moved aside (`lock-<pid>.stale`) by a process that is gone. Another run's
 * may be taking the lock right now: that of a live process stays; one of another host's process can go, which then
 * only tries again (and finds this run's lock).
 */
function removeDeadAsides(state: string, fs: FileSystem): void {
  for (const name of fs.readdirSync(state) as string[]) {
    const pid = Number(LOCK_ASIDE.exec(name)?.[1]);
    if (pid && pid !== process.pid && processGone(pid)) fs.rmSync(path.join(state, name), { force: true });
  }
}

/**
 * Takes the output folder's lock: `<out>/.dcae-synth/lock`, made whole at once (written aside in the same folder,
 * then linked into place, which fails when the lock exists). A lock whose process is gone (same host) is taken
 * over; one held by a live process, by another host, or unreadable is not. A lock that goes away while this run
 * looks at it (its run just ended, and may have removed the folder) is tried again. Returns how to release it.
 */
function lock(outdir: string, fs: FileSystem): { release(): void; tookOver?: string } {
  const state = path.join(outdir, STATE_FOLDER);
  const file = path.join(state, LOCK);
  const mine: Holder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  let tookOver: string | undefined;
  for (let attempt = 0; ; attempt++) {
    // Aside in the lock's own folder, under this process's name (see removeDeadAsides for the ones left by a kill).
    const aside = path.join(state, `${LOCK}-${process.pid}.new`);
    let text: string | undefined;
    try {
      makeFolder(state, fs);
      writeDurable(aside, `${JSON.stringify(mine)}\n`, fs);
      fs.linkSync(aside, file);
      fs.rmSync(aside, { force: true });
      break;
    } catch (e) {
      fs.rmSync(aside, { force: true });
      const code = (e as NodeJS.ErrnoException).code;
      // ENOENT: the run that held the lock removed the folder meanwhile. Try again, a few times.
      if (code === 'ENOENT' && attempt < 5) continue;
      if (code !== 'EEXIST') throw e;
      text = readIfExists(file, fs);
    }
    if (text === undefined && attempt < 5) continue; // released meanwhile
    const holder = parseHolder(text);
    // A lock of this very process is a leftover of an earlier run in it that failed (one process writes one run at a time).
    const gone = holder !== undefined && holder.host === mine.host && (holder.pid === mine.pid || processGone(holder.pid));
    if (!gone || attempt >= 5) throw new FolderLocked(describeHolder(holder), file);
    // The holder is gone: move its lock aside (one run alone can), and check it moved the lock it read.
    const stale = path.join(state, `${LOCK}-${process.pid}.stale`);
    try {
      fs.renameSync(file, stale);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // another run took it over first
      throw e;
    }
    const moved = readIfExists(stale, fs);
    if (moved !== text) {
      // Another run's fresh lock: put it back (a link, which fails if yet another run holds the lock now).
      try {
        fs.linkSync(stale, file);
      } catch {
        // the lock is someone else's either way
      }
      fs.rmSync(stale, { force: true });
      throw new FolderLocked(describeHolder(parseHolder(moved)), file);
    }
    fs.rmSync(stale, { force: true });
    tookOver = describeHolder(holder);
  }
  removeDeadAsides(state, fs);
  makeFolder(path.join(state, TEMP), fs);
  return {
    tookOver,
    release: () => {
      // The temporary files are this run's (no other run writes while it holds the lock); then the lock, then
      // the folder, unless another run has made its lock meanwhile.
      fs.rmSync(path.join(state, TEMP), { recursive: true, force: true });
      if (parseHolder(readIfExists(file, fs))?.pid === mine.pid) fs.rmSync(file, { force: true });
      try {
        fs.rmdirSync(state);
      } catch (e) {
        // Not empty: another run's lock is there (or the journal of a run that failed), which is theirs to remove.
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOENT') throw e;
      }
    },
  };
}

/**
 * A run's hold on an output folder: its lock, taken before the run renders, so that it can stage each manifest
 * in the folder's temporary folder as soon as it is rendered (flushed while the rest render), and only rename
 * it into place when the run writes. Give it to {@link syncFolder} with the files staged.
 */
export interface FolderHold {
  /** The folder of this run's temporary files (`.dcae-synth/tmp`), where it may stage files. */
  readonly temp: string;
  /** The run that held the lock, which this run took over because that run's process is gone. */
  readonly tookOver?: string;
  /**
   * Releases the lock: removes the temporary files (staged or not), the lock, the compiler's folder, and the
   * folders that taking the lock made (the output folder itself when it did not exist), when they are empty.
   * Once only; later calls do nothing.
   */
  release(): void;
}

/**
 * Takes the output folder's lock before the run writes ({@link FolderHold}). Throws {@link FolderLocked} when
 * another run holds it, or the file system's error when the lock cannot be made (a read-only folder): a run
 * then renders without staging, and {@link syncFolder} tries the lock again when it writes.
 */
export function holdFolder(outdir: string, fs: FileSystem = nodeFs): FolderHold {
  // The folders taking the lock makes (the output folder, when it does not exist yet), to remove again.
  const made = missingFolders(outdir, fs);
  let held: ReturnType<typeof lock>;
  try {
    held = lock(outdir, fs);
  } catch (e) {
    removeIfEmpty(made, fs);
    throw e;
  }
  let released = false;
  return {
    temp: path.join(outdir, STATE_FOLDER, TEMP),
    ...(held.tookOver ? { tookOver: held.tookOver } : {}),
    release: () => {
      if (released) return;
      released = true;
      held.release();
      removeIfEmpty(made, fs);
    },
  };
}

/**
 * Whether a folder holds nothing but the compiler's own state folder, or does not exist: then no path a run writes
 * is taken, and nothing need be looked at path by path (one listing instead of a look at each of thousands of files).
 * Undefined answers (a file where the folder should be, a folder that cannot be listed) are `false`: the run then
 * looks at each path, and reports what it finds.
 */
export function holdsNothing(outdir: string, fs: Pick<FileSystem, 'readdirSync'> = nodeFs): boolean {
  try {
    return fs.readdirSync(outdir).every((name) => name === STATE_FOLDER);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** Removes folders (deepest first) that are empty; one that is not, or is gone, stays as it is. */
function removeIfEmpty(folders: readonly string[], fs: FileSystem): void {
  for (const dir of folders) {
    try {
      fs.rmdirSync(dir);
    } catch {
      return; // not empty (the run wrote there, or someone else did): it and the folders above stay
    }
  }
}

/** A run that holds the output folder already ({@link holdFolder}), and the files it staged there. */
export interface StagedRun {
  readonly hold: FolderHold;
  /**
   * Files staged in the hold's temporary folder, flushed to the disk, by output path: each holds exactly the
   * desired bytes of its path. {@link syncFolder} renames those it must write instead of writing them again.
   */
  readonly staged: ReadonlyMap<string, string>;
}

/**
 * Makes the output folder hold exactly the desired files, plus whatever the compiler did not write, while
 * holding the folder's lock (a second run refuses with {@link FolderLocked}):
 * 1. the journal lists every file the run may leave (the record's and the new ones), so that a run killed at
 *    any later moment leaves no file the compiler does not own, and the next run knows it did not finish;
 * 2. each new or changed file is written to a temporary file in `.dcae-synth/tmp/`, flushed to the disk, and
 *    renamed over the old one (a file staged there already is only renamed): the manifests and chart files
 *    first, then each `kustomization.yaml`, so that a kustomization never lists a manifest that is not there yet;
 * 3. files of the record that are no longer desired are removed (and folders they leave empty);
 * 4. every folder changed is flushed, then the record is replaced, flushed, and the journal removed.
 * A kill at any moment leaves each file old or new, never half written, and the journal; the next run
 * completes the rest. With `run`, the lock is the run's (taken before it rendered), and it stays held.
 */
export function syncFolder(outdir: string, desired: readonly OutputFile[], fs: FileSystem = nodeFs, run?: StagedRun): SyncResult {
  const files = desired.filter((f) => f.path !== RECORD_FILE);
  const upToDate = () => ({ created: [], changed: [], unchanged: files.map((f) => f.path), removed: [] });
  // Up to date, and nothing left by a run that was stopped: nothing to write, so no lock either.
  if (!run && planOf(outdir, files, fs).total === 0 && !fs.existsSync(path.join(outdir, STATE_FOLDER))) return upToDate();
  const held = run?.hold ?? lock(outdir, fs);
  try {
    const odd = oddEntries(outdir, desired, fs);
    const clashes = conflicts(outdir, desired, fs);
    if (odd.length > 0 || clashes.length > 0) throw new FolderChanged(clashes, odd);
    const tookOver = held.tookOver ? { tookOver: held.tookOver } : {};
    const plan = planOf(outdir, files, fs);
    if (plan.total === 0) return { ...upToDate(), ...tookOver };
    return { ...writeAll(outdir, plan, files, fs, run?.staged), ...tookOver };
  } finally {
    if (!run) held.release();
  }
}

/** What a run has to do to a folder: the files to write, the owned files to remove, and whether a journal is there. */
interface Plan {
  readonly writes: readonly OutputFile[];
  readonly stale: readonly string[];
  readonly journal: readonly string[] | undefined;
  readonly owned: readonly string[];
  readonly record: OutputFile;
  /** Writes, removals, the record and the journal: 0 when the folder is up to date. */
  readonly total: number;
}

function planOf(outdir: string, files: readonly OutputFile[], fs: FileSystem): Plan {
  const journal = readJournal(outdir, fs);
  const owned = ownedFiles(outdir, fs, journal);
  const wanted = new Set(files.map((f) => f.path));
  const stale = owned.filter((p) => !wanted.has(p));
  // A folder that holds nothing yet (a fresh output folder) is written whole, without a look at each path.
  const writes = holdsNothing(outdir, fs) ? files : files.filter((f) => !sameContent(readIfExists(target(outdir, f.path), fs), f));
  const record = recordFile(files);
  const recordChanged = readIfExists(target(outdir, RECORD_FILE), fs) !== record.content;
  return {
    writes,
    stale,
    journal,
    owned,
    record,
    total: writes.length + stale.length + (recordChanged ? 1 : 0) + (journal !== undefined ? 1 : 0),
  };
}

/** {@link syncFolder}'s writes, under the lock: a plan made under it. */
function writeAll(
  outdir: string,
  plan: Plan,
  files: readonly OutputFile[],
  fs: FileSystem,
  staged: ReadonlyMap<string, string> = new Map(),
): SyncResult {
  const result = { created: [] as string[], changed: [] as string[], unchanged: [] as string[], removed: [] as string[] };
  const { writes, stale, journal, owned, record } = plan;
  const temp = path.join(outdir, STATE_FOLDER, TEMP);
  const journalFile = path.join(outdir, STATE_FOLDER, JOURNAL);
  const union = [...new Set([...owned, ...files.map((f) => f.path)])].sort();
  const total = writes.length + stale.length;
  const touched = new Set<string>([path.resolve(outdir)]);
  let done = 0;
  const step = (file: string, action: () => void) => {
    try {
      action();
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (!err.code) throw e;
      throw new WriteFailure(file, err, done, total);
    }
  };
  step(path.posix.join(STATE_FOLDER, JOURNAL), () =>
    writeAtomic(
      journalFile,
      `# The files of the run writing this folder (pid ${process.pid}); while this file is here, that run has not finished.\n${union.map((p) => `${p}\n`).join('')}`,
      fs,
      temp,
    ),
  );
  // Manifests and chart files first, then the kustomizations that list them: no kustomization ever names a file
  // that is not there yet.
  const isKustomization = (f: OutputFile) => path.posix.basename(f.path) === KUSTOMIZATION;
  const ordered = [...writes.filter((f) => !isKustomization(f)), ...writes.filter(isKustomization)];
  for (const file of ordered) {
    const dest = target(outdir, file.path);
    const existed = fs.existsSync(dest);
    const aside = staged.get(file.path);
    step(file.path, () => (aside === undefined ? writeAtomic(dest, file.content, fs, temp) : moveInto(aside, dest, fs)));
    touched.add(path.dirname(dest));
    (existed ? result.changed : result.created).push(file.path);
    done++;
  }
  const written = new Set(writes.map((f) => f.path));
  for (const f of files) if (!written.has(f.path)) result.unchanged.push(f.path);
  // Removals the other way round: a stale kustomization goes before the manifests it lists.
  const isStaleKustomization = (p: string) => path.posix.basename(p) === KUSTOMIZATION;
  for (const old of [...stale.filter(isStaleKustomization), ...stale.filter((p) => !isStaleKustomization(p))]) {
    const file = target(outdir, old);
    step(old, () => {
      if (fs.existsSync(file)) {
        fs.rmSync(file, { force: true });
        result.removed.push(old);
      }
      touched.add(path.dirname(file));
      removeEmptyFolders(outdir, path.dirname(file), fs, touched);
    });
    done++;
  }
  // Every name in place on the disk before the record says the run is done.
  for (const dir of [...touched].sort().reverse()) step(path.relative(outdir, dir) || '.', () => syncFolderEntries(dir, fs));
  if (readIfExists(target(outdir, RECORD_FILE), fs) !== record.content)
    step(RECORD_FILE, () => writeAtomic(target(outdir, RECORD_FILE), record.content, fs, temp));
  step(path.posix.join(STATE_FOLDER, JOURNAL), () => {
    syncFolderEntries(outdir, fs);
    fs.rmSync(journalFile, { force: true });
  });
  result.created.sort();
  result.changed.sort();
  return { ...result, ...(journal !== undefined ? { repaired: true } : {}) };
}

/**
 * Compares the output folder with what a run would write: stale, missing and extra (no longer produced) files.
 * The diffs name files under `display` (the folder as the user typed it). Files a run that did not finish may
 * have left count as the compiler's (see {@link readJournal}).
 */
export function diffFolder(outdir: string, desired: readonly OutputFile[], fs: FileSystem = nodeFs, display = outdir): FileDiff[] {
  const out: FileDiff[] = [];
  const all = [...desired.filter((f) => f.path !== RECORD_FILE), recordFile(desired)];
  const wanted = new Set(all.map((f) => f.path));
  for (const file of all) {
    const current = readIfExists(target(outdir, file.path), fs);
    if (sameContent(current, file)) continue;
    out.push({
      path: file.path,
      kind: current === undefined ? 'missing' : 'stale',
      patch: unifiedDiff(display, file.path, current, file.content),
    });
  }
  for (const old of ownedFiles(outdir, fs)) {
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

/**
 * Writes a file's bytes and flushes them to the disk before it returns (fdatasync: the bytes and what is needed
 * to read them back, such as the size; not the times, which nobody reads after a crash).
 */
function writeDurable(file: string, content: string, fs: FileSystem): void {
  const fd = fs.openSync(file, 'w', 0o644);
  try {
    fs.writeSync(fd, content);
    fs.fdatasyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes a folder's entries (names created, renamed or removed) to the disk. */
function syncFolderEntries(dir: string, fs: FileSystem): void {
  if (!fs.existsSync(dir)) return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes one file whole: into a temporary file in `temp` (a folder of the writer's own, on the same file
 * system), flushed to the disk, then renamed over the file.
 */
export function writeAtomic(file: string, content: string, fs: FileSystem, temp: string): void {
  makeFolder(path.dirname(file), fs);
  makeFolder(temp, fs);
  const tmp = path.join(temp, `${process.pid}-${path.basename(file)}`);
  try {
    writeDurable(tmp, content, fs);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Renames a file written and flushed aside (staged) over a file, making the folders it needs. */
function moveInto(aside: string, file: string, fs: FileSystem): void {
  makeFolder(path.dirname(file), fs);
  fs.renameSync(aside, file);
}

/**
 * Makes a folder and the missing ones above it, one level at a time. Not `mkdirSync(dir, { recursive: true })`:
 * where a file system refuses a new folder with ENOENT although its parent exists (as /proc does), Node's
 * recursive mkdir retries for ever; here the refusal is an error.
 */
export function makeFolder(dir: string, fs: FileSystem = nodeFs): void {
  for (const d of missingFolders(dir, fs).reverse()) {
    try {
      fs.mkdirSync(d);
    } catch (e) {
      // Made meanwhile by someone else: as good as made here (but not a file or a dangling link in the way).
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !isFolder(d, fs)) throw e;
    }
  }
}

/** The folders from `dir` up that do not exist, deepest first. */
function missingFolders(dir: string, fs: Pick<FileSystem, 'existsSync'>): string[] {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !fs.existsSync(d); d = path.dirname(d)) {
    missing.push(d);
    if (d === path.dirname(d)) break;
  }
  return missing;
}

/** A text file's contents, or undefined when it cannot be read (missing, not a file, not allowed). */
export function readQuietly(file: string): string | undefined {
  try {
    return readIfExists(file);
  } catch {
    return undefined;
  }
}

/**
 * A file's text, or undefined when there is no file (nothing, a dangling link, or a folder). Something that
 * is not a file (a FIFO, whose reading would wait for ever, a socket, a device) is an error, never read.
 */
export function readIfExists(file: string, fs: Pick<FileSystem, 'statSync' | 'readFileSync'> = nodeFs): string | undefined {
  const kind = kindOf(file, fs);
  if (kind === 'none' || kind === 'a folder') return undefined;
  if (kind !== 'file') {
    const err = new Error(`${file} is ${kind}, not a file`) as NodeJS.ErrnoException;
    err.code = 'ENOTFILE';
    throw err;
  }
  try {
    return fs.readFileSync(file, 'utf8') as string;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw e;
  }
}

/** The path of an output file (a relative path with `/`) in the output folder. */
export function target(outdir: string, relative: string): string {
  return path.join(outdir, ...relative.split('/'));
}

/** Removes the folders a removal left empty, up to (not including) the output folder; each parent is flushed. */
function removeEmptyFolders(outdir: string, folder: string, fs: FileSystem, touched: Set<string>): void {
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
    touched.delete(dir);
    touched.add(path.dirname(dir));
  }
}

/** A record line is trusted only as a plain relative path inside the output folder. */
function isSafeRelative(p: string): boolean {
  return !p.startsWith('/') && !p.split('/').some((part) => part === '..' || part === '');
}
