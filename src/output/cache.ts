/**
 * The render cache: for each component, a hash of everything its manifest is made from (the compiler's build,
 * the platform settings and the component's checked spec) and a hash of the manifest it rendered to. A later
 * run whose component has the same inputs, and whose output folder holds a file with that very hash, takes the
 * file's bytes instead of rendering again. Nothing is trusted blindly: a file edited by hand has another hash and
 * the component is rendered. Pure: the caller reads and writes the cache file and the output folder.
 */
import { createHash } from 'crypto';
import { ComponentSpec } from '../input/model';
import { PlatformSettings } from '../input/platform/settings';
import { RenderedFile, RenderStream } from './plan';
import { manifestPath } from './output-file';

/** The first line of a cache file: a file of another format, or of another build of the compiler, is not used. */
const FORMAT = 'dcae-synth render cache 1';

/** What a render cache holds: the build it was made by, and for each input hash the hash of its manifest. */
export interface RenderCache {
  /** The compiler's build (its version and a hash of its code). */
  readonly compiler: string;
  /** Input hash → manifest hash (both SHA-256, hex). */
  readonly entries: ReadonlyMap<string, string>;
}

/** SHA-256 of a text (as UTF-8), hex. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The hash of what one component's manifest is made from. */
export function inputHash(compiler: string, platform: PlatformSettings | string, spec: ComponentSpec): string {
  const settings = typeof platform === 'string' ? platform : JSON.stringify(platform);
  return createHash('sha256').update(compiler).update('\0').update(settings).update('\0').update(JSON.stringify(spec)).digest('hex');
}

/** A cache file's entries, when it was written by this build in this format; otherwise none. */
export function parseCache(text: string | undefined, compiler: string): RenderCache {
  const entries = new Map<string, string>();
  const lines = (text ?? '').split('\n');
  if (lines[0] === FORMAT && lines[1] === `compiler ${compiler}`) {
    for (const line of lines.slice(2)) {
      const m = /^([0-9a-f]{64}) ([0-9a-f]{64})$/.exec(line);
      if (m) entries.set(m[1], m[2]);
    }
  }
  return { compiler, entries };
}

/** A cache file's text: the format, the build, then one `<input hash> <manifest hash>` line per component, sorted. */
export function formatCache(cache: RenderCache): string {
  const lines = [...cache.entries].map(([input, output]) => `${input} ${output}`).sort();
  return `${FORMAT}\ncompiler ${cache.compiler}\n${lines.map((l) => `${l}\n`).join('')}`;
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
 * The result is in the order added, as from `inner` alone. `outcome()` says, once finished, what it did.
 */
export function cachedStream(
  cache: RenderCache,
  readOutput: (path: string) => string | undefined,
  inner: RenderStream,
): RenderStream & { outcome(): CacheOutcome | undefined } {
  let settings: string | undefined;
  const keys: string[] = [];
  const found: Array<RenderedFile | undefined> = [];
  let outcome: CacheOutcome | undefined;
  return {
    outcome: () => outcome,
    add: (spec, platform) => {
      settings ??= JSON.stringify(platform);
      const key = inputHash(cache.compiler, settings, spec);
      keys.push(key);
      const expected = cache.entries.get(key);
      const path = manifestPath(spec);
      const content = expected === undefined ? undefined : readOutput(path);
      const hit = content !== undefined && contentHash(content) === expected;
      found.push(hit ? { path, content, invalid: [], tooLarge: [] } : undefined);
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
      const entries = new Map(all.map((f, i) => [keys[i], found[i] ? cache.entries.get(keys[i])! : contentHash(f.content)]));
      const taken = new Set(found.flatMap((f) => (f ? [f.path] : [])));
      outcome = { hits, rendered: missing.length, taken, cache: { compiler: cache.compiler, entries } };
      return all;
    },
    cancel: () => inner.cancel(),
  };
}
