import { spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify, parseAllDocuments } from 'yaml';
import { main } from '../src/cli/run';
import { Console } from '../src/cli/report';
import { compile as compileFiles, CompileInput } from '../src/compile';
import { MANIFEST_EXTENSION, OutputFile } from '../src/output/synthesize';
import { Diagnostic, formatDiagnostic } from '../src/input/diagnostics';

/** The project root. */
export const ROOT = path.resolve(__dirname, '..');
/** The CLI as users run it: the bundle that `npm run build` makes (npm test builds it first). */
export const CLI = path.join(ROOT, 'build', 'bundle', 'cli.js');

/** Result of compiling one spec in memory. */
export interface Compiled {
  /** The manifest's objects, parsed back from the YAML. */
  readonly objects: any[];
  /** The manifest's bytes. */
  readonly yaml: string;
  /** Its path relative to the output folder. */
  readonly path: string;
}

/** Compiles one spec (YAML text, or an object written out as YAML) with optional platform settings. Throws on diagnostics. */
export function compile(spec: string | object, platform?: string | object): Compiled {
  const result = tryCompile(spec, platform);
  if (result.diagnostics.length > 0) throw new Error(`unexpected diagnostics:\n${result.messages.join('\n')}`);
  return result.files[0];
}

/** Compiles one spec and returns its diagnostics (formatted) as well as any output. */
export function tryCompile(
  spec: string | object,
  platform?: string | object,
): { files: Compiled[]; diagnostics: Diagnostic[]; messages: string[] } {
  const text = (v: string | object) => (typeof v === 'string' ? v : stringify(v));
  const result = compileFiles({
    components: [{ name: 'components/c.yaml', text: text(spec) }],
    platform: platform === undefined ? undefined : { name: 'components/platform.yaml', text: text(platform) },
  });
  if (result.invalid.length > 0) throw new Error(`objects break the Kubernetes schema:\n${result.invalid.join('\n')}`);
  const messages = result.diagnostics.map(formatDiagnostic);
  if (result.diagnostics.length > 0) return { files: [], diagnostics: [...result.diagnostics], messages };
  return { files: manifestsOf(result.files), diagnostics: [], messages };
}

/** What {@link compileProject} gives: every message, formatted, and each manifest with its objects. */
export interface ProjectResult {
  readonly errors: string[];
  readonly warnings: string[];
  /** Objects that break the Kubernetes schema (a compiler bug). */
  readonly invalid: readonly string[];
  /** The manifests, sorted by path (kustomizations, charts and the record left out). */
  readonly manifests: Compiled[];
  /** Every file the run would write, by path. */
  readonly files: Record<string, string>;
}

/**
 * Compiles a whole components folder's files in memory through the one compile path, {@link compileFiles compile()},
 * as the CLI and the cdk8s app do.
 */
export function compileProject(input: CompileInput): ProjectResult {
  const result = compileFiles(input, { allowEmpty: true });
  const files = Object.fromEntries(result.files.map((f) => [f.path, f.content]));
  return {
    errors: result.diagnostics.map(formatDiagnostic),
    warnings: result.warnings.map(formatDiagnostic),
    invalid: result.invalid,
    manifests: manifestsOf(result.files),
    files,
  };
}

/** The manifests among output files, with their objects parsed back. */
function manifestsOf(files: readonly OutputFile[]): Compiled[] {
  return files
    .filter((f) => f.path.endsWith(MANIFEST_EXTENSION))
    .map((f) => ({
      path: f.path,
      yaml: f.content,
      objects: parseAllDocuments(f.content).map((d: any) => d.toJS()),
    }));
}

/** The error messages for a spec that must not compile. */
export function errorsOf(spec: string | object, platform?: string | object): string[] {
  return tryCompile(spec, platform).messages;
}

/** The object of a kind and name. */
export function find(objects: any[], kind: string, name: string): any {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind} ${name} in ${objects.map((x) => `${x.kind}/${x.metadata.name}`).join(', ')}`);
  return o;
}

/** The pod spec of the (only) Deployment. */
export function podOf(objects: any[]): any {
  return objects.find((x) => x.kind === 'Deployment').spec.template.spec;
}

/** The main container. */
export function mainOf(objects: any[]): any {
  return podOf(objects).containers[0];
}

/** A minimal valid spec, with overrides. */
export function spec(extra: object = {}): object {
  return { name: 'comp', image: 'repo/comp:1.0', ...extra };
}

/**
 * Temporary folders made by {@link tmpdir}. One made during a test (or its beforeEach) is removed after that test;
 * one made outside any test (at collection time, or in a beforeAll) is removed after the test file.
 */
const temporary: Array<{ readonly dir: string; readonly perTest: boolean }> = [];
let inTest = false;

/** Removes the registered temporary folders: those of the test that just ended, or (`all`) every one. */
function removeTemporary(all: boolean): void {
  for (let i = temporary.length - 1; i >= 0; i--) {
    if (!all && !temporary[i].perTest) continue;
    fs.rmSync(temporary[i].dir, { recursive: true, force: true });
    temporary.splice(i, 1);
  }
}

// Only under jest: the golden and bench scripts import these helpers too, and have no hooks.
if (typeof beforeEach === 'function' && typeof afterEach === 'function' && typeof afterAll === 'function') {
  beforeEach(() => {
    inTest = true;
  });
  afterEach(() => {
    inTest = false;
    removeTemporary(false);
  });
  afterAll(() => removeTemporary(true));
}

/** A fresh temporary folder; under jest it is removed after the test that made it (or after the file, when made outside a test). */
export function tmpdir(prefix = 'dcae-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.push({ dir, perTest: inTest });
  return dir;
}

/**
 * The environment for a child process run from a test: its temporary files (TMPDIR, TMP, TEMP) go to a folder
 * of their own that is removed with the test's, even when the child is killed before it can clean up.
 * INIT_CWD (set by npm for the npm test run) is the child's own folder, as `npm run synth` run there would set it.
 */
export function childEnv(cwd: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const tmp = tmpdir('dcae-child-tmp-');
  return { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp, INIT_CWD: path.resolve(cwd), ...extra };
}

/** What a CLI run gave: the exit code and everything printed on stdout and stderr. */
export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real CLI (the bundle, in a child process). Use it where the process is what is tested: exit codes,
 * stdout and stderr as separate streams, render threads, signals. Everything else runs {@link runMain}.
 * `options.env` holds variables to add to the child's environment (see {@link childEnv}).
 */
export function runCli(args: string[], cwd: string, options: SpawnSyncOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', ...options, env: childEnv(cwd, options.env) });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** The working directory of the test process, restored after each in-process run. */
const TEST_CWD = process.cwd();
/** The in-process run under way: runs take turns, since each changes the working directory of the process. */
let running: Promise<unknown> = Promise.resolve();

/**
 * Runs the CLI's main() in this process, as the real CLI would run in `cwd`: relative paths and the file names in
 * messages are relative to `cwd`, stdout and stderr get one line per message, stderr is not a terminal, and an
 * exception is reported as the CLI reports it (exit 70). The working directory (and INIT_CWD) is restored before
 * it returns, and runs never overlap (a run left behind by a timed-out test finishes first).
 * With no compiled script to start, render threads do not start: every component renders on this thread.
 */
export function runMain(args: string[], cwd: string): Promise<CliResult> {
  const turn = running.then(() => runMainNow(args, cwd));
  running = turn.catch(() => undefined);
  return turn;
}

async function runMainNow(args: string[], cwd: string): Promise<CliResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: Console = { out: (s) => stdout.push(`${s}\n`), err: (s) => stderr.push(`${s}\n`) };
  const initCwd = process.env.INIT_CWD;
  let status: number;
  try {
    process.chdir(cwd);
    process.env.INIT_CWD = process.cwd();
    status = await main(args, io);
  } catch (e) {
    stderr.push(`internal error (a bug in the compiler, not in your files; please report it):\n${(e as Error).stack ?? e}\n`);
    status = 70;
  } finally {
    process.chdir(TEST_CWD);
    if (initCwd === undefined) delete process.env.INIT_CWD;
    else process.env.INIT_CWD = initCwd;
  }
  return { status, stdout: stdout.join(''), stderr: stderr.join('') };
}

/** Every file under a folder, with its bytes, keyed by relative path. */
export function snapshotFolder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p).split(path.sep).join('/')] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}
