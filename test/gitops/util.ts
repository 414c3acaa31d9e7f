/** Helpers shared by the GitOps output tests (not a test file: jest only runs *.test.ts). */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { Console } from '../../src/cli/report';
import { childEnv, CliResult, ROOT, runCli, runMain, snapshotFolder, tmpdir } from '../helpers';

export { childEnv, ROOT, runCli, runMain, snapshotFolder, tmpdir };

/** The shipped example specs. */
export const EXAMPLES = path.join(ROOT, 'components');

/** The names of the shipped examples' manifests. */
export const EXAMPLE_MANIFESTS = [
  'dcae-hv-ves-collector.k8s.yaml',
  'dcae-prh.k8s.yaml',
  'dcae-snmptrap-collector.k8s.yaml',
  'dcae-ves-collector.k8s.yaml',
];

/** The line the CLI prints when src/ is newer than build/ (not the feature under test; dropped from stderr). */
const STALE_BUILD = /^warning: src\/ changed after the last build.*\n/m;

/** Runs the CLI's main() in this process, as the real CLI would run in `cwd` (see runMain). */
export function run(cwd: string, ...args: string[]): Promise<CliResult> {
  return runMain(args, cwd);
}

/** Runs the real CLI (a child process) in `cwd`; stderr without the stale-build warning. */
export function runReal(cwd: string, ...args: string[]): CliResult {
  const r = runCli(args, cwd);
  return { ...r, stderr: r.stderr.replace(STALE_BUILD, '') };
}

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

/** A minimal component spec as YAML. */
export function component(name: string, extra = ''): string {
  return `name: ${name}\nimage: repo/${name}:1.0\n${extra}`;
}

/** The objects of a multi-document YAML text, in order. */
export function objectsOf(text: string): any[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter((o) => o !== null);
}

/** `kind/namespace/name` of an object. */
export function idOf(o: any): string {
  return `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
}

/** Objects sorted by kind, namespace and name (kustomize reorders by kind). */
export function sortedObjects(objects: any[]): any[] {
  return [...objects].sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
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
