/**
 * One writer at a time: the output folder's lock (`<out>/.dcae-synth/lock`), the journal of a run that did not
 * finish, and what `--check` says about it.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OutputFile } from '../../src/output/output-file';
import { FileSystem, FolderLocked, readJournal, RECORD_FILE, recordFile, STATE_FOLDER, syncFolder } from '../../src/output/write';
import { CliResult, component, run, runReal, snapshotFolder, tmpdir, withComponents } from '../helpers';

const A: OutputFile[] = [
  { path: 'a.k8s.yaml', content: 'kind: A\n' },
  { path: 'kustomization.yaml', content: 'resources:\n- a.k8s.yaml\n' },
];
const B: OutputFile[] = [
  { path: 'b.k8s.yaml', content: 'kind: B\n' },
  { path: 'kustomization.yaml', content: 'resources:\n- b.k8s.yaml\n' },
];
const folderOf = (set: readonly OutputFile[]) => ({
  ...Object.fromEntries(set.map((f) => [f.path, f.content])),
  [RECORD_FILE]: recordFile(set).content,
});

/** Writes a lock file as another run would have left it. */
function writeLock(out: string, holder: object | string): string {
  const file = path.join(out, STATE_FOLDER, 'lock');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof holder === 'string' ? holder : `${JSON.stringify(holder)}\n`);
  return file;
}

/** The pid of a process that has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('GIVEN a run that writes the folder', () => {
  test('WHEN a second run (a real process) starts in the middle of its writes THEN the second is refused, naming the first, and the first finishes', () => {
    const dir = withComponents({ 'b.yaml': component('comp-b') });
    const out = path.join(dir, 'out');
    let second: CliResult | undefined;
    const meddling: FileSystem = {
      ...fs,
      renameSync: (from: fs.PathLike, to: fs.PathLike) => {
        if (String(to).endsWith('a.k8s.yaml') && second === undefined) second = runReal(dir, '--components', 'components', '--out', 'out');
        fs.renameSync(from, to);
      },
    };
    syncFolder(out, A, meddling);
    expect(second?.status).toBe(1);
    expect(second?.stderr).toMatch(
      new RegExp(
        `^error: out is being written by another run \\(pid ${process.pid} on host ${os.hostname().replace(/\./g, '\\.')}, since \\d{4}-\\d\\d-\\d\\dT[^)]*\\); nothing was written`,
      ),
    );
    expect(snapshotFolder(out)).toEqual(folderOf(A));
  });

  test("WHEN the run that held the lock removes the writer's folder just as this run makes its lock THEN this run tries again and writes (found by npm run faults)", () => {
    const out = tmpdir();
    let removed = false;
    const racing: FileSystem = {
      ...fs,
      openSync: ((file: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
        if (!removed && String(file).includes(`${STATE_FOLDER}${path.sep}lock-`)) {
          removed = true;
          fs.rmSync(path.join(out, STATE_FOLDER), { recursive: true, force: true }); // the other run's release
        }
        return fs.openSync(file, flags ?? 'r', mode);
      }) as typeof fs.openSync,
    };
    syncFolder(out, A, racing);
    expect(removed).toBe(true);
    expect(snapshotFolder(out)).toEqual(folderOf(A));
  });

  test('WHEN a live process holds the lock THEN the CLI refuses at once: exit 1, the holder and the lock named, nothing written', async () => {
    const dir = withComponents({ 'a.yaml': component('comp-a') });
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      writeLock(path.join(dir, 'out'), { pid: sleeper.pid, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' });
      const r = await run(dir, '--components', 'components', '--out', 'out');
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(
        `error: out is being written by another run (pid ${sleeper.pid} on host ${os.hostname()}, since 2026-01-01T00:00:00.000Z); nothing was written. ` +
          'Run again once it has finished (if that run is gone and this message stays, remove out/.dcae-synth/lock)\n',
      );
      expect(Object.keys(snapshotFolder(path.join(dir, 'out')))).toEqual([`${STATE_FOLDER}/lock`]);
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  test.each([
    [
      'another host',
      { pid: 1, host: 'elsewhere.example.org', since: '2026-01-01T00:00:00.000Z' },
      'pid 1 on host elsewhere.example.org, since 2026-01-01T00:00:00.000Z',
    ],
    ['garbage', 'not json', 'a lock file that cannot be read'],
  ])('WHEN the lock is held from %s THEN the run is refused (it cannot tell whether that run is gone)', (_what, holder, described) => {
    const out = tmpdir();
    writeLock(out, holder);
    expect(() => syncFolder(out, A)).toThrow(FolderLocked);
    try {
      syncFolder(out, A);
    } catch (e) {
      expect((e as FolderLocked).holder).toBe(described);
    }
    expect(fs.existsSync(path.join(out, 'a.k8s.yaml'))).toBe(false);
  });

  test('WHEN the lock was left by a process of this host that is gone THEN the run takes it over, says so, and leaves no lock behind', async () => {
    const dir = withComponents({ 'a.yaml': component('comp-a') });
    const pid = deadPid();
    writeLock(path.join(dir, 'out'), { pid, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' });
    const r = await run(dir, '--components', 'components', '--out', 'out');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      `warning: out: took over the lock of a run that is gone (pid ${pid} on host ${os.hostname()}, since 2026-01-01T00:00:00.000Z)\n`,
    );
    expect(fs.existsSync(path.join(dir, 'out', STATE_FOLDER))).toBe(false);
    expect(Object.keys(snapshotFolder(path.join(dir, 'out'))).sort()).toEqual([RECORD_FILE, 'comp-a.k8s.yaml', 'kustomization.yaml']);
  });
});

describe('GIVEN what runs killed while they took the lock left (a lock written or moved aside)', () => {
  test('WHEN a run writes THEN those of processes that are gone are removed, with the folder; one of a live process stays', () => {
    const out = path.join(tmpdir(), 'out');
    const state = path.join(out, STATE_FOLDER);
    fs.mkdirSync(state, { recursive: true });
    const [killedWriting, killedTakingOver] = [deadPid(), deadPid()];
    fs.writeFileSync(path.join(state, `lock-${killedWriting}.new`), '');
    fs.writeFileSync(
      path.join(state, `lock-${killedTakingOver}.stale`),
      `${JSON.stringify({ pid: 1, host: os.hostname(), since: 'x' })}\n`,
    );
    syncFolder(out, A);
    expect(fs.existsSync(state)).toBe(false);
    expect(snapshotFolder(out)).toEqual(folderOf(A));
    // A live process's aside (this one's parent, which might be taking the lock right now) stays.
    fs.mkdirSync(state);
    const live = `lock-${process.ppid}.new`;
    fs.writeFileSync(path.join(state, live), '');
    syncFolder(out, B);
    expect(fs.readdirSync(state)).toEqual([live]);
    expect(snapshotFolder(out)).toEqual({ ...folderOf(B), [`${STATE_FOLDER}/${live}`]: '' });
  });
});

describe('GIVEN a run that did not finish (its journal is there)', () => {
  /** The folder as a run from A to B leaves it when it stops after writing b.k8s.yaml. */
  function stopped(): string {
    const out = tmpdir();
    syncFolder(out, A);
    const dying: FileSystem = {
      ...fs,
      renameSync: (from: fs.PathLike, to: fs.PathLike) => {
        fs.renameSync(from, to);
        if (String(to).endsWith('b.k8s.yaml')) throw Object.assign(new Error('EIO: stopped'), { code: 'EIO' });
      },
    };
    expect(() => syncFolder(out, B, dying)).toThrow('b.k8s.yaml: EIO: stopped');
    return out;
  }

  test("WHEN the folder is read THEN the journal lists both runs' files, and the old kustomization lists only files that are there", () => {
    const out = stopped();
    expect(readJournal(out)).toEqual(['a.k8s.yaml', 'b.k8s.yaml', 'kustomization.yaml']);
    expect(fs.readFileSync(path.join(out, 'kustomization.yaml'), 'utf8')).toBe('resources:\n- a.k8s.yaml\n');
  });

  test('WHEN --check runs, even with the new input THEN it says the last run did not finish and exits 1', async () => {
    const dir = withComponents({ 'a.yaml': component('comp-a') });
    expect((await run(dir, '--components', 'components', '--out', 'out')).status).toBe(0);
    const journal = path.join(dir, 'out', STATE_FOLDER, 'journal');
    fs.mkdirSync(path.dirname(journal));
    fs.writeFileSync(journal, 'comp-a.k8s.yaml\n');
    const r = await run(dir, '--components', 'components', '--out', 'out', '--check');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'out: the last run into this folder did not finish (it was stopped while writing: its journal out/.dcae-synth/journal is there); run synth to finish it\n',
    );
    const again = await run(dir, '--components', 'components', '--out', 'out');
    expect(again.stderr).toBe('warning: out: the last run into it did not finish; this run finished it\n');
    expect((await run(dir, '--components', 'components', '--out', 'out', '--check')).status).toBe(0);
  });

  test("WHEN the next run writes THEN the folder is exactly the new one, and the journal and the writer's folder are gone", () => {
    const out = stopped();
    const result = syncFolder(out, B);
    expect(result.repaired).toBe(true);
    expect(snapshotFolder(out)).toEqual(folderOf(B));
  });
});
