import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { compile as compileFiles } from '../src/compile';
import { MANIFEST_EXTENSION } from '../src/output/synthesize';
import { Diagnostic, formatDiagnostic } from '../src/input/diagnostics';
import { parseAllDocuments } from 'yaml';

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
export function tryCompile(spec: string | object, platform?: string | object): { files: Compiled[]; diagnostics: Diagnostic[]; messages: string[] } {
  const text = (v: string | object) => (typeof v === 'string' ? v : stringify(v));
  const result = compileFiles({
    components: [{ name: 'components/c.yaml', text: text(spec) }],
    platform: platform === undefined ? undefined : { name: 'components/platform.yaml', text: text(platform) },
  });
  if (result.invalid.length > 0) throw new Error(`objects break the Kubernetes schema:\n${result.invalid.join('\n')}`);
  const messages = result.diagnostics.map(formatDiagnostic);
  if (result.diagnostics.length > 0) return { files: [], diagnostics: [...result.diagnostics], messages };
  const files = result.files.filter((f) => f.path.endsWith(MANIFEST_EXTENSION)).map((f) => ({
    path: f.path,
    yaml: f.content,
    objects: parseAllDocuments(f.content).map((d: any) => d.toJS()),
  }));
  return { files, diagnostics: [], messages };
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

/** A fresh temporary folder, removed by the caller or at exit. */
export function tmpdir(prefix = 'dcae-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Runs the real CLI. */
export function runCli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
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
