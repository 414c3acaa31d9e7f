import {
  Alias,
  Composer,
  CST,
  Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  Node,
  Pair,
  Parser,
  YAMLMap,
} from 'yaml';
import { cut, describeValue, Diagnostic, formatPath, KeyPath, Target } from './diagnostics';
import { parseJson } from './json';
import { Places, readSimpleYaml, SimpleYaml } from './simple-yaml';

/** How many aliases a document may expand before it is treated as an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

export type { Target } from './diagnostics';

/**
 * Where a spec's values came from: anything that can point an error at a file, line and column from a
 * key path. A parsed file is one; a DCAE spec merged with a YAML override is another.
 */
export interface SpecSource {
  /** The file named in messages (for a merged spec, the file the user wrote). */
  readonly file: string;
  /** The spec as plain JavaScript values. */
  readonly value: unknown;
  /** A diagnostic for the value (or key) at a path. */
  error(path: KeyPath, message: string, target?: Target): Diagnostic;
  /** The scalar at a path exactly as written, or undefined. */
  rawScalar(path: KeyPath): string | undefined;
}

/** Result of parsing a file: the source when it parsed, and what was wrong otherwise. */
export interface ParseResult {
  readonly source?: SourceFile;
  readonly diagnostics: Diagnostic[];
}

/**
 * How deeply mappings and lists may nest in a file. Real specs nest fewer than 10 levels; 100 leaves room
 * for any of them and keeps every later step (each walks a document by recursion) far from the stack's end.
 */
export const MAX_DEPTH = 100;

/** The messages that YAML and JSON files share. */
const MESSAGES = {
  duplicateKey: 'duplicate key; a key may appear only once in a mapping',
  tooDeep: `nested more than ${MAX_DEPTH} levels deep; expected at most ${MAX_DEPTH} levels of mappings and lists`,
  empty: 'the file is empty; expected a mapping',
};

/** The longest text of a parser's own message that a diagnostic repeats. */
const MAX_PARSER_MESSAGE = 200;

/** Files read as strict JSON (DCAE component specifications); every other file is YAML. */
export const JSON_FILE = /\.json$/;

/**
 * A parsed YAML (or JSON) file that remembers where every value came from, so that any later step can
 * point an error at a file, line and column from a key path alone.
 */
export class SourceFile implements SpecSource {
  /**
   * Parses one file that must hold one mapping: strict JSON when its name ends in `.json`, YAML 1.2
   * otherwise. Never throws for bad input: everything wrong is returned as diagnostics (syntax errors,
   * duplicate keys, nesting too deep, alias bombs, empty files, several documents, non-mappings).
   */
  public static parse(file: string, text: string, options: ParseOptions = {}): ParseResult {
    return JSON_FILE.test(file) ? SourceFile.parseJson(file, text) : SourceFile.parseYaml(file, text, options.simple ?? true);
  }

  private static parseJson(file: string, text: string): ParseResult {
    const lineCounter = new LineCounter();
    lineCounter.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
    const pos = (offset: number) => {
      const p = lineCounter.linePos(offset);
      return { line: p.line, column: p.col };
    };
    const parsed = parseJson(text, MAX_DEPTH, MESSAGES);
    if (parsed.empty) return { diagnostics: [{ file, ...pos(0), path: '', message: MESSAGES.empty }] };
    if (parsed.problems.length > 0) {
      return { diagnostics: parsed.problems.map((p) => ({ file, ...pos(p.offset), path: formatPath(p.path), message: p.message })) };
    }
    const root = parsed.node as Node;
    if (!isMap(root)) return { diagnostics: [{ file, ...pos(root.range?.[0] ?? 0), path: '', message: notAMapping(root) }] };
    return { source: new SourceFile(file, text, parsed.value, { root, lineCounter }), diagnostics: [] };
  }

  private static parseYaml(file: string, text: string, simple: boolean): ParseResult {
    const read = simple ? readSimpleYaml(text) : undefined;
    if (read) return { source: new SourceFile(file, text, read.value, undefined, read), diagnostics: [] };
    const lineCounter = new LineCounter();
    const pos = (offset: number) => {
      const p = lineCounter.linePos(offset);
      return { line: p.line, column: p.col };
    };
    const tokens = parseTokens(text, lineCounter);
    if ('tooDeep' in tokens) {
      return { diagnostics: [{ file, ...pos(tokens.tooDeep.offset), path: formatPath(tokens.tooDeep.path), message: MESSAGES.tooDeep }] };
    }
    // Duplicate keys are found below, in one pass: the parser's own check compares each key with every key before it.
    const list = Array.from(new Composer({ uniqueKeys: false, strict: true }).compose(tokens.tokens));
    if (list.length === 0 || (list.length === 1 && list[0].contents === null && list[0].errors.length === 0)) {
      return { diagnostics: [{ file, ...pos(0), path: '', message: MESSAGES.empty }] };
    }
    const diagnostics: Diagnostic[] = [];
    const scans = list.map(scanDocument);
    list.forEach((doc, i) => {
      for (const e of doc.errors) {
        const offset = e.pos[0];
        diagnostics.push({
          file,
          ...pos(offset),
          path: formatPath(pathAtOffset(doc, offset)),
          message: `YAML does not parse: ${parserMessage(e.message)}`,
        });
      }
      for (const d of scans[i].duplicates)
        diagnostics.push({ file, ...pos(d.offset), path: formatPath(d.path), message: MESSAGES.duplicateKey });
    });
    if (diagnostics.length > 0) return { diagnostics };
    if (list.length > 1) {
      const offset = list[1].range[0];
      return { diagnostics: [{ file, ...pos(offset), path: '', message: `found ${list.length} YAML documents; expected one` }] };
    }
    const doc = list[0];
    const scan = scans[0];
    const at = (node: Node | undefined, message: string): ParseResult => {
      const offset = node?.range?.[0] ?? 0;
      return { diagnostics: [{ file, ...pos(offset), path: formatPath(pathAtOffset(doc, offset)), message }] };
    };
    for (const w of doc.warnings) {
      diagnostics.push({
        file,
        ...pos(w.pos[0]),
        path: formatPath(pathAtOffset(doc, w.pos[0])),
        message: `YAML warning: ${parserMessage(w.message)}`,
      });
    }
    const tagged = scan.tagged;
    if (tagged) {
      const tag = shortTag(tagged.tag as string);
      // The node's range starts after its tag; point at the tag itself.
      const tagAt = tagBefore(text, tagged.range?.[0] ?? 0);
      diagnostics.push({
        ...at(tagged, '').diagnostics[0],
        ...(tagAt !== undefined ? pos(tagAt) : {}),
        message:
          isMap(tagged) || isSeq(tagged)
            ? `a collection tagged ${cut(tag, 80)} is not a mapping or a list as YAML 1.2 reads them; remove the tag`
            : `a value tagged ${cut(tag, 80)} is not a plain string, number or boolean; remove the tag`,
      });
    }
    if (diagnostics.length > 0) return { diagnostics };
    const dangling = scan.dangling;
    if (dangling) {
      return at(
        dangling,
        `the alias *${cut(dangling.source, 80)} has no anchor &${cut(dangling.source, 80)} before it; expected an anchor defined earlier in the file`,
      );
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const detail = e instanceof Error ? parserMessage(e.message) : String(e);
      return at(scan.firstAlias, `aliases expand too far (${detail}); expected at most ${MAX_ALIAS_COUNT} alias expansions`);
    }
    // Aliases can nest what they repeat: the value, not the text, must keep to the limit.
    const alias = scan.firstAlias;
    if (alias && deeperThan(value, MAX_DEPTH)) return at(alias, `${MESSAGES.tooDeep}, once aliases are expanded`);
    if (!isMap(doc.contents)) {
      return { diagnostics: [{ file, ...pos(doc.contents?.range?.[0] ?? 0), path: '', message: notAMapping(doc.contents) }] };
    }
    return { source: new SourceFile(file, text, value, { root: doc.contents, lineCounter, doc }), diagnostics: [] };
  }

  /** For each mapping, its pairs by key (the first of each key), made when a path first passes through it. */
  private readonly index = new WeakMap<YAMLMap, Map<string, Pair>>();

  private constructor(
    /** The file name used in diagnostics. */
    public readonly file: string,
    private readonly text: string,
    /** The document as plain JavaScript values. */
    public readonly value: unknown,
    /** The parsed nodes, with their places; for a file the simple reader read, made when first asked for. */
    private nodes: ParsedNodes | undefined,
    /** For a file the simple reader read: where its values are, and the text of its non-string scalars. */
    private readonly simple?: SimpleYaml,
  ) {}

  /**
   * The file's nodes. A file the simple reader read is read again by the yaml library, the first time an error
   * or warning is placed in it: the library reads it to the same value (tests check), and knows where each is.
   */
  private tree(): ParsedNodes {
    if (!this.nodes) {
      const again = SourceFile.parseYaml(this.file, this.text, false);
      if (!again.source)
        throw new Error(
          `${this.file}: the simple YAML reader read this file, and the yaml library refuses it (${again.diagnostics[0]?.message}); this is a bug in the compiler`,
        );
      this.nodes = again.source.tree();
    }
    return this.nodes;
  }

  /** The line and column of the value (or key) at a path; the deepest existing ancestor when the path does not exist. */
  public locate(path: KeyPath, target: Target = 'value'): { line: number; column: number } {
    const at = this.simple && simpleOffset(this.simple, path, target);
    const p = at !== undefined ? this.simple!.lineCounter.linePos(at) : this.tree().lineCounter.linePos(this.rangeStart(path, target));
    return { line: p.line, column: p.col };
  }

  /** Where the library's node (or key) at a path starts. */
  private rangeStart(path: KeyPath, target: Target): number {
    const found = this.find(path);
    const range = (target === 'key' && found.keyNode?.range) || found.node?.range;
    return range ? range[0] : 0;
  }

  /** A diagnostic for the value (or key) at a path. */
  public error(path: KeyPath, message: string, target: Target = 'value'): Diagnostic {
    return { file: this.file, ...this.locate(path, target), path: formatPath(path), message };
  }

  /**
   * The scalar at a path exactly as written in the file (`1.10`, `true`, `0x1F`), for values that the
   * plugin turned into strings. Undefined when the path is not a scalar.
   */
  public rawScalar(path: KeyPath): string | undefined {
    const simple = this.simple && simpleRawScalar(this.simple, path);
    if (simple) return simple.raw;
    const { node } = this.find(path);
    if (!isScalar(node) || !node.range) return undefined;
    if (node.type === 'PLAIN') return this.text.slice(node.range[0], node.range[1]).trim();
    return typeof node.value === 'string' ? node.value : String(node.value);
  }

  private find(path: KeyPath): { node?: Node; keyNode?: Node } {
    let node: Node | null | undefined = this.tree().root;
    let keyNode: Node | undefined;
    for (const part of path) {
      node = this.deref(node);
      if (isMap(node)) {
        const pair = this.pairs(node).get(String(part));
        if (!pair) break;
        keyNode = pair.key as Node;
        node = pair.value as Node | null;
        if (node === null) {
          node = keyNode;
          break;
        }
      } else if (isSeq(node) && typeof part === 'number' && part < node.items.length) {
        keyNode = undefined;
        node = node.items[part] as Node;
      } else {
        break;
      }
    }
    return { node: this.deref(node) ?? undefined, keyNode };
  }

  /** A mapping's pairs by key: looking a key up is then constant time, however many keys the mapping has. */
  private pairs(map: YAMLMap): Map<string, Pair> {
    let byKey = this.index.get(map);
    if (!byKey) {
      byKey = new Map();
      for (const pair of map.items) {
        const key = keyString(pair.key);
        if (!byKey.has(key)) byKey.set(key, pair as Pair);
      }
      this.index.set(map, byKey);
    }
    return byKey;
  }

  private deref(node: Node | null | undefined): Node | null | undefined {
    let n = node;
    const { doc } = this.tree();
    for (let i = 0; i < MAX_ALIAS_COUNT && isAlias(n) && doc; i++) {
      n = (n as Alias).resolve(doc) as Node | undefined;
    }
    return n;
  }
}

/** How a file is parsed. */
export interface ParseOptions {
  /**
   * Whether a YAML file is first given to the simple reader (see ./simple-yaml.ts), which reads most spec files
   * faster, to the same value. @default true
   */
  readonly simple?: boolean;
}

/** A parsed file's nodes: its root, where its lines start, and (YAML) the document, which resolves aliases. */
interface ParsedNodes {
  readonly root: Node;
  readonly lineCounter: LineCounter;
  readonly doc?: Document;
}

/**
 * Walks a file the simple reader read as {@link SourceFile}'s `find` walks the library's nodes: it stops at a
 * missing key, at an index past a list's end, and at a scalar on the way. Where it stopped: the value, the places of the
 * mapping or list that holds the value reached and its index there (none for the file's mapping), and where the
 * last key passed starts (a list's item has none). Undefined when it meets a mapping or list the reader did not
 * make.
 */
function simpleWalk(simple: SimpleYaml, path: KeyPath): { value: unknown; places?: Places; index: number; keyStart?: number } | undefined {
  let value: unknown = simple.value;
  let found: { value: unknown; places?: Places; index: number; keyStart?: number } = { value, index: -1 };
  for (const part of path) {
    if (typeof value !== 'object' || value === null) break;
    const places = simple.places.get(value);
    if (!places) return undefined; // a mapping or list the reader did not make (the value was changed): ask the library
    let index: number;
    if (Array.isArray(value)) {
      if (typeof part !== 'number' || part >= value.length) break;
      index = part;
    } else {
      index = keyIndex(places, String(part));
      if (index < 0) break;
    }
    value = (value as Record<string | number, unknown>)[part];
    found = { value, places, index, keyStart: places.keyStarts?.[index] };
  }
  return found;
}

/** Where a key is among a mapping's keys, or -1; the first lookup in a mapping makes its index of keys. */
const KEY_INDEXES = new WeakMap<Places, Map<string, number>>();
function keyIndex(places: Places, key: string): number {
  let index = KEY_INDEXES.get(places);
  if (!index) {
    index = new Map(places.keys!.map((k, i) => [k, i]));
    KEY_INDEXES.set(places, index);
  }
  return index.get(key) ?? -1;
}

/**
 * What {@link SourceFile.rawScalar} gives for a file the simple reader read (a string is its own text: one line,
 * no blanks at either end); undefined when the reader's places cannot tell.
 */
function simpleRawScalar(simple: SimpleYaml, path: KeyPath): { raw: string | undefined } | undefined {
  const found = simpleWalk(simple, path);
  if (!found) return undefined;
  const { value, places, index } = found;
  if (typeof value === 'string') return { raw: value };
  if (typeof value === 'object' && value !== null) return { raw: undefined };
  return { raw: places?.raws[index] };
}

/** Where {@link SourceFile.locate} points in a file the simple reader read; undefined when it does not know (an empty value). */
function simpleOffset(simple: SimpleYaml, path: KeyPath, target: Target): number | undefined {
  const found = simpleWalk(simple, path);
  if (!found) return undefined;
  const { places, index, keyStart } = found;
  if (target === 'key' && keyStart !== undefined) return keyStart;
  // The file's mapping starts at its first key.
  if (!places) return simple.places.get(simple.value)!.keyStarts![0];
  const start = places.starts[index];
  return Number.isNaN(start) ? undefined : start;
}

/** "found a list", "found the value ...": what a file that is not a mapping holds. */
function notAMapping(node: unknown): string {
  const kind = isSeq(node) ? 'a list' : isScalar(node) ? `the value ${describeValue(node.value)}` : 'no mapping';
  return `found ${kind}; expected a mapping of keys to values`;
}

/**
 * The YAML parser's tokens, parsed as far as the nesting limit allows: the parser's stack holds the
 * collections open at each point, so a file nested too deep is refused as soon as it goes one level too
 * far, before the rest of it is parsed or any of it composed (whose recursion would exhaust the stack).
 */
function parseTokens(text: string, lineCounter: LineCounter): { tokens: CST.Token[] } | { tooDeep: { offset: number; path: KeyPath } } {
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  const tokens: CST.Token[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > MAX_DEPTH + 1) {
      const open = parser.stack.filter((t) => CST.isCollection(t));
      if (open.length > MAX_DEPTH) return { tooDeep: { offset: open[MAX_DEPTH].offset, path: openPath(open.slice(0, MAX_DEPTH + 1)) } };
    }
  }
  for (const token of parser.end()) tokens.push(token);
  return { tokens };
}

/** The key path of the innermost of a chain of open collections: each is the value of its parent's last item. */
function openPath(chain: readonly CST.Token[]): KeyPath {
  const path: Array<string | number> = [];
  for (let i = 1; i < chain.length; i++) {
    const parent = chain[i - 1] as CST.BlockMap | CST.BlockSequence | CST.FlowCollection;
    if (parent.type === 'block-seq') {
      path.push(parent.items.length - 1); // each item starts with its "-": the last is the open one
      continue;
    }
    if (parent.type === 'flow-collection' && parent.start.source === '[') {
      // Items that have something are done; the open one has nothing yet (or is not there yet).
      path.push(parent.items.filter((it) => it.key || it.value || it.sep).length);
      continue;
    }
    const item = parent.items[parent.items.length - 1];
    const key = item && 'key' in item && item.key && item.key !== chain[i] ? CST.resolveAsScalar(item.key) : null;
    if (!key) break;
    path.push(key.value);
  }
  return path;
}

/** What one walk over a document finds. */
interface DocumentScan {
  /** Every key that repeats an earlier key of its mapping (compared as the JavaScript object reads keys), with where it is. */
  readonly duplicates: Array<{ offset: number; path: KeyPath }>;
  /** The first node with a tag outside YAML 1.2's core schema (`!!set`, `!!binary`, `!custom`). */
  tagged?: Node;
  /** The first alias whose anchor is not defined before it. */
  dangling?: Alias;
  /** The first alias. */
  firstAlias?: Alias;
}

/**
 * One walk over a document, in the order of the text: duplicate keys (a set of keys per mapping), tags,
 * anchors and aliases. The recursion is bounded by the nesting limit.
 */
function scanDocument(doc: Document): DocumentScan {
  const scan: DocumentScan = { duplicates: [] };
  const anchors = new Set<string>();
  const path: Array<string | number> = [];
  const walk = (node: unknown): void => {
    if (isAlias(node)) {
      scan.firstAlias ??= node;
      if (!anchors.has(node.source)) scan.dangling ??= node;
      return;
    }
    const n = node as Node | null | undefined;
    if (!n) return;
    if (n.tag && !CORE_TAGS.has(n.tag)) scan.tagged ??= n;
    if (n.anchor) anchors.add(n.anchor);
    if (isMap(n)) {
      const seen = new Set<string>();
      for (const pair of n.items) {
        const key = keyString(pair.key);
        // Keys that are collections or aliases are compared by identity, as the parser does.
        if (isScalar(pair.key)) {
          if (seen.has(key)) scan.duplicates.push({ offset: pair.key.range?.[0] ?? 0, path: [...path, key] });
          seen.add(key);
        }
        walk(pair.key);
        path.push(key);
        walk(pair.value);
        path.pop();
      }
    } else if (isSeq(n)) {
      n.items.forEach((item, i) => {
        path.push(i);
        walk(item);
        path.pop();
      });
    }
  };
  walk(doc.contents);
  return scan;
}

/** Whether a value nests mappings and lists more than `limit` levels deep; walks it without recursion. */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A mapping key as the JavaScript object has it: a scalar's value as a string (null as ""). */
function keyString(key: unknown): string {
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return String(key);
}

/** The first line of a parser's message, without the position it repeats, and at most {@link MAX_PARSER_MESSAGE} characters. */
function parserMessage(message: string): string {
  return cut(message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), MAX_PARSER_MESSAGE);
}

/** At most `max` characters of a text for a message (tags, anchors and parser messages can be as long as the file). */

/**
 * Where the tag of a node starts: the first "!" of the last word before the node (skipping white space),
 * as in "!!set {a, b}". Undefined when that word has no "!" (an anchor after the tag, say). Linear time.
 */
function tagBefore(text: string, start: number): number | undefined {
  let end = start;
  while (end > 0 && /\s/.test(text[end - 1])) end -= 1;
  let begin = end;
  while (begin > 0 && !/\s/.test(text[begin - 1])) begin -= 1;
  const bang = text.indexOf('!', begin);
  return bang >= 0 && bang < end ? bang : undefined;
}

/** The tags of YAML 1.2's core schema; any other tag (`!!set`, `!!omap`, `!!binary`, `!custom`) is refused. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

/**
 * The key path of the innermost node whose range holds an offset, for errors that the parser gives as
 * offsets. The items of a collection are in the order of the text: each level is a binary search.
 */
function pathAtOffset(doc: Document, offset: number): Array<string | number> {
  const path: Array<string | number> = [];
  let node: unknown = doc.contents;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items[lastStartingBefore(node.items, (p) => (isPair(p) ? (p.key as Node | null)?.range?.[0] : undefined), offset)];
      if (!pair || !spans(pair.key, pair.value, offset)) return path;
      path.push(keyString(pair.key));
      if (within(pair.key, offset)) return path;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = lastStartingBefore(node.items, (item) => (item as Node | null)?.range?.[0], offset);
      if (index < 0 || !within(node.items[index], offset)) return path;
      path.push(index);
      node = node.items[index];
    } else {
      return path;
    }
  }
}

/** The index of the last item that starts at or before an offset (items without a range are passed over), or -1. */
function lastStartingBefore<T>(items: readonly T[], start: (item: T) => number | undefined, offset: number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    let probe = mid;
    while (probe <= high && start(items[probe]) === undefined) probe += 1;
    if (probe > high) {
      high = mid - 1;
      continue;
    }
    if ((start(items[probe]) as number) <= offset) {
      found = probe;
      low = probe + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

function end(node: unknown): number | undefined {
  const range = (node as Node | null)?.range;
  return range ? Math.max(range[2], range[1] + 1) : undefined;
}

function within(node: unknown, offset: number): boolean {
  const range = (node as Node | null)?.range;
  return !!range && range[0] <= offset && offset < (end(node) as number);
}

function spans(key: unknown, value: unknown, offset: number): boolean {
  const start = (key as Node | null)?.range?.[0];
  const stop = end(value) ?? end(key);
  return start !== undefined && stop !== undefined && start <= offset && offset < stop;
}
