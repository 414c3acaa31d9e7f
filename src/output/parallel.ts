import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { PlatformSettings } from '../input/platform/settings';
import { ComponentSpec } from '../input/model';
import { RenderedFile, renderChecked, renderHere } from './plan';

/** Below this many components a second thread costs more (its start-up) than it saves. */
export const PARALLEL_THRESHOLD = 64;

const ROLE = 'dcae-synth-render';
const BATCH = 100;

/**
 * A render thread keeps little alive (one chart at a time), so a small young generation costs it few extra
 * collections and keeps the process's peak memory down (measured: see README, Performance).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 12 };

interface Request {
  readonly specs: readonly ComponentSpec[];
  readonly platform: PlatformSettings;
}

/**
 * Threads that render components while the main thread does the rest. Start them early (they load the
 * compiler while the main thread reads and checks the specs); hand them work once the specs are valid.
 */
export class RenderPool {
  /**
   * Starts `jobs - 1` worker threads running `entry` (a compiled script that calls {@link serveRenderRequests}
   * at load). With `jobs` 1, or no script to run, nothing starts and everything renders on the main thread.
   */
  public static start(jobs: number, entry: string | undefined): RenderPool {
    const workers =
      entry && /\.js$/.test(entry) && jobs > 1
        ? Array.from({ length: jobs - 1 }, () => new Worker(entry, { workerData: { role: ROLE }, resourceLimits: WORKER_LIMITS }))
        : [];
    return new RenderPool(workers);
  }

  private constructor(private readonly workers: Worker[]) {}

  /** Renders every component, split between the threads; the result is in the order given, whatever thread did what. */
  public async render(
    specs: readonly ComponentSpec[],
    platform: PlatformSettings,
    onProgress?: (done: number) => void,
  ): Promise<RenderedFile[]> {
    const parts = this.workers.length + 1;
    if (parts === 1 || specs.length < PARALLEL_THRESHOLD) {
      await this.close();
      return renderHere(specs, platform, onProgress);
    }
    // Contiguous slices: the main thread takes the first, each worker one of the rest.
    const size = Math.ceil(specs.length / parts);
    const slices = Array.from({ length: parts }, (_, i) => specs.slice(i * size, (i + 1) * size));
    let done = 0;
    const pending = this.workers.map(
      (w, i) =>
        new Promise<RenderedFile[]>((resolve, reject) => {
          const slice = slices[i + 1];
          const files: RenderedFile[] = [];
          if (slice.length === 0) {
            resolve(files);
            return;
          }
          // A worker that ends before it has returned its whole share must fail the run, never end it quietly.
          w.once('exit', (code) => {
            if (files.length < slice.length)
              reject(new Error(`render thread ${i + 1} exited (code ${code}) with ${files.length} of ${slice.length} components rendered`));
          });
          // Results come back in small batches, so that a worker never holds its whole share.
          w.on('message', (batch: RenderedFile[]) => {
            files.push(...batch);
            done += batch.length;
            onProgress?.(done);
            if (files.length === slice.length) resolve(files);
          });
          w.once('error', reject);
          w.postMessage({ specs: slice, platform } satisfies Request);
        }),
    );
    // The main thread's slice, counted with what the workers have returned so far.
    const mine = slices[0].map((s) => {
      const [r] = renderHere([s], platform, onProgress, done);
      done += 1;
      return r;
    });
    const theirs = await Promise.all(pending);
    await this.close();
    return [...mine, ...theirs.flat()];
  }

  /** Stops the workers. */
  public async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((w) => w.terminate()));
  }
}

/** In a worker started by {@link RenderPool}: answers one render request. Returns whether this thread is such a worker. */
export function serveRenderRequests(): boolean {
  if (isMainThread || (workerData as { role?: string } | undefined)?.role !== ROLE || !parentPort) return false;
  const port = parentPort;
  port.once('message', (request: Request) => {
    for (let i = 0; i < request.specs.length; i += BATCH) {
      port.postMessage(request.specs.slice(i, i + BATCH).map((s) => renderChecked(s, request.platform)));
    }
  });
  return true;
}
