/**
 * `--check`: compile in memory, compare with the output folder, print a unified diff per stale, missing or
 * extra file, exit 1 when anything differs, exit 0 when up to date, and never write.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  childEnv,
  component,
  EXAMPLE_MANIFESTS,
  mtimes,
  run,
  snapshotFolder,
  withComponents,
  withExamples,
  writeComponents,
} from '../helpers';

/** A folder with the examples compiled into out/. */
async function compiledExamples(): Promise<string> {
  const dir = withExamples();
  const r = await run(dir, '--components', 'components', '--out', 'out');
  expect(r.status).toBe(0);
  return dir;
}

/** The `---`/`+++` header pairs of a multi-file unified diff, in order. */
function headers(patch: string): string[] {
  return patch.split('\n').filter((l) => /^(---|\+\+\+) /.test(l));
}

const CHECK = ['--components', 'components', '--out', 'out', '--check'];

describe('--check on an up-to-date folder', () => {
  test('GIVEN an output folder just written WHEN --check runs THEN it exits 0, says so on stdout and writes nothing', async () => {
    const dir = await compiledExamples();
    const before = snapshotFolder(path.join(dir, 'out'));
    const times = mtimes(path.join(dir, 'out'));
    const r = await run(dir, ...CHECK);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^out is up to date: 4 components, 5 files, checked in \d+\.\d\d s\n$/);
    expect(snapshotFolder(path.join(dir, 'out'))).toEqual(before);
    expect(mtimes(path.join(dir, 'out'))).toEqual(times);
  });

  test('GIVEN an up-to-date folder WHEN --check --quiet runs THEN nothing at all is printed and it exits 0', async () => {
    const dir = await compiledExamples();
    const r = await run(dir, ...CHECK, '--quiet');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
  });

  test('GIVEN files the compiler did not write (README.md, .gitkeep, a notes folder) WHEN --check runs THEN they are not reported and it exits 0', async () => {
    const dir = await compiledExamples();
    fs.writeFileSync(path.join(dir, 'out', 'README.md'), '# hand written\n');
    fs.writeFileSync(path.join(dir, 'out', '.gitkeep'), '');
    fs.mkdirSync(path.join(dir, 'out', 'notes'));
    fs.writeFileSync(path.join(dir, 'out', 'notes', 'a.yaml'), 'kind: Note\n');
    const r = await run(dir, ...CHECK);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^out is up to date: /);
  });
});

describe('--check on an out-of-date folder', () => {
  test('GIVEN a manifest edited by hand WHEN --check runs THEN it prints exactly its unified diff (a/ and b/ headers), exits 1 and writes nothing', async () => {
    const dir = await compiledExamples();
    const file = path.join(dir, 'out', 'dcae-prh.k8s.yaml');
    const original = fs.readFileSync(file, 'utf8');
    const lines = original.split('\n').slice(0, -1);
    fs.appendFileSync(file, 'extra: line\n');
    const before = snapshotFolder(path.join(dir, 'out'));
    const times = mtimes(path.join(dir, 'out'));

    const r = await run(dir, ...CHECK);
    expect(r.status).toBe(1);
    const n = lines.length;
    expect(r.stdout).toBe(
      [
        '--- a/out/dcae-prh.k8s.yaml',
        '+++ b/out/dcae-prh.k8s.yaml',
        `@@ -${n - 2},4 +${n - 2},3 @@`,
        ` ${lines[n - 3]}`,
        ` ${lines[n - 2]}`,
        ` ${lines[n - 1]}`,
        '-extra: line',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('out is out of date: 1 file differs (1 stale). Run npm run synth and commit the result.\n');
    expect(snapshotFolder(path.join(dir, 'out'))).toEqual(before);
    expect(mtimes(path.join(dir, 'out'))).toEqual(times);
  });

  test('GIVEN a manifest deleted from the folder WHEN --check runs THEN it shows the whole file as missing (--- /dev/null, +++ b/out/...) and exits 1', async () => {
    const dir = await compiledExamples();
    const file = path.join(dir, 'out', 'dcae-prh.k8s.yaml');
    const content = fs.readFileSync(file, 'utf8');
    fs.rmSync(file);
    const r = await run(dir, ...CHECK);
    expect(r.status).toBe(1);
    const lines = content.split('\n').slice(0, -1);
    expect(r.stdout).toBe(
      ['--- /dev/null', '+++ b/out/dcae-prh.k8s.yaml', `@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`), ''].join('\n'),
    );
    expect(r.stderr).toBe('out is out of date: 1 file differs (1 missing). Run npm run synth and commit the result.\n');
    expect(fs.existsSync(file)).toBe(false);
  });

  test('GIVEN a component deleted from the specs WHEN --check runs THEN its old manifest is extra (+++ /dev/null), the kustomization and record are stale, and it exits 1', async () => {
    const dir = await compiledExamples();
    fs.rmSync(path.join(dir, 'components', 'prh.yaml'));
    const before = snapshotFolder(path.join(dir, 'out'));
    const r = await run(dir, ...CHECK);
    expect(r.status).toBe(1);
    expect(headers(r.stdout)).toEqual([
      '--- a/out/.dcae-synth-files',
      '+++ b/out/.dcae-synth-files',
      '--- a/out/dcae-prh.k8s.yaml',
      '+++ /dev/null',
      '--- a/out/kustomization.yaml',
      '+++ b/out/kustomization.yaml',
    ]);
    expect(r.stdout).toContain('\n-  - dcae-prh.k8s.yaml\n');
    expect(r.stderr).toBe('out is out of date: 3 files differ (2 stale, 1 extra). Run npm run synth and commit the result.\n');
    expect(snapshotFolder(path.join(dir, 'out'))).toEqual(before);
  });

  test('GIVEN no output folder at all WHEN --check runs THEN every file is missing, it exits 1 and the folder is not created', async () => {
    const dir = withExamples();
    const r = await run(dir, ...CHECK);
    expect(r.status).toBe(1);
    expect(headers(r.stdout)).toEqual(
      ['.dcae-synth-files', ...EXAMPLE_MANIFESTS, 'kustomization.yaml'].flatMap((f) => ['--- /dev/null', `+++ b/out/${f}`]),
    );
    expect(r.stderr).toBe('out is out of date: 6 files differ (6 missing). Run npm run synth and commit the result.\n');
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test('GIVEN a stale folder WHEN --check --quiet runs THEN the diffs are still printed and it exits 1', async () => {
    const dir = await compiledExamples();
    fs.appendFileSync(path.join(dir, 'out', 'dcae-prh.k8s.yaml'), 'extra: line\n');
    const r = await run(dir, ...CHECK, '--quiet');
    expect(r.status).toBe(1);
    expect(headers(r.stdout)).toEqual(['--- a/out/dcae-prh.k8s.yaml', '+++ b/out/dcae-prh.k8s.yaml']);
  });

  test('GIVEN a component moved to another k8s_location, one edited, one deleted, one added WHEN the --check diff is applied with git apply THEN the folder equals a real run and --check passes', async () => {
    const dir = withComponents({
      'a.yaml': component('comp-a', 'k8s_location: edge-1\n'),
      'b.yaml': component('comp-b', 'k8s_location: edge-1\n'),
      'c.yaml': component('comp-c'),
      'd.yaml': component('comp-d'),
    });
    expect((await run(dir, '--components', 'components', '--out', 'out')).status).toBe(0);
    fs.rmSync(path.join(dir, 'components', 'd.yaml'));
    writeComponents(dir, {
      'a.yaml': component('comp-a', 'k8s_location: edge-2\n'),
      'b.yaml': component('comp-b', 'k8s_location: edge-1\nreplicas: 3\n'),
      'e.yaml': component('comp-e'),
    });

    const r = await run(dir, ...CHECK);
    expect(r.status).toBe(1);
    expect(headers(r.stdout)).toEqual([
      '--- a/out/.dcae-synth-files',
      '+++ b/out/.dcae-synth-files',
      '--- a/out/comp-d.k8s.yaml',
      '+++ /dev/null',
      '--- /dev/null',
      '+++ b/out/comp-e.k8s.yaml',
      '--- a/out/edge-1/comp-a.k8s.yaml',
      '+++ /dev/null',
      '--- a/out/edge-1/comp-b.k8s.yaml',
      '+++ b/out/edge-1/comp-b.k8s.yaml',
      '--- a/out/edge-1/kustomization.yaml',
      '+++ b/out/edge-1/kustomization.yaml',
      '--- /dev/null',
      '+++ b/out/edge-2/comp-a.k8s.yaml',
      '--- /dev/null',
      '+++ b/out/edge-2/kustomization.yaml',
      '--- a/out/kustomization.yaml',
      '+++ b/out/kustomization.yaml',
    ]);
    expect(r.stderr).toBe('out is out of date: 9 files differ (4 stale, 2 extra, 3 missing). Run npm run synth and commit the result.\n');

    // The same changes made by a real run, in a copy.
    const copy = path.join(dir, 'real');
    fs.cpSync(path.join(dir, 'out'), copy, { recursive: true });
    expect((await run(dir, '--components', 'components', '--out', 'real')).status).toBe(0);

    fs.writeFileSync(path.join(dir, 'check.patch'), r.stdout);
    const applied = spawnSync('git', ['apply', 'check.patch'], { cwd: dir, encoding: 'utf8', env: childEnv(dir) });
    expect(applied.stderr).toBe('');
    expect(applied.status).toBe(0);
    expect(snapshotFolder(path.join(dir, 'out'))).toEqual(snapshotFolder(copy));
    const again = await run(dir, ...CHECK);
    expect(again.status).toBe(0);
  });

  test('GIVEN a spec with an error WHEN --check runs THEN it reports the error on stderr, prints no diff and exits 1', async () => {
    const dir = await compiledExamples();
    fs.writeFileSync(path.join(dir, 'components', 'bad.yaml'), 'name: Bad_Name\nimage: repo/x:1\n');
    const before = snapshotFolder(path.join(dir, 'out'));
    const r = await run(dir, ...CHECK);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^components\/bad\.yaml:1:7: name: /);
    expect(r.stderr).toMatch(/\n1 error in 1 file; nothing was written to out\n$/);
    expect(snapshotFolder(path.join(dir, 'out'))).toEqual(before);
  });
});
