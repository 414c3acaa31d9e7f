import * as fs from 'fs';
import { SourceMap } from 'module';
import * as path from 'path';
import { Console } from './report';
import { main, RunContext } from './run';

/**
 * Runs the compiler as this process: prints to its streams and sets its exit code. A crash inside the
 * compiler prints its stack with exit code 70; a mistake in the input never gets here.
 */
export function runAsProcess(argv: readonly string[], context: RunContext, options: { readonly summaryOnStderr?: boolean } = {}): void {
  const io: Console = {
    out: (s) => (options.summaryOnStderr ? process.stderr : process.stdout).write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    // Asked only when a progress bar may be drawn: making process.stderr loads Node's stream modules (for a pipe,
    // `net`), which a quiet run that prints nothing need not pay for.
    get progress() {
      return process.stderr.isTTY ? (line: string) => process.stderr.write(`\r\x1b[K${line}`) : undefined;
    },
  };
  main(argv, io, context).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      const stack = (e as Error).stack ?? String(e);
      process.stderr.write(`internal error (a bug in the compiler, not in your files; please report it):\n${withSourcePositions(stack)}\n`);
      process.exitCode = 70;
    },
  );
}

/**
 * A stack trace whose frames in a bundle with a source map beside it (the compiler's) name their place in the
 * TypeScript sources. The map is read only here: a crash is rare, and reading the map at every start costs
 * time. Frames it cannot place stay as they are.
 */
export function withSourcePositions(stack: string): string {
  const maps = new Map<string, SourceMap | undefined>();
  return stack.replace(/([^\s()]+\.js):(\d+):(\d+)/g, (frame: string, file: string, line: string, column: string) => {
    if (!maps.has(file)) maps.set(file, readSourceMap(file));
    const entry = maps.get(file)?.findEntry(Number(line) - 1, Number(column) - 1) as
      { originalSource?: string; originalLine: number; originalColumn: number } | undefined;
    if (!entry?.originalSource) return frame;
    return `${path.resolve(path.dirname(file), entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

/** The source map beside a script (`<file>.map`), or undefined when there is none. */
function readSourceMap(file: string): SourceMap | undefined {
  try {
    return new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')));
  } catch {
    return undefined;
  }
}
