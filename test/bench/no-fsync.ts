/**
 * The benchmark's CLI without durability: the shipped bundle with `fsyncSync` and `fdatasyncSync` made no-ops, so that the bench can
 * tell what flushing every file and folder to the disk costs a fresh run. Not a test file, and never shipped.
 */
import * as path from 'path';

// The module object itself (an import's namespace has only getters), which the bundle's writer calls through.
const real = require('fs') as { fsyncSync: (fd: number) => void; fdatasyncSync: (fd: number) => void };
real.fsyncSync = () => undefined;
real.fdatasyncSync = () => undefined;
const bundle = path.resolve(__dirname, '..', '..', 'bundle');
process.setSourceMapsEnabled(true);
(require(path.join(bundle, 'compiler.js')) as { start(entry: string): void }).start(path.join(bundle, 'cli.js'));
