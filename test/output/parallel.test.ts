/**
 * The render threads, run in this process: the main thread's side of RenderPool (splitting the work, putting the
 * results back in order, counting progress, failing the run when a thread dies). The threads run the built CLI
 * (build/src/cli/bin.js, made by `npm run build`), as the real CLI's threads do.
 */
import * as fs from 'fs';
import * as path from 'path';
import { compile, CompileInput } from '../../src/compile';
import { deferredPoolStream, PARALLEL_THRESHOLD, RenderPool, serveRenderRequests } from '../../src/output/parallel';
import { loadProject } from '../../src/input/project';
import { renderHere } from '../../src/output/plan';
import { contentHash } from '../../src/output/output-file';
import { StagedManifest } from '../../src/output/stage';
import { holdFolder } from '../../src/output/write';
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
  test('GIVEN two jobs and a held output folder WHEN a fleet is rendered with staging THEN each manifest is staged once, by the thread that rendered it, with its bytes', async () => {
    const input = fleet(PARALLEL_THRESHOLD + 6);
    const out = path.join(tmpdir(), 'out');
    const hold = holdFolder(out);
    const staged = new Map<string, string>();
    const pool = RenderPool.start(2, ENTRY, input.components.length, { area: { outdir: out, temp: hold.temp }, staged });
    try {
      const project = loadProject(input);
      const rendered = await pool.render(project.components, project.platform);
      expect([...staged.keys()].sort()).toEqual(rendered.map((r) => r.path).sort());
      for (const r of rendered) expect(fs.readFileSync(staged.get(r.path)!, 'utf8')).toBe(r.content);
      // The run keeps no staged manifest's text, only its hash (the text is read back when asked for: above).
      const alone = renderHere(project.components, project.platform);
      expect(rendered.every((r) => r instanceof StagedManifest && Object.getOwnPropertyNames(r).every((k) => k !== 'content'))).toBe(true);
      expect(rendered.map((r) => [r.path, r.sha256])).toEqual(alone.map((r) => [r.path, contentHash(r.content)]));
      // Staged files are named by component: both threads staged some (the main thread takes the last ones).
      expect(new Set(staged.values()).size).toBe(rendered.length);
      expect(staged.get(rendered[rendered.length - 1].path)).toBe(path.join(hold.temp, `${process.pid}-${rendered.length - 1}.stage`));
    } finally {
      await pool.close();
      hold.release();
    }
    expect(fs.existsSync(out)).toBe(false);
  });

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

  /**
   * A render thread that takes the first component it is sent (as a real one does), then does `then` instead of
   * rendering it; the run's components are added, and the main thread waits a moment before it finishes.
   */
  async function withBrokenThread(then: string): Promise<{ readonly finished: Promise<unknown> }> {
    const script = workerScript(
      "const { parentPort, workerData } = require('worker_threads');\n" +
        'const marks = new Int32Array(workerData.marks);\n' +
        `parentPort.on('message', (m) => { if ('index' in m && Atomics.compareExchange(marks, m.index, 0, 1) === 0) { ${then} } });\n`,
    );
    const pool = RenderPool.start(2, script, PARALLEL_THRESHOLD);
    const { components, platform } = loadProject(fleet(PARALLEL_THRESHOLD));
    const stream = pool.stream();
    for (const spec of components) stream.add(spec, platform);
    await new Promise((r) => setTimeout(r, 1000));
    return { finished: stream.finish(components).finally(() => pool.close()) };
  }

  test('GIVEN a thread that exits after it took a component WHEN the run finishes THEN it fails, saying which thread and how much it rendered', async () => {
    await expect((await withBrokenThread('process.exit(3);')).finished).rejects.toThrow(
      'render thread 1 exited (code 3) before the run was rendered (it had rendered 0 components)',
    );
  });

  test('GIVEN a thread that throws WHEN the run finishes THEN it fails with its error', async () => {
    await expect((await withBrokenThread("throw new Error('render thread broke');")).finished).rejects.toThrow('render thread broke');
  });

  test('GIVEN a thread whose render throws (a bug) WHEN the run finishes THEN it fails with that error, its trace written by the thread with the describe it was given', async () => {
    const parallel = JSON.stringify(path.join(ROOT, 'build', 'src', 'output', 'parallel.js'));
    const ready = path.join(tmpdir(), 'ready');
    const script = workerScript(
      `require(${parallel}).serveRenderRequests((e) => 'described here: ' + e.message);\n` +
        `require('fs').writeFileSync(${JSON.stringify(ready)}, '');\n`,
    );
    const pool = RenderPool.start(2, script, PARALLEL_THRESHOLD);
    const { components, platform } = loadProject(fleet(PARALLEL_THRESHOLD));
    const stream = pool.stream();
    // The first component goes to the thread first: one it cannot render. Once the thread is up, it takes it at once
    // (this thread renders only from finish() on, from the last component down).
    while (!fs.existsSync(ready)) await new Promise((r) => setTimeout(r, 20));
    const broken = [null as unknown as (typeof components)[number], ...components.slice(1)];
    for (const spec of broken) stream.add(spec, platform);
    await new Promise((r) => setTimeout(r, 300));
    let error: Error | undefined;
    try {
      await stream.finish(broken);
    } catch (e) {
      error = e as Error;
    } finally {
      await pool.close();
    }
    expect(error?.stack).toMatch(/^described here: Cannot read properties of null/);
  });

  test('GIVEN a thread that never takes anything WHEN the run finishes THEN this thread renders every component', async () => {
    const pool = RenderPool.start(
      2,
      workerScript("require('worker_threads').parentPort.on('message', () => undefined);\n"),
      PARALLEL_THRESHOLD,
    );
    try {
      const input = fleet(PARALLEL_THRESHOLD);
      const pooled = await compile(input, { render: (specs, platform, onProgress) => pool.render(specs, platform, onProgress) });
      expect(pooled.files).toEqual(compile(input).files);
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

describe('GIVEN a render stream over a pool', () => {
  test('GIVEN components added one at a time WHEN the main thread pauses between them THEN the render thread renders them before the run finishes, and the result is the same as on one thread', async () => {
    const input = fleet(PARALLEL_THRESHOLD + 6);
    const { components, platform } = loadProject(input);
    const pool = RenderPool.start(2, ENTRY);
    const progress: number[] = [];
    try {
      const stream = pool.stream();
      for (const spec of components.slice(0, 20)) stream.add(spec, platform);
      // The main thread is free for a moment (it would be reading the next files): the thread renders what it holds.
      await new Promise((r) => setTimeout(r, 1500));
      const thread = (pool as unknown as { workers: Array<{ received: number }> }).workers[0];
      expect(thread.received).toBeGreaterThan(0);
      for (const spec of components.slice(20)) stream.add(spec, platform);
      const files = await stream.finish(components, (n) => progress.push(n));
      expect(files).toEqual(renderHere(components, platform));
    } finally {
      await pool.close();
    }
    expect(progress.every((n, i) => i === 0 || n > progress[i - 1])).toBe(true);
    expect(progress[progress.length - 1]).toBe(PARALLEL_THRESHOLD + 6);
  });

  test('GIVEN a run whose last file has an error WHEN compiled through a stream THEN the stream is cancelled and nothing is rendered into the result', async () => {
    const input = fleet(PARALLEL_THRESHOLD);
    const bad: CompileInput = { components: [...input.components, { name: 'components/zz.yaml', text: 'name: Bad_Name\nimage: r/x:1\n' }] };
    const calls: string[] = [];
    const pool = RenderPool.start(2, ENTRY);
    try {
      const inner = pool.stream();
      const result = await compile(bad, {
        stream: {
          add: (spec, p) => (calls.push('add'), inner.add(spec, p)),
          finish: (specs, onProgress) => (calls.push('finish'), inner.finish(specs, onProgress)),
          cancel: () => (calls.push('cancel'), inner.cancel()),
        },
      });
      expect(result.files).toEqual([]);
      expect(result.diagnostics.map((d) => d.file)).toEqual(['components/zz.yaml']);
    } finally {
      await pool.close();
    }
    expect(calls.filter((c) => c === 'add')).toHaveLength(PARALLEL_THRESHOLD);
    expect(calls.slice(-1)).toEqual(['cancel']);
  });

  test('GIVEN a stream WHEN finished with other components than were added THEN it refuses (a bug in the caller)', async () => {
    const { components, platform } = loadProject(fleet(3));
    const stream = RenderPool.start(1, undefined).stream();
    for (const spec of components.slice(0, 2)) stream.add(spec, platform);
    await expect(stream.finish(components)).rejects.toThrow('the render stream was given 2 components, and the run has 3');
  });

  test(`GIVEN a deferred stream WHEN fewer than ${PARALLEL_THRESHOLD} components come THEN no thread starts; WHEN ${PARALLEL_THRESHOLD} come THEN the threads start once`, async () => {
    const { components, platform } = loadProject(fleet(PARALLEL_THRESHOLD + 2));
    let started = 0;
    const few = deferredPoolStream(() => (started++, RenderPool.start(2, ENTRY)));
    for (const spec of components.slice(0, 5)) few.add(spec, platform);
    expect((await few.finish(components.slice(0, 5))).map((f) => f.path)).toEqual(components.slice(0, 5).map((c) => `${c.name}.k8s.yaml`));
    expect(started).toBe(0);
    let pool: RenderPool | undefined;
    const many = deferredPoolStream(() => (started++, (pool = RenderPool.start(2, ENTRY))));
    try {
      for (const spec of components) many.add(spec, platform);
      expect(started).toBe(1);
      expect(await many.finish(components)).toHaveLength(PARALLEL_THRESHOLD + 2);
    } finally {
      await pool?.close();
    }
  });
});

describe('GIVEN the main thread', () => {
  test('WHEN serveRenderRequests is called THEN it says this is no render thread and serves nothing', () => {
    expect(serveRenderRequests()).toBe(false);
  });
});
