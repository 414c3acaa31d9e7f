/**
 * The summary: one line per run (components compiled, files new/changed/removed/unchanged, time); a progress
 * bar on a terminal when there are more than 200 components; --quiet prints only errors.
 */
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../src/cli/run';
import { component, fakeConsole, run, runReal, SUMMARY, tmpdir, withComponents, withExamples, writeComponents } from '../helpers';

const RUN = ['--components', 'components', '--out', 'out'];

/** A components folder of `n` minimal components (c001, c002, ...), and the output folder beside it. */
function fleet(n: number): { components: string; out: string } {
  const dir = tmpdir('dcae-fleet-');
  const components = path.join(dir, 'components');
  fs.mkdirSync(components);
  for (let i = 1; i <= n; i++) {
    const name = `c${String(i).padStart(3, '0')}`;
    fs.writeFileSync(path.join(components, `${name}.yaml`), component(name));
  }
  return { components, out: path.join(dir, 'out') };
}

const BAR = /^\[([#.]{30})\] (\d+)\/(\d+) components$/;

describe('one summary line per run', () => {
  test('GIVEN the examples and no output folder WHEN the CLI runs THEN stdout is exactly one line: 4 components, 5 new files, the time', async () => {
    const dir = withExamples();
    const r = await run(dir, ...RUN);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^compiled 4 components into out in \d+\.\d\d s; files: 5 new, 0 changed, 0 removed, 0 unchanged\n$/);
  });

  test('GIVEN an up-to-date folder WHEN the CLI runs THEN the one line says nothing changed and how many files are up to date', async () => {
    const dir = withExamples();
    await run(dir, ...RUN);
    const r = await run(dir, ...RUN);
    expect(r.stdout).toMatch(/^compiled 4 components into out in \d+\.\d\d s; nothing changed \(5 files up to date\)\n$/);
  });

  test('GIVEN one component added, one edited and one deleted WHEN the CLI runs THEN the line counts 1 new, 2 changed (manifest and kustomization), 1 removed, 2 unchanged', async () => {
    const dir = withExamples();
    await run(dir, ...RUN);
    fs.rmSync(path.join(dir, 'components', 'prh.yaml'));
    const ves = path.join(dir, 'components', 'ves.yaml');
    fs.writeFileSync(ves, fs.readFileSync(ves, 'utf8').replace('replicas: 1', 'replicas: 2'));
    writeComponents(dir, { 'new.yaml': component('comp-new') });
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(0);
    const m = SUMMARY.exec(r.stdout.replace(/\n$/, ''));
    expect(m).not.toBeNull();
    expect(m!.slice(1, 7)).toEqual(['4', 'out', '1', '2', '1', '2']);
    expect(r.stdout.split('\n')).toHaveLength(2);
  });

  test('GIVEN one component WHEN the CLI runs THEN the line uses the singular', async () => {
    const dir = withComponents({ 'a.yaml': component('comp-a') });
    const r = await run(dir, ...RUN);
    expect(r.stdout).toMatch(/^compiled 1 component into out in \d+\.\d\d s; files: 2 new, 0 changed, 0 removed, 0 unchanged\n$/);
    const again = await run(dir, ...RUN);
    expect(again.stdout).toMatch(/; nothing changed \(2 files up to date\)\n$/);
  });
});

describe('--quiet', () => {
  test('GIVEN --quiet WHEN a run writes files THEN nothing is printed at all, and the files are written', async () => {
    const dir = withExamples();
    const r = await run(dir, ...RUN, '--quiet');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    expect(fs.existsSync(path.join(dir, 'out', 'dcae-prh.k8s.yaml'))).toBe(true);
  });

  test('GIVEN --quiet WHEN a spec has an error THEN the error is still printed on stderr and it exits 1', async () => {
    const dir = withComponents({ 'a.yaml': 'name: comp\n' });
    const r = await run(dir, ...RUN, '--quiet');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^components\/a\.yaml:1:1: /);
    expect(r.stderr).toMatch(/\n1 error in 1 file; nothing was written to out\n$/);
  });

  test('GIVEN --quiet WHEN there is a conflict THEN the conflict is still printed on stderr and it exits 1', async () => {
    const dir = withExamples();
    fs.mkdirSync(path.join(dir, 'out'));
    fs.writeFileSync(path.join(dir, 'out', 'kustomization.yaml'), 'mine\n');
    const r = await run(dir, ...RUN, '--quiet');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('out/kustomization.yaml: exists and was not written by npm run synth');
  });
});

describe('the progress bar', () => {
  test('GIVEN 201 components and a terminal WHEN main() runs THEN the progress line is redrawn with a growing bar, cleared at the end, and never printed as a line', async () => {
    const { components, out } = fleet(201);
    const io = fakeConsole(true);
    expect(await main(['--components', components, '--out', out], io)).toBe(0);
    expect(io.stderr).toEqual([]);
    expect(io.stdout).toHaveLength(1);
    expect(io.stdout[0]).toMatch(
      new RegExp(
        `^compiled 201 components into ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} in \\d+\\.\\d\\d s; files: 202 new, 0 changed, 0 removed, 0 unchanged$`,
      ),
    );

    expect(io.bars.length).toBeGreaterThan(10);
    expect(io.bars.length).toBeLessThanOrEqual(101);
    expect(io.bars[io.bars.length - 1]).toBe('');
    const drawn = io.bars.slice(0, -1).map((b) => {
      const m = BAR.exec(b);
      if (!m) throw new Error(`not a progress line: ${JSON.stringify(b)}`);
      return { filled: m[1].replace(/\./g, '').length, done: Number(m[2]), total: Number(m[3]) };
    });
    expect(drawn.every((d) => d.total === 201)).toBe(true);
    expect(drawn[0].done).toBe(1);
    for (let i = 1; i < drawn.length; i++) {
      expect(drawn[i].done).toBeGreaterThan(drawn[i - 1].done);
      expect(drawn[i].filled).toBeGreaterThanOrEqual(drawn[i - 1].filled);
    }
    expect(drawn[drawn.length - 1].done).toBeLessThan(201);
    expect(drawn[drawn.length - 1].filled).toBe(30);
    expect(io.bars.slice(0, -1).every((b) => b !== '')).toBe(true);
  });

  test('GIVEN exactly 200 components and a terminal WHEN main() runs THEN no progress bar is drawn', async () => {
    const { components, out } = fleet(200);
    const io = fakeConsole(true);
    expect(await main(['--components', components, '--out', out], io)).toBe(0);
    expect(io.bars).toEqual([]);
    expect(io.stdout).toHaveLength(1);
  });

  test('GIVEN 201 components and --quiet on a terminal WHEN main() runs THEN nothing is drawn or printed', async () => {
    const { components, out } = fleet(201);
    const io = fakeConsole(true);
    expect(await main(['--components', components, '--out', out, '--quiet'], io)).toBe(0);
    expect(io.bars).toEqual([]);
    expect(io.stdout).toEqual([]);
    expect(io.stderr).toEqual([]);
    expect(fs.readdirSync(out)).toHaveLength(203);
  });

  test('GIVEN 201 components and stderr not a terminal WHEN main() runs THEN there is only the summary line', async () => {
    const { components, out } = fleet(201);
    const io = fakeConsole(false);
    expect(await main(['--components', components, '--out', out], io)).toBe(0);
    expect(io.stderr).toEqual([]);
    expect(io.stdout).toHaveLength(1);
    expect(io.stdout[0]).toMatch(/^compiled 201 components into .* 202 new, 0 changed, 0 removed, 0 unchanged$/);
  });

  test('GIVEN 201 components WHEN the real CLI runs with stderr piped (not a terminal) THEN stderr holds no progress line', () => {
    const { components, out } = fleet(201);
    const r = runReal(path.dirname(components), '--components', 'components', '--out', 'out');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(fs.readdirSync(out)).toHaveLength(203);
  });

  test('GIVEN 201 components up to date and a terminal WHEN main() runs --check THEN the bar is cleared and the one line says up to date', async () => {
    const { components, out } = fleet(201);
    await main(['--components', components, '--out', out, '--quiet'], fakeConsole(false));
    const io = fakeConsole(true);
    expect(await main(['--components', components, '--out', out, '--check'], io)).toBe(0);
    expect(io.bars[io.bars.length - 1]).toBe('');
    expect(io.stdout).toHaveLength(1);
    expect(io.stdout[0]).toMatch(/ is up to date: 201 components, 202 files, checked in \d+\.\d\d s$/);
  });
});
