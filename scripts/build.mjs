// `npm run build`: the library (tsc), the precompiled validators, then the CLI bundle. Plain JavaScript, so that
// it runs before anything is compiled.
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const run = (file, args) => execFileSync(process.execPath, [file, ...args], { cwd: root, stdio: 'inherit' });

// Modules whose source was removed must not linger in the build (the package would ship them).
rmSync(join(root, 'build', 'src'), { recursive: true, force: true });
rmSync(join(root, 'build', 'bundle'), { recursive: true, force: true });
run(require.resolve('typescript/bin/tsc'), ['-p', 'tsconfig.json']);
run(join(root, 'build', 'scripts', 'precompile.js'), []);
// One file for the compiler: fast to start. Minified, but with the names of functions and classes kept and a
// source map beside it, so that a compiler bug's stack trace (exit 70) names real functions, files and lines.
const esbuild = require('esbuild');
esbuild.buildSync({
  entryPoints: [join(root, 'build', 'src', 'cli', 'bin.js')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  keepNames: true,
  sourcemap: true,
  sourcesContent: false,
  external: ['ajv', 'diff'],
  outfile: join(root, 'build', 'bundle', 'compiler.js'),
  logLevel: 'warning',
});
// The command (package bin, npm run synth): turns source maps on before the bundle loads (a runtime switch, as a
// shebang cannot pass node a flag everywhere), then starts it. Render threads start this file too.
// The texts of --help, apart: `--help` and `--version` start without loading the compiler.
esbuild.buildSync({
  entryPoints: [join(root, 'build', 'src', 'cli', 'usage.js')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  outfile: join(root, 'build', 'bundle', 'usage.js'),
  logLevel: 'warning',
});
const cli = join(root, 'build', 'bundle', 'cli.js');
writeFileSync(
  cli,
  [
    '#!/usr/bin/env node',
    "'use strict';",
    '// Made by scripts/build.mjs. `--version` and `--help` alone are answered here, without loading the compiler;',
    '// anything else turns source maps on and starts the compiler bundle (render threads start this file too).',
    "const args = require('worker_threads').isMainThread ? process.argv.slice(2) : [];",
    "if (args.length === 1 && args[0] === '--version') process.stdout.write(`${require('../../package.json').version}\\n`);",
    "else if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) process.stdout.write(`${require('./usage.js').USAGE}\\n`);",
    'else {',
    '  process.setSourceMapsEnabled(true);',
    "  require('./compiler.js').start(__filename);",
    '}',
    '',
  ].join('\n'),
);
chmodSync(cli, 0o755);
