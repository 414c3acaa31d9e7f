import * as fs from 'fs';
import { SourceMap } from 'module';
import * as path from 'path';
import { Console } from './report';
import { main, RunContext } from './run';

/**
 * Runs the compiler as this process: prints to its streams and sets its exit code. A crash inside the
 * compiler prints its stack with exit code 70; a mistake in the input never gets here.
 */
export function runAsProcess(argv: readonly string[], context: RunContext, options: { readonly summaryOnStderr?: boolean } = {}): void {
  const io: Console = {
    out: (s) => (options.summaryOnStderr ? process.stderr : process.stdout).write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    // Asked only when a progress bar may be drawn: making process.stderr loads Node's stream modules (for a pipe,
    // `net`), which a quiet run that prints nothing need not pay for.
    get progress() {
      return process.stderr.isTTY ? (line: string) => process.stderr.write(`\r\x1b[K${line}`) : undefined;
    },
  };
  main(argv, io, context).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`internal error (a bug in the compiler, not in your files; please report it):\n${crashStack(e)}\n`);
      process.exitCode = 70;
    },
  );
}

/**
 * The stack trace of a crash, each frame in a bundle with a source map beside it (the compiler's) named by its
 * function and place in the TypeScript sources. The bundle is minified without esbuild's `keepNames` (which named
 * every function again as it was made, a few milliseconds of each run), so a function's name in the sources is the
 * map's name of the identifier it is declared with, found from where V8 says the function starts. An error whose
 * trace was already written (one sent by a render thread) gets its places mapped, and keeps its names.
 */
export function crashStack(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const bundles = new Map<string, Bundle | undefined>();
  const previous = Error.prepareStackTrace;
  let framed = false;
  Error.prepareStackTrace = (error: Error, sites: NodeJS.CallSite[]) => {
    framed = true;
    return [String(error), ...sites.map((site) => `    at ${frame(site, bundles)}`)].join('\n');
  };
  let stack: string | undefined;
  try {
    stack = e.stack;
  } finally {
    Error.prepareStackTrace = previous;
  }
  if (stack === undefined) return String(e);
  return framed ? stack : withSourcePositions(stack, bundles);
}

/**
 * One frame as V8 writes it (`async`, `new`, the receiver's type for a method call), with the bundle's names and
 * places mapped; a frame placed in the sources names its function alone (the receiver's type in the bundle is a
 * minified name, and the place says where the function is).
 */
function frame(site: NodeJS.CallSite, bundles: Map<string, Bundle | undefined>): string {
  const file = site.getFileName();
  const [line, column] = [site.getLineNumber(), site.getColumnNumber()];
  const bundle = file ? bundleOf(file, bundles) : undefined;
  const mapped = line !== null && column !== null ? bundle?.place(line, column) : undefined;
  const place = mapped ?? `${file ?? '<anonymous>'}:${line}:${column}`;
  const [startLine, startColumn] = [site.getEnclosingLineNumber(), site.getEnclosingColumnNumber()];
  const name = (mapped && startLine !== null && startColumn !== null && bundle?.name(startLine, startColumn)) || site.getFunctionName();
  if (name === null && site.isToplevel()) return place;
  const type = mapped || site.isToplevel() || site.isConstructor() ? null : site.getTypeName();
  return `${site.isAsync() ? 'async ' : ''}${site.isConstructor() ? 'new ' : ''}${type ? `${type}.` : ''}${name ?? '<anonymous>'} (${place})`;
}

/**
 * A stack trace already written: each `file.js:line:column` in a bundle with a source map beside it becomes its
 * place in the TypeScript sources. Frames it cannot place stay as they are.
 */
export function withSourcePositions(stack: string, bundles = new Map<string, Bundle | undefined>()): string {
  return stack.replace(
    /([^\s()]+\.js):(\d+):(\d+)/g,
    (frame: string, file: string, line: string, column: string) => bundleOf(file, bundles)?.place(Number(line), Number(column)) ?? frame,
  );
}

/** A script with its source map beside it (`<file>.map`), read once per trace; undefined when there is none. */
function bundleOf(file: string, bundles: Map<string, Bundle | undefined>): Bundle | undefined {
  if (!bundles.has(file)) bundles.set(file, Bundle.read(file));
  return bundles.get(file);
}

/** A bundle and its source map, read only when a crash is reported (reading the map at every start costs time). */
class Bundle {
  public static read(file: string): Bundle | undefined {
    try {
      return new Bundle(file, new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8'))));
    } catch {
      return undefined;
    }
  }

  private lines: string[] | undefined;

  private constructor(
    private readonly file: string,
    private readonly map: SourceMap,
  ) {}

  /** The place in the sources of a (1-based) line and column of the bundle, as `source:line:column`. */
  public place(line: number, column: number): string | undefined {
    const entry = this.map.findEntry(line - 1, column - 1) as Entry | undefined;
    if (!entry?.originalSource) return undefined;
    return `${path.resolve(path.dirname(this.file), entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  }

  /**
   * The name in the sources of the function that starts at a (1-based) line and column of the bundle: the name the
   * map gives the identifier it is declared with (`function f(`, `class C`, or `f = ...`); for a constructor, its
   * class's.
   */
  public name(line: number, column: number): string | undefined {
    const text = this.text(line);
    if (text === undefined) return undefined;
    const start = column - 1;
    const at = /^constructor\s*\(/.test(text.slice(start, start + 12))
      ? declaredAt(text, text.lastIndexOf('class', start))
      : declaredAt(text, start);
    const entry = at === undefined ? undefined : (this.map.findEntry(line - 1, at) as Entry | undefined);
    return entry?.originalSource && entry.name ? entry.name : undefined;
  }

  /** A (1-based) line of the bundle. */
  private text(line: number): string | undefined {
    try {
      this.lines ??= fs.readFileSync(this.file, 'latin1').split('\n');
    } catch {
      this.lines = [];
    }
    return this.lines[line - 1];
  }
}

/**
 * Where, in a line of a bundle, the identifier that declares the function or class starting at `start` stands:
 * after `function` or `class`, or before ` = ` when it is assigned.
 */
function declaredAt(text: string, start: number): number | undefined {
  if (start < 0) return undefined;
  const declared = /^(?:async\s*)?(?:function\s*\*?\s*|class\s+)([\w$]+)/.exec(text.slice(start, start + 200));
  if (declared) return start + declared[0].length - declared[1].length;
  const assigned = /([\w$]+)\s*=\s*(?:async\s*)?$/.exec(text.slice(Math.max(0, start - 200), start));
  return assigned ? start - assigned[0].length : undefined;
}

/** What SourceMap.findEntry gives for a place it maps. */
interface Entry {
  readonly originalSource?: string;
  readonly originalLine: number;
  readonly originalColumn: number;
  readonly name?: string;
}
