import * as fs from 'fs';
import * as path from 'path';
import { compile, CompileInput, RenderStream } from '../compile';
import { cachedStream, checkMemo, formatCache, parseCache, RenderCache } from '../output/cache';
import { deferredPoolStream, PoolStaging, RenderPool, PARALLEL_THRESHOLD } from '../output/parallel';
import {
  conflicts,
  diffFolder,
  FolderChanged,
  FolderHold,
  FolderLocked,
  holdFolder,
  holdsNothing,
  OddEntry,
  oddEntries,
  readJournal,
  readQuietly,
  RECORD_FILE,
  StagedRun,
  STATE_FOLDER,
  syncFolder,
  WriteFailure,
} from '../output/write';
import { readComponentsFolder } from './read-folder';
import { flushStaged, STAGED_GONE } from '../output/stage';
import { chartVersionWarnings } from './chart-versions';
import { selectorChangeLines } from './selector-changes';
import { formatDiagnostic } from '../input/diagnostics';
import { init } from './init';
import { EXIT, Invocation, Options, parseOptions, userFolder, version } from './options';
import { cacheFileOf, writeCacheFile } from './cache-file';
import { Console, plural, progressBar, reportErrors, reusedNote, staleSummary, writeSummary } from './report';

/** How the process was started, beyond its arguments. */
export interface RunContext extends Invocation {
  /**
   * The compiled script this process runs (it must call `serveRenderRequests` when loaded), so that render
   * threads can run it too. @default none: everything renders on this thread
   */
  readonly entry?: string;
  /**
   * A second folder that receives a copy of every output file once the output folder is up to date: the
   * folder `cdk8s synth` empties and lists (CDK8S_OUTDIR). @default none
   */
  readonly mirror?: string;
  /**
   * A hash of the compiler's code (the bundle's, given by the command's start-up file). The render cache is
   * used only when it is known: a cache of another build is never read. @default none: no render cache
   */
  readonly build?: string;
}

/** The render cache of a run: where it is kept, what it held, and its text (to write it only when it changed). */
interface CacheUse {
  readonly file: string;
  readonly text: string | undefined;
  readonly cache: RenderCache;
}

/** Runs the compiler; resolves to the process exit code. */
export async function main(argv: readonly string[], io: Console, context: RunContext = {}): Promise<number> {
  const started = process.hrtime.bigint();
  if (argv[0] === 'init') return init(argv.slice(1), io, userFolder(context));
  const options = parseOptions(argv, io, context);
  if (typeof options === 'number') return options;
  if (!options.quiet && context.entry) warnIfStale(io, context.entry);
  const folder = path.resolve(options.base, options.componentsDir);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    const found = fs.existsSync(folder) ? 'is a file, not a folder' : 'no such folder';
    io.err(
      `${options.componentsDir}: ${found}; expected a folder of component specs (--components DIR). Nothing was written to ${options.outDir}`,
    );
    return EXIT.input;
  }
  const files = readComponentsFolder(options.componentsDir, options.base);
  const cache = readCache(options, context);
  const warm = cache !== undefined && cache.cache.entries.size > 0;
  const capacity = files.components.length;
  // A writing run of many components stages what it renders (see Staging), from the moment it expects to render
  // many: with few, the I/O threads it needs cost more than they save.
  const staging = options.check || capacity < PARALLEL_THRESHOLD ? undefined : new Staging(path.resolve(options.base, options.outDir));
  // Render threads load the compiler while this thread reads and checks the specs, and render each component as
  // soon as it has passed its checks. With a cache of earlier runs most components are not rendered again, and
  // threads start only when many are.
  let pool: RenderPool | undefined;
  let stream: RenderStream;
  if (warm) stream = deferredPoolStream(() => (pool = RenderPool.start(options.jobs, context.entry, capacity, staging?.start())));
  else {
    pool = RenderPool.start(capacity >= PARALLEL_THRESHOLD ? options.jobs : 1, context.entry, capacity, staging?.start());
    stream = pool.stream();
  }
  try {
    return await run(files, stream, cache, options, io, context, started, staging);
  } finally {
    // The threads first: none stages a file once the staged files are removed.
    await pool?.close();
    staging?.release();
  }
}

/**
 * A writing run's staging. When it starts rendering many components (all of them without a render cache, or the
 * threads' share with one), it takes the output folder's lock, and each thread writes every manifest it renders
 * aside in the folder's temporary folder at once. The write then flushes them all to the disk together (the file
 * system merges the flushes) and only renames them into place. Without the lock now (another run holds it, or the
 * folder cannot be written) the run renders without staging, and its write tries the lock again and reports.
 */
class Staging {
  private hold: FolderHold | undefined;
  /** Whether the output folder held nothing of anyone's when the lock was taken. */
  private empty = false;
  private readonly staged = new Map<string, string>();

  constructor(private readonly out: string) {}

  /** Takes the lock (once): where the render threads stage, or nothing when the lock cannot be taken. */
  public start(): PoolStaging | undefined {
    if (!this.hold) {
      try {
        this.hold = holdFolder(this.out);
      } catch {
        return undefined;
      }
      this.empty = holdsNothing(this.out);
    }
    return { area: { outdir: this.out, temp: this.hold.temp, empty: this.empty }, staged: this.staged };
  }

  /** The staged files, flushed to the disk, for the write; nothing when the run did not stage. */
  public async flushed(): Promise<StagedRun | undefined> {
    return this.hold && { hold: this.hold, staged: await flushStaged(this.staged) };
  }

  /** Releases the lock, with whatever is still staged. */
  public release(): void {
    this.hold?.release();
  }
}

/** The render cache of the output folder, when the run has a cache folder and knows its build. */
function readCache(options: Options, context: RunContext): CacheUse | undefined {
  if (options.cacheDir === undefined || context.build === undefined) return undefined;
  const file = cacheFileOf(options.cacheDir, path.resolve(options.base, options.outDir));
  const text = readQuietly(file);
  return { file, text, cache: parseCache(text, `${version()} ${context.build}`) };
}

/** Compiles, then checks the output folder (--check) or brings it up to date. */
async function run(
  input: CompileInput,
  stream: RenderStream,
  cacheUse: CacheUse | undefined,
  options: Options,
  io: Console,
  context: RunContext,
  started: bigint,
  staging: Staging | undefined,
): Promise<number> {
  const { quiet } = options;
  const outDir = options.outDir;
  const out = path.resolve(options.base, outDir);
  // A manifest of the output folder, for the cache to compare with what it knows (unreadable: rendered again).
  // A Helm chart or a mirror folder takes every manifest's text: the files taken from the folder keep theirs.
  const keepText = options.helm !== undefined || context.mirror !== undefined;
  const cached = cacheUse && cachedStream(cacheUse.cache, (p) => readQuietly(path.join(out, ...p.split('/'))), stream, keepText);
  const memo = cacheUse && checkMemo(cacheUse.cache);
  let result;
  try {
    result = await compile(input, {
      helm: options.helm,
      allowEmpty: options.allowEmpty,
      stream: cached ?? stream,
      memo,
      onProgress: progressBar(io, input.components.length, quiet),
    });
  } catch (e) {
    // A staged manifest read back for a Helm chart, gone from the disk.
    return diskFailure(io, outDir, e, { only: STAGED_GONE });
  }
  if (!quiet) for (const w of result.warnings) io.err(`warning: ${formatDiagnostic(w)}`);
  if (result.diagnostics.length > 0) {
    reportErrors(io, result.diagnostics, outDir);
    return EXIT.input;
  }
  if (result.invalid.length > 0) {
    for (const line of result.invalid) io.err(line);
    io.err(
      `${plural(result.invalid.length, 'object field')} break the Kubernetes schema. This is a bug in the compiler, not in your files: please report it. Nothing was written to ${outDir}`,
    );
    return EXIT.internal;
  }
  const outcome = cached?.outcome();
  if (cacheUse && outcome) {
    const text = formatCache({ ...outcome.cache, checked: memo?.kept() });
    const failed = text === cacheUse.text ? undefined : writeCacheFile(cacheUse.file, text);
    if (failed && !quiet) io.err(`warning: the render cache could not be written (${failed}); the next run renders every component`);
  }
  // Before anything reads the output folder: reading a FIFO would wait for ever, and a folder cannot be replaced.
  const odd = oddEntries(out, result.files);
  if (odd.length > 0) return reportBlocked(io, outDir, [], odd);
  // A chart whose templates differ from the output folder's under the same version: warn, before --check or the writes.
  if (options.helm && !quiet) for (const w of chartVersionWarnings(out, outDir, result.files)) io.err(w);
  const seconds = () => (Number(process.hrtime.bigint() - started) / 1e9).toFixed(2);

  if (options.check) {
    const unfinished = readJournal(out) !== undefined;
    let diffs;
    try {
      diffs = diffFolder(out, result.files, undefined, outDir);
    } catch (e) {
      // A manifest the render cache took from the folder, changed there since.
      return diskFailure(io, outDir, e, { checking: true });
    }
    for (const d of diffs) io.out(d.patch.replace(/\n$/, ''));
    // A changed Deployment selector is a diff the API server refuses to apply: say so after the diffs.
    if (diffs.length > 0) for (const line of selectorChangeLines(out, outDir, result.files, outcome?.taken)) io.err(line);
    if (unfinished) io.err(unfinishedMessage(outDir));
    if (diffs.length > 0) io.err(staleSummary(outDir, diffs));
    if (unfinished || diffs.length > 0) return EXIT.input;
    const checked = result.files.filter((f) => f.path !== RECORD_FILE).length;
    if (!quiet)
      io.out(
        `${outDir} is up to date: ${plural(result.components, 'component')}, ${plural(checked, 'file')}, checked in ${seconds()} s${reusedNote(outcome?.hits ?? 0)}`,
      );
    return EXIT.ok;
  }

  const clashes = conflicts(out, result.files);
  if (clashes.length > 0) return reportBlocked(io, outDir, clashes, []);
  // Read before the writes replace the old manifests.
  try {
    if (!quiet) for (const line of selectorChangeLines(out, outDir, result.files, outcome?.taken)) io.err(`warning: ${line}`);
  } catch (e) {
    return diskFailure(io, outDir, e, { only: STAGED_GONE });
  }
  let synced;
  try {
    synced = syncFolder(out, result.files, undefined, await staging?.flushed());
    if (context.mirror !== undefined && path.resolve(options.base, context.mirror) !== out)
      syncFolder(path.resolve(options.base, context.mirror), result.files);
  } catch (e) {
    if (e instanceof FolderLocked) {
      io.err(
        `error: ${outDir} is being written by another run (${e.holder}); nothing was written. Run again once it has finished ` +
          `(if that run is gone and this message stays, remove ${path.join(outDir, path.relative(out, e.lockFile))})`,
      );
      return EXIT.input;
    }
    if (e instanceof FolderChanged) return reportBlocked(io, outDir, e.conflicts, e.odd);
    if (e instanceof WriteFailure) {
      io.err(
        `error: writing ${path.join(outDir, e.file)} failed: ${e.cause.message}. ${outDir} now holds ${e.done} of the ${e.total} ` +
          'files this run writes or removes, each one whole (old or new), the rest as before; the run did not finish (--check says so). ' +
          'Fix the cause and run again: it finishes the rest',
      );
      return EXIT.io;
    }
    return diskFailure(io, outDir, e);
  }
  if (!quiet && synced.tookOver) io.err(`warning: ${outDir}: took over the lock of a run that is gone (${synced.tookOver})`);
  if (!quiet && synced.repaired) io.err(`warning: ${outDir}: the last run into it did not finish; this run finished it`);
  if (!quiet) io.out(writeSummary(outDir, result.components, seconds(), synced, outcome?.hits));
  return EXIT.ok;
}

/**
 * A failure of the disk before anything of the run is in place (an error with a code; with `only`, that code only,
 * such as a staged manifest gone from the disk), while writing or, `checking`, while --check compares the folder:
 * said, exit 74. Anything else is a bug, and is thrown on.
 */
function diskFailure(io: Console, outDir: string, e: unknown, how: { readonly only?: string; readonly checking?: boolean } = {}): number {
  const err = e as NodeJS.ErrnoException;
  if (!err?.code || (how.only !== undefined && err.code !== how.only)) throw e;
  io.err(
    how.checking
      ? `error: checking ${outDir} failed: ${err.message}. Nothing was written; run --check again`
      : `error: writing ${outDir} failed: ${err.message}. Every file is either its old or its new version; fix the cause and run again`,
  );
  return EXIT.io;
}

/** What --check says when the last run into the folder did not finish. */
function unfinishedMessage(outDir: string): string {
  return `${outDir}: the last run into this folder did not finish (it was stopped while writing: its journal ${path.join(outDir, STATE_FOLDER, 'journal')} is there); run synth to finish it`;
}

/** Paths in the way of the run: files it did not write, and things that are not files. Nothing is written; exit 1. */
function reportBlocked(io: Console, outDir: string, clashes: readonly string[], odd: readonly OddEntry[]): number {
  for (const o of odd)
    io.err(
      `${path.join(outDir, o.path)}: is ${o.kind}, not a file; expected a file the compiler can read and replace, or nothing. Move it away, then run again`,
    );
  for (const c of clashes)
    io.err(
      `${path.join(outDir, c)}: exists and was not written by npm run synth; expected to own this path. Move or delete the file, then run again`,
    );
  io.err(`nothing was written to ${outDir}`);
  return EXIT.input;
}

/**
 * `npm run synth` runs the compiled JavaScript (for speed). A developer of the compiler who edited src/
 * without rebuilding would get output from old code: say so, without slowing the common case. An installed
 * package has no TypeScript sources, and gets no such warning.
 */
function warnIfStale(io: Console, entry: string): void {
  let root = path.dirname(entry);
  while (!fs.existsSync(path.join(root, 'package.json')) && root !== path.dirname(root)) root = path.dirname(root);
  const src = path.join(root, 'src');
  // Only where the TypeScript sources are: a checkout of the compiler, not an installed package.
  if (!fs.existsSync(path.join(src, 'cli', 'run.ts')) || !entry.endsWith('.js')) return;
  const built = fs.statSync(entry).mtimeMs;
  const newer = (dir: string): boolean =>
    fs.readdirSync(dir, { withFileTypes: true }).some((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? newer(p) : fs.statSync(p).mtimeMs > built;
    });
  if (newer(src)) io.err('warning: src/ changed after the last build; run `npm run build` first, or this run uses the old compiler');
}
