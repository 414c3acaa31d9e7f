/**
 * The stack trace of a compiler bug (exit 70) from a minified bundle: each frame named by its function and place
 * in the sources, through the source map beside the bundle (src/cli/process.ts). The bundle here is a small one
 * that esbuild makes from a source of this test, minified as the compiler's bundle is (no keepNames).
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildSync } from 'esbuild';
import { spawnSync } from 'child_process';
import { tmpdir } from '../helpers';

const BUILD = path.resolve(__dirname, '..', '..', 'build');

/** A function declaration, an arrow function, a class's constructor, a method, an async function: each calls the one above. */
const SOURCE = `export function outerDeclared(f: () => void): void {
  f();
}
export const arrowAssigned = (f: () => void): void => {
  outerDeclared(f);
};
export class Maker {
  constructor(f: () => void) {
    arrowAssigned(f);
  }
}
export class Builder {
  public build(f: () => void): void {
    new Maker(f);
  }
}
export function crash(): unknown {
  try {
    new Builder().build(() => {
      throw new Error('a bug');
    });
  } catch (e) {
    return e;
  }
  return undefined;
}
export async function crashLater(): Promise<unknown> {
  await null;
  return crash();
}
`;

/** What the child process reports: the trace of each case. */
interface Traces {
  readonly crash: string;
  readonly crashLater: string;
  readonly written: string;
  readonly rewritten: string;
  readonly mappedText: string;
  readonly notErrors: string[];
}

describe('the stack trace of a crash in a minified bundle with a source map', () => {
  let dir: string;
  let source: string;
  let traces: Traces;

  beforeAll(() => {
    dir = tmpdir('dcae-crash-stack-');
    source = path.join(dir, 'source.ts');
    fs.writeFileSync(source, SOURCE);
    buildSync({
      entryPoints: [source],
      outfile: path.join(dir, 'bundle.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      logLevel: 'silent',
    });
    // In a process of its own, as the command runs (jest rewrites stack traces and shifts a bundle's columns); the
    // build's compiled process.ts (npm test builds first).
    const script = `
      const { crashStack, withSourcePositions } = require(${JSON.stringify(path.join(BUILD, 'src', 'cli', 'process.js'))});
      const bundle = require(${JSON.stringify(path.join(dir, 'bundle.js'))});
      (async () => {
        const again = bundle.crash();
        const written = again.stack;
        console.log(JSON.stringify({
          crash: crashStack(bundle.crash()),
          crashLater: crashStack(await bundle.crashLater()),
          written,
          rewritten: crashStack(again),
          mappedText: withSourcePositions(written),
          notErrors: [crashStack('a string'), crashStack(42)],
        }));
      })();`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    traces = JSON.parse(r.stdout) as Traces;
  });

  /** The frames of a trace that are in the test's source, each as `name line`. */
  const frames = (trace: string) =>
    trace
      .split('\n')
      .filter((l) => l.includes(source))
      .map((l) => l.replace(`${source}:`, '').replace(/^\s+at (.*?) ?\(?(\d+):\d+\)?$/, '$1 $2'));

  test('GIVEN the bundle THEN its functions have other names than in the source (the names come from the map)', () => {
    const text = fs.readFileSync(path.join(dir, 'bundle.js'), 'utf8');
    expect(text).not.toMatch(/function outerDeclared|arrowAssigned\s*=|class Builder/);
  });

  test('WHEN a function of the bundle throws THEN each frame names its function and its line in the source', () => {
    expect(traces.crash.split('\n')[0]).toBe('Error: a bug');
    expect(frames(traces.crash)).toEqual([
      ' 20', // the arrow function given to build(), which has no name
      'outerDeclared 2',
      'arrowAssigned 5',
      'new Maker 9',
      'build 14',
      'crash 19',
    ]);
    expect(traces.crash).not.toContain('bundle.js');
  });

  test('WHEN the function that threw was called after an await THEN the async function is named too', () => {
    expect(frames(traces.crashLater).slice(-2)).toEqual(['crash 19', 'crashLater 29']);
  });

  test('GIVEN a trace already written (a render thread sends its error as text) WHEN written THEN its places are mapped, its names kept', () => {
    expect(traces.written).toContain('bundle.js:');
    expect(traces.rewritten).toBe(traces.mappedText);
    expect(traces.rewritten).not.toContain('bundle.js:');
    expect(frames(traces.rewritten).map((f) => f.replace(/^.* /, ''))).toEqual(['20', '2', '5', '9', '14', '19']);
  });

  test('GIVEN something thrown that is not an Error WHEN written THEN it is written as it is', () => {
    expect(traces.notErrors).toEqual(['a string', '42']);
  });
});
