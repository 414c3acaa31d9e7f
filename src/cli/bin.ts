#!/usr/bin/env -S node --enable-source-maps
/** `npm run synth` and `dcae-synth`: the command line. Render threads run this same file. */
import { serveRenderRequests } from '../output/parallel';
import { runAsProcess } from './process';

if (require.main === module && !serveRenderRequests()) runAsProcess(process.argv.slice(2), { entry: __filename });
