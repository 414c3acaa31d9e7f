// `npm run docs`: regenerates the generated parts of docs/: the API reference of the constructs and `compile`
// (docs/api/, TypeDoc with its Markdown plugin, configured in scripts/typedoc.json), and the pictures of the
// example components (docs/examples/, Mermaid diagrams drawn from the compiled objects: scripts/diagrams.mjs,
// which needs the build). A test (test/docs/generated.test.ts) runs it into a temporary folder and fails when
// docs/ differs: regenerate and commit.
//
//   node scripts/docs.mjs [--out DIR]   (default: docs; the API reference goes to DIR/api)
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { examplePages, examplesIndex } from './diagrams.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const at = process.argv.indexOf('--out');
const out = resolve(at >= 0 ? process.argv[at + 1] : join(root, 'docs'));

const api = join(out, 'api');
rmSync(api, { recursive: true, force: true });
const typedoc = join(dirname(require.resolve('typedoc/package.json')), 'bin', 'typedoc');
execFileSync(process.execPath, [typedoc, '--options', join(root, 'scripts', 'typedoc.json'), '--out', api, '--logLevel', 'Warn'], {
  cwd: root,
  stdio: 'inherit',
});

const examples = join(out, 'examples');
rmSync(examples, { recursive: true, force: true });
mkdirSync(examples, { recursive: true });
const pages = examplePages();
for (const [file, text] of Object.entries(pages)) writeFileSync(join(examples, file), text);
writeFileSync(join(examples, 'README.md'), examplesIndex(pages));
