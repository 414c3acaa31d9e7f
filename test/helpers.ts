/**
 * The one helpers module of the tests (not a test file: jest only runs *.test.ts). In order: paths; compiling in
 * memory; small inputs (component specs, DCAE specs, platform settings); reading the objects of a manifest;
 * temporary folders and component folders; running the CLI; the constructs on their own.
 */
import { spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { stringify, parseAllDocuments } from 'yaml';
import { main } from '../src/cli/run';
import { Console } from '../src/cli/report';
import { compile as compileInput, CompileInput } from '../src/compile';
import { ComponentPod } from '../src/constructs/component-pod';
import { MANIFEST_EXTENSION, OutputFile } from '../src/output/output-file';
import { Diagnostic, formatDiagnostic } from '../src/input/diagnostics';
import { ComponentSpec } from '../src/input/model';
import { loadProject } from '../src/input/project';

/** The project root. */
export const ROOT = path.resolve(__dirname, '..');
/** The CLI as users run it: the bundle that `npm run build` makes (npm test builds it first). */
export const CLI = path.join(ROOT, 'build', 'bundle', 'cli.js');
/** The DCAE component specs the team wrote for the tests (its README says what each one exercises). */
export const DCAE_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'dcae');

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
  const result = compileInput({
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
 * Compiles a whole components folder's files in memory through the one compile path, {@link compileInput compile()},
 * as the CLI and the cdk8s app do.
 */
export function compileProject(input: CompileInput): ProjectResult {
  const result = compileInput(input, { allowEmpty: true });
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

/** The (only) Deployment. */
export function deploymentOf(objects: any[]): any {
  return objects.find((x) => x.kind === 'Deployment');
}

/** The pod spec of the (only) Deployment. */
export function podOf(objects: any[]): any {
  return deploymentOf(objects).spec.template.spec;
}

/** The main container. */
export function mainOf(objects: any[]): any {
  return podOf(objects).containers[0];
}

/** A container or init container of the (only) Deployment's pod, by name. */
export function containerOf(objects: any[], name: string): any {
  return containerNamed(podOf(objects), name);
}

/** A container or init container of a pod spec, by name. */
export function containerNamed(podSpec: any, name: string): any {
  const c = [...podSpec.containers, ...(podSpec.initContainers ?? [])].find((x: any) => x.name === name);
  if (!c) throw new Error(`no container ${name}`);
  return c;
}

/** The init containers' names. */
export function initNames(objects: any[]): string[] {
  return names(podOf(objects).initContainers);
}

/** The names of a list of containers or volumes. */
export function names(list: Array<{ name: string }> | undefined): string[] {
  return (list ?? []).map((x) => x.name);
}

/** The main container's env as [name, value] pairs (POD_IP as "fieldRef", a secret's as "secret"). */
export function envOf(objects: any[]): Array<[string, string]> {
  return mainOf(objects).env.map((e: any) => [e.name, e.value ?? (e.valueFrom?.fieldRef ? 'fieldRef' : 'secret')]);
}

/** The plain variables of an init container, by name, as a map. */
export function initEnv(objects: any[], name: string): Record<string, string> {
  return Object.fromEntries((containerOf(objects, name).env ?? []).filter((e: any) => 'value' in e).map((e: any) => [e.name, e.value]));
}

/** A container's env as NAME=value lines (secret-sourced ones as NAME=<secret>/<key>, POD_IP as POD_IP=<status.podIP>). */
export function envLines(container: any): string[] {
  return (container.env ?? []).map((e: any) => {
    if (e.valueFrom?.secretKeyRef) return `${e.name}=<${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}>`;
    if (e.valueFrom?.fieldRef) return `${e.name}=<${e.valueFrom.fieldRef.fieldPath}>`;
    return `${e.name}=${e.value}`;
  });
}

/** The `POD_IP` variable every container carries after its own plain variables. */
export const POD_IP = { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } };

/** Every Service, in output order. */
export function servicesOf(objects: any[]): any[] {
  return objects.filter((x) => x.kind === 'Service');
}

/** `kind/name` of every object, in output order. */
export function kindsAndNames(objects: any[]): string[] {
  return objects.map((x) => `${x.kind}/${x.metadata.name}`);
}

/** `kind/namespace/name` of an object. */
export function idOf(o: any): string {
  return `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
}

/** Objects sorted by kind, namespace and name (kustomize reorders by kind). */
export function sortedObjects(objects: any[]): any[] {
  return [...objects].sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
}

/** The objects of a multi-document YAML text, in order. */
export function objectsOf(text: string): any[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter((o) => o !== null);
}

/** Every container and init container of the (only) pod, in that order. */
export function allContainersOf(objects: any[]): any[] {
  const pod = podOf(objects);
  return [...pod.containers, ...(pod.initContainers ?? [])];
}

/** A minimal valid spec, with overrides. */
export function spec(extra: object = {}): object {
  return { name: 'comp', image: 'repo/comp:1.0', ...extra };
}

/** A minimal component spec as YAML. */
export function component(name: string, extra = ''): string {
  return `name: ${name}\nimage: repo/${name}:1.0\n${extra}`;
}

/** YAML text from its lines. */
export const y = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** The first two lines of a valid spec. */
export const HEAD = ['name: comp', 'image: repo/comp:1.0'];

/** A valid spec (HEAD) plus some lines. */
export const withHead = (...lines: string[]): string => y(...HEAD, ...lines);

/** The text of one of the DCAE fixtures. */
export const dcaeFixture = (file: string): string => fs.readFileSync(path.join(DCAE_FIXTURES, file), 'utf8');

/** The component a YAML spec gives, loaded (through the input side only) with optional platform settings; expects no error. */
export function loadComponent(text: string, platform?: object): ComponentSpec {
  const project = loadProject({
    components: [{ name: 'components/c.yaml', text }],
    platform: platform && { name: 'components/platform.yaml', text: stringify(platform) },
  });
  expect(project.diagnostics).toEqual([]);
  return project.components[0];
}

/** A spec as the JSON text a file would hold (two-space indents, so that positions are predictable). */
export const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/** An external_cert block with the required keys (VES's directory, CA RA, its common name), plus overrides. */
export function ext(extra: object = {}, params: object = {}): object {
  return {
    use_external_tls: true,
    external_cert_directory: '/opt/app/dcae-certificate/',
    ca_name: 'RA',
    external_certificate_parameters: { common_name: 'dcae-ves-collector', ...params },
    ...extra,
  };
}

/** A spec with every container the compiler adds: main, filebeat, init-tls, cert-service-client, cert-post-processor; and a config_volume. */
export const EVERY_CONTAINER = {
  name: 'comp',
  image: 'repo/comp:1.0',
  ports: ['8080:30080', '8443:0'],
  volumes: [{ config_volume: { name: 'comp-config' }, container: { bind: '/opt/app/etc', mode: 'ro' } }],
  log_info: { log_directory: '/opt/app/logs' },
  tls_info: { use_tls: true, cert_directory: '/opt/app/certs/' },
  external_cert: {
    use_external_tls: true,
    external_cert_directory: '/opt/app/ext/',
    ca_name: 'RA',
    cert_type: 'P12',
    external_certificate_parameters: { common_name: 'comp', sans: 'comp' },
  },
};

/** The names of the containers of EVERY_CONTAINER, containers then init containers. */
export const EVERY_CONTAINER_NAMES = ['comp', 'filebeat', 'init-tls', 'cert-service-client', 'cert-post-processor'];

/** The platform file's settings with a restricted Pod Security (and any other pod_security keys). */
export function restrictedPlatform(extra: object = {}): object {
  return { pod_security: { profile: 'restricted', ...extra } };
}

/** What the restricted profile writes on each container, for a readOnlyRootFilesystem value. */
export function containerContext(readOnlyRootFilesystem: boolean): object {
  return { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem, runAsNonRoot: true };
}

/** What the restricted profile writes on the pod, for a user and groups. */
export function podContext(user: number, group: number, fsGroup: number): object {
  return { runAsNonRoot: true, runAsUser: user, runAsGroup: group, fsGroup, seccompProfile: { type: 'RuntimeDefault' } };
}

type Json = Record<string, unknown>;

/**
 * A DCAE component spec that passes component-spec schema v3: `aux` merges over an http healthcheck,
 * `self` over a docker self, `top` over the top-level keys. A key given as undefined is dropped.
 */
export function dcae(aux: Json = {}, self: Json = {}, top: Json = {}): Json {
  return JSON.parse(
    JSON.stringify({
      self: { version: '1.0.0', name: 'my-comp', description: 'a test component', component_type: 'docker', ...self },
      streams: { publishes: [], subscribes: [] },
      services: { calls: [], provides: [] },
      parameters: [],
      auxilary: { healthcheck: { type: 'http', endpoint: '/health' }, ports: ['8080:0'], ...aux },
      artifacts: [{ type: 'docker image', uri: 'repo/my-comp:1.0.0' }],
      ...top,
    }),
  );
}

/** What compiling some files gives: formatted errors and warnings, and the manifests when there is no error. */
export interface FilesResult {
  readonly errors: string[];
  readonly warnings: string[];
  /** Manifests by output path. */
  readonly files: Record<string, string>;
  /** Every object of every manifest, in order. */
  readonly objects: any[];
}

/**
 * Compiles files (name → text, or an object written as JSON) together, as one components folder. Names are
 * relative to the current folder; a file's path defaults to its name.
 */
export function compileFiles(files: Record<string, string | object>, platform?: string): FilesResult {
  const r = compileProject({
    components: Object.entries(files).map(([name, text]) => ({ name, text: typeof text === 'string' ? text : json(text) })),
    platform: platform === undefined ? undefined : { name: 'components/platform.yaml', text: platform },
  });
  if (r.invalid.length > 0) throw new Error(`objects break the Kubernetes schema:\n${r.invalid.join('\n')}`);
  return {
    errors: r.errors,
    warnings: r.warnings,
    files: Object.fromEntries(r.manifests.map((m) => [m.path, m.yaml])),
    objects: r.manifests.flatMap((m) => m.objects),
  };
}

/** Compiles a single DCAE spec as components/c.json; throws on errors. */
export function compileDcae(dcaeSpec: object, platform?: string): FilesResult {
  const r = compileFiles({ 'components/c.json': dcaeSpec }, platform);
  if (r.errors.length > 0) throw new Error(`unexpected errors:\n${r.errors.join('\n')}`);
  return r;
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

/** A fresh temporary folder holding files (relative path → text), removed as {@link tmpdir}'s are. */
export function folderWith(files: Record<string, string>, prefix?: string): string {
  const dir = tmpdir(prefix);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
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

/** Every file under a folder, with its bytes, keyed by relative path (a FIFO, socket or device as `<not a file>`). */
export function snapshotFolder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p).split(path.sep).join('/');
      if (e.isDirectory()) walk(p);
      // Never read a FIFO (that would wait for ever), a socket or a device: name it instead.
      else if (!e.isFile() && !e.isSymbolicLink()) out[rel] = '<not a file>';
      else out[rel] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** Every file under a folder with its modification time, keyed by relative path. */
export function mtimes(dir: string): Record<string, number> {
  return Object.fromEntries(Object.keys(snapshotFolder(dir)).map((f) => [f, fs.statSync(path.join(dir, f)).mtimeMs]));
}

/** Every folder under a folder (relative paths, sorted), to see which ones were removed. */
export function foldersOf(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const p = path.join(d, e.name);
      out.push(path.relative(dir, p).split(path.sep).join('/'));
      walk(p);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort();
}

/** The shipped example specs. */
export const EXAMPLES = path.join(ROOT, 'components');

/** The names of the shipped examples' manifests. */
export const EXAMPLE_MANIFESTS = [
  'dcae-hv-ves-collector.k8s.yaml',
  'dcae-prh.k8s.yaml',
  'dcae-snmptrap-collector.k8s.yaml',
  'dcae-ves-collector.k8s.yaml',
];

/** A fresh folder holding `components/` with the shipped examples. */
export function withExamples(): string {
  const dir = tmpdir('dcae-gitops-');
  fs.cpSync(EXAMPLES, path.join(dir, 'components'), { recursive: true });
  return dir;
}

/** A fresh folder holding `components/` with the given files (name → YAML text). */
export function withComponents(files: Record<string, string>): string {
  const dir = tmpdir('dcae-gitops-');
  writeComponents(dir, files);
  return dir;
}

/** Writes component files into `<dir>/components`, creating it. */
export function writeComponents(dir: string, files: Record<string, string>): void {
  fs.mkdirSync(path.join(dir, 'components'), { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'components', name), text);
}

/** The start of the line the CLI prints when src/ is newer than build/ (not the feature under test). */
const STALE_BUILD = 'warning: src/ changed after the last build';

/**
 * The CLI's stderr lines, without the stale-build notice: src/ may be edited while the tests run on the last
 * build, and that notice says nothing about the specs.
 */
export function stderrLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '' && !l.startsWith(STALE_BUILD));
}

/** Runs the CLI's main() in this process, as the real CLI would run in `cwd` (see runMain). */
export function run(cwd: string, ...args: string[]): Promise<CliResult> {
  return runMain(args, cwd);
}

/** Runs the real CLI (a child process) in `cwd`; stderr without the stale-build notice. */
export function runReal(cwd: string, ...args: string[]): CliResult {
  const r = runCli(args, cwd);
  return {
    ...r,
    stderr: r.stderr
      .split(/(?<=\n)/)
      .filter((l) => !l.startsWith(STALE_BUILD))
      .join(''),
  };
}

/** A fake console for calling main() in-process: everything it was given, in order. */
export function fakeConsole(terminal: boolean): Console & { stdout: string[]; stderr: string[]; bars: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const bars: string[] = [];
  return {
    stdout,
    stderr,
    bars,
    out: (s) => stdout.push(s),
    err: (s) => stderr.push(s),
    progress: terminal ? (line) => bars.push(line) : undefined,
  };
}

/** The summary line of a normal run. */
export const SUMMARY =
  /^compiled (\d+) components? into (\S+) in \d+\.\d\d s; (?:files: (\d+) new, (\d+) changed, (\d+) removed, (\d+) unchanged|nothing changed \((\d+) files? up to date\))$/;

/** A plain chart, as a user's own cdk8s app would make one. */
export function chart(id = 'standalone'): Chart {
  return new Chart(new App(), id, { namespace: 'test', disableResourceNameHashes: true });
}

/** A pod whose main container is `solo`. */
export function soloPod(scope: Chart): ComponentPod {
  return new ComponentPod(scope, 'Pod', { main: { name: 'solo', image: 'repo/solo:1' } });
}

/** The pod spec of the chart's (only) Deployment, synthesised. */
export function podSpecOf(c: Chart): any {
  const dep = Testing.synth(c).find((o) => o.kind === 'Deployment');
  if (!dep) throw new Error('no Deployment');
  return dep.spec.template.spec;
}

/** The validation errors, as cdk8s reports them, or [] when synthesis succeeds. */
export function validationErrors(synth: () => unknown): string[] {
  try {
    synth();
    return [];
  } catch (e) {
    const message = (e as Error).message;
    expect(message).toMatch(/^Validation failed with the following errors:\n/);
    return message
      .split('\n')
      .slice(1)
      .map((l) => l.trim());
  }
}
