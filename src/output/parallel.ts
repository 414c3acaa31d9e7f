import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { PlatformSettings } from '../input/platform/settings';
import { ComponentSpec } from '../input/model';
import { RenderedFile, renderChecked, renderHere, RenderStream } from './plan';

/** Below this many components a second thread costs more (its start-up) than it saves. */
export const PARALLEL_THRESHOLD = 64;

const ROLE = 'dcae-synth-render';
/**
 * The most components a render thread holds given and not yet rendered. Small, so that the main thread, once it
 * has checked every spec, takes the rest itself instead of waiting for a thread's backlog; large enough that a
 * thread never waits for the main thread between two components.
 */
const WINDOW = 8;

/**
 * A render thread keeps little alive (one chart at a time), so a small young generation costs it few extra
 * collections and keeps the process's peak memory down (measured: see README, Performance).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 12 };

/** What the main thread sends a render thread: the platform settings once, then components with their place. */
type Request = { readonly platform: PlatformSettings } | { readonly index: number; readonly spec: ComponentSpec };
/** What a render thread sends back: one rendered component and its place. */
interface Reply {
  readonly index: number;
  readonly file: RenderedFile;
}

/** One render thread, as the main thread sees it. */
interface Thread {
  readonly worker: Worker;
  /** Components rendered so far, counted by the thread itself (shared memory: readable while this thread is busy). */
  readonly rendered: Int32Array;
  /** Components given to it. */
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
   */
  public static start(jobs: number, entry: string | undefined): RenderPool {
    const threads: Thread[] =
      entry && /\.js$/.test(entry) && jobs > 1
        ? Array.from({ length: jobs - 1 }, () => {
            const rendered = new Int32Array(new SharedArrayBuffer(4));
            const worker = new Worker(entry, { workerData: { role: ROLE, rendered }, resourceLimits: WORKER_LIMITS });
            return { worker, rendered, given: 0, received: 0 };
          })
        : [];
    return new RenderPool(threads);
  }

  private constructor(private readonly workers: Thread[]) {}

  /** A stream that renders the components added to it on these threads and this one (one stream per pool). */
  public stream(): RenderStream {
    return new PoolStream(this.workers);
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
 * A render stream over a pool: each component added goes to a render thread that has fewer than {@link WINDOW}
 * waiting, or, once every component is known ({@link finish}), to whichever of this thread and the render threads
 * is free. Results go back in the order the components were added.
 */
class PoolStream implements RenderStream {
  private readonly specs: ComponentSpec[] = [];
  private readonly results: RenderedFile[] = [];
  private platform: PlatformSettings | undefined;
  /** The first component not yet given to any thread. */
  private next = 0;
  private done = 0;
  private reported = -1;
  private onProgress?: (done: number) => void;
  private failure: Error | undefined;
  private readonly waiting: Array<{ resolve(): void; reject(e: Error): void }> = [];

  constructor(private readonly threads: readonly Thread[]) {
    threads.forEach((t, i) => {
      t.worker.on('message', (reply: Reply) => {
        t.received++;
        this.results[reply.index] = reply.file;
        this.progress();
      });
      // A worker that ends before it has returned what it was given must fail the run, never end it quietly.
      t.worker.once('exit', (code) => {
        if (t.received < t.given)
          this.fail(
            new Error(`render thread ${i + 1} exited (code ${code}) with ${t.received} of the ${t.given} components given to it rendered`),
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

  public async finish(specs: readonly ComponentSpec[], onProgress?: (done: number) => void): Promise<RenderedFile[]> {
    if (specs.length !== this.specs.length || specs.some((s, i) => s !== this.specs[i]))
      throw new Error(`the render stream was given ${this.specs.length} components, and the run has ${specs.length}`);
    this.onProgress = onProgress;
    this.progress();
    // What no thread has taken yet: this thread renders it, one at a time, topping up the threads in between.
    while (this.next < this.specs.length) {
      this.feed();
      if (this.next >= this.specs.length) break;
      const i = this.next++;
      this.results[i] = renderChecked(this.specs[i], this.platform!);
      this.done++;
      this.progress();
    }
    await new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.settle();
    });
    return this.results;
  }

  public cancel(): void {
    this.specs.length = 0;
  }

  /** Gives each render thread components until it has {@link WINDOW} waiting (it counts what it rendered). */
  private feed(): void {
    for (const t of this.threads) {
      while (this.next < this.specs.length && t.given - Atomics.load(t.rendered, 0) < WINDOW) {
        if (t.given === 0) t.worker.postMessage({ platform: this.platform! } satisfies Request);
        const index = this.next++;
        t.worker.postMessage({ index, spec: this.specs[index] } satisfies Request);
        t.given++;
      }
    }
  }

  /** Tells `onProgress` how many are rendered, when that changed; then checks whether {@link finish} is done. */
  private progress(): void {
    const count = this.done + this.threads.reduce((n, t) => n + t.received, 0);
    if (this.onProgress && count !== this.reported && count > 0) {
      this.reported = count;
      this.onProgress(count);
    }
    this.settle();
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.settle();
  }

  /** Resolves {@link finish} once every thread has returned all it was given (or rejects with the first failure). */
  private settle(): void {
    if (this.waiting.length === 0) return;
    if (this.failure) this.waiting.splice(0).forEach((w) => w.reject(this.failure!));
    else if (this.threads.every((t) => t.received === t.given)) this.waiting.splice(0).forEach((w) => w.resolve());
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

/** In a worker started by {@link RenderPool}: renders each component it is sent. Returns whether this thread is such a worker. */
export function serveRenderRequests(): boolean {
  const data = workerData as { role?: string; rendered?: Int32Array } | undefined;
  if (isMainThread || data?.role !== ROLE || !parentPort || !data.rendered) return false;
  const port = parentPort;
  const rendered = data.rendered;
  let platform: PlatformSettings | undefined;
  port.on('message', (request: Request) => {
    if ('platform' in request) {
      platform = request.platform;
      return;
    }
    const file = renderChecked(request.spec, platform!);
    Atomics.add(rendered, 0, 1);
    port.postMessage({ index: request.index, file } satisfies Reply);
  });
  return true;
}
