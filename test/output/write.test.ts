/** The output writer's edge cases: leftovers of a killed run, an output path that is a file, read errors that are not "no such file". */
import * as fs from 'fs';
import * as path from 'path';
import {
  conflicts,
  diffFolder,
  FileSystem,
  holdsNothing,
  makeFolder,
  oddEntries,
  readIfExists,
  RECORD_FILE,
  STATE_FOLDER,
  syncFolder,
  writeAtomic,
} from '../../src/output/write';
import { snapshotFolder, tmpdir } from '../helpers';

const MANIFEST = { path: 'comp/comp.k8s.yaml', content: 'kind: Deployment\n' };

/** An error as the file system gives it, with its code. */
function fsError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: refused`), { code });
}

describe('GIVEN temporary files a killed run left', () => {
  test("WHEN the folder is synced THEN those in the writer's own folder (.dcae-synth/tmp) are removed, and a user's file named like one stays", () => {
    const out = tmpdir();
    fs.mkdirSync(path.join(out, 'comp'));
    fs.mkdirSync(path.join(out, STATE_FOLDER, 'tmp'), { recursive: true });
    fs.writeFileSync(path.join(out, STATE_FOLDER, 'tmp', '4242-comp.k8s.yaml'), 'kind: Depl');
    fs.writeFileSync(path.join(out, 'comp', '.comp.k8s.yaml.synth-4242.tmp'), 'mine, named like an old temporary file\n');
    fs.writeFileSync(path.join(out, 'comp', '.keep'), 'mine\n');
    syncFolder(out, [MANIFEST]);
    expect(Object.keys(snapshotFolder(out)).sort()).toEqual([
      RECORD_FILE,
      'comp/.comp.k8s.yaml.synth-4242.tmp',
      'comp/.keep',
      'comp/comp.k8s.yaml',
    ]);
  });
});

describe('GIVEN an output path that is a file', () => {
  test('WHEN the files in the way are listed THEN only the output folder itself (".") is in the way', () => {
    const file = path.join(tmpdir(), 'out');
    fs.writeFileSync(file, 'not a folder\n');
    expect(conflicts(file, [MANIFEST])).toEqual(['.']);
  });
});

describe('GIVEN readIfExists', () => {
  test('GIVEN a folder WHEN read THEN undefined, as for a missing file', () => {
    expect(readIfExists(tmpdir())).toBeUndefined();
  });

  test('GIVEN a file the process may not read WHEN read THEN the error is thrown, not taken for a missing file', () => {
    const denied = {
      ...fs,
      readFileSync: () => {
        throw fsError('EACCES');
      },
    } as unknown as FileSystem;
    const file = path.join(tmpdir(), 'f.yaml');
    fs.writeFileSync(file, 'x: 1\n');
    expect(() => readIfExists(file, denied)).toThrow('EACCES: refused');
  });
});

describe('GIVEN a folder the run empties that cannot be listed', () => {
  test("WHEN a component's output is removed THEN the listing error is thrown (the run reports it as an I/O error), and the file is gone", () => {
    const out = tmpdir();
    syncFolder(out, [MANIFEST]);
    const folder = path.join(out, 'comp');
    const unlistable = {
      ...fs,
      readdirSync: ((p: fs.PathLike, o?: unknown) => {
        if (path.resolve(String(p)) === folder) throw fsError('EACCES');
        return fs.readdirSync(p, o as undefined);
      }) as typeof fs.readdirSync,
    } as FileSystem;
    expect(() => syncFolder(out, [], unlistable)).toThrow('EACCES: refused');
    expect(fs.existsSync(path.join(folder, 'comp.k8s.yaml'))).toBe(false);
  });
});

describe("GIVEN the writer's helpers with the real file system (no FileSystem given)", () => {
  test('WHEN a nested folder is made and a file written in it THEN both exist, and no temporary file is left', () => {
    const dir = path.join(tmpdir(), 'a', 'b');
    makeFolder(dir);
    writeAtomic(path.join(dir, 'f.yaml'), 'x: 1\n', fs, path.join(dir, 'tmp'));
    expect(snapshotFolder(path.dirname(path.dirname(dir)))).toEqual({ 'a/b/f.yaml': 'x: 1\n' });
  });

  test('WHEN the file system refuses a new folder with ENOENT although its parent exists THEN makeFolder throws once (no retry loop), and a dangling link in the way is no folder', () => {
    const root = tmpdir();
    let calls = 0;
    const refusing = {
      ...fs,
      mkdirSync: () => {
        calls += 1;
        throw Object.assign(new Error('ENOENT: refused'), { code: 'ENOENT' });
      },
    } as unknown as FileSystem;
    expect(() => makeFolder(path.join(root, 'x', 'y'), refusing)).toThrow('ENOENT: refused');
    expect(calls).toBe(1);
    fs.symlinkSync(path.join(root, 'nowhere'), path.join(root, 'dangling'));
    expect(() => makeFolder(path.join(root, 'dangling'))).toThrow(/EEXIST/);
  });

  test("WHEN a missing folder is diffed with no display name THEN the diffs name the files under the folder's path", () => {
    const out = path.join(tmpdir(), 'out');
    const diffs = diffFolder(out, [MANIFEST]);
    expect(diffs.map((d) => [d.path, d.kind])).toEqual([
      [RECORD_FILE, 'missing'],
      ['comp/comp.k8s.yaml', 'missing'],
    ]);
    const name = `${out.split(path.sep).join('/')}/comp/comp.k8s.yaml`.replace(/^\/+/, '');
    expect(diffs[1].patch).toBe(`--- /dev/null\n+++ b/${name}\n@@ -0,0 +1,1 @@\n+kind: Deployment\n`);
  });
});

describe('GIVEN an output folder that holds nothing of anyone yet', () => {
  const FILES = Array.from({ length: 40 }, (_, i) => ({ path: `c${i}.k8s.yaml`, content: `kind: ConfigMap\nmetadata:\n  name: c${i}\n` }));

  test.each([
    ['does not exist', () => undefined],
    ['holds only the state folder', (out: string) => fs.mkdirSync(path.join(out, STATE_FOLDER, 'tmp'), { recursive: true })],
  ])('WHEN it %s THEN holdsNothing says so, and the checks and the write look at no path of the run one by one', (_, prepare) => {
    const out = path.join(tmpdir(), 'out');
    prepare(out);
    expect(holdsNothing(out)).toBe(true);
    const looked: string[] = [];
    const counting = {
      ...fs,
      statSync: (p: string, ...rest: unknown[]) => {
        if (FILES.some((f) => p === path.join(out, f.path))) looked.push(p);
        return (fs.statSync as (...a: unknown[]) => unknown)(p, ...rest);
      },
    } as unknown as FileSystem;
    expect(oddEntries(out, FILES, counting)).toEqual([]);
    expect(conflicts(out, FILES, counting)).toEqual([]);
    expect(looked).toEqual([]);
    const result = syncFolder(out, FILES, counting);
    expect(result.created.length).toBe(FILES.length);
    expect(looked).toEqual([]);
    expect(snapshotFolder(out)[FILES[7].path]).toBe(FILES[7].content);
  });

  test('WHEN it holds a file of its own, a file of the user, or is a file THEN holdsNothing is false, and the checks look at each path as before', () => {
    const out = path.join(tmpdir(), 'out');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, FILES[3].path), 'kind: Mine\n');
    expect(holdsNothing(out)).toBe(false);
    expect(conflicts(out, FILES)).toEqual([FILES[3].path]);
    const file = path.join(tmpdir(), 'a-file');
    fs.writeFileSync(file, 'x\n');
    expect(holdsNothing(file)).toBe(false);
  });
});
