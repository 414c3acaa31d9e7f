/**
 * `npm run corpus -- DIR [--platform FILE] [--verbose] [--out FILE]`: compiles every DCAE spec (`*.json`) under
 * DIR, each alone, and prints one line per file (compiled, refused or crashed) and a summary (see ./corpus.ts).
 * For real specs kept outside the repository; `npm test` checks the command on specs of its own.
 */
import { EXIT } from '../../src/cli/options';
import { runCorpus } from './corpus';

try {
  process.exitCode = runCorpus(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
  });
} catch (e) {
  process.stderr.write(`internal error (a bug in the corpus check, not in the specs; please report it):\n${(e as Error).stack ?? e}\n`);
  process.exitCode = EXIT.internal;
}
