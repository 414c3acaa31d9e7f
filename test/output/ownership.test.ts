/**
 * Owned, atomic output: the compiler removes only files it wrote in an earlier run (the record
 * `.dcae-synth-files`), never touches a file it did not write, refuses to overwrite one, and writes nothing
 * unless the whole run compiled. (The interrupted-write tests live elsewhere.)
 */
import * as fs from 'fs';
import * as path from 'path';
import { FileSystem, RECORD_FILE, STATE_FOLDER, syncFolder } from '../../src/output/write';
import {
  component,
  EXAMPLE_MANIFESTS,
  foldersOf,
  mtimes,
  run,
  snapshotFolder,
  tmpdir,
  withComponents,
  withExamples,
  writeComponents,
} from '../helpers';

const RUN = ['--components', 'components', '--out', 'out'];
const HEADER = '# Files written by `npm run synth`. It removes them when their component goes, and touches no other file.\n';

/** The record's bytes for these paths. */
function record(paths: string[]): string {
  return HEADER + paths.map((p) => `${p}\n`).join('');
}

function summaryOf(stdout: string): string {
  return stdout.replace(/ in \d+\.\d\d s;/, ' in T s;');
}

describe('files the compiler did not write', () => {
  test('GIVEN a README.md and a .gitkeep in the output folder and a location folder WHEN the compiler writes, rewrites and removes around them THEN their bytes and times are untouched and they are not in the record', async () => {
    const dir = withComponents({ 'a.yaml': component('comp-a'), 'e.yaml': component('comp-e', 'k8s_location: edge-1\n') });
    fs.mkdirSync(path.join(dir, 'out', 'edge-1'), { recursive: true });
    const readme = '# Generated manifests\n\nDo not edit by hand. {{ not a template }}\r\n';
    fs.writeFileSync(path.join(dir, 'out', 'README.md'), readme);
    fs.writeFileSync(path.join(dir, 'out', '.gitkeep'), '');
    fs.writeFileSync(path.join(dir, 'out', 'edge-1', '.gitkeep'), 'keep\n');
    const times = mtimes(path.join(dir, 'out'));

    expect((await run(dir, ...RUN)).status).toBe(0);
    writeComponents(dir, { 'a.yaml': component('comp-a', 'replicas: 2\n') });
    fs.rmSync(path.join(dir, 'components', 'e.yaml'));
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(0);

    const files = snapshotFolder(path.join(dir, 'out'));
    expect(Object.keys(files).sort()).toEqual([
      '.dcae-synth-files',
      '.gitkeep',
      'README.md',
      'comp-a.k8s.yaml',
      'edge-1/.gitkeep',
      'kustomization.yaml',
    ]);
    expect(files['README.md']).toBe(readme);
    expect(files['.gitkeep']).toBe('');
    expect(files['edge-1/.gitkeep']).toBe('keep\n');
    const after = mtimes(path.join(dir, 'out'));
    for (const f of ['README.md', '.gitkeep', 'edge-1/.gitkeep']) expect(after[f]).toBe(times[f]);
    expect(files[RECORD_FILE]).toBe(record(['comp-a.k8s.yaml', 'kustomization.yaml']));
  });

  test("GIVEN a folder of the user's own inside the output folder WHEN the compiler runs THEN the folder and its files stay", async () => {
    const dir = withExamples();
    fs.mkdirSync(path.join(dir, 'out', 'overlays', 'prod'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'out', 'overlays', 'prod', 'kustomization.yaml'), 'resources: [../..]\n');
    expect((await run(dir, ...RUN)).status).toBe(0);
    fs.rmSync(path.join(dir, 'components', 'prh.yaml'));
    expect((await run(dir, ...RUN)).status).toBe(0);
    expect(snapshotFolder(path.join(dir, 'out'))['overlays/prod/kustomization.yaml']).toBe('resources: [../..]\n');
  });

  test('GIVEN a hand-written kustomization.yaml already in the output folder WHEN the compiler runs THEN it is a conflict: exit 1, the path named, nothing written', async () => {
    const dir = withExamples();
    fs.mkdirSync(path.join(dir, 'out'));
    fs.writeFileSync(path.join(dir, 'out', 'kustomization.yaml'), 'resources: [mine.yaml]\n');
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'out/kustomization.yaml: exists and was not written by npm run synth; expected to own this path. Move or delete the file, then run again\n' +
        'nothing was written to out\n',
    );
    expect(snapshotFolder(path.join(dir, 'out'))).toEqual({ 'kustomization.yaml': 'resources: [mine.yaml]\n' });
  });

  test('GIVEN foreign files at two wanted paths (top and location folder) WHEN the compiler runs THEN both are named, sorted, and nothing is written', async () => {
    const dir = withComponents({ 'a.yaml': component('comp-a'), 'e.yaml': component('comp-e', 'k8s_location: edge-1\n') });
    fs.mkdirSync(path.join(dir, 'out', 'edge-1'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'out', 'edge-1', 'comp-e.k8s.yaml'), 'mine\n');
    fs.writeFileSync(path.join(dir, 'out', 'comp-a.k8s.yaml'), 'mine too\n');
    const before = snapshotFolder(path.join(dir, 'out'));
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')).toEqual([
      'out/comp-a.k8s.yaml: exists and was not written by npm run synth; expected to own this path. Move or delete the file, then run again',
      'out/edge-1/comp-e.k8s.yaml: exists and was not written by npm run synth; expected to own this path. Move or delete the file, then run again',
      'nothing was written to out',
      '',
    ]);
    expect(snapshotFolder(path.join(dir, 'out'))).toEqual(before);
    expect(foldersOf(path.join(dir, 'out'))).toEqual(['edge-1']);
  });

  test("GIVEN a conflict and an earlier run's files WHEN the compiler runs THEN even the owned files are not touched (no stale file removed, none rewritten)", async () => {
    const dir = withExamples();
    expect((await run(dir, ...RUN)).status).toBe(0);
    fs.rmSync(path.join(dir, 'components', 'prh.yaml'));
    writeComponents(dir, { 'new.yaml': component('comp-new') });
    fs.writeFileSync(path.join(dir, 'out', 'comp-new.k8s.yaml'), 'hand written\n');
    const before = snapshotFolder(path.join(dir, 'out'));
    const times = mtimes(path.join(dir, 'out'));
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('out/comp-new.k8s.yaml: exists and was not written by npm run synth');
    expect(snapshotFolder(path.join(dir, 'out'))).toEqual(before);
    expect(mtimes(path.join(dir, 'out'))).toEqual(times);
  });

  test('GIVEN a foreign file at a wanted path that already holds exactly the compiled bytes WHEN the compiler runs THEN it is no conflict: it is kept as is and recorded as owned', async () => {
    const dir = withExamples();
    expect((await run(dir, ...RUN)).status).toBe(0);
    const prh = fs.readFileSync(path.join(dir, 'out', 'dcae-prh.k8s.yaml'), 'utf8');
    const other = path.join(dir, 'other');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'dcae-prh.k8s.yaml'), prh);
    const r = await run(dir, '--components', 'components', '--out', 'other');
    expect(r.status).toBe(0);
    expect(summaryOf(r.stdout)).toBe('compiled 4 components into other in T s; files: 4 new, 0 changed, 0 removed, 1 unchanged\n');
    expect(snapshotFolder(other)).toEqual(snapshotFolder(path.join(dir, 'out')));
  });

  test('GIVEN a record that lists paths outside the output folder WHEN their "components" are gone THEN the compiler removes nothing outside it', async () => {
    const dir = withExamples();
    expect((await run(dir, ...RUN)).status).toBe(0);
    const victim = path.join(dir, 'victim.txt');
    const inComponents = path.join(dir, 'components', 'prh.yaml');
    fs.writeFileSync(victim, 'precious\n');
    fs.appendFileSync(path.join(dir, 'out', RECORD_FILE), `../victim.txt\n${victim}\n../components/prh.yaml\nedge/../../victim.txt\n`);
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(0);
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(fs.existsSync(inComponents)).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'out', RECORD_FILE), 'utf8')).toBe(record([...EXAMPLE_MANIFESTS, 'kustomization.yaml']));
  });
});

describe('files the compiler wrote for components that are gone', () => {
  test('GIVEN a component deleted WHEN the compiler runs again THEN its manifest is removed and the kustomization and record no longer list it', async () => {
    const dir = withExamples();
    expect((await run(dir, ...RUN)).status).toBe(0);
    fs.rmSync(path.join(dir, 'components', 'prh.yaml'));
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(0);
    expect(summaryOf(r.stdout)).toBe('compiled 3 components into out in T s; files: 0 new, 1 changed, 1 removed, 3 unchanged\n');
    const files = snapshotFolder(path.join(dir, 'out'));
    const remaining = EXAMPLE_MANIFESTS.filter((f) => f !== 'dcae-prh.k8s.yaml');
    expect(Object.keys(files).sort()).toEqual(['.dcae-synth-files', ...remaining, 'kustomization.yaml']);
    expect(files['kustomization.yaml']).not.toContain('dcae-prh');
    expect(files[RECORD_FILE]).toBe(record([...remaining, 'kustomization.yaml']));
  });

  test("GIVEN a component renamed in its file WHEN the compiler runs again THEN the old name's manifest is removed and the new one written", async () => {
    const dir = withComponents({ 'a.yaml': component('comp-old'), 'b.yaml': component('comp-b') });
    expect((await run(dir, ...RUN)).status).toBe(0);
    writeComponents(dir, { 'a.yaml': component('comp-new') });
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(0);
    expect(summaryOf(r.stdout)).toBe('compiled 2 components into out in T s; files: 1 new, 1 changed, 1 removed, 1 unchanged\n');
    expect(Object.keys(snapshotFolder(path.join(dir, 'out'))).sort()).toEqual([
      '.dcae-synth-files',
      'comp-b.k8s.yaml',
      'comp-new.k8s.yaml',
      'kustomization.yaml',
    ]);
  });

  test('GIVEN the only component of a location moved to another k8s_location WHEN the compiler runs again THEN the old folder (manifest and kustomization) is removed entirely', async () => {
    const dir = withComponents({ 'a.yaml': component('comp-a', 'k8s_location: edge-1\n'), 'b.yaml': component('comp-b') });
    expect((await run(dir, ...RUN)).status).toBe(0);
    expect(foldersOf(path.join(dir, 'out'))).toEqual(['edge-1']);
    writeComponents(dir, { 'a.yaml': component('comp-a', 'k8s_location: edge-2\n') });
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(0);
    expect(summaryOf(r.stdout)).toBe('compiled 2 components into out in T s; files: 2 new, 0 changed, 2 removed, 2 unchanged\n');
    expect(foldersOf(path.join(dir, 'out'))).toEqual(['edge-2']);
    expect(Object.keys(snapshotFolder(path.join(dir, 'out'))).sort()).toEqual([
      '.dcae-synth-files',
      'comp-b.k8s.yaml',
      'edge-2/comp-a.k8s.yaml',
      'edge-2/kustomization.yaml',
      'kustomization.yaml',
    ]);
  });

  test('GIVEN a component moved from a location folder to the top folder WHEN the compiler runs again THEN the location folder goes and the top kustomization lists it', async () => {
    const dir = withComponents({ 'a.yaml': component('comp-a', 'k8s_location: edge-1\n') });
    expect((await run(dir, ...RUN)).status).toBe(0);
    writeComponents(dir, { 'a.yaml': component('comp-a') });
    expect((await run(dir, ...RUN)).status).toBe(0);
    expect(foldersOf(path.join(dir, 'out'))).toEqual([]);
    const files = snapshotFolder(path.join(dir, 'out'));
    expect(Object.keys(files).sort()).toEqual(['.dcae-synth-files', 'comp-a.k8s.yaml', 'kustomization.yaml']);
    expect(files['kustomization.yaml']).toBe(
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - comp-a.k8s.yaml\n',
    );
  });

  test("GIVEN a location folder that also holds a .gitkeep WHEN its last component goes THEN the compiler's files go and the folder stays with the .gitkeep", async () => {
    const dir = withComponents({ 'a.yaml': component('comp-a', 'k8s_location: edge-1\n') });
    expect((await run(dir, ...RUN)).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'out', 'edge-1', '.gitkeep'), '');
    fs.rmSync(path.join(dir, 'components', 'a.yaml'));
    writeComponents(dir, { 'b.yaml': component('comp-b') });
    expect((await run(dir, ...RUN)).status).toBe(0);
    expect(foldersOf(path.join(dir, 'out'))).toEqual(['edge-1']);
    expect(Object.keys(snapshotFolder(path.join(dir, 'out'))).sort()).toEqual([
      '.dcae-synth-files',
      'comp-b.k8s.yaml',
      'edge-1/.gitkeep',
      'kustomization.yaml',
    ]);
  });

  test("GIVEN a manifest the compiler wrote and the user edited WHEN its component still exists THEN it is the compiler's: rewritten, not a conflict", async () => {
    const dir = withExamples();
    expect((await run(dir, ...RUN)).status).toBe(0);
    const file = path.join(dir, 'out', 'dcae-prh.k8s.yaml');
    const compiled = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, 'edited by hand\n');
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(0);
    expect(summaryOf(r.stdout)).toBe('compiled 4 components into out in T s; files: 0 new, 1 changed, 0 removed, 4 unchanged\n');
    expect(fs.readFileSync(file, 'utf8')).toBe(compiled);
  });

  test('GIVEN a recorded file the user already deleted WHEN its component is gone too THEN the run succeeds and does not count it as removed', async () => {
    const dir = withExamples();
    expect((await run(dir, ...RUN)).status).toBe(0);
    fs.rmSync(path.join(dir, 'out', 'dcae-prh.k8s.yaml'));
    fs.rmSync(path.join(dir, 'components', 'prh.yaml'));
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(0);
    expect(summaryOf(r.stdout)).toBe('compiled 3 components into out in T s; files: 0 new, 1 changed, 0 removed, 3 unchanged\n');
    expect(fs.readFileSync(path.join(dir, 'out', RECORD_FILE), 'utf8')).not.toContain('dcae-prh');
  });
});

describe('nothing is written unless the whole run compiled', () => {
  test('GIVEN an earlier run and now one bad spec among deleted and edited ones WHEN the compiler runs THEN it exits 1 and the folder (record included) is byte for byte and time for time as it was', async () => {
    const dir = withExamples();
    expect((await run(dir, ...RUN)).status).toBe(0);
    fs.rmSync(path.join(dir, 'components', 'prh.yaml'));
    const ves = path.join(dir, 'components', 'ves.yaml');
    fs.writeFileSync(ves, fs.readFileSync(ves, 'utf8').replace('replicas: 1', 'replicas: 2'));
    fs.writeFileSync(path.join(dir, 'components', 'zz-bad.yaml'), 'name: bad\nimage: repo/bad:1\nports: ["70000:0"]\n');
    const before = snapshotFolder(path.join(dir, 'out'));
    const times = mtimes(path.join(dir, 'out'));
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^components\/zz-bad\.yaml:3:\d+: ports\[0\]: /);
    expect(r.stderr).toMatch(/nothing was written to out\n$/);
    expect(snapshotFolder(path.join(dir, 'out'))).toEqual(before);
    expect(mtimes(path.join(dir, 'out'))).toEqual(times);
  });

  test('GIVEN a bad spec and no output folder WHEN the compiler runs THEN the output folder is not created', async () => {
    const dir = withComponents({ 'a.yaml': 'name: a\n' });
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(1);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

describe('atomic replacement', () => {
  /** The real file system, with every writing call logged (a file opened for writing, a flush, a rename, a removal). */
  function loggingFs(log: string[]): FileSystem {
    const open = new Map<number, string>();
    return {
      ...fs,
      openSync: ((file: any, flags?: any, mode?: any) => {
        const fd = fs.openSync(file, flags, mode);
        open.set(fd, String(file));
        if (flags === 'w') log.push(`write ${file}`);
        return fd;
      }) as any,
      fsyncSync: ((fd: number) => {
        log.push(`fsync ${open.get(fd)}`);
        return fs.fsyncSync(fd);
      }) as any,
      fdatasyncSync: ((fd: number) => {
        log.push(`fsync ${open.get(fd)}`);
        return fs.fdatasyncSync(fd);
      }) as any,
      renameSync: ((from: any, to: any) => {
        log.push(`rename ${from} -> ${to}`);
        return fs.renameSync(from, to);
      }) as any,
      rmSync: ((file: any, options?: any) => {
        log.push(`rm ${file}`);
        return fs.rmSync(file, options);
      }) as any,
    };
  }

  test("GIVEN new and changed files WHEN the folder is synced THEN each is written to a temporary file of the writer's own folder, flushed and renamed over the target; the folders are flushed before the record; nothing of the writer is left", () => {
    const out = tmpdir('dcae-atomic-');
    fs.mkdirSync(path.join(out, 'edge-1'));
    fs.writeFileSync(path.join(out, RECORD_FILE), record(['edge-1/b.k8s.yaml']));
    fs.writeFileSync(path.join(out, 'edge-1', 'b.k8s.yaml'), 'old\n');
    const log: string[] = [];
    const result = syncFolder(
      out,
      [
        { path: 'a.k8s.yaml', content: 'a\n' },
        { path: 'edge-1/b.k8s.yaml', content: 'b\n' },
        { path: 'edge-2/c.k8s.yaml', content: 'c\n' },
        { path: 'kustomization.yaml', content: 'k\n' },
      ],
      loggingFs(log),
    );
    expect(result).toEqual({
      created: ['a.k8s.yaml', 'edge-2/c.k8s.yaml', 'kustomization.yaml'],
      changed: ['edge-1/b.k8s.yaml'],
      unchanged: [],
      removed: [],
    });

    const temp = path.join(out, STATE_FOLDER, 'tmp');
    const renames = log.filter((l) => l.startsWith('rename ')).map((l) => l.slice('rename '.length).split(' -> '));
    for (const [from, to] of renames) {
      expect(path.dirname(from)).toBe(temp);
      // written, then flushed, then renamed
      const i = log.indexOf(`rename ${from} -> ${to}`);
      expect(log.slice(i - 2, i)).toEqual([`write ${from}`, `fsync ${from}`]);
    }
    // The journal first (every file the run may leave), the manifests, the kustomization after them, the record last.
    expect(renames.map(([, to]) => path.relative(out, to))).toEqual([
      path.join(STATE_FOLDER, 'journal'),
      'a.k8s.yaml',
      path.join('edge-1', 'b.k8s.yaml'),
      path.join('edge-2', 'c.k8s.yaml'),
      'kustomization.yaml',
      RECORD_FILE,
    ]);
    const recordRename = log.findIndex((l) => l.endsWith(` -> ${path.join(out, RECORD_FILE)}`));
    const flushed = log
      .slice(0, recordRename)
      .filter((l) => l.startsWith('fsync ') && !l.startsWith(`fsync ${temp}`) && !l.includes(`${STATE_FOLDER}${path.sep}lock`))
      .map((l) => l.slice(6));
    expect(flushed.sort()).toEqual([out, path.join(out, 'edge-1'), path.join(out, 'edge-2')].sort());
    expect(snapshotFolder(out)).toEqual({
      [RECORD_FILE]: record(['a.k8s.yaml', 'edge-1/b.k8s.yaml', 'edge-2/c.k8s.yaml', 'kustomization.yaml']),
      'a.k8s.yaml': 'a\n',
      'edge-1/b.k8s.yaml': 'b\n',
      'edge-2/c.k8s.yaml': 'c\n',
      'kustomization.yaml': 'k\n',
    });
    expect(fs.existsSync(path.join(out, STATE_FOLDER))).toBe(false);
  });

  test('GIVEN files that already hold the right bytes WHEN the folder is synced THEN nothing is written, renamed or removed', () => {
    const out = tmpdir('dcae-atomic-');
    const desired = [{ path: 'a.k8s.yaml', content: 'a\n' }];
    syncFolder(out, desired);
    const log: string[] = [];
    const result = syncFolder(out, desired, loggingFs(log));
    expect(result).toEqual({ created: [], changed: [], unchanged: ['a.k8s.yaml'], removed: [] });
    expect(log).toEqual([]);
  });
});

describe('something in the way of a path the compiler needs', () => {
  // Found while writing these tests (fixed in the working tree since): a user's FILE named like a location
  // folder was not a conflict; the run wrote comp-a.k8s.yaml, then failed on mkdir out/edge-1 (EEXIST) with
  // exit 70 and a stack trace, leaving a half-written, unrecorded output folder.
  test("GIVEN a user's file named like a location folder WHEN the compiler runs THEN it is a conflict: exit 1, nothing written", async () => {
    const dir = withComponents({ 'a.yaml': component('comp-a'), 'e.yaml': component('comp-e', 'k8s_location: edge-1\n') });
    fs.mkdirSync(path.join(dir, 'out'));
    fs.writeFileSync(path.join(dir, 'out', 'edge-1'), 'my notes\n');
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('out/edge-1');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).toMatch(/nothing was written to out\n$/);
    expect(snapshotFolder(path.join(dir, 'out'))).toEqual({ 'edge-1': 'my notes\n' });
  });

  test("GIVEN a user's folder at a path where the compiler writes a file WHEN the compiler runs THEN it is a conflict: exit 1, nothing written", async () => {
    const dir = withExamples();
    fs.mkdirSync(path.join(dir, 'out', 'kustomization.yaml'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'out', 'kustomization.yaml', 'mine.yaml'), 'mine\n');
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'out/kustomization.yaml: is a folder, not a file; expected a file the compiler can read and replace, or nothing. Move it away, then run again\nnothing was written to out\n',
    );
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(snapshotFolder(path.join(dir, 'out'))).toEqual({ 'kustomization.yaml/mine.yaml': 'mine\n' });
  });

  test('GIVEN --out naming a file WHEN the compiler runs THEN it is an option error (exit 2) without a stack trace and the file is untouched', async () => {
    const dir = withExamples();
    fs.writeFileSync(path.join(dir, 'out'), 'not a folder\n');
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).toMatch(
      /^error: --out out: .*out is a file, not a folder; expected an output folder\nUsage: dcae-synth .*\nRun dcae-synth --help for every option.\n$/,
    );
    expect(fs.readFileSync(path.join(dir, 'out'), 'utf8')).toBe('not a folder\n');
  });
});

describe('an output folder that cannot be written', () => {
  // Found while measuring: a folder that the file system refuses with ENOENT although its parent exists (as /proc
  // does) made Node's recursive mkdir retry for ever: the run hung at full CPU. It is now a write error.
  // /proc is Linux's, where this project's CI runs; makeFolder's own test in test/output/write.test.ts is portable.
  const refused = '/proc/dcae-synth-test-out';

  test('GIVEN an output folder the file system refuses WHEN the compiler runs THEN it stops with exit 74 (EX_IOERR), names the cause, and prints no stack trace', async () => {
    const dir = withExamples();
    const r = await run(dir, '--components', 'components', '--out', refused);
    expect(r.status).toBe(74);
    expect(r.stderr).toMatch(
      new RegExp(
        `^error: writing ${refused} failed: ENOENT: no such file or directory, mkdir '${refused}'\\. Every file is either its old or its new version; fix the cause and run again\\n$`,
      ),
    );
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(refused)).toBe(false);
  });
});
