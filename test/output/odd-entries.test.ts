/**
 * Things that are not files where the writer must read or replace one: refused before anything is written,
 * with their path, by synth and by --check; never a crash and never a wait (reading a FIFO would wait for ever).
 * The CLI runs as a child process here, with a time limit, so that a wait would fail the test instead of hanging it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { RECORD_FILE } from '../../src/output/write';
import { CLI, component, mtimes, runReal, withComponents } from '../helpers';

const RUN = ['--components', 'components', '--out', 'out'];

/** A compiled folder, then `make` turns one of its paths into something else. */
async function compiledThen(make: (out: string) => void): Promise<{ dir: string; out: string }> {
  const dir = withComponents({ 'a.yaml': component('comp-a'), 'b.yaml': component('comp-b') });
  const first = runReal(dir, ...RUN);
  expect(first.status).toBe(0);
  const out = path.join(dir, 'out');
  make(out);
  return { dir, out };
}

const fifo = (file: string) => {
  fs.rmSync(file, { force: true });
  expect(spawnSync('mkfifo', [file]).status).toBe(0);
};

describe('GIVEN the output folder', () => {
  test.each([
    [
      'a FIFO at a manifest path',
      (out: string) => fifo(path.join(out, 'comp-a.k8s.yaml')),
      'out/comp-a.k8s.yaml: is a FIFO (named pipe), not a file',
    ],
    ['a FIFO as the record', (out: string) => fifo(path.join(out, RECORD_FILE)), `out/${RECORD_FILE}: is a FIFO (named pipe), not a file`],
    [
      'a folder where a recorded manifest was',
      (out: string) => {
        fs.rmSync(path.join(out, 'comp-a.k8s.yaml'));
        fs.mkdirSync(path.join(out, 'comp-a.k8s.yaml'));
      },
      'out/comp-a.k8s.yaml: is a folder, not a file',
    ],
  ])(
    'GIVEN %s WHEN synth and --check run THEN each refuses it up front (exit 1, the path named), writes nothing, and does not wait',
    async (_what, make, message) => {
      const { dir, out } = await compiledThen(make);
      fs.writeFileSync(path.join(dir, 'components', 'b.yaml'), component('comp-b', 'replicas: 2\n')); // something to write
      const before = mtimes(out);
      for (const extra of [[], ['--check']]) {
        const r = spawnSync(process.execPath, [CLI, ...RUN, ...extra], {
          cwd: dir,
          encoding: 'utf8',
          timeout: 20_000,
        });
        expect(r.signal).toBeNull();
        expect(r.status).toBe(1);
        expect(r.stderr).toContain(
          `${message}; expected a file the compiler can read and replace, or nothing. Move it away, then run again\nnothing was written to out\n`,
        );
      }
      expect(mtimes(out)).toEqual(before);
    },
  );
});
