/**
 * The test helpers that other tests rely on: temporary folders that go away by themselves, and runMain(), the
 * in-process CLI that most CLI tests use, which must behave as the real CLI does in the same folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { runCli, runMain, snapshotFolder, tmpdir } from './helpers';

/** A folder holding `components/` with these files (name → YAML text). */
function withComponents(files: Record<string, string>): string {
  const dir = tmpdir('dcae-helpers-');
  fs.mkdirSync(path.join(dir, 'components'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'components', name), text);
  return dir;
}

describe('tmpdir()', () => {
  const madeAtCollection = tmpdir('dcae-helpers-');
  let madeInTest = '';

  test('GIVEN a folder made by tmpdir() in a test WHEN that test runs THEN it exists', () => {
    madeInTest = tmpdir('dcae-helpers-');
    expect(fs.statSync(madeInTest).isDirectory()).toBe(true);
  });

  test('GIVEN the folder made in the previous test WHEN that test has ended THEN it is gone', () => {
    expect(madeInTest).not.toBe('');
    expect(fs.existsSync(madeInTest)).toBe(false);
  });

  test('GIVEN a folder made outside any test WHEN tests have ended since THEN it is still there (it goes after the file)', () => {
    expect(fs.statSync(madeAtCollection).isDirectory()).toBe(true);
  });

  test("GIVEN cdk8s's Testing.app(), which makes a folder in the system temporary folder and never removes it WHEN called in a test THEN that folder is inside the test run's own temporary folder (test/temporary-folder.ts removes it after the run)", () => {
    const own = process.env.TMPDIR!;
    expect(path.basename(own)).toMatch(/^dcae-jest-/);
    expect(path.dirname(Testing.app().outdir)).toBe(own);
    expect(path.dirname(madeAtCollection)).toBe(own);
  });
});

describe('runMain()', () => {
  test('GIVEN runMain in another folder WHEN it returns THEN the working directory and INIT_CWD are as before', async () => {
    const before = { cwd: process.cwd(), initCwd: process.env.INIT_CWD };
    const dir = withComponents({ 'a.yaml': 'name: comp-a\nimage: repo/a:1\n' });
    const r = await runMain(['--out', 'out', '--quiet'], dir);
    expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(fs.existsSync(path.join(dir, 'out', 'comp-a.k8s.yaml'))).toBe(true);
    expect(process.cwd()).toBe(before.cwd);
    expect(process.env.INIT_CWD).toBe(before.initCwd);
  });

  test('GIVEN two runs started together WHEN both end THEN each wrote into its own folder (runs take turns)', async () => {
    const a = withComponents({ 'a.yaml': 'name: comp-a\nimage: repo/a:1\n' });
    const b = withComponents({ 'b.yaml': 'name: comp-b\nimage: repo/b:1\n' });
    const [ra, rb] = await Promise.all([runMain(['--out', 'out', '--quiet'], a), runMain(['--out', 'out', '--quiet'], b)]);
    expect([ra.status, rb.status]).toEqual([0, 0]);
    expect(Object.keys(snapshotFolder(path.join(a, 'out'))).sort()).toEqual(['.dcae-synth-files', 'comp-a.k8s.yaml', 'kustomization.yaml']);
    expect(Object.keys(snapshotFolder(path.join(b, 'out'))).sort()).toEqual(['.dcae-synth-files', 'comp-b.k8s.yaml', 'kustomization.yaml']);
  });

  test('GIVEN a folder with broken specs WHEN runMain and the real CLI run there THEN they give the same exit code, stdout and stderr', async () => {
    const dir = withComponents({
      'a.yaml': 'name: Bad_Name\nimage: repo/a:1\nports: ["8080"]\n',
      'b.yaml': 'name: comp-b\nimage: repo/b:1\nlabels: {app: mine}\n',
    });
    const inProcess = await runMain(['--out', 'out'], dir);
    const real = runCli(['--out', 'out'], dir);
    expect(inProcess.status).toBe(1);
    expect(inProcess.stderr.split('\n')).toHaveLength(5); // three errors, the count line, the final newline
    expect(inProcess).toEqual(real);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test('GIVEN the same components WHEN runMain and the real CLI compile them THEN the output folders are byte-identical', async () => {
    const dir = withComponents({
      'a.yaml': 'name: comp-a\nimage: repo/a:1\nports: ["8080:30080"]\nk8s_location: edge-1\n',
      'b.yaml': 'name: comp-b\nimage: repo/b:1\nlog_info: {log_directory: /logs}\n',
    });
    const inProcess = await runMain(['--out', 'one', '--quiet'], dir);
    const real = runCli(['--out', 'two', '--quiet'], dir);
    expect(inProcess).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(real).toEqual(inProcess);
    const one = snapshotFolder(path.join(dir, 'one'));
    expect(Object.keys(one).sort()).toEqual([
      '.dcae-synth-files',
      'comp-b.k8s.yaml',
      'edge-1/comp-a.k8s.yaml',
      'edge-1/kustomization.yaml',
      'kustomization.yaml',
    ]);
    expect(snapshotFolder(path.join(dir, 'two'))).toEqual(one);
  });
});
