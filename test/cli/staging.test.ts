/**
 * Staging through the command line (main() in this process, where everything renders on this thread): a writing
 * run that renders many components stages each manifest as it is rendered and only renames it into place; a
 * --check run, or an up-to-date run served by the render cache, never takes the lock nor stages anything.
 */
import * as fs from 'fs';
import * as path from 'path';
import { compile } from '../../src/compile';
import { readComponentsFolder } from '../../src/cli/read-folder';
import { PARALLEL_THRESHOLD } from '../../src/output/parallel';
import { STATE_FOLDER } from '../../src/output/write';
import { fakeConsole, snapshotFolder, withComponents } from '../helpers';

// The command line with the real staging, watched (how many manifests each run staged): loaded apart, so that
// its modules use the watched staging.
let main: typeof import('../../src/cli/run').main;
let stagings: jest.MockedFunction<typeof import('../../src/output/stage').stageFile>;
jest.isolateModules(() => {
  jest.doMock('../../src/output/stage', () => {
    const actual = jest.requireActual('../../src/output/stage');
    return { ...actual, stageFile: jest.fn(actual.stageFile) };
  });
  main = (require('../../src/cli/run') as typeof import('../../src/cli/run')).main;
  stagings = (require('../../src/output/stage') as { stageFile: typeof stagings }).stageFile;
});

/** `n` small components. */
function fleet(n: number): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: n }, (_, i) => [`c${String(i).padStart(3, '0')}.yaml`, `name: comp-${i}\nimage: repo/comp:1.${i}\n`]),
  );
}

/** Runs the command line in `dir` as the bundle would (with a build hash), counting the files it stages. */
async function synth(dir: string, args: string[]) {
  const io = fakeConsole(false);
  stagings.mockClear();
  const status = await main(['--components', 'components', '--out', 'out', ...args], io, { cwd: dir, build: 'build-a' });
  const staged = (await Promise.all(stagings.mock.results.map((r) => r.value))).filter((aside) => aside !== undefined).length;
  return { status, staged, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

const N = PARALLEL_THRESHOLD + 6;

describe(`GIVEN ${N} components`, () => {
  test('WHEN a fresh run writes them THEN every manifest is staged, the output equals a run that did not stage, and nothing of the compiler is left but its record', async () => {
    const dir = withComponents(fleet(N));
    const first = await synth(dir, ['--cache', 'off']);
    expect(first.status).toBe(0);
    expect(first.staged).toBe(N);
    // The same bytes with --check (which never stages): nothing differs.
    const check = await synth(dir, ['--cache', 'off', '--check']);
    expect(check.status).toBe(0);
    expect(check.staged).toBe(0);
    expect(fs.existsSync(path.join(dir, 'out', STATE_FOLDER))).toBe(false);
    // A fresh run into the up-to-date folder stages nothing (the folder has those bytes) and changes nothing.
    const before = snapshotFolder(path.join(dir, 'out'));
    const again = await synth(dir, ['--cache', 'off']);
    expect(again.staged).toBe(0);
    expect(again.stdout).toMatch(/nothing changed/);
    expect(snapshotFolder(path.join(dir, 'out'))).toEqual(before);
  });

  test('WHEN the render cache serves a run THEN nothing is staged; WHEN the platform changes THEN every component renders and is staged again', async () => {
    const dir = withComponents(fleet(N));
    expect((await synth(dir, ['--cache', '.cache'])).staged).toBe(N);
    const upToDate = await synth(dir, ['--cache', '.cache']);
    expect(upToDate.staged).toBe(0);
    expect(upToDate.stdout).toMatch(new RegExp(`\\(${N} unchanged, not rendered again\\)`));
    fs.writeFileSync(path.join(dir, 'components', 'platform.yaml'), 'namespace: elsewhere\n');
    const moved = await synth(dir, ['--cache', '.cache']);
    expect(moved.status).toBe(0);
    expect(moved.staged).toBe(N);
    const plain = withComponents({ ...fleet(N), 'platform.yaml': 'namespace: elsewhere\n' });
    expect((await synth(plain, ['--cache', 'off'])).status).toBe(0);
    expect(snapshotFolder(path.join(dir, 'out'))).toEqual(snapshotFolder(path.join(plain, 'out')));
  });

  test('WHEN a run with Helm charts and a changed Deployment selector stages them THEN the charts and the warning come from the staged texts, as an in-process compile gives them', async () => {
    const dir = withComponents(fleet(N));
    expect((await synth(dir, ['--cache', 'off', '--helm-chart', 'fleet', '--chart-version', '0.1.0'])).status).toBe(0);
    // A label of the selector changes: the run reads the old manifest and the staged new one to say so.
    fs.writeFileSync(path.join(dir, 'components', 'c000.yaml'), 'name: comp-0\nimage: repo/comp:1.0\nlabels: {tier: edge}\n');
    const r = await synth(dir, ['--cache', 'off', '--helm-chart', 'fleet', '--chart-version', '0.1.0']);
    expect(r.status).toBe(0);
    expect(r.staged).toBe(1);
    expect(r.stderr).toMatch(/^warning: out\/comp-0\.k8s\.yaml: .*selector/m);
    const written = snapshotFolder(path.join(dir, 'out'));
    const expected = compile(readComponentsFolder('components', dir), { helm: { name: 'fleet', version: '0.1.0' } }).files;
    const templates = expected.filter((f) => f.path.includes('/templates/'));
    expect(templates.length).toBe(N);
    for (const f of [...templates, ...expected.filter((e) => e.path.endsWith('.k8s.yaml'))])
      expect([f.path, written[f.path]]).toEqual([f.path, f.content]);
    expect(written['comp-0.k8s.yaml']).toContain('tier: edge');
  });

  test('WHEN one spec has an error THEN nothing is staged nor written, and the output folder the lock made is removed again', async () => {
    const dir = withComponents({ ...fleet(N), 'zz-bad.yaml': 'name: Bad_Name\nimage: repo/x:1\n' });
    const r = await synth(dir, ['--cache', 'off']);
    expect(r.status).toBe(1);
    expect(r.staged).toBe(0);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});
