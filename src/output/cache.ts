/**
 * The render cache: for each component, a hash of everything its manifest is made from (the compiler's build,
 * the platform settings and the component's checked spec) and a hash of the manifest it rendered to. A later
 * run whose component has the same inputs, and whose output folder holds a file with that very hash, takes the
 * file's bytes instead of rendering again. The output folder is never trusted: a file edited by hand has another
 * hash and the component is rendered. Beside it, the files that passed their checks ({@link CheckMemo}): a later run
 * does not parse or check a file whose name, text and platform file are the same. The cache file itself is trusted
 * as a build cache is (whoever can write the cache folder can change what a run compiles); its records carry a
 * hash against damage, not against such a writer. Pure: the caller reads and writes the cache file and the output
 * folder.
 */
import { createHash } from 'crypto';
import { CheckedFile, CheckMemo } from '../input/check-memo';
import { Diagnostic } from '../input/diagnostics';
import { ComponentSpec } from '../input/model';
import { PlatformSettings } from '../input/platform/settings';
import { exactJson, isPlainJson } from './exact-json';
import { RenderedFile, RenderStream } from './plan';
import { contentHash, manifestPath } from './output-file';
import { ManifestByHash } from './stage';

/** The first line of a cache file: a file of another format, or of another build of the compiler, is not used. */
const FORMAT = 'dcae-synth render cache 2';
/** How a checked file's line starts. */
const CHECKED = 'checked ';
const HASH = /^[0-9a-f]{64}$/;

/** What a render cache holds: the build it was made by, for each input hash the hash of its manifest, and checked files. */
export interface RenderCache {
  /** The compiler's build (its version and a hash of its code). */
  readonly compiler: string;
  /** Input hash → manifest hash (both SHA-256, hex). */
  readonly entries: ReadonlyMap<string, string>;
  /** A checked file's key → its record: the SHA-256 of its JSON, a space, the JSON ({@link checkMemo}). @default none */
  readonly checked?: ReadonlyMap<string, string>;
}

/**
 * The hash of what one component's manifest is made from (exact: a `.nan` or a `-0` is not a `null` or a `0`, see
 * {@link exactJson}).
 */
export function inputHash(compiler: string, platform: PlatformSettings | string, spec: ComponentSpec): string {
  const settings = typeof platform === 'string' ? platform : exactJson(platform);
  return createHash('sha256').update(compiler).update('\0').update(settings).update('\0').update(exactJson(spec)).digest('hex');
}

/** A cache file's entries, when it was written by this build in this format; otherwise none. A damaged line is left out. */
export function parseCache(text: string | undefined, compiler: string): RenderCache {
  const entries = new Map<string, string>();
  const checked = new Map<string, string>();
  const lines = (text ?? '').split('\n');
  if (lines[0] === FORMAT && lines[1] === `compiler ${compiler}`) {
    for (let i = 2; i < lines.length; i++) {
      const line = lines[i];
      if (line.startsWith(CHECKED)) {
        const key = line.slice(CHECKED.length, CHECKED.length + 64);
        if (HASH.test(key) && line[CHECKED.length + 64] === ' ') checked.set(key, line.slice(CHECKED.length + 65));
      } else if (line.length === 129 && line[64] === ' ' && HASH.test(line.slice(0, 64)) && HASH.test(line.slice(65))) {
        entries.set(line.slice(0, 64), line.slice(65));
      }
    }
  }
  return { compiler, entries, checked };
}

/**
 * A cache file's text: the format, the build, one `<input hash> <manifest hash>` line per component, then one
 * `checked <key> <record>` line per checked file, each part sorted.
 */
export function formatCache(cache: RenderCache): string {
  const lines = [...cache.entries].map(([input, output]) => `${input} ${output}`).sort();
  // Keys are unique and of one length: the lines sort by key.
  const checked = [...(cache.checked ?? [])].map(([key, record]) => `${CHECKED}${key} ${record}`).sort();
  return `${FORMAT}\ncompiler ${cache.compiler}\n${[...lines, ...checked].map((l) => `${l}\n`).join('')}`;
}

/**
 * The checked files of a cache, as a {@link CheckMemo}; `kept()` gives, once the files are read, the records of
 * this run's files only (recalled or remembered), for the cache to keep. A record whose hash does not match its
 * JSON (a damaged file) is not recalled, and a component that JSON would not give back exactly (a `.nan`, a `-0`) is
 * not remembered: that file is checked each time.
 */
export function checkMemo(cache: RenderCache): CheckMemo & { kept(): ReadonlyMap<string, string> } {
  const kept = new Map<string, string>();
  return {
    recall: (key) => {
      const record = cache.checked?.get(key);
      const file = record === undefined ? undefined : checkedOf(record);
      if (file) kept.set(key, record!);
      return file;
    },
    remember: (key, file) => {
      if (!isPlainJson(file.spec)) return;
      const json = JSON.stringify({ spec: file.spec, anchors: [...file.anchors], warnings: file.warnings });
      kept.set(key, `${contentHash(json)} ${json}`);
    },
    kept: () => kept,
  };
}

/** A record's checked file, or undefined when its hash does not match or it is not the shape a record has. */
function checkedOf(record: string): CheckedFile | undefined {
  const json = record.slice(65);
  if (record[64] !== ' ' || contentHash(json) !== record.slice(0, 64)) return undefined;
  try {
    const { spec, anchors, warnings } = JSON.parse(json) as {
      spec: ComponentSpec;
      anchors: Array<[string, Diagnostic]>;
      warnings: Diagnostic[];
    };
    if (typeof spec?.name !== 'string' || !Array.isArray(anchors) || !Array.isArray(warnings) || !anchors.some(([k]) => k === 'name'))
      return undefined;
    return { spec, anchors: new Map(anchors), warnings };
  } catch {
    return undefined;
  }
}

/** What a cached render did. */
export interface CacheOutcome {
  /** Components whose file was taken from the output folder. */
  readonly hits: number;
  /** Components rendered. */
  readonly rendered: number;
  /** The manifests taken from the output folder (their bytes are the folder's): nothing need read them again. */
  readonly taken: ReadonlySet<string>;
  /** The cache to keep: this run's components only. */
  readonly cache: RenderCache;
}

/**
 * A render stream that renders, through `inner`, only the components the cache and the output folder cannot
 * answer (`readOutput`: a manifest's text by its path, or undefined), and takes the rest from the output folder.
 * The result is in the order added, as from `inner` alone. `outcome()` says, once finished, what it did. A file
 * taken is kept by its hash ({@link ManifestByHash}: a run with nothing to render then never holds every
 * manifest's text, about 32 MB at 10000 specs), or with its text when `keepText` (the run reads every text
 * again anyway: a Helm chart, a mirror folder).
 */
export function cachedStream(
  cache: RenderCache,
  readOutput: (path: string) => string | undefined,
  inner: RenderStream,
  keepText = false,
): RenderStream & { outcome(): CacheOutcome | undefined } {
  let settings: string | undefined;
  const keys: string[] = [];
  const found: Array<RenderedFile | undefined> = [];
  let outcome: CacheOutcome | undefined;
  return {
    outcome: () => outcome,
    add: (spec, platform) => {
      settings ??= exactJson(platform);
      const key = inputHash(cache.compiler, settings, spec);
      keys.push(key);
      const expected = cache.entries.get(key);
      const path = manifestPath(spec);
      const content = expected === undefined ? undefined : readOutput(path);
      const hit = content !== undefined && contentHash(content) === expected;
      found.push(
        !hit
          ? undefined
          : keepText
            ? { path, content, invalid: [], tooLarge: [] }
            : new ManifestByHash(
                path,
                expected,
                [() => readOutput(path)],
                `${path} changed in the output folder while the run was using it`,
              ),
      );
      if (!hit) inner.add(spec, platform);
    },
    finish: async (specs, onProgress) => {
      const hits = found.filter((f) => f !== undefined).length;
      if (hits > 0) onProgress?.(hits);
      const missing = specs.filter((_, i) => found[i] === undefined);
      const fresh = await inner.finish(missing, onProgress && ((done) => onProgress(hits + done)));
      let next = 0;
      const all = found.map((f) => f ?? fresh[next++]);
      // A file taken from the folder has the hash the cache gave; a rendered one is hashed now.
      const entries = new Map(all.map((f, i) => [keys[i], found[i] ? cache.entries.get(keys[i])! : (f.sha256 ?? contentHash(f.content))]));
      const taken = new Set(found.flatMap((f) => (f ? [f.path] : [])));
      outcome = { hits, rendered: missing.length, taken, cache: { compiler: cache.compiler, entries } };
      return all;
    },
    cancel: () => inner.cancel(),
  };
}
