// `npm run build`: the library (tsc), the precompiled validators, then the CLI bundle. Plain JavaScript, so that
// it runs before anything is compiled.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { trimK8sImports, usedNames } from './k8s-imports-used.mjs';
import { lazyFormatProblems } from './lazy-formats-check.mjs';
import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
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
// One file for the compiler: fast to start. Minified, with a source map beside it, so that a compiler bug's stack
// trace (exit 70) names the real functions, files and lines (src/cli/process.ts). Not with esbuild's keepNames: it
// names every function again as it is made (about 3700 calls in a run of one spec, a few milliseconds).
// Every run reads the whole file, so what few runs need stays out of it: the DCAE validators (about 400 KB, for
// `.json` specs only) are a file of their own beside it, loaded at the first DCAE spec; and cdk8s's own copy of
// `yaml`, when it is the very version the compiler has, is that one (one copy of about 120 KB, not two); and of
// ajv-i18n, only the English messages.
const esbuild = require('esbuild');
const versionOf = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
const cdk8sYaml = join(root, 'node_modules', 'cdk8s', 'node_modules', 'yaml');
const sameYaml = existsSync(cdk8sYaml) && versionOf(cdk8sYaml) === versionOf(join(root, 'node_modules', 'yaml'));
const DCAE_VALIDATORS = 'dcae-validators.js';
const KUBERNETES_FORMATS = /[/\\]@kubernetes-models[/\\]validate[/\\]dist[/\\]formats\.js$/;
const LAZY_FORMATS = join(root, 'scripts', 'kubernetes-formats-lazy.cjs');
const formatProblems = lazyFormatProblems(require(LAZY_FORMATS));
if (formatProblems.length > 0)
  throw new Error(
    `scripts/kubernetes-formats-lazy.cjs no longer matches the installed modules; update it:\n  ${formatProblems.join('\n  ')}`,
  );
await esbuild.build({
  entryPoints: [join(root, 'build', 'src', 'cli', 'bin.js')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  // ASCII only (esbuild escapes the rest): the command reads the bundle as latin1, which is faster than UTF-8.
  charset: 'ascii',
  sourcemap: true,
  sourcesContent: false,
  external: ['ajv', 'diff'],
  ...(sameYaml ? { alias: { yaml: join(root, 'node_modules', 'yaml') } } : {}),
  plugins: [
    {
      // cdk8s's `child_process` (scripts/child-process-lazy.cjs): loaded at its first call, which never comes.
      name: 'cdk8s-child-process-lazy',
      setup: (b) =>
        b.onResolve({ filter: /^child_process$/ }, (args) =>
          /[/\\]node_modules[/\\]cdk8s[/\\]/.test(args.importer) ? { path: join(root, 'scripts', 'child-process-lazy.cjs') } : undefined,
        ),
    },
    {
      // @kubernetes-models/validate writes its messages in English only: not every language's (about 90 KB).
      name: 'ajv-i18n-english',
      setup: (b) => b.onResolve({ filter: /^ajv-i18n$/ }, () => ({ path: join(root, 'scripts', 'ajv-i18n-en.cjs') })),
    },
    {
      // Of cdk8s-plus-27's generated Kubernetes types (about 200 KB of the bundle), only those the compiler uses
      // and what they need (scripts/k8s-imports-used.mjs): every run reads, compiles and runs less.
      name: 'k8s-imports-used',
      setup: (b) =>
        b.onLoad({ filter: /[/\\]cdk8s-plus-27[/\\]lib[/\\]imports[/\\]k8s\.js$/ }, (args) => ({
          contents: trimK8sImports(readFileSync(args.path, 'utf8'), usedNames(join(root, 'build', 'src')), root),
          loader: 'js',
        })),
    },
    {
      // ajv stays a dependency of its own (the DCAE validators and the rare schema compiled at run time load it), but
      // the small runtime helpers that the precompiled validators require as they load are bundled: resolving and
      // compiling them from node_modules cost every run a few milliseconds.
      name: 'ajv-runtime-bundled',
      setup: (b) =>
        b.onResolve({ filter: /^ajv\/dist\/runtime\// }, (args) => ({ path: require.resolve(args.path, { paths: [args.resolveDir] }) })),
    },
    {
      // @kubernetes-models/validate's list of formats takes ajv-formats-draft2019's formats and is-cidr as it
      // loads; the Kubernetes schemas the compiler checks use none of them. The bundle gives that list stand-ins
      // that load each real module at its first call (scripts/kubernetes-formats-lazy.cjs, checked above by scripts/lazy-formats-check.mjs).
      name: 'kubernetes-formats-lazy',
      setup: (b) => {
        b.onResolve({ filter: /^(ajv-formats-draft2019\/formats\/index\.js|is-cidr)$/ }, (args) =>
          KUBERNETES_FORMATS.test(args.importer)
            ? { path: args.path === 'is-cidr' ? 'isCidr' : 'draft2019', namespace: 'kubernetes-formats-lazy' }
            : undefined,
        );
        b.onLoad({ filter: /.*/, namespace: 'kubernetes-formats-lazy' }, (args) => ({
          contents: `module.exports = require(${JSON.stringify(LAZY_FORMATS)}).${args.path};`,
          resolveDir: root,
          loader: 'js',
        }));
      },
    },
    {
      name: 'dcae-validators-apart',
      setup: (b) =>
        b.onResolve({ filter: /[/\\]generated[/\\]dcae-validators$/ }, () => ({ path: `./${DCAE_VALIDATORS}`, external: true })),
    },
  ],
  outfile: join(root, 'build', 'bundle', 'compiler.js'),
  logLevel: 'warning',
});
await esbuild.build({
  entryPoints: [join(root, 'build', 'src', 'input', 'dcae', 'generated', DCAE_VALIDATORS)],
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  charset: 'ascii',
  external: ['ajv'],
  outfile: join(root, 'build', 'bundle', DCAE_VALIDATORS),
  logLevel: 'warning',
});
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
// The build's identity, which the render cache and the code cache key on: another build renders everything again.
// Both files of the compiler: a change of the DCAE validators alone checks DCAE specs another way.
const build = createHash('sha256')
  .update(readFileSync(join(root, 'build', 'bundle', 'compiler.js')))
  .update(readFileSync(join(root, 'build', 'bundle', DCAE_VALIDATORS)))
  .digest('hex');
// The command (package bin, npm run synth; render threads start it too): answers `--version` and `--help` alone
// without loading the compiler, and loads the compiler with V8's code cache (src/cli/launch.ts).
esbuild.buildSync({
  entryPoints: [join(root, 'build', 'src', 'cli', 'launch.js')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  banner: { js: '#!/usr/bin/env node\n// Made by scripts/build.mjs from src/cli/launch.ts.' },
  define: { BUILD: JSON.stringify(build) },
  outfile: cli,
  logLevel: 'warning',
});
chmodSync(cli, 0o755);
