/**
 * End to end, with real processes: what a GitOps repository relies on. An empty or mistyped components folder
 * never empties the output; `cdk8s synth` and `npm run synth` leave the same folder; relative paths are the
 * user's, also through `npm run`; the command-line conventions (--version, --help, -s --check --quiet).
 */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'build', 'bundle', 'cli.js');
const made: string[] = [];

afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function tmp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcae-e2e-'));
  made.push(dir);
  return dir;
}

/** Every file below a folder (dotfiles too), path to bytes. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p).split(path.sep).join('/')] = fs.readFileSync(p, 'utf8');
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

/** A copy of the repository as a fresh clone has it (tracked files), with this checkout's install and build. */
function cleanClone(): string {
  const dir = tmp();
  const tracked = spawnSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
  for (const f of tracked) {
    if (!fs.existsSync(path.join(ROOT, f))) continue;
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  for (const part of ['src', 'bundle']) fs.cpSync(path.join(ROOT, 'build', part), path.join(dir, 'build', part), { recursive: true });
  return dir;
}

function node(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...withoutNpm(process.env), ...env } });
}

/** The environment without what an outer `npm test` set, so that each child sees only what its own command sets. */
function withoutNpm(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^(npm_|INIT_CWD$)/i.test(k)));
}

function cdk8sSynth(cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(path.join(ROOT, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade'], {
    cwd,
    encoding: 'utf8',
    env: { ...withoutNpm(process.env), CDK8S_CHECK_UPGRADE: 'false', ...env },
  });
}

function npmRun(args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync('npm', ['run', ...args], { cwd, encoding: 'utf8', env: withoutNpm(process.env) });
}

describe('a components folder with no component never empties the output', () => {
  test('GIVEN a compiled output folder WHEN the CLI runs on an empty components folder THEN exit 1 names the folder and the output is untouched', () => {
    // GIVEN
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'components'));
    fs.mkdirSync(path.join(dir, 'empty'));
    fs.writeFileSync(path.join(dir, 'components', 'a.yaml'), 'name: a\nimage: r/a:1\n');
    expect(node(['--components', 'components', '--out', 'out'], dir).status).toBe(0);
    const before = tree(path.join(dir, 'out'));
    // WHEN
    const r = node(['--components', 'empty', '--out', 'out'], dir);
    // THEN
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'empty: no component spec (*.yaml, *.yml or *.json besides platform.yaml) in this folder; expected at least one. ' +
        'An empty folder would remove every manifest from the output; to do that on purpose, run again with --allow-empty ' +
        '(with cdk8s synth: DCAE_ALLOW_EMPTY=true)\n1 error in 1 file; nothing was written to out\n',
    );
    expect(tree(path.join(dir, 'out'))).toEqual(before);
    expect(Object.keys(before)).toContain('a.k8s.yaml');
  });

  test('GIVEN a folder holding only platform.yaml WHEN the CLI runs THEN it is refused the same way', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'components'));
    fs.writeFileSync(path.join(dir, 'components', 'platform.yaml'), 'namespace: onap\n');
    const r = node(['--components', 'components', '--out', 'out'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^components: no component spec /);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test('GIVEN a mistyped components folder WHEN the CLI runs THEN exit 1 names it and the output is untouched', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'out'));
    fs.writeFileSync(path.join(dir, 'out', 'x.k8s.yaml'), 'kept\n');
    const r = node(['--components', 'componnets', '--out', 'out'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'componnets: no such folder; expected a folder of component specs (--components DIR). Nothing was written to out\n',
    );
    expect(tree(path.join(dir, 'out'))).toEqual({ 'x.k8s.yaml': 'kept\n' });
  });

  test('GIVEN an empty folder and --allow-empty WHEN the CLI runs THEN every file it wrote is removed and a file of the user is kept', () => {
    // GIVEN
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'components'));
    fs.writeFileSync(path.join(dir, 'components', 'a.yaml'), 'name: a\nimage: r/a:1\nk8s_location: edge\n');
    fs.writeFileSync(path.join(dir, 'components', 'b.yaml'), 'name: b\nimage: r/b:1\n');
    expect(node(['--components', 'components', '--out', 'out'], dir).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'out', 'README.md'), 'mine\n');
    fs.rmSync(path.join(dir, 'components', 'a.yaml'));
    fs.rmSync(path.join(dir, 'components', 'b.yaml'));
    // WHEN
    const r = node(['--components', 'components', '--out', 'out', '--allow-empty'], dir);
    // THEN
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^compiled 0 components into out in \d+\.\d\d s; files: 0 new, 1 changed, 3 removed, 0 unchanged\n$/);
    expect(tree(path.join(dir, 'out'))).toEqual({
      'README.md': 'mine\n',
      'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n',
      '.dcae-synth-files': expect.stringMatching(/\nkustomization\.yaml\n$/),
    });
  });
});

describe('cdk8s synth and npm run synth leave the same folder', () => {
  test('GIVEN two clean clones WHEN one runs `cdk8s synth` and the other `npm run synth`, from an empty dist/ THEN both dist/ folders are byte-identical to the committed one', () => {
    // GIVEN
    const viaCdk8s = cleanClone();
    const viaNpm = cleanClone();
    const committed = tree(path.join(viaNpm, 'dist'));
    for (const d of [viaCdk8s, viaNpm]) fs.rmSync(path.join(d, 'dist'), { recursive: true });
    // WHEN
    const a = cdk8sSynth(viaCdk8s);
    const b = npmRun(['-s', 'synth'], viaNpm);
    // THEN
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    expect(tree(path.join(viaCdk8s, 'dist'))).toEqual(tree(path.join(viaNpm, 'dist')));
    expect(tree(path.join(viaCdk8s, 'dist'))).toEqual(committed);
    expect(Object.keys(committed)).toEqual(expect.arrayContaining(['kustomization.yaml', '.dcae-synth-files']));
    // The cdk8s CLI lists the copy it was given; the kustomization and record are there too.
    expect(tree(path.join(viaCdk8s, 'build', 'cdk8s.out'))).toEqual(committed);
  }, 60000);

  test('GIVEN a dist/ with a file of the user WHEN `cdk8s synth` runs THEN the file is kept and kustomize still builds', () => {
    const clone = cleanClone();
    fs.writeFileSync(path.join(clone, 'dist', 'README.md'), 'mine\n');
    const before = tree(path.join(clone, 'dist'));
    const r = cdk8sSynth(clone);
    expect(r.status).toBe(0);
    expect(tree(path.join(clone, 'dist'))).toEqual(before);
  }, 60000);

  test('GIVEN a spec with errors WHEN `cdk8s synth` runs THEN it fails with the same messages as npm run synth and dist/ is untouched', () => {
    // GIVEN
    const clone = cleanClone();
    fs.writeFileSync(path.join(clone, 'components', 'bad.yaml'), 'name: Bad\nimage: r/b:1\n');
    const before = tree(path.join(clone, 'dist'));
    // WHEN
    const viaCdk8s = cdk8sSynth(clone);
    const viaCli = node([], clone);
    // THEN
    expect(viaCli.status).toBe(1);
    expect(viaCdk8s.status).not.toBe(0);
    const lines = viaCli.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^components\/bad\.yaml:1:7: name: "Bad" is not a DNS-1035 label/);
    for (const line of lines) expect(viaCdk8s.stderr).toContain(line);
    expect(tree(path.join(clone, 'dist'))).toEqual(before);
  }, 60000);

  test('GIVEN two components sharing a NodePort WHEN `cdk8s synth` runs THEN the cross-file check refuses it, as npm run synth does', () => {
    const clone = cleanClone();
    fs.writeFileSync(path.join(clone, 'components', 'zz.yaml'), 'name: zz\nimage: r/zz:1\nports: ["8080:30235"]\n');
    const before = tree(path.join(clone, 'dist'));
    const r = cdk8sSynth(clone);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(
      /components\/zz\.yaml:3:9: ports\[0\]: host port 30235 is already the NodePort of components\/ves\.yaml \(component "dcae-ves-collector"\)/,
    );
    expect(tree(path.join(clone, 'dist'))).toEqual(before);
  }, 60000);
});

describe("relative paths are the user's", () => {
  test('GIVEN npm run from the components folder WHEN --components . --out ../out THEN both are taken from that folder, and messages show them as typed', () => {
    // GIVEN
    const clone = cleanClone();
    const sub = path.join(clone, 'components');
    // WHEN
    const r = npmRun(['-s', 'synth', '--', '--components', '.', '--out', '../out'], sub);
    // THEN
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^compiled 4 components into \.\.\/out in /);
    expect(tree(path.join(clone, 'out'))).toEqual(tree(path.join(clone, 'dist')));
    // AND an error names the file as reached from there
    fs.writeFileSync(path.join(sub, 'bad.yaml'), 'name: Bad\nimage: r/b:1\n');
    const bad = npmRun(['-s', 'synth', '--', '--components', '.', '--out', '../out'], sub);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^bad\.yaml:1:7: name: "Bad"/);
    expect(bad.stderr).toContain('nothing was written to ../out');
  }, 60000);
});

describe('command-line conventions', () => {
  test('GIVEN --version WHEN the CLI runs THEN it prints the package version and exits 0', () => {
    const r = node(['--version'], ROOT);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });

  test('GIVEN --help WHEN the CLI runs THEN every option is listed with its default and the exit codes are given', () => {
    const r = node(['--help'], ROOT);
    expect(r.status).toBe(0);
    for (const option of [
      '--components DIR',
      '--out DIR',
      '--check',
      '--allow-empty',
      '--helm-chart NAME',
      '--chart-version SEMVER',
      '--quiet',
      '--jobs N',
      '--version',
      '-h, --help',
    ]) {
      expect(r.stdout).toContain(option);
    }
    expect(r.stdout).toContain('(default: components)');
    expect(r.stdout).toContain('(default: dist)');
    expect(r.stdout.match(/\(default: /g)?.length).toBeGreaterThanOrEqual(7);
    expect(r.stdout).toContain(
      'Exit codes: 0 done (or up to date), 1 errors in the input (or, with --check, differences),\n2 wrong options, 70 a bug in the compiler, 74 the output folder could not be written.',
    );
  });

  test('GIVEN an up-to-date dist/ WHEN `npm run -s synth -- --check --quiet` runs THEN it prints nothing and exits 0', () => {
    const clone = cleanClone();
    const r = npmRun(['-s', 'synth', '--', '--check', '--quiet'], clone);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
  }, 30000);

  test('GIVEN an unknown option WHEN the CLI runs THEN exit 2 with the usage', () => {
    const r = node(['--bogus'], ROOT);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: unknown option --bogus\nUsage: dcae-synth \[options\]/);
  });
});
