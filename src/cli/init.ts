/**
 * `dcae-synth init [DIR]`: starts a GitOps repository, as `cdk8s init` or `helm create` do. It writes a
 * package.json that pins this compiler, the options file, example specs (a YAML spec, and a DCAE JSON spec
 * with the YAML override that migrates it), `.gitignore`, `.gitattributes` and a CI workflow that fails when
 * the committed output is stale. It refuses a folder that holds anything but `.git` unless `--force`, and it
 * never overwrites a file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { EXIT, packageInfo, PackageInfo, unknownOption, usageError } from './options';
import { Console } from './report';
import { DEFAULTS } from './settings';
import { INIT_USAGE, INIT_USAGE_LINE, INIT_WORKFLOW, OPTIONS_FILE } from './usage';

/** The examples copied from the package's own `components/`: the platform, a YAML spec, a DCAE spec and its override. */
export const INIT_EXAMPLES = ['platform.yaml', 'ves.yaml', 'dcae-hv-ves-collector.json', 'dcae-hv-ves-collector.yaml'];

/** The chart the scaffold's options file asks for, and its first version. */
const INIT_CHART = { name: 'dcae', version: '0.1.0' };

const FLAGS = {
  force: { type: 'boolean' },
  compiler: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A file the scaffold writes: its path in the repository and its text. */
export interface ScaffoldFile {
  readonly path: string;
  readonly text: string;
}

/**
 * The files of a new repository, in the order they are written. Pure: the compiler's package and the examples' texts are given.
 * @param name the package's name
 * @param compiler the dev dependency's spec for the compiler
 * @param examples each example's file name and text
 * @param pkg the compiler's package (its name, and the Node.js version the workflow installs)
 */
export function scaffold(name: string, compiler: string, examples: readonly ScaffoldFile[], pkg: PackageInfo): ScaffoldFile[] {
  const out = DEFAULTS.out;
  const manifest = {
    name,
    version: '0.0.0',
    private: true,
    description: 'DCAE components, compiled into Kubernetes manifests for GitOps',
    scripts: { synth: 'dcae-synth', check: 'dcae-synth --check' },
    devDependencies: { [pkg.name]: compiler },
  };
  const schemaPath = `../node_modules/${pkg.name}/src/input/schemas/`;
  return [
    { path: 'package.json', text: `${JSON.stringify(manifest, null, 2)}\n` },
    {
      path: OPTIONS_FILE,
      text: [
        `# Options of dcae-synth (npm run synth, npm run check): each key is a flag's name without the dashes, and a`,
        `# flag on the command line wins. Relative folders are taken from this file's folder. See dcae-synth --help.`,
        `components: ${DEFAULTS.components}`,
        `out: ${out}`,
        `# A Helm chart for each output folder, in ${out}/helm/ (delete both lines for kustomize alone). Raise`,
        `# chart-version whenever the manifests change, so that Helm sees a new chart.`,
        `helm-chart: ${INIT_CHART.name}`,
        `chart-version: ${INIT_CHART.version}`,
        '',
      ].join('\n'),
    },
    ...examples.map((e) => ({
      path: `${DEFAULTS.components}/${e.path}`,
      text: e.text.replace(/\$schema=\.\.\/src\/input\/schemas\//g, `$schema=${schemaPath}`),
    })),
    { path: '.gitignore', text: 'node_modules/\n' },
    {
      path: '.gitattributes',
      text: `# Written by dcae-synth (npm run synth): collapsed in reviews, and kept out of language statistics.\n${out}/** linguist-generated=true\n`,
    },
    {
      path: INIT_WORKFLOW,
      text: [
        '# Fails when the committed manifests are not what the specs compile to (someone forgot npm run synth).',
        'name: dcae-check',
        'on: [push, pull_request]',
        'jobs:',
        '  manifests-up-to-date:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - uses: actions/setup-node@v4',
        `        with: {node-version: ${pkg.node}}`,
        '      - run: npm ci',
        '      - run: npm run -s check',
        '',
      ].join('\n'),
    },
  ];
}

/** A package name from a folder's name: lower case, with anything npm refuses turned into `-`. */
export function packageName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '');
  return name === '' ? 'dcae-gitops' : name.slice(0, 214);
}

/** Runs `dcae-synth init`; gives the exit code. */
export function init(argv: readonly string[], io: Console, base: string): number {
  const unknown = unknownOption(argv, FLAGS);
  if (unknown) return usageError(io, unknown, INIT_USAGE_LINE);
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: true });
  } catch (e) {
    return usageError(io, (e as Error).message, INIT_USAGE_LINE);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(INIT_USAGE);
    return EXIT.ok;
  }
  if (positionals.length > 1) return usageError(io, `init takes one folder, not ${positionals.length}`, INIT_USAGE_LINE);
  if (values.compiler === '') return usageError(io, '--compiler is empty; expected an npm dependency spec', INIT_USAGE_LINE);
  const shown = positionals[0] ?? '.';
  const dir = path.resolve(base, shown);
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory())
    return usageError(io, `${shown} is a file, not a folder; expected the folder to start the repository in`, INIT_USAGE_LINE);
  const present = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n !== '.git') : [];
  if (present.length > 0 && !values.force) {
    const listed = present.sort().slice(0, 5).join(', ') + (present.length > 5 ? ', ...' : '');
    io.err(
      `error: ${shown} is not empty (${listed}); expected an empty folder or a new git repository. ` +
        'Run again with --force to add only the files that are not there (none is overwritten)',
    );
    return EXIT.input;
  }
  const pkg = packageInfo();
  const examples = INIT_EXAMPLES.map((f) => ({ path: f, text: fs.readFileSync(path.join(pkg.root, DEFAULTS.components, f), 'utf8') }));
  const files = scaffold(packageName(path.basename(dir)), values.compiler ?? pkg.version, examples, pkg);
  const kept: string[] = [];
  const display = (p: string) => path.join(shown, p).split(path.sep).join('/');
  for (const file of files) {
    const target = path.join(dir, file.path);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      // `wx`: never replace a file, not even one made since the folder was looked at.
      fs.writeFileSync(target, file.text, { flag: 'wx' });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'EEXIST') {
        kept.push(file.path);
        continue;
      }
      if (!err.code) throw e;
      io.err(
        `error: writing ${display(file.path)} failed: ${err.message}; the files before it were written. Fix the cause and run again with --force`,
      );
      return EXIT.io;
    }
    io.out(`created ${display(file.path)}`);
  }
  for (const k of kept) io.out(`kept ${display(k)} (it exists; not overwritten)`);
  const cd = shown === '.' ? '' : `cd ${shown} && `;
  io.out(`Next: ${cd}npm install && npm run synth && npm run check, then commit everything (${DEFAULTS.out}/ included).`);
  return EXIT.ok;
}
