import * as fs from 'fs';
import * as path from 'path';
import { compile, CompileInput } from '../compile';
import { RenderPool, PARALLEL_THRESHOLD } from '../output/parallel';
import { RenderedFile } from '../output/plan';
import { conflicts, diffFolder, RECORD_FILE, syncFolder } from '../output/write';
import { readComponentsFolder } from './read-folder';
import { chartVersionWarnings } from './chart-versions';
import { formatDiagnostic } from '../input/diagnostics';
import { init } from './init';
import { EXIT, Invocation, Options, parseOptions, userFolder } from './options';
import { Console, plural, progressBar, reportErrors, staleSummary, writeSummary } from './report';

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
  // Render threads load the compiler while this thread reads and checks the specs.
  const pool = RenderPool.start(files.components.length >= PARALLEL_THRESHOLD ? options.jobs : 1, context.entry);
  try {
    return await run(files, pool, options, io, context, started);
  } finally {
    await pool.close();
  }
}

/** Compiles, then checks the output folder (--check) or brings it up to date. */
async function run(
  input: CompileInput,
  pool: RenderPool,
  options: Options,
  io: Console,
  context: RunContext,
  started: bigint,
): Promise<number> {
  const { quiet } = options;
  const outDir = options.outDir;
  const out = path.resolve(options.base, outDir);
  const result = await compile(input, {
    helm: options.helm,
    allowEmpty: options.allowEmpty,
    render: (specs, platform, onProgress): Promise<RenderedFile[]> => pool.render(specs, platform, onProgress),
    onProgress: progressBar(io, input.components.length, quiet),
  });
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
  // A chart whose templates differ from the output folder's under the same version: warn, before --check or the writes.
  if (options.helm && !quiet) for (const w of chartVersionWarnings(out, outDir, result.files)) io.err(w);
  const seconds = () => (Number(process.hrtime.bigint() - started) / 1e9).toFixed(2);

  if (options.check) {
    const diffs = diffFolder(out, result.files, undefined, outDir);
    for (const d of diffs) io.out(d.patch.replace(/\n$/, ''));
    if (diffs.length > 0) {
      io.err(staleSummary(outDir, diffs));
      return EXIT.input;
    }
    const checked = result.files.filter((f) => f.path !== RECORD_FILE).length;
    if (!quiet)
      io.out(`${outDir} is up to date: ${plural(result.components, 'component')}, ${plural(checked, 'file')}, checked in ${seconds()} s`);
    return EXIT.ok;
  }

  const clashes = conflicts(out, result.files);
  if (clashes.length > 0) {
    for (const c of clashes)
      io.err(
        `${path.join(outDir, c)}: exists and was not written by npm run synth; expected to own this path. Move or delete the file, then run again`,
      );
    io.err(`nothing was written to ${outDir}`);
    return EXIT.input;
  }
  let synced;
  try {
    synced = syncFolder(out, result.files);
    if (context.mirror !== undefined && path.resolve(options.base, context.mirror) !== out)
      syncFolder(path.resolve(options.base, context.mirror), result.files);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (!err.code) throw e;
    // The disk, not the input: say what failed; files already replaced are whole, and the next run completes the rest.
    io.err(`error: writing ${outDir} failed: ${err.message}. Every file is either its old or its new version; fix the cause and run again`);
    return EXIT.io;
  }
  if (!quiet) io.out(writeSummary(outDir, result.components, seconds(), synced));
  return EXIT.ok;
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
