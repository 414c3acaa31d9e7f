/**
 * The check that the repository holds no copy of outside material (./outside.ts). The check over the real
 * material runs in CI (`npm run outside`, from .ci/run); here it runs on folders the test makes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tmpdir } from '../helpers';
import { CHECKED_FOLDERS, copiesOf, runOutsideCheck } from './outside';

/** A made-up repository and outside folder: one file copied, one of our own, and empty files on both sides. */
function madeUp(): { repo: string; outside: string } {
  const repo = tmpdir();
  const outside = tmpdir();
  fs.mkdirSync(path.join(repo, 'src', 'deep'), { recursive: true });
  fs.mkdirSync(path.join(repo, 'test'));
  fs.mkdirSync(path.join(outside, 'specs'));
  fs.writeFileSync(path.join(outside, 'specs', 'theirs.json'), '{"self": {"name": "theirs"}}\n');
  fs.writeFileSync(path.join(outside, 'empty.txt'), '');
  fs.writeFileSync(path.join(repo, 'src', 'deep', 'copied.json'), '{"self": {"name": "theirs"}}\n');
  fs.writeFileSync(path.join(repo, 'src', 'ours.json'), '{"self": {"name": "ours"}}\n');
  fs.writeFileSync(path.join(repo, 'src', 'empty.ts'), '');
  return { repo, outside };
}

/** Runs the command's logic, capturing what it prints. */
function run(args: string[], root: string): { status: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const status = runOutsideCheck(args, root, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { status, out, err };
}

describe('GIVEN the check that the repository holds no copy of outside material', () => {
  test('WHEN a folder holds a copy of an outside file (and a different file, and an empty one) THEN the check names exactly the copy', () => {
    const { repo, outside } = madeUp();
    expect(copiesOf(repo, ['src'], outside)).toEqual(['src/deep/copied.json = specs/theirs.json']);
  });

  test('WHEN npm run outside finds a copy THEN it names it and exits 1; without one it says so and exits 0', () => {
    const { repo, outside } = madeUp();
    const found = run([outside], repo);
    expect(found.status).toBe(1);
    expect(found.err[0]).toBe('copied from outside: src/deep/copied.json = specs/theirs.json');
    fs.rmSync(path.join(repo, 'src', 'deep', 'copied.json'));
    const clean = run([outside], repo);
    expect(clean).toEqual({
      status: 0,
      out: [`outside material: no file under src/, test/ or components/ is a copy of one in ${outside}`],
      err: [],
    });
  });

  test('WHEN npm run outside is given no folder, or one that does not exist THEN it is a usage error (exit 2)', () => {
    expect(run([], ROOT).status).toBe(2);
    const missing = run([path.join(tmpdir(), 'nowhere')], ROOT);
    expect(missing.status).toBe(2);
    expect(missing.err[0]).toMatch(/nowhere: no such folder; expected the folder of outside material/);
  });

  test('WHEN the repository itself is compared with a folder of its own test fixture and example THEN each is found as a copy (the check reads src/, test/ and components/)', () => {
    const outside = tmpdir();
    fs.copyFileSync(path.join(ROOT, 'test', 'fixtures', 'dcae', 'alarm-sink.json'), path.join(outside, 'x.json'));
    fs.copyFileSync(path.join(ROOT, 'components', 'dcae-hv-ves-collector.json'), path.join(outside, 'y.json'));
    expect(copiesOf(ROOT, CHECKED_FOLDERS, outside)).toEqual([
      'components/dcae-hv-ves-collector.json = y.json',
      'test/fixtures/dcae/alarm-sink.json = x.json',
    ]);
  });
});
