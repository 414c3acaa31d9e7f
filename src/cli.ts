#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { loadProject, readComponentsFolder } from './project';
import { formatDiagnostic, sortDiagnostics } from './spec/diagnostics';
import { renderAll } from './output/synthesize';
import { writeFiles } from './output/write';

const USAGE = `Usage: npm run synth -- [--components DIR] [--out DIR]

Compiles every component spec in DIR (default: components) into Kubernetes manifests
in the output folder (default: dist). Nothing is written when any file has an error.

Options:
  --components DIR   folder of component specs and the optional platform.yaml
  --out DIR          output folder
  -h, --help         show this help`;

/** Runs the compiler; returns the process exit code. */
export function main(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        components: { type: 'string', default: 'components' },
        out: { type: 'string', default: 'dist' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    err(`error: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    out(USAGE);
    return 0;
  }
  warnIfStale(err);
  const componentsDir = args.components as string;
  const outDir = args.out as string;
  if (!fs.existsSync(componentsDir) || !fs.statSync(componentsDir).isDirectory()) {
    err(`error: ${componentsDir}: no such folder; expected a folder of component specs (--components DIR)`);
    return 2;
  }

  const project = loadProject(readComponentsFolder(componentsDir));
  if (project.diagnostics.length > 0) {
    for (const d of sortDiagnostics(project.diagnostics)) err(formatDiagnostic(d));
    const files = new Set(project.diagnostics.map((d) => d.file)).size;
    err(`${project.diagnostics.length} error${project.diagnostics.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}; nothing was written to ${outDir}`);
    return 1;
  }
  const files = renderAll(project.components, project.platform);
  const result = writeFiles(outDir, files);
  out(`compiled ${project.components.length} component${project.components.length === 1 ? '' : 's'} into ${outDir}: ${result.written.length} written, ${result.unchanged.length} unchanged`);
  return 0;
}

/**
 * `npm run synth` runs the compiled JavaScript (for speed). A developer who edited src/ without
 * rebuilding would get output from old code: say so, without slowing the common case.
 */
function warnIfStale(err: (s: string) => void): void {
  const root = path.resolve(__dirname, '..', '..');
  const stamp = __filename;
  const src = path.join(root, 'src');
  if (!fs.existsSync(stamp) || !fs.existsSync(src)) return;
  const built = fs.statSync(stamp).mtimeMs;
  const newer = (dir: string): boolean => fs.readdirSync(dir, { withFileTypes: true }).some((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? newer(p) : fs.statSync(p).mtimeMs > built;
  });
  if (newer(src)) err('warning: src/ changed after the last build; run `npm run build` first, or this run uses the old compiler');
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2), (s) => process.stdout.write(`${s}\n`), (s) => process.stderr.write(`${s}\n`));
  } catch (e) {
    process.stderr.write(`internal error (a bug in the compiler, not in your files; please report it):\n${(e as Error).stack ?? e}\n`);
    process.exitCode = 70;
  }
}
