#!/usr/bin/env node
/**
 * `npm run synth` and `dcae-synth`: the command line. Render threads run the same entry. The CLI's bundle is
 * started by a small file that turns source maps on first (see scripts/build.mjs), so `start` takes that file.
 */
import { serveRenderRequests } from '../output/parallel';
import { runAsProcess } from './process';

/**
 * Serves a render thread, or runs the command line; `entry` is the file render threads start, `build` a hash of
 * the compiler's code (the render cache is used only when it is known).
 */
export function start(entry: string, build?: string): void {
  if (!serveRenderRequests()) runAsProcess(process.argv.slice(2), { entry, build });
}

if (require.main === module) start(__filename);
