import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { readComponentsFolder } from '../../src/cli/read-folder';
import { HELP_HINT, USAGE_LINE } from '../../src/cli/usage';
import { CLI, compileProject, ROOT, runCli, runMain, snapshotFolder, tmpdir, withExamples } from '../helpers';

const EXAMPLES = path.join(ROOT, 'components');
const DIST = path.join(ROOT, 'dist');

describe('the CLI, end to end', () => {
  test('GIVEN the shipped examples WHEN the real CLI compiles them THEN it writes exactly the committed dist/', () => {
    const dir = withExamples();
    const r = runCli(['--components', 'components', '--out', 'out'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^compiled 4 components into out in \d+\.\d\d s; files: 5 new, 0 changed, 0 removed, 0 unchanged\n$/);
    const written = snapshotFolder(path.join(dir, 'out'));
    expect(Object.keys(written).sort()).toEqual([
      '.dcae-synth-files',
      'dcae-hv-ves-collector.k8s.yaml',
      'dcae-prh.k8s.yaml',
      'dcae-snmptrap-collector.k8s.yaml',
      'dcae-ves-collector.k8s.yaml',
      'kustomization.yaml',
    ]);
    const committed = snapshotFolder(DIST);
    for (const [file, bytes] of Object.entries(written)) expect(committed[file]).toBe(bytes);
  });

  test('GIVEN an up-to-date output folder WHEN the CLI runs again THEN it rewrites nothing', async () => {
    const dir = withExamples();
    await runMain(['--components', 'components', '--out', 'out'], dir);
    const before = fs.statSync(path.join(dir, 'out', 'dcae-prh.k8s.yaml')).mtimeMs;
    const r = await runMain(['--components', 'components', '--out', 'out'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/; nothing changed \(5 files up to date\)\n$/);
    expect(fs.statSync(path.join(dir, 'out', 'dcae-prh.k8s.yaml')).mtimeMs).toBe(before);
  });

  test('GIVEN a component with k8s_location WHEN compiled THEN its file goes to <out>/<location>/', async () => {
    const dir = tmpdir();
    fs.mkdirSync(path.join(dir, 'components'));
    fs.writeFileSync(path.join(dir, 'components', 'a.yaml'), 'name: edge-comp\nimage: repo/a:1\nk8s_location: edge-1\n');
    const r = await runMain(['--components', 'components', '--out', 'out'], dir);
    expect(r.status).toBe(0);
    expect(Object.keys(snapshotFolder(path.join(dir, 'out'))).sort()).toEqual([
      '.dcae-synth-files',
      'edge-1/edge-comp.k8s.yaml',
      'edge-1/kustomization.yaml',
      'kustomization.yaml',
    ]);
  });

  test('GIVEN --help WHEN the CLI runs THEN it prints usage and exits 0', async () => {
    const r = await runMain(['--help'], tmpdir());
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: dcae-synth [options]');
    expect(r.stdout).toContain('(in this repository: npm run synth -- [options], or npx cdk8s synth)');
    expect(r.stdout).toContain('--components DIR');
  });

  test.each([['--version'], ['--help'], ['-h']])(
    'GIVEN %s alone WHEN the real CLI runs THEN it answers without loading the compiler, exactly as the compiler would',
    async (flag) => {
      const real = runCli([flag], tmpdir());
      const inProcess = await runMain([flag], tmpdir());
      expect(real).toEqual({ status: 0, stdout: inProcess.stdout, stderr: '' });
      // The same start, with the modules it loaded listed: no compiler bundle.
      const probe = spawnSync(
        process.execPath,
        [
          '-e',
          `process.argv = [process.argv[0], ${JSON.stringify(CLI)}, ${JSON.stringify(flag)}]; require(${JSON.stringify(CLI)}); process.stderr.write(Object.keys(require.cache).map((f) => require('path').basename(f)).join(' '))`,
        ],
        { encoding: 'utf8' },
      );
      expect(probe.stderr.split(' ')).not.toContain('compiler.js');
      expect(probe.stderr.split(' ')).toContain('cli.js');
    },
  );

  test('GIVEN an unknown option WHEN the CLI runs THEN it names it, prints usage and exits 2 without a stack trace', () => {
    const r = runCli(['--colour'], ROOT);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`error: unknown option --colour\n${USAGE_LINE}\n${HELP_HINT}\n`);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('determinism', () => {
  test('GIVEN the examples WHEN compiled under another time zone and locale THEN the bytes are identical', () => {
    const dir = withExamples();
    const env = { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' };
    const r = runCli(['--components', 'components', '--out', 'out'], dir, { env });
    expect(r.status).toBe(0);
    expect(snapshotFolder(path.join(dir, 'out'))).toEqual(snapshotFolder(DIST));
  });

  test('GIVEN the same files listed in another order WHEN loaded THEN the output is the same, in the same order', () => {
    const files = readComponentsFolder(EXAMPLES);
    const forward = compileProject(files).files;
    const reversed = { ...files, components: [...files.components].reverse() };
    const backward = compileProject(reversed).files;
    expect(Object.keys(forward).length).toBeGreaterThan(4);
    expect(Object.entries(backward)).toEqual(Object.entries(forward));
  });

  test('GIVEN one spec WHEN compiled twice in one process THEN the bytes are identical (volume names are not random)', () => {
    const files = readComponentsFolder(EXAMPLES);
    const first = compileProject(files).files;
    const second = compileProject(files).files;
    expect(second).toEqual(first);
    const ves = first['dcae-ves-collector.k8s.yaml'];
    expect(ves).toContain('name: host-');
    expect(ves).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});

// cdk8s synth against npm run synth, from clean clones: test/e2e/standalone.test.ts.

describe('render threads', () => {
  test('GIVEN a fleet above the threshold WHEN compiled with --jobs 1 and --jobs 2 THEN the output folders are byte-identical', () => {
    const dir = tmpdir();
    fs.mkdirSync(path.join(dir, 'components'));
    for (let i = 0; i < 150; i++) {
      fs.writeFileSync(
        path.join(dir, 'components', `c${String(i).padStart(3, '0')}.yaml`),
        `name: comp-${i}\nimage: repo/comp:${i}\nports: ["${8000 + i}:0"]\n${i % 3 === 0 ? 'k8s_location: edge\n' : ''}${i % 5 === 0 ? 'log_info: {log_directory: /logs}\n' : ''}`,
      );
    }
    const one = runCli(['--components', 'components', '--out', 'one', '--jobs', '1'], dir);
    const two = runCli(['--components', 'components', '--out', 'two', '--jobs', '2'], dir);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    const a = snapshotFolder(path.join(dir, 'one'));
    expect(Object.keys(a)).toHaveLength(150 + 3);
    expect(snapshotFolder(path.join(dir, 'two'))).toEqual(a);
  });

  test('GIVEN --jobs 0 WHEN the CLI runs THEN it is refused as an option error', async () => {
    const r = await runMain(['--jobs', '0'], tmpdir());
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`error: --jobs "0" is not a whole number of threads from 1 to 64\n${USAGE_LINE}\n${HELP_HINT}\n`);
  });
});

describe('incremental runs', () => {
  test('GIVEN a compiled folder WHEN one spec changes THEN only its manifest is rewritten, and the folder equals a full build', async () => {
    const dir = withExamples();
    expect((await runMain(['--components', 'components', '--out', 'out'], dir)).status).toBe(0);
    const before = snapshotFolder(path.join(dir, 'out'));
    const mtimes = Object.fromEntries(Object.keys(before).map((f) => [f, fs.statSync(path.join(dir, 'out', f)).mtimeMs]));
    const prh = path.join(dir, 'components', 'prh.yaml');
    fs.writeFileSync(prh, fs.readFileSync(prh, 'utf8').replace('prh-app-server:1.7.1', 'prh-app-server:1.8.0'));

    const r = await runMain(['--components', 'components', '--out', 'out'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/: 0 new, 1 changed, 0 removed, 4 unchanged\n$/);
    const after = snapshotFolder(path.join(dir, 'out'));
    const changed = Object.keys(after).filter((f) => after[f] !== before[f]);
    expect(changed).toEqual(['dcae-prh.k8s.yaml']);
    for (const f of Object.keys(after).filter((x) => x !== 'dcae-prh.k8s.yaml')) {
      expect(fs.statSync(path.join(dir, 'out', f)).mtimeMs).toBe(mtimes[f]);
    }
    expect((await runMain(['--components', 'components', '--out', 'full'], dir)).status).toBe(0);
    expect(snapshotFolder(path.join(dir, 'full'))).toEqual(after);
  });
});

describe('found in review', () => {
  const project = (files: Record<string, string>): string => {
    const dir = tmpdir();
    for (const [f, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), text);
    }
    return dir;
  };

  test('GIVEN more threads than a fair share of work (68 components, --jobs 10) WHEN compiled THEN every component is written', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 68; i++) files[`components/c${i}.yaml`] = `name: c${i}\nimage: r/c:1\n`;
    const dir = project(files);
    const r = runCli(['--jobs', '10', '--out', 'out'], dir);
    expect(r.status).toBe(0);
    expect(Object.keys(snapshotFolder(path.join(dir, 'out'))).filter((f) => f.endsWith('.k8s.yaml'))).toHaveLength(68);
  });

  test('GIVEN a component file that is a symbolic link WHEN compiled THEN it is compiled like any other', async () => {
    const dir = project({ 'components/a.yaml': 'name: a\nimage: r/a:1\n', 'shared/b.yaml': 'name: b\nimage: r/b:1\n' });
    fs.symlinkSync(path.join(dir, 'shared', 'b.yaml'), path.join(dir, 'components', 'b.yaml'));
    const r = await runMain(['--out', 'out'], dir);
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'out', 'b.k8s.yaml'))).toBe(true);
  });

  test('GIVEN platform.yaml and platform.yml WHEN compiled THEN the second is an error and nothing is written', async () => {
    const dir = project({
      'components/a.yaml': 'name: a\nimage: r/a:1\n',
      'components/platform.yaml': 'namespace: one\n',
      'components/platform.yml': 'namespace: two\n',
    });
    const r = await runMain(['--out', 'out'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'components/platform.yml:1:1: a second platform file beside components/platform.yaml; expected one of platform.yaml or platform.yml',
    );
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test('GIVEN --out inside a file WHEN the CLI runs THEN it is an option error, with no stack trace', async () => {
    const dir = project({ 'components/a.yaml': 'name: a\nimage: r/a:1\n', afile: 'x' });
    const r = await runMain(['--out', 'afile/sub'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^error: --out afile\/sub: .*afile is a file, not a folder; expected an output folder\nUsage: dcae-synth .*\nRun dcae-synth --help for every option.\n$/,
    );
  });
});
