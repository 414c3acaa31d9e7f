/**
 * The command's start-up file. scripts/build.mjs bundles it alone as build/bundle/cli.js (the package's bin and
 * `npm run synth`), with the build's hash as `BUILD`; it runs only there, beside the compiler bundle. It answers
 * `--version` and `--help` without loading the compiler. Otherwise it loads the compiler bundle with V8's code
 * cache, kept in `node_modules/.cache/dcae-synth` beside the compiler (made by the first run of each build and
 * Node.js version that renders a component; a cache V8 refuses is made again), and starts it. Render threads start
 * this file too.
 */
import * as fs from 'fs';
import Module, { createRequire } from 'module';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { isMainThread } from 'worker_threads';
import { cacheFolderAbove, writeWhole } from './cache-folder';

/** A hash of the compiler bundle, set by scripts/build.mjs. */
declare const BUILD: string;

/** What the compiler bundle exports: see ./bin.ts. */
interface Compiler {
  start(entry: string, build?: string): void;
  worthCaching(): boolean;
}

/**
 * How much bytecode a function runs between two of V8's looks at whether to optimise it: about 15 times V8's
 * default (67 584 bytes in Node.js 20). A run is short: at the default, a quarter of a fresh run's CPU time went to
 * TurboFan optimising functions that did not repay it before the run ended (measured with perf, on V8's platform
 * threads, beside the two threads that render). At this budget only the really hot functions are optimised: a
 * fresh run of 1000 specs takes about 10 % less time and CPU; one spec and 10 000 the same; 500 000 and 2 000 000
 * measured the same as this (see docs/architecture.md, Performance measurements). The output is the same: this
 * is when code is optimised, not what it does.
 */
const INTERRUPT_BUDGET = 1_000_000;

/**
 * How far V8 lets a thread's old generation grow past what survived its last full collection before it collects
 * again: 25 %. V8's default scales with the heap's limit (a quarter of the machine's memory): up to 4 times what
 * survived, so that in a run of 10 000 specs the main thread's heap grew to about 156 MiB for about 45 MiB of live
 * data, and the run peaked at about 255 MB of memory. At 25 % it peaks at about 210 MB, in the same time (the main
 * thread makes four more full collections, of 5 ms to 16 ms each; a run of 1000 specs makes one more, and keeps its
 * time and memory; measured in turns: see docs/architecture.md, Performance measurements). Unlike the young
 * generation's sizes, which V8 reads only when a thread starts, this is read at each full collection.
 */
const HEAP_GROWING_PERCENT = 25;

/** The V8 flags the command sets, each unless node's command line gives it. */
const V8_FLAGS: ReadonlyArray<readonly [string, number]> = [
  ['interrupt-budget', INTERRUPT_BUDGET],
  ['heap-growing-percent', HEAP_GROWING_PERCENT],
];

const args = isMainThread ? process.argv.slice(2) : [];
if (args.length === 1 && args[0] === '--version') {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  process.stdout.write(`${pkg.version}\n`);
} else if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
  process.stdout.write(`${(require(path.join(__dirname, 'usage.js')) as { USAGE: string }).USAGE}\n`);
} else {
  if (isMainThread) tuneV8();
  loadCompiler(path.join(__dirname, 'compiler.js')).start(__filename, BUILD);
}

/**
 * Sets {@link V8_FLAGS} for every thread of the process, before the compiler is loaded (the code cache is checked
 * against V8's flags, so every run sets the same). A flag given on node's command line is kept (NODE_OPTIONS
 * cannot give these).
 */
function tuneV8(): void {
  for (const [flag, value] of V8_FLAGS) {
    const spelt = new RegExp(`^--${flag.replace(/-/g, '[-_]')}(=|$)`);
    if (!process.execArgv.some((a) => spelt.test(a))) v8.setFlagsFromString(`--${flag}=${value}`);
  }
}

/**
 * Loads the compiler bundle as Node.js would (a CommonJS module), compiled with V8's code cache when there is a
 * good one. Without one, the main thread writes it when the process ends, after a run that rendered (it then
 * holds the functions of every step). A cache that cannot be read or written costs time, never a wrong result: V8 checks it against the
 * source and its own version and flags, and refuses one that does not match.
 */
function loadCompiler(file: string): Compiler {
  const cacheFile = codeCacheFile();
  let cached: Buffer | undefined;
  try {
    cached = cacheFile === undefined ? undefined : fs.readFileSync(cacheFile);
  } catch {
    cached = undefined; // no cache yet
  }
  // The first line (#!) is dropped as Node.js drops it; the line count stays, for the source map. The bundle is
  // ASCII only (scripts/build.mjs), so latin1 reads it as UTF-8 would, and faster.
  const source = fs.readFileSync(file, 'latin1').replace(/^#!.*/, '');
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData: cached });
  if (cacheFile !== undefined && isMainThread && (cached === undefined || script.cachedDataRejected))
    process.once('exit', () => {
      // Only after a run that rendered: one that did not has not compiled the rendering code (see worthCaching).
      if (!(compiler.exports as Compiler).worthCaching()) return;
      try {
        writeWhole(cacheFile, script.createCachedData());
      } catch {
        // no code cache this time: the next run makes one
      }
    });
  const compiler = new Module(file, module);
  compiler.filename = file;
  const wrapper = script.runInThisContext() as (...a: unknown[]) => void;
  wrapper.call(compiler.exports, compiler.exports, createRequire(file), compiler, file, path.dirname(file));
  compiler.loaded = true;
  return compiler.exports as Compiler;
}

/**
 * The code cache's file: in the caches' folder of the nearest folder above the compiler that has `node_modules`
 * (the project that installed it, or this repository), named by the build, Node.js version and architecture.
 * None when there is no such folder.
 */
function codeCacheFile(): string | undefined {
  const folder = cacheFolderAbove(__dirname);
  return folder && path.join(folder, `code-${BUILD.slice(0, 16)}-${process.version}-${process.arch}`);
}
