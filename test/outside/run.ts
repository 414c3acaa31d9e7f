/** `npm run outside -- DIR`: the repository holds no copy of a file in DIR (see ./outside.ts). `.ci/run` runs it. */
import * as path from 'path';
import { runOutsideCheck } from './outside';

process.exitCode = runOutsideCheck(process.argv.slice(2), path.resolve(__dirname, '..', '..', '..'), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
});
