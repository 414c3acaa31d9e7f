/**
 * The corpus check behind `npm run corpus -- DIR`: compiles every DCAE component specification (`*.json`) under
 * a folder outside the repository, each one alone, through the CLI's own path (the file copied alone into a
 * temporary components folder, read by readComponentsFolder and compiled by compile(), as `npm run synth` would),
 * and says for each whether it compiled (with a hash of every byte the run would write), was refused (with its
 * first error as the CLI prints it) or crashed. Nothing is written outside the temporary folder, which is removed.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { parseAllDocuments } from 'yaml';
import { compile } from '../../src/compile';
import { EXIT, userFolder } from '../../src/cli/options';
import { readComponentsFolder } from '../../src/cli/read-folder';
import { Console, plural } from '../../src/cli/report';
import { formatDiagnostic } from '../../src/input/diagnostics';
import { byCodePoint } from '../../src/input/project';
import { MANIFEST_EXTENSION, OutputFile } from '../../src/output/output-file';

export const CORPUS_USAGE = `Usage: npm run corpus -- DIR [options]

Compiles every *.json DCAE component specification under DIR (subfolders too, in sorted order), each
one alone in a components folder, and prints one line per file:
  compiled FILE: N objects, sha256 HASH    (HASH: the first 16 hex digits of the SHA-256 of every file
                                            the run would write: each path, NUL, its bytes, NUL, by path)
  refused FILE (N errors): FIRST ERROR     (as npm run synth prints it)
  crashed FILE: EXCEPTION                  (a bug in the compiler)
then a summary line. Writes nothing (but --out).

Options:
  --platform FILE   the platform settings file every spec is compiled with (default: the built-in defaults)
  --verbose         also print, under each line, every error and warning, and each output file's hash
  --out FILE        also write every spec's line, messages and produced files to FILE
  -h, --help        show this help and exit

Exit codes: 0 every file compiled or was refused, 1 the --out file could not be written, 2 wrong options
(or DIR is missing or holds no *.json), 70 a file crashed the compiler.`;

/** What one file gave. */
export interface SpecResult {
  /** Its path under DIR, with `/`. */
  readonly file: string;
  readonly status: 'compiled' | 'refused' | 'crashed';
  /** The line printed for it. */
  readonly line: string;
  /** Errors, then warnings, formatted as the CLI prints them; for a crash, the stack. */
  readonly details: readonly string[];
  /** What the run would write, when compiled. */
  readonly files: readonly OutputFile[];
}

/** Every `*.json` file under a folder, relative to it with `/`, sorted by code point. Symbolic links to files are followed, to folders not. */
export function specFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.name.endsWith('.json') && fs.statSync(path.join(dir, r), { throwIfNoEntry: false })?.isFile()) out.push(r);
    }
  };
  walk('');
  return out.sort(byCodePoint);
}

/** The first 16 hex digits of the SHA-256 of a set of files: each path, NUL, its bytes, NUL, in path order. */
export function hashFiles(files: readonly OutputFile[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => byCodePoint(a.path, b.path))) h.update(f.path).update('\0').update(f.content).update('\0');
  return h.digest('hex').slice(0, 16);
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');

/**
 * Compiles one spec alone: copied into `work`/components (which holds nothing else but the platform file, if any),
 * read and compiled as the CLI reads and compiles a components folder. Messages name it components/<its name>.
 */
export function compileAlone(dir: string, file: string, work: string): SpecResult {
  const components = path.join(work, 'components');
  const copy = path.join(components, path.basename(file));
  try {
    fs.copyFileSync(path.join(dir, file), copy);
    const result = compile(readComponentsFolder('components', work));
    const details = [
      ...result.diagnostics.map((d) => `error: ${formatDiagnostic(d)}`),
      ...result.warnings.map((w) => `warning: ${formatDiagnostic(w)}`),
    ];
    if (result.diagnostics.length > 0) {
      const n = result.diagnostics.length;
      return {
        file,
        status: 'refused',
        line: `refused ${file} (${plural(n, 'error')}): ${formatDiagnostic(result.diagnostics[0])}`,
        details,
        files: [],
      };
    }
    if (result.invalid.length > 0) {
      const line = `crashed ${file}: ${plural(result.invalid.length, 'object field')} break the Kubernetes schema (a bug in the compiler): ${oneLine(result.invalid[0])}`;
      return { file, status: 'crashed', line, details: [...details, ...result.invalid.map((l) => `invalid: ${l}`)], files: [] };
    }
    const objects = result.files
      .filter((f) => f.path.endsWith(MANIFEST_EXTENSION))
      .reduce((n, f) => n + parseAllDocuments(f.content).filter((d) => d.contents !== null).length, 0);
    const line = `compiled ${file}: ${plural(objects, 'object')}, sha256 ${hashFiles(result.files)}`;
    return {
      file,
      status: 'compiled',
      line,
      details: [...details, ...result.files.map((f) => `file ${f.path} sha256 ${hashFiles([f])}`)],
      files: result.files,
    };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return {
      file,
      status: 'crashed',
      line: `crashed ${file}: ${oneLine(`${err.name}: ${err.message}`)}`,
      details: (err.stack ?? '').split('\n'),
      files: [],
    };
  } finally {
    fs.rmSync(copy, { force: true });
  }
}

/** Runs the corpus check; resolves to the exit code. Relative paths are taken from `base` (where the user ran npm). */
export function runCorpus(argv: readonly string[], io: Console, base = userFolder()): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        platform: { type: 'string' },
        verbose: { type: 'boolean' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.err(`corpus: ${(e as Error).message}\n\n${CORPUS_USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(CORPUS_USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 1) {
    io.err(
      `corpus: expected one folder of DCAE specs (DIR), got ${positionals.length === 0 ? 'none' : positionals.join(', ')}\n\n${CORPUS_USAGE}`,
    );
    return EXIT.usage;
  }
  const dirArg = positionals[0];
  const dir = path.resolve(base, dirArg);
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) {
    io.err(`corpus: ${dirArg}: ${stat ? 'is a file, not a folder' : 'no such folder'}; expected a folder of DCAE component specs (*.json)`);
    return EXIT.usage;
  }
  let platform: Buffer | undefined;
  if (values.platform !== undefined) {
    const p = path.resolve(base, values.platform);
    if (!fs.statSync(p, { throwIfNoEntry: false })?.isFile()) {
      io.err(`corpus: --platform ${values.platform}: no such file; expected a platform settings file (platform.yaml)`);
      return EXIT.usage;
    }
    platform = fs.readFileSync(p);
  }
  const outFile = values.out === undefined ? undefined : path.resolve(base, values.out);
  if (outFile !== undefined && !fs.statSync(path.dirname(outFile), { throwIfNoEntry: false })?.isDirectory()) {
    io.err(`corpus: --out ${values.out}: no such folder ${path.dirname(values.out!)}; expected a file in an existing folder`);
    return EXIT.usage;
  }
  const files = specFiles(dir);
  if (files.length === 0) {
    io.err(`corpus: ${dirArg}: no *.json file in this folder or below; expected DCAE component specs`);
    return EXIT.usage;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dcae-corpus-'));
  const written: string[] = [];
  const counts = { compiled: 0, refused: 0, crashed: 0 };
  try {
    fs.mkdirSync(path.join(work, 'components'));
    if (platform) fs.writeFileSync(path.join(work, 'components', 'platform.yaml'), platform);
    for (const file of files) {
      const r = compileAlone(dir, file, work);
      counts[r.status] += 1;
      io.out(r.line);
      if (values.verbose) for (const d of r.details) io.out(`  ${d}`);
      if (outFile !== undefined) {
        written.push(r.line, ...r.details.map((d) => `  ${d}`));
        for (const f of r.files) written.push(`==> ${file}: ${f.path} <==`, f.content.replace(/\n$/, ''));
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const summary = `corpus: ${counts.compiled} compiled, ${counts.refused} refused, ${counts.crashed} crashed`;
  io.out(summary);
  if (outFile !== undefined) {
    try {
      fs.writeFileSync(outFile, `${[...written, summary].join('\n')}\n`);
    } catch (e) {
      io.err(`corpus: --out ${values.out}: could not be written: ${(e as Error).message}`);
      return counts.crashed > 0 ? EXIT.internal : EXIT.input;
    }
  }
  return counts.crashed > 0 ? EXIT.internal : EXIT.ok;
}
