import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { OutputFile } from '../../src/output/output-file';
import { FileSystem, ownedFiles, readJournal, readRecord, recordFile, RECORD_FILE, STATE_FOLDER, syncFolder } from '../../src/output/write';
import { childEnv, CLI, runMain, snapshotFolder, tmpdir } from '../helpers';

class Crash extends Error {}

/**
 * A file system that dies at its n-th mutating call, as a kill at that moment would leave the disk: a write that
 * dies leaves half of its bytes behind, and nothing after it happens (not even the writer's clean-up).
 */
function crashingFs(n: number): { fs: FileSystem; calls: () => number } {
  let count = 0;
  let dead = false;
  const step = (what: string) => {
    if (dead) throw new Crash(`dead before ${what}`);
    count += 1;
    if (count === n) {
      dead = true;
      return true;
    }
    return false;
  };
  const guard =
    <A extends unknown[], R>(what: string, f: (...a: A) => R) =>
    (...a: A): R => {
      if (step(what)) throw new Crash(`killed before ${what}`);
      return f(...a);
    };
  const fake = {
    ...fs,
    openSync: guard('open', fs.openSync),
    writeSync: ((fd: number, data: string) => {
      if (step('write')) {
        fs.writeSync(fd, data.slice(0, Math.floor(data.length / 2)));
        throw new Crash('killed while writing');
      }
      return fs.writeSync(fd, data);
    }) as typeof fs.writeSync,
    fsyncSync: guard('fsync', fs.fsyncSync),
    fdatasyncSync: guard('fdatasync', fs.fdatasyncSync),
    renameSync: guard('rename', fs.renameSync),
    rmSync: guard('rm', fs.rmSync),
    mkdirSync: guard('mkdir', fs.mkdirSync) as typeof fs.mkdirSync,
    rmdirSync: guard('rmdir', fs.rmdirSync) as typeof fs.rmdirSync,
    linkSync: guard('link', fs.linkSync),
  } as FileSystem;
  return { fs: fake, calls: () => count };
}

const files = (entries: Record<string, string>): OutputFile[] => Object.entries(entries).map(([p, content]) => ({ path: p, content }));

// Before: a, b, c and edge/e. After: a changed, b deleted, c unchanged, d new, e moved from edge/ to core/; each folder's kustomization lists its manifests.
const OLD = files({
  'a.k8s.yaml': 'kind: A\nv: 1\n',
  'b.k8s.yaml': 'kind: B\nv: 1\n',
  'c.k8s.yaml': 'kind: C\nv: 1\n',
  'edge/e.k8s.yaml': 'kind: E\nv: 1\n',
  'edge/kustomization.yaml': 'resources:\n- e.k8s.yaml\n',
  'kustomization.yaml': 'resources:\n- a.k8s.yaml\n- b.k8s.yaml\n- c.k8s.yaml\n',
});
const NEW = files({
  'a.k8s.yaml': 'kind: A\nv: 2\n',
  'c.k8s.yaml': 'kind: C\nv: 1\n',
  'core/e.k8s.yaml': 'kind: E\nv: 2\n',
  'core/kustomization.yaml': 'resources:\n- e.k8s.yaml\n',
  'd.k8s.yaml': 'kind: D\nv: 2\n',
  'kustomization.yaml': 'resources:\n- a.k8s.yaml\n- c.k8s.yaml\n- d.k8s.yaml\n',
});
const USER_FILES = { 'README.md': '# our GitOps repo\n', '.gitkeep': '', '.notes.synth-1.tmp': 'named like an old temporary file\n' };

/** A folder's files as a run leaves them: each output file with its bytes, and the record. */
const folderOf = (set: readonly OutputFile[]) => ({
  ...USER_FILES,
  ...Object.fromEntries(set.map((f) => [f.path, f.content])),
  [RECORD_FILE]: recordFile(set).content,
});

function prepare(): string {
  const dir = tmpdir('dcae-crash-');
  for (const [f, c] of Object.entries(USER_FILES)) fs.writeFileSync(path.join(dir, f), c);
  syncFolder(dir, OLD);
  return dir;
}

describe('a run killed at any moment', () => {
  // Count the steps of one uninterrupted run, then kill a run at each of them in turn.
  const probe = crashingFs(0);
  syncFolder(prepare(), NEW, probe.fs);
  const steps = probe.calls();

  test('GIVEN the scenario WHEN it runs uninterrupted THEN it takes several file-system steps to kill at', () => {
    expect(steps).toBeGreaterThanOrEqual(20);
  });

  test.each(Array.from({ length: steps }, (_, i) => i + 1))(
    'GIVEN a run killed at step %i WHEN the folder is read THEN every file is whole (old or new), no kustomization lists a missing file, the folder is the old one, the new one, or says it is unfinished; and the next run completes it',
    (n) => {
      const dir = prepare();
      expect(() => syncFolder(dir, NEW, crashingFs(n).fs)).toThrow(Crash);

      const after = snapshotFolder(dir);
      const versions = (p: string) => [OLD, NEW].flatMap((set) => set.filter((f) => f.path === p).map((f) => f.content));
      const mine = Object.fromEntries(Object.entries(after).filter(([f]) => !f.startsWith(`${STATE_FOLDER}/`)));
      for (const [file, bytes] of Object.entries(mine)) {
        if (file in USER_FILES) expect(bytes).toBe(USER_FILES[file as keyof typeof USER_FILES]);
        else if (file === RECORD_FILE) expect([recordFile(OLD).content, recordFile(NEW).content]).toContain(bytes);
        else expect(versions(file)).toContain(bytes);
      }
      // No kustomization names a file that is not there.
      for (const [file, bytes] of Object.entries(mine).filter(([f]) => path.posix.basename(f) === 'kustomization.yaml')) {
        for (const listed of bytes.split('\n').filter((l) => l.startsWith('- ')))
          expect(Object.keys(mine)).toContain(path.posix.join(path.posix.dirname(file), listed.slice(2)));
      }
      // Every file left is one the compiler owns (its record or the journal), so that the next run can finish the job.
      const owned = new Set(ownedFiles(dir));
      for (const file of Object.keys(mine)) if (!(file in USER_FILES) && file !== RECORD_FILE) expect(owned.has(file)).toBe(true);
      // A folder that is neither the old nor the new one says so: the journal is there (--check reports it).
      const same = (a: Record<string, string>, b: Record<string, string>) =>
        JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
      const whole = same(mine, folderOf(OLD)) || same(mine, folderOf(NEW));
      if (!whole) expect(readJournal(dir)).toBeDefined();

      syncFolder(dir, NEW);
      expect(snapshotFolder(dir)).toEqual(folderOf(NEW));
      expect(readRecord(dir)).toEqual(NEW.map((f) => f.path).sort());
    },
  );
});

describe('a real process killed with SIGKILL', () => {
  const COUNT = 200;
  const specs = (tag: string) =>
    Object.fromEntries(
      Array.from({ length: COUNT }, (_, i) => [
        `c${String(i).padStart(3, '0')}.yaml`,
        `name: comp-${i}\nimage: repo/comp:${tag}\nports: ["${8000 + (i % 50)}:0"]\nlog_info: {log_directory: /var/log/comp}\n`,
      ]),
    );
  const write = (dir: string, set: Record<string, string>) => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const [f, c] of Object.entries(set)) fs.writeFileSync(path.join(dir, f), c);
  };

  test('GIVEN a fleet being recompiled WHEN the CLI is killed at several moments THEN each manifest is the old or the new one, and a rerun completes', async () => {
    const work = tmpdir('dcae-kill-');
    write(path.join(work, 'v1'), specs('1.0'));
    write(path.join(work, 'v2'), specs('2.0'));
    // The old and new folders, and each rerun after a kill, come from main() in this process; only the killed run is a real process.
    expect((await runMain(['--components', 'v1', '--out', 'old', '--quiet'], work)).status).toBe(0);
    expect((await runMain(['--components', 'v2', '--out', 'new', '--quiet'], work)).status).toBe(0);
    const oldFiles = snapshotFolder(path.join(work, 'old'));
    const newFiles = snapshotFolder(path.join(work, 'new'));

    for (const delay of [200, 400, 600]) {
      fs.rmSync(path.join(work, 'out'), { recursive: true, force: true });
      fs.cpSync(path.join(work, 'old'), path.join(work, 'out'), { recursive: true });
      const child = spawn(process.execPath, [CLI, '--components', 'v2', '--out', 'out', '--quiet'], {
        cwd: work,
        stdio: 'ignore',
        env: childEnv(work),
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      const code = await exited;
      const now = snapshotFolder(path.join(work, 'out'));
      const manifests = Object.keys(now).filter((f) => f.endsWith('.k8s.yaml'));
      expect(manifests.length).toBe(COUNT);
      for (const f of manifests) expect([oldFiles[f], newFiles[f]]).toContain(now[f]);
      if (code !== null) expect(code).toBe(0); // it finished before the kill

      expect((await runMain(['--components', 'v2', '--out', 'out', '--quiet'], work)).status).toBe(0);
      expect(snapshotFolder(path.join(work, 'out'))).toEqual(newFiles);
    }
  }, 120000);
});
