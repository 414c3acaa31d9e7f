#!/usr/bin/env node
/**
 * `npm run synth` and `dcae-synth`: the command line. Render threads run the same entry. The CLI's bundle is
 * started by a small file that turns source maps on first (see scripts/build.mjs), so `start` takes that file.
 */
import { serveRenderRequests } from '../output/parallel';
import { hasRendered } from '../output/plan';
import { crashStack, runAsProcess } from './process';

/**
 * Serves a render thread, or runs the command line; `entry` is the file render threads start, `build` a hash of
 * the compiler's code (the render cache is used only when it is known).
 */
export function start(entry: string, build?: string): void {
  // A render thread writes the trace of a bug where its call sites are, with the names and places of the sources.
  if (!serveRenderRequests(crashStack)) runAsProcess(process.argv.slice(2), { entry, build });
}

/**
 * Whether V8's code cache of the compiler is worth keeping after this run: it rendered on this thread, so that
 * the code of every step was compiled. A run that rendered nothing (an error in the input, a run served by the
 * render cache) would keep a cache without the rendering code, which every later run of the build would load.
 */
export function worthCaching(): boolean {
  return hasRendered();
}

if (require.main === module) start(__filename);
