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

/**
 * A function declaration, an arrow function, a derived class whose constructor comes after a template literal of
 * two lines, a class that refers to itself (esbuild names its inner class `_Builder`), a method: each calls the one
 * above. Then an async function awaiting one that throws, and a throw inside a built-in (Array.prototype.map).
 */
const SOURCE = `export function outerDeclared(f: () => void): void {
  f();
}
export const arrowAssigned = (f: () => void): void => {
  outerDeclared(f);
};
class Base {
  constructor(protected readonly f: () => void) {}
}
export class Maker extends Base {
  public readonly help = \`a template
of two lines\`;
  constructor(f: () => void) {
    super(f);
    arrowAssigned(f);
  }
}
export class Builder {
  public static readonly shared = new Builder();
  public build(f: () => void): void {
    new Maker(f);
  }
}
export function crash(): unknown {
  try {
    Builder.shared.build(() => {
      throw new Error('a bug');
    });
  } catch (e) {
    return e;
  }
  return undefined;
}
async function deeper(): Promise<void> {
  await null;
  throw new Error('a later bug');
}
export async function crashLater(): Promise<unknown> {
  try {
    await deeper();
  } catch (e) {
    return e;
  }
  return undefined;
}
export function crashInMap(): unknown {
  try {
    [1].map(() => {
      throw new Error('a bug in map');
    });
  } catch (e) {
    return e;
  }
  return undefined;
}
`;

/** What the child process reports: the trace of each case. */
interface Traces {
  readonly crash: string;
  readonly crashLater: string;
  readonly crashInMap: string;
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
          crashInMap: crashStack(bundle.crashInMap()),
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
      ' 27', // the arrow function given to build(), which has no name
      'outerDeclared 2',
      'arrowAssigned 5',
      'new Maker 15', // a derived class, its constructor after a template literal of two lines
      'build 21', // a method of a class that refers to itself
      'crash 26',
    ]);
    expect(traces.crash).not.toContain('bundle.js');
  });

  test('WHEN an async function awaited one that threw THEN the awaiting one is named, and said to be async', () => {
    expect(frames(traces.crashLater)).toEqual(['deeper 36', 'async crashLater 40']);
  });

  test("WHEN a function given to a built-in throws THEN the built-in's frame is V8's own text", () => {
    expect(traces.crashInMap.split('\n')).toContain('    at Array.map (<anonymous>)');
    expect(traces.crashInMap).not.toContain('null');
    expect(frames(traces.crashInMap)).toEqual([' 49', 'crashInMap 48']);
  });

  test('GIVEN a trace already written (a render thread sends its error as text) WHEN written THEN its places are mapped, its names kept', () => {
    expect(traces.written).toContain('bundle.js:');
    expect(traces.rewritten).not.toContain('bundle.js:');
    expect(traces.rewritten).toBe(traces.mappedText);
    const rewritten = frames(traces.rewritten);
    // The same lines as the trace written here...
    expect(rewritten.map((f) => f.replace(/^.* /, ''))).toEqual(['27', '2', '5', '15', '21', '26']);
    // ...with the bundle's names, which are not the source's (a method keeps its own name, as minifying does).
    expect(rewritten.filter((f) => /outerDeclared|arrowAssigned|Maker|crash/.test(f))).toEqual([]);
  });

  test('GIVEN something thrown that is not an Error WHEN written THEN it is written as it is', () => {
    expect(traces.notErrors).toEqual(['a string', '42']);
  });
});
