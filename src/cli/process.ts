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
    progress: process.stderr.isTTY ? (line) => process.stderr.write(`\r\x1b[K${line}`) : undefined,
  };
  main(argv, io, context).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`internal error (a bug in the compiler, not in your files; please report it):\n${(e as Error).stack ?? e}\n`);
      process.exitCode = 70;
    },
  );
}
