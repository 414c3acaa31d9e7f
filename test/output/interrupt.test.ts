import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { OutputFile } from '../../src/output/synthesize';
import { FileSystem, readRecord, recordFile, RECORD_FILE, syncFolder } from '../../src/output/write';
import { childEnv, CLI, runMain, snapshotFolder, tmpdir } from '../helpers';

class Crash extends Error {}

/**
 * A file system that dies at its n-th mutating call. A write that dies leaves half of its bytes behind,
 * as a kill in the middle of a write would.
 */
function crashingFs(n: number): { fs: FileSystem; calls: () => number } {
  let count = 0;
  const step = () => {
    count += 1;
    return count === n;
  };
  const fake = {
    ...fs,
    writeFileSync: (file: fs.PathOrFileDescriptor, data: string, options?: fs.WriteFileOptions) => {
      if (step()) {
        fs.writeFileSync(file, data.slice(0, Math.floor(data.length / 2)), options);
        throw new Crash(`killed while writing ${String(file)}`);
      }
      fs.writeFileSync(file, data, options);
    },
    renameSync: (a: fs.PathLike, b: fs.PathLike) => {
      if (step()) throw new Crash('killed before rename');
      fs.renameSync(a, b);
    },
    rmSync: (p: fs.PathLike, o?: fs.RmOptions) => {
      if (step()) throw new Crash('killed before remove');
      fs.rmSync(p, o);
    },
    mkdirSync: ((p: fs.PathLike, o?: fs.MakeDirectoryOptions) => {
      if (step()) throw new Crash('killed before mkdir');
      return fs.mkdirSync(p, o);
    }) as typeof fs.mkdirSync,
    rmdirSync: (p: fs.PathLike) => {
      if (step()) throw new Crash('killed before rmdir');
      fs.rmdirSync(p);
    },
  } as FileSystem;
  return { fs: fake, calls: () => count };
}

const files = (entries: Record<string, string>): OutputFile[] => Object.entries(entries).map(([p, content]) => ({ path: p, content }));

// Before: a, b, c and edge/e. After: a changed, b deleted, c unchanged, d new, e moved from edge/ to core/.
const OLD = files({
  'a.k8s.yaml': 'kind: A\nv: 1\n',
  'b.k8s.yaml': 'kind: B\nv: 1\n',
  'c.k8s.yaml': 'kind: C\nv: 1\n',
  'edge/e.k8s.yaml': 'kind: E\nv: 1\n',
});
const NEW = files({
  'a.k8s.yaml': 'kind: A\nv: 2\n',
  'c.k8s.yaml': 'kind: C\nv: 1\n',
  'd.k8s.yaml': 'kind: D\nv: 2\n',
  'core/e.k8s.yaml': 'kind: E\nv: 2\n',
});
const USER_FILES = { 'README.md': '# our GitOps repo\n', '.gitkeep': '' };

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
    expect(steps).toBeGreaterThanOrEqual(8);
  });

  test.each(Array.from({ length: steps }, (_, i) => i + 1))(
    'GIVEN a run killed at step %i WHEN the folder is read THEN every file is whole (old or new) and the next run completes it',
    (n) => {
      const dir = prepare();
      expect(() => syncFolder(dir, NEW, crashingFs(n).fs)).toThrow(Crash);

      const after = snapshotFolder(dir);
      const versions = (p: string) => [OLD, NEW].flatMap((set) => set.filter((f) => f.path === p).map((f) => f.content));
      for (const [file, bytes] of Object.entries(after)) {
        if (file in USER_FILES) expect(bytes).toBe(USER_FILES[file as keyof typeof USER_FILES]);
        else if (file === RECORD_FILE)
          expect([
            recordFile(OLD).content,
            recordFile([...new Map([...OLD, ...NEW].map((f) => [f.path, f] as const)).values()]).content,
            recordFile(NEW).content,
          ]).toContain(bytes);
        else if (path.basename(file).startsWith('.'))
          expect(path.basename(file)).toMatch(/\.synth-\d+\.tmp$/); // a half-written temporary file, never a manifest
        else expect(versions(file)).toContain(bytes);
      }

      // Every file left is one the record owns, so the next run can finish the job (remove or replace it).
      const owned = new Set(readRecord(dir));
      for (const file of Object.keys(after)) {
        if (!(file in USER_FILES) && file !== RECORD_FILE && !path.basename(file).startsWith('.')) expect(owned.has(file)).toBe(true);
      }

      syncFolder(dir, NEW);
      const done = snapshotFolder(dir);
      expect(done).toEqual({
        ...USER_FILES,
        ...Object.fromEntries(NEW.map((f) => [f.path, f.content])),
        [RECORD_FILE]: recordFile(NEW).content,
      });
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
