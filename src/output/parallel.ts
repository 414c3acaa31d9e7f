import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { PlatformSettings } from '../input/platform/settings';
import { ComponentSpec } from '../input/model';
import { RenderedFile, renderChecked, renderHere, RenderStream } from './plan';
import { contentHash } from './output-file';
import { StagedManifest, stageFile, StagingArea } from './stage';

/** Below this many components a second thread costs more (its start-up) than it saves. */
export const PARALLEL_THRESHOLD = 64;

const ROLE = 'dcae-synth-render';
/**
 * The most components a render thread holds sent and not yet handled. Enough that it never waits while the main
 * thread checks files or runs the checks across them; few enough that a fleet's components are not all copied into
 * its queue at once (memory), and that the main thread takes the rest itself at the end.
 */
const AHEAD = 64;

/** Who took a component: nobody yet, a render thread, or the main thread. */
const FREE = 0;
const TAKEN_BY_THREAD = 1;
const TAKEN_HERE = 2;

/**
 * A render thread keeps little alive (the compiler, and one chart at a time), so a small young generation costs it
 * few extra collections and keeps the process's peak memory down. The old generation's limit is far above what one
 * component needs, and it is there for V8's heap growth, which scales with the limit: with the default (a quarter
 * of the machine's memory, up to 4 GiB) the thread's old generation grew to about 50 MiB, mostly garbage, before V8
 * collected it; with 1 GiB, to about 22 MiB (measured: see docs/architecture.md, Performance measurements).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 1024 };

/** What the main thread sends a render thread: the platform settings once, then components with their place. */
type Request = { readonly platform: PlatformSettings } | { readonly index: number; readonly spec: ComponentSpec };
/**
 * What a render thread sends back: one rendered component and its place; or, for a manifest it staged, where and
 * the hash of its text (not the text: the main thread then never holds it, see {@link StagedManifest}).
 */
type Reply = { readonly index: number; readonly file: RenderedFile } | { readonly index: number; readonly staged: Staged };

/** A manifest staged by a thread: its path, the SHA-256 of its text, and the staged file that holds the text. */
interface Staged {
  readonly path: string;
  readonly sha256: string;
  readonly aside: string;
}

/**
 * A pool that stages each manifest as soon as it is rendered (the run holds the output folder's lock): where, and
 * the map it fills, from output path to the staged file (flushed) that holds its bytes.
 */
export interface PoolStaging {
  readonly area: StagingArea;
  readonly staged: Map<string, string>;
}

/** Stages a rendered manifest when it can be used (a manifest with errors is never written): what was staged, or undefined. */
async function stageIfWritten(area: StagingArea | undefined, index: number, file: RenderedFile): Promise<Staged | undefined> {
  if (!area || file.invalid.length > 0 || file.tooLarge.length > 0) return undefined;
  const aside = await stageFile(area, index, file);
  return aside === undefined ? undefined : { path: file.path, sha256: contentHash(file.content), aside };
}

/** One render thread, as the main thread sees it. */
interface Thread {
  readonly worker: Worker;
  /** Its place in the pool's shared count of handled components. */
  readonly slot: number;
  /** Components sent to it (it renders those nobody else has claimed). */
  given: number;
  /** Replies received. */
  received: number;
}

/**
 * Threads that render components while the main thread does the rest. Start them early (they load the
 * compiler while the main thread reads and checks the specs), and hand them each component as soon as it has
 * passed its own checks ({@link RenderPool.stream}): rendering overlaps checking.
 */
export class RenderPool {
  /**
   * Starts `jobs - 1` worker threads running `entry` (a compiled script that calls {@link serveRenderRequests}
   * at load). With `jobs` 1, or no script to run, nothing starts and everything renders on the main thread.
   * `capacity` is the most components the threads may share (the run's number of files): any beyond it render
   * on the main thread. With `staging`, every thread stages each manifest it renders.
   */
  public static start(jobs: number, entry: string | undefined, capacity = 1024, staging?: PoolStaging): RenderPool {
    // One mark per component, shared by every thread: whoever sets it first renders the component.
    const marks = new SharedArrayBuffer(4 * Math.max(1, capacity));
    // Per thread, how many of the components sent to it it has handled (rendered, or found taken).
    const handled = new SharedArrayBuffer(4 * Math.max(1, jobs));
    const threads: Thread[] =
      entry && /\.js$/.test(entry) && jobs > 1
        ? Array.from({ length: jobs - 1 }, (_, slot) => ({
            worker: new Worker(entry, {
              workerData: { role: ROLE, marks, handled, slot, area: staging?.area },
              resourceLimits: WORKER_LIMITS,
            }),
            slot,
            given: 0,
            received: 0,
          }))
        : [];
    return new RenderPool(threads, marks, handled, staging);
  }

  private constructor(
    private readonly workers: Thread[],
    private readonly marks: SharedArrayBuffer,
    private readonly handled: SharedArrayBuffer,
    private readonly staging: PoolStaging | undefined,
  ) {}

  /** A stream that renders the components added to it on these threads and this one (one stream per pool). */
  public stream(): RenderStream {
    return new PoolStream(this.workers, this.marks, this.handled, this.staging);
  }

  /** Renders every component, split between the threads; the result is in the order given, whatever thread did what. */
  public async render(
    specs: readonly ComponentSpec[],
    platform: PlatformSettings,
    onProgress?: (done: number) => void,
  ): Promise<RenderedFile[]> {
    const stream = this.stream();
    for (const s of specs) stream.add(s, platform);
    return stream.finish(specs, onProgress);
  }

  /** Stops the workers. */
  public async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((t) => t.worker.terminate()));
  }
}

/**
 * A render stream over a pool. Each component added is sent to a render thread that holds fewer than {@link AHEAD}
 * not yet handled; a thread renders what it is sent, in order. Once every component is known ({@link finish}),
 * this thread renders from the last component down, keeping the threads supplied; a shared mark per component says
 * who took it, so that the threads and this one meet in the middle and none renders a component twice. Results go
 * back in the order added.
 */
class PoolStream implements RenderStream {
  private readonly specs: ComponentSpec[] = [];
  private readonly results: RenderedFile[] = [];
  private readonly marks: Int32Array;
  private readonly handled: Int32Array;
  /** The first component not yet sent to a thread. */
  private next = 0;
  /** The platform settings the components were added with (the same for all). */
  private platform: PlatformSettings | undefined;
  /** Components this thread rendered. */
  private mine = 0;
  private reported = 0;
  private finished = false;
  private onProgress?: (done: number) => void;
  private failure: Error | undefined;
  private readonly waiting: Array<{ resolve(): void; reject(e: Error): void }> = [];

  constructor(
    private readonly threads: readonly Thread[],
    marks: SharedArrayBuffer,
    handled: SharedArrayBuffer,
    private readonly staging: PoolStaging | undefined,
  ) {
    this.marks = new Int32Array(marks);
    this.handled = new Int32Array(handled);
    threads.forEach((t, i) => {
      t.worker.on('message', (reply: Reply) => {
        t.received++;
        if ('file' in reply) this.results[reply.index] = reply.file;
        else this.keepStaged(reply.index, reply.staged);
        this.progress();
      });
      // A worker that ends before the run has every component must fail the run, never end it quietly.
      t.worker.once('exit', (code) => {
        if (!this.finished)
          this.fail(
            new Error(
              `render thread ${i + 1} exited (code ${code}) before the run was rendered (it had rendered ${t.received} components)`,
            ),
          );
      });
      t.worker.once('error', (e) => this.fail(e));
    });
  }

  public add(spec: ComponentSpec, platform: PlatformSettings): void {
    this.platform ??= platform;
    this.specs.push(spec);
    this.feed();
  }

  /**
   * Sends each thread the next components until it holds {@link AHEAD} not yet handled; a component already taken
   * here is not sent, and one beyond the shared marks is never sent (it renders here).
   */
  private feed(): void {
    const last = Math.min(this.specs.length, this.marks.length);
    for (const t of this.threads) {
      while (this.next < last && t.given - Atomics.load(this.handled, t.slot) < AHEAD) {
        const index = this.next++;
        if (Atomics.load(this.marks, index) !== FREE) continue;
        if (t.given === 0) t.worker.postMessage({ platform: this.platform! } satisfies Request);
        t.worker.postMessage({ index, spec: this.specs[index] } satisfies Request);
        t.given++;
      }
    }
  }

  public async finish(specs: readonly ComponentSpec[], onProgress?: (done: number) => void): Promise<RenderedFile[]> {
    if (specs.length !== this.specs.length || specs.some((s, i) => s !== this.specs[i]))
      throw new Error(`the render stream was given ${this.specs.length} components, and the run has ${specs.length}`);
    this.onProgress = onProgress;
    const platform = this.platform!;
    const staged: Array<Promise<unknown>> = [];
    // From the last component down, each one no thread has taken yet.
    for (let i = this.specs.length - 1; i >= 0; i--) {
      this.feed();
      const shared = this.threads.length > 0 && i < this.marks.length;
      if (shared && Atomics.compareExchange(this.marks, i, FREE, TAKEN_HERE) !== FREE) continue;
      const file = renderChecked(this.specs[i], platform);
      this.results[i] = file;
      if (this.staging) staged.push(stageIfWritten(this.staging.area, i, file).then((s) => s && this.keepStaged(i, s)));
      this.mine++;
      this.progress();
    }
    await new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.settle();
    });
    // What this thread staged is written aside, and in the map, before the run writes.
    await Promise.all(staged);
    this.finished = true;
    return this.results;
  }

  /** A staged manifest, kept as the run keeps one (by its hash, see {@link StagedManifest}) and in the staged files. */
  private keepStaged(index: number, { path, sha256, aside }: Staged): void {
    this.results[index] = new StagedManifest(path, sha256, aside, this.staging!.area.outdir);
    this.staging!.staged.set(path, aside);
  }

  public cancel(): void {
    // What no thread has taken yet is taken here, and never rendered.
    if (this.threads.length > 0)
      for (let i = 0; i < Math.min(this.specs.length, this.marks.length); i++) Atomics.compareExchange(this.marks, i, FREE, TAKEN_HERE);
    this.finished = true;
  }

  /** Tells `onProgress` how many are rendered, when that grew; then checks whether {@link finish} is done. */
  private progress(): void {
    const count = this.mine + this.threads.reduce((n, t) => n + t.received, 0);
    if (this.onProgress && count > this.reported) {
      this.reported = count;
      this.onProgress(count);
    }
    this.settle();
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.settle();
  }

  /** Resolves {@link finish} once every component is rendered (or rejects with the first failure). */
  private settle(): void {
    if (this.waiting.length === 0) return;
    if (this.failure) this.waiting.splice(0).forEach((w) => w.reject(this.failure!));
    else if (this.mine + this.threads.reduce((n, t) => n + t.received, 0) === this.specs.length)
      this.waiting.splice(0).forEach((w) => w.resolve());
  }
}

/**
 * A render stream for a run that expects to render few components (most come from the render cache): it renders
 * on this thread, unless {@link PARALLEL_THRESHOLD} components come; then it starts the render threads (`start`)
 * and hands them over.
 */
export function deferredPoolStream(start: () => RenderPool): RenderStream {
  const held: ComponentSpec[] = [];
  let platform: PlatformSettings | undefined;
  let inner: RenderStream | undefined;
  return {
    add: (spec, p) => {
      platform ??= p;
      if (inner) return inner.add(spec, p);
      held.push(spec);
      if (held.length < PARALLEL_THRESHOLD) return;
      inner = start().stream();
      for (const s of held) inner.add(s, p);
    },
    finish: async (specs, onProgress) => (inner ? inner.finish(specs, onProgress) : renderHere(specs, platform!, onProgress)),
    cancel: () => inner?.cancel(),
  };
}

/**
 * In a worker started by {@link RenderPool}: renders each component it is sent that nobody has taken yet (the main
 * thread takes the last ones). Returns whether this thread is such a worker. `describe` writes the stack trace of an
 * error of this thread (a bug) before it goes to the main thread, which gets the trace as text. @default V8's trace
 */
export function serveRenderRequests(describe?: (error: Error) => string): boolean {
  const data = workerData as
    { role?: string; marks?: SharedArrayBuffer; handled?: SharedArrayBuffer; slot?: number; area?: StagingArea } | undefined;
  if (isMainThread || data?.role !== ROLE || !parentPort || !data.marks || !data.handled || data.slot === undefined) return false;
  const port = parentPort;
  const marks = new Int32Array(data.marks);
  const handled = new Int32Array(data.handled);
  const slot = data.slot;
  let platform: PlatformSettings | undefined;
  port.on('message', (request: Request) => {
    if ('platform' in request) {
      platform = request.platform;
      return;
    }
    const { index } = request;
    if (Atomics.compareExchange(marks, index, FREE, TAKEN_BY_THREAD) === FREE) {
      let file: RenderedFile;
      try {
        file = renderChecked(request.spec, platform!);
      } catch (e) {
        if (describe && e instanceof Error) e.stack = describe(e);
        throw e;
      }
      // The reply waits for the file to be staged; this thread goes on rendering meanwhile.
      void stageIfWritten(data.area, index, file).then((staged) =>
        port.postMessage((staged === undefined ? { index, file } : { index, staged }) satisfies Reply),
      );
    }
    Atomics.add(handled, slot, 1);
  });
  return true;
}
