#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { CHART_NAME, SEMVER } from './output/helm';
import * as os from 'os';
import { PARALLEL_THRESHOLD, RenderPool, serveRenderRequests } from './output/parallel';
import { assemblePlan } from './output/plan';
import { conflicts, diffFolder, RECORD_FILE, syncFolder } from './output/write';
import { HELM_RESERVED_LOCATIONS, loadProject, readComponentsFolder } from './project';
import { formatDiagnostic, sortDiagnostics } from './spec/diagnostics';

const USAGE = `Usage: npm run synth -- [options]

Compiles every component spec in the components folder into Kubernetes manifests in the
output folder, with a kustomization.yaml in each output folder. Nothing is written when any
file has an error.

Options:
  --components DIR          folder of component specs and the optional platform.yaml (default: components)
  --out DIR                 output folder (default: dist)
  --check                   write nothing; print a diff of every file that is stale, missing or
                            extra, and exit 1 if there is any
  --helm-chart NAME         also write a Helm chart (Chart.yaml, templates/) in each output folder
  --chart-version SEMVER    the Helm chart's version (required with --helm-chart)
  --quiet                   print only errors (and, with --check, the diffs)
  --jobs N                  threads that render components (default: 2, or fewer cores)
  -h, --help                show this help

Exit codes: 0 done (or up to date), 1 errors in the input (or, with --check, differences),
2 wrong options, 70 a bug in the compiler.`;

/** Where the CLI prints: lines to stdout and stderr, and (on a terminal only) a progress line redrawn in place. */
export interface Console {
  out(text: string): void;
  err(text: string): void;
  /** Redraws the progress line; undefined when stderr is not a terminal. */
  readonly progress?: (line: string) => void;
}

/** Components above which a terminal shows a progress bar. */
const PROGRESS_THRESHOLD = 200;

/** What the command line asked for. */
interface Options {
  readonly componentsDir: string;
  readonly outDir: string;
  readonly check: boolean;
  readonly quiet: boolean;
  readonly jobs: number;
  readonly helm?: { readonly name: string; readonly version: string };
}

/** Runs the compiler; resolves to the process exit code. */
export async function main(argv: string[], io: Console): Promise<number> {
  const started = process.hrtime.bigint();
  const options = parseOptions(argv, io);
  if (typeof options === 'number') return options;
  warnIfStale(io);
  const files = readComponentsFolder(options.componentsDir);
  // Render threads load the compiler while this thread reads and checks the specs.
  const pool = RenderPool.start(files.components.length >= PARALLEL_THRESHOLD ? options.jobs : 1, __filename);
  try {
    return await run(files, pool, options, io, started);
  } finally {
    await pool.close();
  }
}

/** The options, or the exit code when they are wrong (or --help was asked for). */
function parseOptions(argv: string[], io: Console): Options | number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        components: { type: 'string', default: 'components' },
        out: { type: 'string', default: 'dist' },
        check: { type: 'boolean', default: false },
        'helm-chart': { type: 'string' },
        'chart-version': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        jobs: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    io.err(`error: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  const usage = (message: string) => {
    io.err(`error: ${message}`);
    return 2;
  };
  const chartName = args['helm-chart'];
  const chartVersion = args['chart-version'];
  if (chartName !== undefined && !CHART_NAME.test(chartName)) return usage(`--helm-chart "${chartName}" is not a chart name: lower-case letters, digits and "-", starting with a letter`);
  if (chartName !== undefined && chartVersion === undefined) return usage('--helm-chart needs --chart-version, for example --chart-version 1.0.0');
  if (chartVersion !== undefined && chartName === undefined) return usage('--chart-version is only used with --helm-chart NAME');
  if (chartVersion !== undefined && !SEMVER.test(chartVersion)) return usage(`--chart-version "${chartVersion}" is not a SemVer 2 version such as 1.2.3`);
  const jobs = args.jobs === undefined ? Math.min(2, os.availableParallelism?.() ?? os.cpus().length) : Number(args.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) return usage(`--jobs "${args.jobs}" is not a whole number of threads from 1 to 64`);
  const componentsDir = args.components as string;
  if (!fs.existsSync(componentsDir)) return usage(`${componentsDir}: no such folder; expected a folder of component specs (--components DIR)`);
  if (!fs.statSync(componentsDir).isDirectory()) return usage(`${componentsDir}: is a file, not a folder; expected a folder of component specs (--components DIR)`);
  const outDir = args.out as string;
  for (let dir = path.resolve(outDir); ; dir = path.dirname(dir)) {
    if (fs.existsSync(dir)) {
      if (!fs.statSync(dir).isDirectory()) return usage(`--out ${outDir}: ${dir} is a file, not a folder; expected an output folder`);
      break;
    }
    if (dir === path.dirname(dir)) break;
  }
  return {
    componentsDir,
    outDir,
    check: args.check === true,
    quiet: args.quiet === true,
    jobs,
    helm: chartName !== undefined && chartVersion !== undefined ? { name: chartName, version: chartVersion } : undefined,
  };
}

/** Checks, renders, then checks the output folder (--check) or brings it up to date. */
async function run(files: ReturnType<typeof readComponentsFolder>, pool: RenderPool, options: Options, io: Console, started: bigint): Promise<number> {
  const { outDir, quiet } = options;
  const project = loadProject(files, { reservedLocations: options.helm ? HELM_RESERVED_LOCATIONS : undefined });
  if (!quiet) for (const w of sortDiagnostics(project.warnings)) io.err(`warning: ${formatDiagnostic(w)}`);
  if (project.diagnostics.length > 0) {
    for (const d of sortDiagnostics(project.diagnostics)) io.err(formatDiagnostic(d));
    const count = new Set(project.diagnostics.map((d) => d.file)).size;
    io.err(`${plural(project.diagnostics.length, 'error')} in ${plural(count, 'file')}; nothing was written to ${outDir}`);
    return 1;
  }

  const rendered = await pool.render(project.components, project.platform, progressBar(io, project.components.length, quiet));
  const plan = assemblePlan(rendered, { helm: options.helm });
  if (plan.invalid.length > 0) {
    for (const line of plan.invalid) io.err(line);
    io.err(`${plural(plan.invalid.length, 'object field')} break the Kubernetes schema. This is a bug in the compiler, not in your files: please report it. Nothing was written to ${outDir}`);
    return 70;
  }
  const seconds = () => (Number(process.hrtime.bigint() - started) / 1e9).toFixed(2);

  if (options.check) {
    const diffs = diffFolder(outDir, plan.files);
    for (const d of diffs) io.out(d.patch.replace(/\n$/, ''));
    if (diffs.length > 0) {
      io.err(`${outDir} is out of date: ${plural(diffs.length, 'file')} differ (${summarise(diffs.map((d) => d.kind))}). Run npm run synth and commit the result.`);
      return 1;
    }
    const checked = plan.files.filter((f) => f.path !== RECORD_FILE).length;
    if (!quiet) io.out(`${outDir} is up to date: ${plural(project.components.length, 'component')}, ${plural(checked, 'file')}, checked in ${seconds()} s`);
    return 0;
  }

  const clashes = conflicts(outDir, plan.files);
  if (clashes.length > 0) {
    for (const c of clashes) io.err(`${path.join(outDir, c)}: exists and was not written by npm run synth; expected to own this path. Move or delete the file, then run again`);
    io.err(`nothing was written to ${outDir}`);
    return 1;
  }
  let result;
  try {
    result = syncFolder(outDir, plan.files);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (!err.code) throw e;
    // The disk, not the input: say what failed; files already replaced are whole, and the next run completes the rest.
    io.err(`error: writing ${outDir} failed: ${err.message}. Every file is either its old or its new version; fix the cause and run again`);
    return 1;
  }
  if (!quiet) {
    const touched = result.created.length + result.changed.length + result.removed.length;
    io.out(`compiled ${plural(project.components.length, 'component')} into ${outDir} in ${seconds()} s: ` +
      (touched === 0 ? `nothing changed (${plural(result.unchanged.length, 'file')} up to date)`
        : `${result.created.length} new, ${result.changed.length} changed, ${result.removed.length} removed, ${result.unchanged.length} unchanged`));
  }
  return 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summarise(kinds: string[]): string {
  const counts = new Map<string, number>();
  for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}

/** A progress bar on a terminal, for large fleets: redrawn at each whole percent, cleared at the end. */
function progressBar(io: Console, total: number, quiet: boolean): ((done: number) => void) | undefined {
  const draw = io.progress;
  if (quiet || !draw || total <= PROGRESS_THRESHOLD) return undefined;
  const width = 30;
  let shown = -1;
  return (done: number) => {
    const percent = Math.floor((done * 100) / total);
    if (percent === shown) return;
    shown = percent;
    const filled = Math.round((done * width) / total);
    draw(done >= total ? '' : `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} components`);
  };
}

/**
 * `npm run synth` runs the compiled JavaScript (for speed). A developer who edited src/ without
 * rebuilding would get output from old code: say so, without slowing the common case.
 */
function warnIfStale(io: Console): void {
  const root = path.resolve(__dirname, '..', '..');
  const src = path.join(root, 'src');
  if (!fs.existsSync(src) || !__filename.endsWith('.js')) return;
  const built = fs.statSync(__filename).mtimeMs;
  const newer = (dir: string): boolean => fs.readdirSync(dir, { withFileTypes: true }).some((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? newer(p) : fs.statSync(p).mtimeMs > built;
  });
  if (newer(src)) io.err('warning: src/ changed after the last build; run `npm run build` first, or this run uses the old compiler');
}

if (require.main === module && !serveRenderRequests()) {
  main(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    progress: process.stderr.isTTY ? (line) => process.stderr.write(`\r\x1b[K${line}`) : undefined,
  }).then((code) => {
    process.exitCode = code;
  }, (e) => {
    process.stderr.write(`internal error (a bug in the compiler, not in your files; please report it):\n${(e as Error).stack ?? e}\n`);
    process.exitCode = 70;
  });
}
