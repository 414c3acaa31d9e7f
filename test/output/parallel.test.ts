/**
 * The render threads, run in this process: the main thread's side of RenderPool (splitting the work, putting the
 * results back in order, counting progress, failing the run when a thread dies). The threads run the built CLI
 * (build/src/cli/bin.js, made by `npm run build`), as the real CLI's threads do.
 */
import * as fs from 'fs';
import * as path from 'path';
import { compile, CompileInput } from '../../src/compile';
import { PARALLEL_THRESHOLD, RenderPool, serveRenderRequests } from '../../src/output/parallel';
import { ROOT, tmpdir } from '../helpers';

/** The compiled entry the CLI's render threads run. */
const ENTRY = path.join(ROOT, 'build', 'src', 'cli', 'bin.js');

/** A fleet of `n` small components. */
function fleet(n: number): CompileInput {
  return {
    components: Array.from({ length: n }, (_, i) => ({
      name: `components/c${String(i).padStart(3, '0')}.yaml`,
      text: `name: comp-${i}\nimage: repo/comp:1.${i}\n`,
    })),
  };
}

/** A worker script (in a temporary folder) with the given body. */
function workerScript(body: string): string {
  const file = path.join(tmpdir(), 'worker.js');
  fs.writeFileSync(file, body);
  return file;
}

describe('GIVEN a render pool', () => {
  test('GIVEN two jobs and a fleet above the threshold WHEN compiled through the pool THEN the files are those rendered on one thread, in order, and progress grows to the number of components', async () => {
    const input = fleet(PARALLEL_THRESHOLD + 6);
    const alone = compile(input);
    const pool = RenderPool.start(2, ENTRY);
    const progress: number[] = [];
    try {
      const pooled = await compile(input, {
        render: (specs, platform, onProgress) => pool.render(specs, platform, onProgress),
        onProgress: (done) => progress.push(done),
      });
      expect(pooled.diagnostics).toEqual([]);
      expect(pooled.invalid).toEqual([]);
      expect(pooled.files).toEqual(alone.files);
      expect(pooled.components).toBe(PARALLEL_THRESHOLD + 6);
    } finally {
      await pool.close();
    }
    // Counts that only grow (a thread's batch counts several components at once), from 1 to every component.
    expect(progress[0]).toBe(1);
    expect(progress.every((n, i) => i === 0 || n > progress[i - 1])).toBe(true);
    expect(progress[progress.length - 1]).toBe(PARALLEL_THRESHOLD + 6);
  });

  test('GIVEN nine jobs for 64 components WHEN rendered THEN the last thread, whose slice is empty, returns nothing and every component is rendered once', async () => {
    const input = fleet(PARALLEL_THRESHOLD);
    const alone = compile(input);
    // Nine parts of ceil(64 / 9) = 8 components: eight slices take all 64, the ninth is empty.
    expect(PARALLEL_THRESHOLD).toBe(64);
    const pool = RenderPool.start(9, ENTRY);
    try {
      const pooled = await compile(input, { render: (specs, platform, onProgress) => pool.render(specs, platform, onProgress) });
      expect(pooled.files).toEqual(alone.files);
    } finally {
      await pool.close();
    }
  });

  test('GIVEN a thread that exits before returning its share WHEN rendered THEN the run fails, saying which thread and how much it rendered', async () => {
    const pool = RenderPool.start(2, workerScript("require('worker_threads').parentPort.once('message', () => process.exit(3));\n"));
    try {
      await expect(
        compile(fleet(PARALLEL_THRESHOLD), { render: (specs, platform, onProgress) => pool.render(specs, platform, onProgress) }),
      ).rejects.toThrow(`render thread 1 exited (code 3) with 0 of ${PARALLEL_THRESHOLD / 2} components rendered`);
    } finally {
      await pool.close();
    }
  });

  test('GIVEN a thread that throws WHEN rendered THEN the run fails with its error', async () => {
    const pool = RenderPool.start(
      2,
      workerScript("require('worker_threads').parentPort.once('message', () => { throw new Error('render thread broke'); });\n"),
    );
    try {
      await expect(
        compile(fleet(PARALLEL_THRESHOLD), { render: (specs, platform, onProgress) => pool.render(specs, platform, onProgress) }),
      ).rejects.toThrow('render thread broke');
    } finally {
      await pool.close();
    }
  });

  test('GIVEN an entry that is not a compiled script (the TypeScript source, under ts-node or jest) WHEN started with two jobs THEN no thread starts and everything renders here', async () => {
    const pool = RenderPool.start(2, path.join(ROOT, 'src', 'cli', 'bin.ts'));
    const input = fleet(PARALLEL_THRESHOLD);
    const pooled = await compile(input, { render: (specs, platform, onProgress) => pool.render(specs, platform, onProgress) });
    expect(pooled.files).toEqual(compile(input).files);
    expect((pool as unknown as { workers: unknown[] }).workers).toEqual([]);
  });
});

describe('GIVEN the main thread', () => {
  test('WHEN serveRenderRequests is called THEN it says this is no render thread and serves nothing', () => {
    expect(serveRenderRequests()).toBe(false);
  });
});
