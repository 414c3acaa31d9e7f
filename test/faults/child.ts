/**
 * The fault suite's CLI process: the shipped bundle, with every file-system call that changes the disk counted.
 * With FAULT_AT=n the process kills itself with SIGKILL just before its n-th such call, as a kill -9 at that
 * moment would; with FAULT_AT=0 it prints how many it made (`calls N` on stderr) when it exits. Not a test file.
 */
import * as path from 'path';

const at = Number(process.env.FAULT_AT ?? '0');
let calls = 0;
const MUTATING = [
  'openSync',
  'writeSync',
  'fsyncSync',
  'renameSync',
  'rmSync',
  'mkdirSync',
  'rmdirSync',
  'linkSync',
  'unlinkSync',
  'writeFileSync',
];
// The module object itself (an import's namespace has only getters), which the bundle's writer calls through.
const real = require('fs') as Record<string, (...args: unknown[]) => unknown>;
for (const name of MUTATING) {
  const original = real[name];
  real[name] = function (this: unknown, ...args: unknown[]) {
    calls += 1;
    if (calls === at) process.kill(process.pid, 'SIGKILL');
    return original.apply(this, args);
  };
}
if (at === 0) process.on('exit', () => process.stderr.write(`calls ${calls}\n`));

const bundle = path.resolve(__dirname, '..', '..', 'bundle');
process.setSourceMapsEnabled(true);
(require(path.join(bundle, 'compiler.js')) as { start(entry: string): void }).start(path.join(bundle, 'cli.js'));
