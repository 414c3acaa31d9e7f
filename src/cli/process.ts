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
 * One frame: V8's own text for a frame outside the bundle; for one in it, `async` and `new` as V8 writes them, then
 * the function's name and its place in the sources (the receiver's type is left out: in the bundle it is a
 * minified name, and the place says where the function is).
 */
function frame(site: NodeJS.CallSite, bundles: Map<string, Bundle | undefined>): string {
  const file = site.getFileName();
  const [line, column] = [site.getLineNumber(), site.getColumnNumber()];
  const bundle = file ? bundleOf(file, bundles) : undefined;
  const place = line !== null && column !== null ? bundle?.place(line, column) : undefined;
  if (place === undefined) return site.toString();
  const [startLine, startColumn] = [site.getEnclosingLineNumber(), site.getEnclosingColumnNumber()];
  const name = (startLine !== null && startColumn !== null && bundle?.name(startLine, startColumn)) || site.getFunctionName();
  if (name === null && site.isToplevel()) return place;
  return `${site.isAsync() ? 'async ' : ''}${site.isConstructor() ? 'new ' : ''}${name ?? '<anonymous>'} (${place})`;
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
   * map gives the identifier it is declared with (`f = ...`, `function f(`, `class C`); for a constructor, its
   * class's, found back from the constructor (on an earlier line too).
   */
  public name(line: number, column: number): string | undefined {
    let [at, text] = [column - 1, this.text(line)];
    if (text === undefined) return undefined;
    if (/^constructor\s*\(/.test(text.slice(at, at + 12))) {
      // The class keyword before it: on this line, or on one of the few lines before (a template literal of the
      // class can span lines).
      at = lastClassKeyword(text, at);
      for (let back = 0; at < 0 && line > 1 && back < 50; back++) {
        text = this.text(--line) ?? '';
        at = lastClassKeyword(text, text.length);
      }
      if (at < 0) return undefined;
    }
    const declared = declaredAt(text, at);
    const entry = declared === undefined ? undefined : (this.map.findEntry(line - 1, declared) as Entry | undefined);
    // Only the entry of that very identifier: the nearest one before it may name another.
    if (!entry?.originalSource || !entry.name || entry.generatedLine !== line - 1 || entry.generatedColumn !== declared) return undefined;
    return entry.name;
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
 * Where, in a line of a bundle, the identifier that declares the function or class starting at `start` stands: the
 * variable it is assigned to (`f = ...`: esbuild writes classes so, and a class's own name may be another), else
 * the name after `function` or `class`.
 */
function declaredAt(text: string, start: number): number | undefined {
  const assigned = /([\w$]+)\s*=\s*(?:async\s*)?$/.exec(text.slice(Math.max(0, start - 200), start));
  if (assigned) return start - assigned[0].length;
  const declared = /^(?:async\s*)?(?:function\s*\*?\s*|class\s+(?!extends\b))([\w$]+)/.exec(text.slice(start, start + 200));
  return declared ? start + declared[0].length - declared[1].length : undefined;
}

/** Where the last `class` keyword of a line before `before` is, or -1. */
function lastClassKeyword(text: string, before: number): number {
  let last = -1;
  for (const m of text.slice(0, before).matchAll(/(?<![\w$.])class(?=[\s{])/g)) last = m.index;
  return last;
}

/** What SourceMap.findEntry gives for a place it maps. */
interface Entry {
  readonly generatedLine: number;
  readonly generatedColumn: number;
  readonly originalSource?: string;
  readonly originalLine: number;
  readonly originalColumn: number;
  readonly name?: string;
}
