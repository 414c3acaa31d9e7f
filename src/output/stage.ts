import * as nodeFs from 'fs';
import * as path from 'path';
import { contentHash, OutputFile } from './output-file';
import type { OversizedObject } from './limits';
import type { RenderedFile } from './plan';
import { readIfExists, readQuietly, target } from './write';

/**
 * Where a run that holds the output folder's lock (see `holdFolder`) stages rendered manifests: plain strings,
 * so that render threads can be given it.
 */
export interface StagingArea {
  /** The output folder. */
  readonly outdir: string;
  /** The run's temporary folder in it (`.dcae-synth/tmp`), removed with everything in it when the lock is released. */
  readonly temp: string;
  /**
   * The output folder held nothing but the compiler's state folder when the run took its lock (a fresh output
   * folder): every manifest is staged without a look at the folder. @default false: each is compared first
   */
  readonly empty?: boolean;
}

/** The file-system calls staging makes (tests make them fail). */
export type StageFileSystem = Pick<
  typeof nodeFs,
  'statSync' | 'readFileSync' | 'writeFile' | 'writeFileSync' | 'rm' | 'open' | 'fdatasync' | 'close'
>;

/** How many flushes to the disk a run asks for at once: the file system merges them (on ext4, into few journal commits). */
const FLUSHES_AT_ONCE = 16;

/**
 * The most files a thread has being written aside at once. Beyond it, the thread writes the file itself before it
 * goes on: when the disk is slower than rendering, the files waiting (each a copy of its bytes) never pile up.
 */
const WRITES_AT_ONCE = 32;
let writing = 0;

/**
 * Stages component `index`'s manifest in the area when its bytes differ from the output folder's file: written
 * aside by the I/O threads (making a file is the slow part of writing one, and the thread that rendered the
 * manifest goes on meanwhile), not yet flushed ({@link flushStaged} does that once every manifest is rendered).
 * Resolves to the staged file, or to undefined when it was not staged (the output folder has these bytes
 * already, or a call failed: staging never fails a run, the run's write then writes the file as any other and
 * reports a real failure).
 */
export function stageFile(area: StagingArea, index: number, file: OutputFile, fs: StageFileSystem = nodeFs): Promise<string | undefined> {
  const aside = path.join(area.temp, `${process.pid}-${index}.stage`);
  // A file that could not be written aside: whatever was written of it goes, and the run's write writes it.
  const dropped = () => new Promise<undefined>((resolve) => fs.rm(aside, { force: true }, () => resolve(undefined)));
  try {
    if (!area.empty && readIfExists(target(area.outdir, file.path), fs) === file.content) return Promise.resolve(undefined);
    if (writing >= WRITES_AT_ONCE) {
      fs.writeFileSync(aside, file.content, { mode: 0o644 });
      return Promise.resolve(aside);
    }
  } catch {
    return dropped();
  }
  writing++;
  return new Promise((resolve) =>
    fs.writeFile(aside, file.content, { mode: 0o644 }, (err) => {
      writing--;
      if (err) void dropped().then(resolve);
      else resolve(aside);
    }),
  );
}

/**
 * Flushes staged files (output path to staged file) to the disk, many at once, on the I/O threads. Resolves to
 * those flushed: one that could not be is left out, and the run's write then writes it as any other.
 */
export async function flushStaged(staged: ReadonlyMap<string, string>, fs: StageFileSystem = nodeFs): Promise<Map<string, string>> {
  const entries = [...staged];
  const flushed = new Map<string, string>();
  let next = 0;
  const flushOne = (aside: string) =>
    new Promise<void>((resolve, reject) =>
      fs.open(aside, 'r+', (err, fd) => {
        if (err) return reject(err);
        fs.fdatasync(fd, (failed) => fs.close(fd, () => (failed ? reject(failed) : resolve())));
      }),
    );
  await Promise.all(
    Array.from({ length: Math.min(FLUSHES_AT_ONCE, entries.length) }, async () => {
      while (next < entries.length) {
        const [file, aside] = entries[next++];
        await flushOne(aside).then(
          () => flushed.set(file, aside),
          () => undefined,
        );
      }
    }),
  );
  return flushed;
}

/** The code of the error a staged manifest throws when its text is no longer on the disk. */
export const STAGED_GONE = 'ESTAGED';

/**
 * A manifest kept by the SHA-256 of its text, not by its text: the text is on the disk, and is read back (checked
 * against the hash, from the first of its places that holds it) only when something asks for it (a Helm chart, a
 * mirror folder, the selector check of a changed Deployment). Comparisons with the output folder use the hash. So a
 * fleet's manifests never all sit in memory at once.
 */
export class ManifestByHash implements RenderedFile {
  public readonly invalid: readonly string[] = [];
  public readonly tooLarge: readonly OversizedObject[] = [];

  constructor(
    /** Its path relative to the output folder. */
    public readonly path: string,
    /** The SHA-256 of its text. */
    public readonly sha256: string,
    /** Reads each place that may hold its text, in turn (undefined: not there, or not readable). */
    private readonly places: ReadonlyArray<() => string | undefined>,
    /** What the error says when no place holds it any more. */
    private readonly gone: string,
  ) {}

  /** Its text, from the disk. Throws (with a code: a failure of the disk, for the run) when no place holds it. */
  public get content(): string {
    for (const read of this.places) {
      const text = read();
      if (text !== undefined && contentHash(text) === this.sha256) return text;
    }
    const err = new Error(this.gone) as NodeJS.ErrnoException;
    err.code = STAGED_GONE;
    throw err;
  }
}

/**
 * A staged manifest as the run keeps it: by its hash, its text in the staged file (or in the output folder, once the
 * write has moved it there).
 */
export class StagedManifest extends ManifestByHash {
  constructor(path: string, sha256: string, aside: string, outdir: string) {
    super(
      path,
      sha256,
      [aside, target(outdir, path)].map((file) => () => readQuietly(file)),
      `its staged text is no longer in ${aside} or ${target(outdir, path)} (changed while the run held the lock)`,
    );
  }
}
