/**
 * `dcae-synth init [DIR]`: the files of a new GitOps repository, written only where nothing is, and a
 * repository that compiles and checks as it is. In process: main() with `init`, then main() in the new folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import { INIT_EXAMPLES, packageName, scaffold } from '../../src/cli/init';
import { HELP_HINT, INIT_WORKFLOW, OPTIONS_FILE } from '../../src/cli/usage';
import { packageInfo } from '../../src/cli/options';
import { readOptionsFile } from '../../src/cli/options-file';
import { ROOT, run, snapshotFolder, tmpdir } from '../helpers';

/** What init writes, in order. */
const FILES = ['package.json', OPTIONS_FILE, ...INIT_EXAMPLES.map((f) => `components/${f}`), '.gitignore', '.gitattributes', INIT_WORKFLOW];

/** The one-line usage and hint of init. */
const INIT_TAIL = '\nUsage: dcae-synth init [DIR] [--force] [--compiler SPEC]\nRun dcae-synth init --help for every option.\n';

describe('GIVEN an empty folder', () => {
  test('WHEN init runs there THEN it writes every file of a new repository, says so, and what to run next', async () => {
    const dir = tmpdir();
    const r = await run(dir, 'init');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        ...FILES.map((f) => `created ${f}`),
        'Next: npm install && npm run synth && npm run check, then commit everything (dist/ included).',
        '',
      ].join('\n'),
    );
    expect(Object.keys(snapshotFolder(dir)).sort()).toEqual([...FILES].sort());
  });

  test('WHEN init runs THEN package.json pins this compiler exactly as a dev dependency, with scripts synth and check', async () => {
    const dir = path.join(tmpdir(), 'My GitOps');
    await run(path.dirname(dir), 'init', 'My GitOps');
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg).toEqual({
      name: 'my-gitops',
      version: '0.0.0',
      private: true,
      description: 'DCAE components, compiled into Kubernetes manifests for GitOps',
      scripts: { synth: 'dcae-synth', check: 'dcae-synth --check' },
      devDependencies: { 'dcae-gitops-compiler': packageInfo().version },
    });
    expect(pkg.devDependencies['dcae-gitops-compiler']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('WHEN init runs with --compiler SPEC THEN that spec is the dev dependency (a tarball, for an air-gapped install)', async () => {
    const dir = tmpdir();
    await run(dir, 'init', '--compiler', 'file:../dcae-gitops-compiler-1.0.0.tgz');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).devDependencies).toEqual({
      'dcae-gitops-compiler': 'file:../dcae-gitops-compiler-1.0.0.tgz',
    });
  });

  test('WHEN init runs THEN the options file asks for the chart and its version, and reads without an error', async () => {
    const dir = tmpdir();
    await run(dir, 'init');
    const text = fs.readFileSync(path.join(dir, OPTIONS_FILE), 'utf8');
    const read = readOptionsFile(OPTIONS_FILE, { text });
    expect(read.diagnostics).toEqual([]);
    expect(read.settings).toEqual({ components: 'components', out: 'dist', 'helm-chart': 'dcae', 'chart-version': '0.1.0' });
  });

  test("WHEN init runs THEN the examples are the package's own, their schema comments pointing into the installed package", async () => {
    const dir = tmpdir();
    await run(dir, 'init');
    for (const f of INIT_EXAMPLES) {
      const own = fs.readFileSync(path.join(ROOT, 'components', f), 'utf8');
      const copied = fs.readFileSync(path.join(dir, 'components', f), 'utf8');
      expect(copied).toBe(own.replace('$schema=../src/input/schemas/', '$schema=../node_modules/dcae-gitops-compiler/src/input/schemas/'));
    }
    const yamls = INIT_EXAMPLES.filter((f) => f.endsWith('.yaml'));
    for (const f of yamls)
      expect(fs.readFileSync(path.join(dir, 'components', f), 'utf8').split('\n')[0]).toMatch(
        /^# yaml-language-server: \$schema=\.\.\/node_modules\/dcae-gitops-compiler\/src\/input\/schemas\/(component|platform)\.schema\.json$/,
      );
  });

  test('WHEN init runs THEN git ignores node_modules, the output is marked generated, and the CI workflow runs the check', async () => {
    const dir = tmpdir();
    await run(dir, 'init');
    const files = snapshotFolder(dir);
    expect(files['.gitignore']).toBe('node_modules/\n');
    expect(files['.gitattributes']).toContain('\ndist/** linguist-generated=true\n');
    expect(files[INIT_WORKFLOW]).toContain('      - run: npm ci\n      - run: npm run -s check\n');
    expect(files[INIT_WORKFLOW]).toContain(`node-version: ${packageInfo().node}`);
  });

  test('WHEN init runs, then synth and check run in the new repository THEN it compiles (with the chart) and is then up to date', async () => {
    const dir = tmpdir();
    expect((await run(dir, 'init')).status).toBe(0);
    const synth = await run(dir);
    expect(synth.stderr).toBe('');
    expect(synth.status).toBe(0);
    const out = Object.keys(snapshotFolder(path.join(dir, 'dist')));
    expect(out).toContain('helm/dcae/Chart.yaml');
    expect(out.filter((f) => /^[^/]+\.k8s\.yaml$/.test(f))).toHaveLength(2);
    const check = await run(dir, '--check');
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/^dist is up to date: 2 components, /);
  });
});

describe('GIVEN a folder that is not empty', () => {
  test('GIVEN only .git (a new repository) WHEN init runs THEN it starts there', async () => {
    const dir = tmpdir();
    fs.mkdirSync(path.join(dir, '.git'));
    expect((await run(dir, 'init')).status).toBe(0);
  });

  test('GIVEN other files WHEN init runs THEN exit 1 naming them, and nothing is written', async () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine\n');
    fs.mkdirSync(path.join(dir, 'components'));
    const r = await run(dir, 'init');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'error: . is not empty (components, notes.txt); expected an empty folder or a new git repository. ' +
        'Run again with --force to add only the files that are not there (none is overwritten)\n',
    );
    expect(Object.keys(snapshotFolder(dir))).toEqual(['notes.txt']);
  });

  test('GIVEN --force and files of the scaffold already there WHEN init runs THEN those are kept byte for byte and the rest is written', async () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name": "mine"}\n');
    fs.mkdirSync(path.join(dir, 'components'));
    fs.writeFileSync(path.join(dir, 'components', 'platform.yaml'), 'namespace: mine\n');
    const r = await run(dir, 'init', '--force');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'kept package.json (it exists; not overwritten)\nkept components/platform.yaml (it exists; not overwritten)\n',
    );
    expect(r.stdout).not.toContain('created package.json');
    const files = snapshotFolder(dir);
    expect(files['package.json']).toBe('{"name": "mine"}\n');
    expect(files['components/platform.yaml']).toBe('namespace: mine\n');
    expect(Object.keys(files).sort()).toEqual([...FILES].sort());
  });

  test('GIVEN a file in the way of a folder of the scaffold (.github is a file) WHEN init runs with --force THEN exit 74 naming it, no stack trace', async () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, '.github'), 'x\n');
    const r = await run(dir, 'init', '--force');
    expect(r.status).toBe(74);
    expect(r.stderr).toMatch(
      /^error: writing \.github\/workflows\/dcae-check\.yaml failed: .*; the files before it were written\. Fix the cause and run again with --force\n$/,
    );
    expect(fs.readFileSync(path.join(dir, '.github'), 'utf8')).toBe('x\n');
  });
});

describe('GIVEN wrong arguments', () => {
  test.each([
    [['init', 'a', 'b'], 'init takes one folder, not 2'],
    [['init', '--froce'], 'unknown option --froce (did you mean --force?)'],
    [['init', '--compiler', ''], '--compiler is empty; expected an npm dependency spec'],
  ])("GIVEN %j WHEN run THEN exit 2: %s, then init's usage", async (argv, message) => {
    const dir = tmpdir();
    const r = await run(dir, ...argv);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`error: ${message}${INIT_TAIL}`);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('GIVEN a folder that is a file WHEN init runs THEN exit 2', async () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'repo'), '');
    const r = await run(dir, 'init', 'repo');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`error: repo is a file, not a folder; expected the folder to start the repository in${INIT_TAIL}`);
  });

  test('GIVEN init --help WHEN run THEN its usage, exit 0; and the main --help names init', async () => {
    const r = await run(tmpdir(), 'init', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: dcae-synth init \[DIR\] \[--force\] \[--compiler SPEC\]\n/);
    expect((await run(tmpdir(), '--help')).stdout).toContain('dcae-synth init [DIR]');
    expect(HELP_HINT).toBe('Run dcae-synth --help for every option.');
  });
});

describe('packageName', () => {
  test.each([
    ['my-gitops', 'my-gitops'],
    ['My GitOps', 'my-gitops'],
    ['_dcae.repo_', 'dcae.repo'],
    ['!!!', 'dcae-gitops'],
    ['Ünïcode', 'n-code'],
  ])('GIVEN a folder named %p THEN the package is named %p', (folder, name) => {
    expect(packageName(folder)).toBe(name);
  });
});

describe('scaffold', () => {
  test('GIVEN the same inputs twice THEN the same files, byte for byte (no date, no machine)', () => {
    const examples = [{ path: 'a.yaml', text: '# yaml-language-server: $schema=../src/input/schemas/component.schema.json\nname: a\n' }];
    const pkg = packageInfo();
    expect(scaffold('r', '1.0.0', examples, pkg)).toEqual(scaffold('r', '1.0.0', examples, pkg));
    expect(scaffold('r', '1.0.0', examples, pkg).find((f) => f.path === 'components/a.yaml')?.text).toBe(
      '# yaml-language-server: $schema=../node_modules/dcae-gitops-compiler/src/input/schemas/component.schema.json\nname: a\n',
    );
  });
});
