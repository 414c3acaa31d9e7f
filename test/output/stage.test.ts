/**
 * Staging: a writing run takes the output folder's lock before it renders (holdFolder), writes each rendered
 * manifest aside in the folder's temporary folder (stageFile), flushes them all at once (flushStaged), and the
 * write renames them into place (syncFolder with the staged files). Staging never fails a run: a file it cannot
 * stage is written by the write as any other.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { contentHash, OutputFile, sameContent } from '../../src/output/output-file';
import { flushStaged, StagedManifest, StageFileSystem, stageFile, StagingArea } from '../../src/output/stage';
import { FileSystem, FolderLocked, holdFolder, RECORD_FILE, STATE_FOLDER, syncFolder } from '../../src/output/write';
import { snapshotFolder, tmpdir } from '../helpers';

const MANIFEST: OutputFile = { path: 'central/a.k8s.yaml', content: 'kind: ConfigMap\n' };
const OTHER: OutputFile = { path: 'central/b.k8s.yaml', content: 'kind: Service\n' };

/** An output folder held by this process, and its staging area. */
function held(out = path.join(tmpdir(), 'out')) {
  const hold = holdFolder(out);
  const area: StagingArea = { outdir: out, temp: hold.temp };
  return { out, hold, area };
}

/** The real file system, with the named calls failing as a full disk would. */
function failing(...calls: Array<keyof StageFileSystem>): StageFileSystem {
  const broken = Object.fromEntries(
    calls.map((name) => [
      name,
      (...args: unknown[]) => {
        const err = Object.assign(new Error(`ENOSPC: no space left on device, ${name}`), { code: 'ENOSPC' });
        const callback = args[args.length - 1];
        if (typeof callback === 'function') return (callback as (e: Error) => void)(err);
        throw err;
      },
    ]),
  );
  return { ...fs, ...broken } as unknown as StageFileSystem;
}

describe('GIVEN an output folder held by a live process', () => {
  test('WHEN a run tries to hold it THEN it is refused and the lock is left as it was; a file where the folder should be is the file system error', () => {
    const out = path.join(tmpdir(), 'out');
    fs.mkdirSync(path.join(out, STATE_FOLDER), { recursive: true });
    const holder = { pid: process.ppid, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' };
    fs.writeFileSync(path.join(out, STATE_FOLDER, 'lock'), JSON.stringify(holder));
    expect(() => holdFolder(out)).toThrow(FolderLocked);
    expect(fs.readFileSync(path.join(out, STATE_FOLDER, 'lock'), 'utf8')).toBe(JSON.stringify(holder));
    const missing = path.join(tmpdir(), 'a', 'b');
    fs.mkdirSync(path.dirname(missing));
    fs.writeFileSync(path.join(path.dirname(missing), 'b'), 'a file where the folder should be\n');
    expect(() => holdFolder(path.join(missing, 'out'))).toThrow(/ENOTDIR|EEXIST/);
  });
});

describe('GIVEN an output folder that does not exist', () => {
  test('WHEN a run holds it and releases it without writing THEN the lock, its folder and the output folder (with the folder above it the hold made) are gone', () => {
    const parent = path.join(tmpdir(), 'deep');
    const { out, hold } = held(path.join(parent, 'out'));
    expect(fs.existsSync(path.join(out, STATE_FOLDER, 'lock'))).toBe(true);
    expect(hold.temp).toBe(path.join(out, STATE_FOLDER, 'tmp'));
    expect(fs.existsSync(hold.temp)).toBe(true);
    hold.release();
    expect(fs.existsSync(parent)).toBe(false);
    // A second release does nothing (and does not fail).
    expect(() => hold.release()).not.toThrow();
  });

  test('WHEN a held run writes THEN the output folder stays after the release, with the files and without the lock', async () => {
    const { out, hold, area } = held();
    const staged = await stageFile(area, 0, MANIFEST);
    syncFolder(out, [MANIFEST], undefined, { hold, staged: new Map([[MANIFEST.path, staged!]]) });
    hold.release();
    expect(Object.keys(snapshotFolder(out)).sort()).toEqual([RECORD_FILE, MANIFEST.path]);
  });
});

describe('GIVEN an output folder held by this run', () => {
  test('WHEN the same process holds it again THEN it takes its own leftover lock over (one process writes one run at a time)', () => {
    const { out, hold } = held();
    const again = holdFolder(out);
    expect(again.tookOver).toMatch(new RegExp(`^pid ${process.pid} on host `));
    again.release();
    hold.release();
    expect(fs.existsSync(path.join(out, STATE_FOLDER))).toBe(false);
  });

  test('WHEN a manifest the folder does not hold is staged THEN it is written whole in the temporary folder, named by the pid and the component', async () => {
    const { hold, area } = held();
    try {
      const staged = await stageFile(area, 7, MANIFEST);
      expect(staged).toBe(path.join(hold.temp, `${process.pid}-7.stage`));
      expect(fs.readFileSync(staged!, 'utf8')).toBe(MANIFEST.content);
    } finally {
      hold.release();
    }
  });

  test('WHEN many manifests are staged at once THEN each is staged whole (beyond 32 at a time, the thread writes them itself)', async () => {
    const { hold, area } = held();
    try {
      const files = Array.from({ length: 80 }, (_, i) => ({ path: `central/m${i}.k8s.yaml`, content: `kind: ConfigMap\nn: ${i}\n` }));
      const staged = await Promise.all(files.map((f, i) => stageFile(area, i, f)));
      expect(staged.every((aside) => aside !== undefined)).toBe(true);
      staged.forEach((aside, i) => expect(fs.readFileSync(aside!, 'utf8')).toBe(files[i].content));
      expect(fs.readdirSync(hold.temp)).toHaveLength(80);
    } finally {
      hold.release();
    }
  });

  test('WHEN a manifest the folder holds already (same bytes) is staged THEN nothing is staged, unless the folder held nothing when the lock was taken', async () => {
    const { out, hold, area } = held();
    try {
      fs.mkdirSync(path.join(out, 'central'));
      fs.writeFileSync(path.join(out, MANIFEST.path), MANIFEST.content);
      expect(await stageFile(area, 0, MANIFEST)).toBeUndefined();
      expect(fs.readdirSync(hold.temp)).toEqual([]);
      // Other bytes at the path: staged.
      expect(await stageFile(area, 0, { ...MANIFEST, content: 'kind: Secret\n' })).toBeDefined();
      // An area whose folder held nothing when the lock was taken stages without a look at the folder.
      expect(await stageFile({ ...area, empty: true }, 1, MANIFEST)).toBe(path.join(hold.temp, `${process.pid}-1.stage`));
    } finally {
      hold.release();
    }
  });

  test('WHEN the disk is full while staging THEN nothing is staged and no partial file is left', async () => {
    const { hold, area } = held();
    try {
      expect(await stageFile(area, 0, MANIFEST, failing('writeFile'))).toBeUndefined();
      expect(fs.readdirSync(hold.temp)).toEqual([]);
    } finally {
      hold.release();
    }
  });

  test('WHEN the staged files are flushed THEN every one is returned by its output path', async () => {
    const { hold, area } = held();
    try {
      const staged = new Map([
        [MANIFEST.path, (await stageFile(area, 0, MANIFEST))!],
        [OTHER.path, (await stageFile(area, 1, OTHER))!],
      ]);
      expect(await flushStaged(staged)).toEqual(staged);
      expect(await flushStaged(new Map())).toEqual(new Map());
    } finally {
      hold.release();
    }
  });

  test('WHEN a flush fails, or a staged file is gone THEN it is left out (the write writes that file itself)', async () => {
    const { hold, area } = held();
    try {
      const staged = new Map([[MANIFEST.path, (await stageFile(area, 0, MANIFEST))!]]);
      expect(await flushStaged(staged, failing('fdatasync'))).toEqual(new Map());
      expect(await flushStaged(new Map([[OTHER.path, path.join(hold.temp, 'gone.stage')]]))).toEqual(new Map());
    } finally {
      hold.release();
    }
  });

  test('WHEN the write is given staged files THEN it renames them into place, writes the others itself, and the staged files are gone', async () => {
    const { out, hold, area } = held();
    const staged = new Map([[MANIFEST.path, (await stageFile(area, 0, MANIFEST))!]]);
    const written: string[] = [];
    const counting = {
      ...fs,
      openSync: (file: string, ...rest: unknown[]) => (written.push(file), (fs.openSync as (...a: unknown[]) => number)(file, ...rest)),
    };
    try {
      const result = syncFolder(out, [MANIFEST, OTHER], counting as unknown as FileSystem, { hold, staged });
      expect(result.created).toEqual([MANIFEST.path, OTHER.path]);
      expect(fs.readFileSync(path.join(out, MANIFEST.path), 'utf8')).toBe(MANIFEST.content);
      expect(fs.readFileSync(path.join(out, OTHER.path), 'utf8')).toBe(OTHER.content);
      // The staged manifest was never written again: the only temporary files opened are the other manifest's, the
      // journal's and the record's.
      expect(written.filter((f) => f.startsWith(hold.temp)).map((f) => path.basename(f).replace(/^\d+-/, ''))).toEqual([
        'journal',
        'b.k8s.yaml',
        RECORD_FILE,
      ]);
      expect(fs.readdirSync(hold.temp)).toEqual([]);
      // The lock is the run's: the write leaves it held.
      expect(fs.existsSync(path.join(out, STATE_FOLDER, 'lock'))).toBe(true);
    } finally {
      hold.release();
    }
    expect(fs.existsSync(path.join(out, STATE_FOLDER))).toBe(false);
  });

  test('WHEN the folder is up to date THEN the write writes nothing, not even a journal, and leaves the staged files to the release', async () => {
    const { out, hold, area } = held();
    try {
      syncFolder(out, [MANIFEST], undefined, { hold, staged: new Map() });
      const before = snapshotFolder(out);
      const leftover = (await stageFile(area, 0, { ...MANIFEST, content: 'kind: Secret\n' }))!;
      const result = syncFolder(out, [MANIFEST], undefined, { hold, staged: new Map() });
      expect(result).toEqual({ created: [], changed: [], unchanged: [MANIFEST.path], removed: [] });
      expect(snapshotFolder(out)).toEqual({ ...before, [path.relative(out, leftover)]: 'kind: Secret\n' });
    } finally {
      hold.release();
    }
    expect(fs.existsSync(path.join(out, STATE_FOLDER))).toBe(false);
  });
});

describe('GIVEN a staged manifest kept by its hash', () => {
  test('WHEN its text is asked for THEN it is read from the staged file, then from the output folder once the write moved it there', async () => {
    const { out, hold, area } = held();
    try {
      const aside = (await stageFile(area, 0, MANIFEST))!;
      const kept = new StagedManifest(MANIFEST.path, contentHash(MANIFEST.content), aside, out);
      expect(kept.content).toBe(MANIFEST.content);
      syncFolder(out, [kept], undefined, { hold, staged: new Map([[MANIFEST.path, aside]]) });
      expect(fs.existsSync(aside)).toBe(false);
      expect(fs.readFileSync(path.join(out, 'central', 'a.k8s.yaml'), 'utf8')).toBe(MANIFEST.content);
      expect(kept.content).toBe(MANIFEST.content);
    } finally {
      hold.release();
    }
  });

  test('WHEN neither place holds its bytes THEN asking for its text fails with a code (a failure of the disk for the run, not a crash)', async () => {
    const { out, hold, area } = held();
    try {
      const aside = (await stageFile(area, 0, MANIFEST))!;
      fs.writeFileSync(aside, 'kind: Changed\n');
      const kept = new StagedManifest(MANIFEST.path, contentHash(MANIFEST.content), aside, out);
      expect(() => kept.content).toThrow(expect.objectContaining({ code: 'ESTAGED', message: expect.stringContaining(aside) }));
    } finally {
      hold.release();
    }
  });

  test('WHEN it is compared with the output folder THEN the hash decides, and its text is not read', () => {
    const kept = new StagedManifest(MANIFEST.path, contentHash(MANIFEST.content), '/nowhere/0.stage', '/nowhere');
    expect(sameContent(MANIFEST.content, kept)).toBe(true);
    expect(sameContent('kind: Other\n', kept)).toBe(false);
    expect(sameContent(undefined, kept)).toBe(false);
    expect(sameContent(MANIFEST.content, MANIFEST)).toBe(true);
    expect(sameContent(OTHER.content, MANIFEST)).toBe(false);
  });

  test('WHEN a run writes it over an older file, with the cache and the record THEN nothing reads its text', async () => {
    const { out, hold, area } = held();
    try {
      syncFolder(out, [{ ...MANIFEST, content: 'kind: Old\n' }], undefined, { hold, staged: new Map() });
      const aside = (await stageFile(area, 0, MANIFEST))!;
      let reads = 0;
      const kept = new StagedManifest(MANIFEST.path, contentHash(MANIFEST.content), aside, out);
      const counted = Object.defineProperty(Object.create(kept) as StagedManifest, 'content', {
        get: () => {
          reads++;
          return kept.content;
        },
      });
      const result = syncFolder(out, [counted], undefined, { hold, staged: new Map([[MANIFEST.path, aside]]) });
      expect(result.changed).toEqual([MANIFEST.path]);
      expect(reads).toBe(0);
      expect(fs.readFileSync(path.join(out, 'central', 'a.k8s.yaml'), 'utf8')).toBe(MANIFEST.content);
    } finally {
      hold.release();
    }
  });
});
