/**
 * The render cache, as pure functions: which components it answers for (same inputs, and a file in the output
 * folder with the hash it knows), which it renders, the order of the result, and the cache file's format.
 */
import { DEFAULT_PLATFORM, PlatformSettings } from '../../src/input/platform/settings';
import { cachedStream, checkMemo, formatCache, inputHash, parseCache, RenderCache } from '../../src/output/cache';
import { contentHash } from '../../src/output/output-file';
import { RenderPool } from '../../src/output/parallel';
import { RenderedFile, renderHere, RenderStream } from '../../src/output/plan';
import { STAGED_GONE } from '../../src/output/stage';
import { ComponentSpec } from '../../src/input/model';
import { loadComponent } from '../helpers';

const BUILD = '0.1.0 build-a';
const specOf = (n: number, image = `repo/comp:1.${n}`) => loadComponent(`name: comp-${n}\nimage: ${image}\n`);
const PLATFORM = DEFAULT_PLATFORM;

/** A stream that renders on this thread and remembers which components it was given. */
function counting(): { stream: RenderStream; asked: string[] } {
  const asked: string[] = [];
  // A pool without threads renders on this thread.
  const local = RenderPool.start(1, undefined).stream();
  return {
    asked,
    stream: {
      add: (spec, platform) => (asked.push(spec.name), local.add(spec, platform)),
      finish: (specs, onProgress) => local.finish(specs, onProgress),
      cancel: () => local.cancel(),
    },
  };
}

/** Renders components through the cache as a run does (each added, then finished), with `inner` rendering. */
async function throughCache(
  cache: RenderCache,
  disk: ReadonlyMap<string, string>,
  specs: readonly ComponentSpec[],
  platform: PlatformSettings = PLATFORM,
  onProgress?: (done: number) => void,
) {
  const inner = counting();
  const stream = cachedStream(cache, (p) => disk.get(p), inner.stream);
  for (const s of specs) stream.add(s, platform);
  const files = await stream.finish(specs, onProgress);
  return { files, asked: inner.asked, outcome: stream.outcome()! };
}

/** A first run: renders everything and gives the cache to keep and the files (path → content) it wrote. */
async function firstRun(specs = [specOf(1), specOf(2), specOf(3)]) {
  const { files, asked, outcome } = await throughCache(parseCache(undefined, BUILD), new Map(), specs);
  return { specs, cache: outcome.cache, disk: new Map(files.map((f) => [f.path, f.content])), asked };
}

describe('GIVEN no cache', () => {
  test('WHEN components are rendered THEN every one is rendered, and the cache keeps one entry per component with its manifest hash', async () => {
    const { specs, cache, disk, asked } = await firstRun();
    expect(asked).toEqual(['comp-1', 'comp-2', 'comp-3']);
    expect(cache.entries.size).toBe(3);
    expect(cache.entries.get(inputHash(BUILD, PLATFORM, specs[0]))).toBe(contentHash(disk.get('comp-1.k8s.yaml')!));
  });
});

describe('GIVEN a cache of an earlier run', () => {
  test("WHEN nothing changed THEN nothing is rendered, and the files are the output folder's bytes, in order", async () => {
    const { specs, cache, disk } = await firstRun();
    const progress: number[] = [];
    const { files, asked, outcome } = await throughCache(cache, disk, specs, PLATFORM, (n) => progress.push(n));
    expect(asked).toEqual([]);
    expect(files.map((f) => [f.path, f.content])).toEqual([...disk]);
    expect(outcome).toMatchObject({ hits: 3, rendered: 0 });
    expect(progress).toEqual([3]);
  });

  test('WHEN a file is taken from the output folder THEN it is kept by its hash, its text read again from the folder when asked for (and refused when it changed there)', async () => {
    // GIVEN the output folder of a first run, read through a counter
    const { specs, cache, disk } = await firstRun();
    const folder = new Map(disk);
    const reads: string[] = [];
    const stream = cachedStream(cache, (p) => (reads.push(p), folder.get(p)), counting().stream);
    for (const spec of specs) stream.add(spec, PLATFORM);
    // WHEN nothing changed
    const files = await stream.finish(specs);
    // THEN each file is read once, to compare its hash, and kept by that hash, not by its text
    expect(reads).toEqual(['comp-1.k8s.yaml', 'comp-2.k8s.yaml', 'comp-3.k8s.yaml']);
    expect(files.map((f) => f.sha256)).toEqual([...disk.values()].map((text) => contentHash(text)));
    expect(files.map((f) => Object.getOwnPropertyNames(f).includes('content'))).toEqual([false, false, false]);
    // its text, when asked for, is the folder's, read again
    expect(files[0].content).toBe(disk.get('comp-1.k8s.yaml'));
    expect(reads).toHaveLength(4);
    // a file changed (or removed) in the folder since is refused, with the code of a disk failure
    folder.set('comp-2.k8s.yaml', 'changed\n');
    folder.delete('comp-3.k8s.yaml');
    for (const file of [files[1], files[2]]) {
      let error: NodeJS.ErrnoException | undefined;
      try {
        void file.content;
      } catch (e) {
        error = e as NodeJS.ErrnoException;
      }
      expect([file.path, error?.code, error?.message]).toEqual([
        file.path,
        STAGED_GONE,
        `${file.path} changed in the output folder while the run was using it`,
      ]);
    }
  });

  test('GIVEN a run that reads every text again (a Helm chart, a mirror folder) WHEN a file is taken THEN it keeps the text it was read with', async () => {
    const { specs, cache, disk } = await firstRun();
    const reads: string[] = [];
    const stream = cachedStream(cache, (p) => (reads.push(p), disk.get(p)), counting().stream, true);
    for (const spec of specs) stream.add(spec, PLATFORM);
    const files = await stream.finish(specs);
    expect(files.map((f) => f.content)).toEqual([...disk.values()]);
    expect(files.map((f) => Object.getOwnPropertyNames(f).includes('content'))).toEqual([true, true, true]);
    expect(reads).toHaveLength(3);
  });

  test('WHEN one spec changed THEN only it is rendered, the result keeps the order given, and progress counts all', async () => {
    const { cache, disk } = await firstRun();
    const changed = [specOf(1), specOf(2, 'repo/comp:2.0'), specOf(3)];
    const progress: number[] = [];
    const { files, asked, outcome } = await throughCache(cache, disk, changed, PLATFORM, (n) => progress.push(n));
    expect(asked).toEqual(['comp-2']);
    expect(files.map((f) => f.path)).toEqual(['comp-1.k8s.yaml', 'comp-2.k8s.yaml', 'comp-3.k8s.yaml']);
    expect(files[1].content).toContain('image: repo/comp:2.0');
    const fields = (f: RenderedFile) => ({ path: f.path, content: f.content, invalid: f.invalid, tooLarge: f.tooLarge });
    expect(files.map(fields)).toEqual(renderHere(changed, PLATFORM).map(fields));
    expect(progress).toEqual([2, 3]);
    expect(outcome.cache.entries.size).toBe(3);
  });

  test('WHEN a file of the output folder was edited by hand THEN its component is rendered again (the file is never trusted)', async () => {
    const { specs, cache, disk } = await firstRun();
    disk.set('comp-3.k8s.yaml', `${disk.get('comp-3.k8s.yaml')}# edited\n`);
    const { files, asked } = await throughCache(cache, disk, specs);
    expect(asked).toEqual(['comp-3']);
    expect(files[2].content).not.toContain('# edited');
  });

  test('WHEN a file is missing from the output folder THEN its component is rendered again', async () => {
    const { specs, cache, disk } = await firstRun();
    disk.delete('comp-1.k8s.yaml');
    expect((await throughCache(cache, disk, specs)).asked).toEqual(['comp-1']);
  });

  test('WHEN the platform settings changed THEN every component is rendered again', async () => {
    const { specs, cache, disk } = await firstRun();
    expect((await throughCache(cache, disk, specs, { ...PLATFORM, namespace: 'other' })).asked).toEqual(['comp-1', 'comp-2', 'comp-3']);
  });

  test('WHEN the cache file was written by another build of the compiler THEN it is not used at all', async () => {
    const { cache } = await firstRun();
    expect(parseCache(formatCache(cache), BUILD).entries.size).toBe(3);
    expect(parseCache(formatCache(cache), '0.1.0 build-b').entries.size).toBe(0);
  });
});

describe('the cache file', () => {
  const cache: RenderCache = {
    compiler: BUILD,
    entries: new Map([
      ['b'.repeat(64), '1'.repeat(64)],
      ['a'.repeat(64), '2'.repeat(64)],
    ]),
  };

  test('GIVEN a cache WHEN written THEN it is the format line, the build, then one line per component sorted, and reads back the same', () => {
    const text = formatCache(cache);
    expect(text).toBe(
      `dcae-synth render cache 2\ncompiler ${BUILD}\n${'a'.repeat(64)} ${'2'.repeat(64)}\n${'b'.repeat(64)} ${'1'.repeat(64)}\n`,
    );
    expect(parseCache(text, BUILD)).toEqual({ ...cache, checked: new Map() });
  });

  test('GIVEN checked files WHEN written THEN they follow the components, one `checked <key> <record>` line each sorted by key, and read back the same', () => {
    const checked = new Map([
      ['d'.repeat(64), 'record {"x":2}'],
      ['c'.repeat(64), 'record {"x":1}'],
    ]);
    const text = formatCache({ ...cache, checked });
    expect(text.split('\n').slice(4)).toEqual([`checked ${'c'.repeat(64)} record {"x":1}`, `checked ${'d'.repeat(64)} record {"x":2}`, '']);
    expect(parseCache(text, BUILD)).toEqual({ ...cache, checked });
  });

  test.each([
    ['nothing', undefined],
    ['an empty file', ''],
    ['another format', formatCache(cache).replace('cache 2', 'cache 1')],
    ['a file cut after its first line', 'dcae-synth render cache 2\n'],
    ['binary garbage', '\u0000\u0001\uFFFD'],
  ])('GIVEN %s WHEN read THEN the cache is empty', (_, text) => {
    expect(parseCache(text, BUILD).entries.size).toBe(0);
  });

  test('GIVEN a cache file with a damaged line WHEN read THEN that line is left out and the others are kept', () => {
    const text = formatCache(cache).replace(`${'a'.repeat(64)} `, `${'a'.repeat(63)} `);
    expect([...parseCache(text, BUILD).entries.keys()]).toEqual(['b'.repeat(64)]);
  });

  test.each([
    ['null', 'null'],
    ['a record without warnings', '{"spec":{"name":"a"},"anchors":[["name",{}]]}'],
    ['not JSON', '{"spec":'],
  ])(
    'GIVEN a checked record whose hash matches but which is %s WHEN recalled THEN nothing is recalled (the file is checked again)',
    (_, json) => {
      const key = 'e'.repeat(64);
      const memo = checkMemo({ ...cache, checked: new Map([[key, `${contentHash(json)} ${json}`]]) });
      expect(memo.recall(key)).toBeUndefined();
      expect(memo.kept().size).toBe(0);
    },
  );
});
