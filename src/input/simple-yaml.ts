/**
 * A fast reader for the plain YAML that spec files are mostly written in. The yaml library reads any YAML, and
 * is the reference: it makes a token stream, then a document of nodes with their places, then the JavaScript
 * value. For 1000 specs that took about 0.4 s of the main thread, more than anything else it does. Most spec
 * files use a small part of YAML: block mappings and lists, one-line scalars, one-line flow collections,
 * comments. This reader reads exactly that part, straight to the value, and declines everything else (the
 * caller then reads the file with the yaml library, as before). It accepts a file only when it is sure the
 * library would read it without an error or warning, to the same value: scalars are resolved with the library's
 * own YAML 1.2 core schema tags; anything it is not sure of (a tab, an anchor, an alias, a tag, a block scalar,
 * a scalar or collection over several lines, an escape, a duplicate key, a key that is not a string...) makes it
 * decline. Tests compare the two on every fixture and on thousands of generated files.
 *
 * It keeps where each entry of each mapping and list starts, and the text of each plain scalar whose value is not
 * a string (`1.10`, `0x1F`, `yes`... as written): SourceFile places errors and answers `rawScalar` from them as the
 * library's nodes would, and asks the library only for what the reader did not place (an empty value).
 */
import { Document, isScalar, LineCounter, ScalarTag } from 'yaml';

/** What the reader made of a file it accepted. */
export interface SimpleYaml {
  /** The file's mapping, as the yaml library's `toJS` makes it. */
  readonly value: Record<string, unknown>;
  /** Where the entries of each mapping and list of the value are, by the mapping or list. */
  readonly places: WeakMap<object, Places>;
  /** Where each line of the text starts. */
  readonly lineCounter: LineCounter;
}

/**
 * Where the entries of a mapping or a list are, in the order of the text (arrays, not maps: a mapping of 40 000
 * keys costs no hashing). The offsets are those of the library's nodes: a scalar's first character or quote, a
 * block mapping's first key, a block list's first "-", a flow collection's bracket.
 */
export interface Places {
  /** A mapping's keys. @default none: a list */
  readonly keys?: string[];
  /** Where each key starts. @default none: a list */
  readonly keyStarts?: number[];
  /** Where each value starts; NaN for an empty value (the reader does not place it). */
  readonly starts: number[];
  /**
   * The text, as written, of each value that is a plain scalar and not a string (a number, a boolean, null; an
   * empty value's is ""); undefined for the others.
   */
  readonly raws: Array<string | undefined>;
}

/** The schema, and the options its tags resolve with, of the documents the library composes for spec files. */
const REFERENCE = new Document(undefined, { uniqueKeys: false, strict: true });
/** The scalar tags a plain scalar is tested against, in the library's order (a string when none matches). */
const PLAIN_TAGS = REFERENCE.schema.tags.filter(
  (t): t is ScalarTag & { test: RegExp } => t.default === true && !t.collection && t.test !== undefined,
);

/**
 * Characters the reader declines anywhere in a file: control characters but the line feed (a tab, a carriage
 * return...), C1 controls, the byte order mark, line and paragraph separators, and surrogates (an astral character,
 * or a lone half).
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const DECLINED_CHARACTERS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufeff\u2028\u2029\ud800-\udfff]/;

/** How deeply the reader nests mappings and lists; deeper files are read by the library (which has the real limit). */
const MAX_SIMPLE_DEPTH = 50;

/** The longest key the reader takes: the library refuses an implicit key over 1024 characters. */
const MAX_KEY = 1000;

/** Thrown inside the reader when it declines a file (one object, no stack taken). */
const DECLINE = new Error('not read by the simple reader');

const SPACE = 32;
const HASH = 35;
const COLON = 58;

/**
 * The file's mapping, read as the yaml library reads it, with the text of its non-string plain scalars; or
 * undefined when the file uses YAML the reader does not read (read it with the library).
 */
export function readSimpleYaml(text: string): SimpleYaml | undefined {
  if (DECLINED_CHARACTERS.test(text)) return undefined;
  try {
    return new SimpleReader(text).read();
  } catch (e) {
    if (e === DECLINE) return undefined;
    throw e;
  }
}

class SimpleReader {
  /**
   * Per line that holds something (not blank, not only a comment): where its first character is... (arrays made
   * once, of the file's number of lines: growing arrays copy a large file's into new memory several times)
   */
  private readonly starts: Int32Array;
  /** ...its column... */
  private readonly indents: Int32Array;
  /** ...and where it ends, trailing spaces left out. */
  private readonly ends: Int32Array;
  /** How many lines hold something. */
  private readonly count: number;
  /** The line being read. */
  private line = 0;
  private depth = 0;
  private readonly places = new WeakMap<object, Places>();
  /** The text of the last plain scalar read, when its value is not a string. */
  private raw: string | undefined;
  private readonly lineCounter = new LineCounter();

  constructor(private readonly text: string) {
    const n = text.length;
    let lines = 1;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
    this.starts = new Int32Array(lines);
    this.indents = new Int32Array(lines);
    this.ends = new Int32Array(lines);
    let count = 0;
    for (let begin = 0; begin <= n;) {
      this.lineCounter.addNewLine(begin);
      let end = text.indexOf('\n', begin);
      if (end < 0) end = n;
      let first = begin;
      while (first < end && text.charCodeAt(first) === SPACE) first++;
      if (first < end && text[first] !== '#') {
        if (first === begin && marker(text, first, end)) throw DECLINE;
        let last = end;
        while (text.charCodeAt(last - 1) === SPACE) last--;
        this.starts[count] = first;
        this.indents[count] = first - begin;
        this.ends[count++] = last;
      }
      begin = end + 1;
    }
    this.count = count;
  }

  public read(): SimpleYaml {
    if (this.count === 0 || this.indents[0] !== 0) throw DECLINE;
    const value = this.map(0);
    if (this.line < this.count) throw DECLINE;
    return { value, places: this.places, lineCounter: this.lineCounter };
  }

  /** Keeps where a value starts, and the text of a plain scalar that is not a string. */
  private place(places: Places, start: number, value: unknown): void {
    places.starts.push(start);
    places.raws.push(typeof value === 'object' && value !== null ? undefined : this.raw);
  }

  /**
   * Enters a key of a mapping (block or flow) that starts at `keyStart`; declines a duplicate, `__proto__` (a
   * JavaScript object would take it as its prototype) and `<<` (a merge key in YAML 1.1).
   */
  private addKey(map: Record<string, unknown>, places: Places, key: string, keyStart: number): void {
    if (key === '__proto__' || key === '<<' || Object.prototype.hasOwnProperty.call(map, key)) throw DECLINE;
    places.keys!.push(key);
    places.keyStarts!.push(keyStart);
  }

  /** Where the first character that is not a space is, from `at`, or `end`. */
  private pastSpaces(at: number, end: number): number {
    let i = at;
    while (i < end && this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }

  private deeper(): void {
    if (++this.depth > MAX_SIMPLE_DEPTH) throw DECLINE;
  }

  /** A block mapping whose keys are at `indent`, from the current line. */
  private map(indent: number): Record<string, unknown> {
    this.deeper();
    const out: Record<string, unknown> = {};
    const places: Places = { keys: [], keyStarts: [], starts: [], raws: [] };
    this.places.set(out, places);
    const { text } = this;
    while (this.line < this.count && this.indents[this.line] === indent) {
      const end = this.ends[this.line];
      const keyStart = this.starts[this.line];
      const [key, afterColon] = this.key(keyStart, end);
      this.addKey(out, places, key, keyStart);
      let at = this.pastSpaces(afterColon, end);
      let value: unknown;
      if (at < end && text[at] !== '#') {
        value = this.inline(at, end);
        this.nextLine(indent);
      } else {
        this.line++;
        [value, at] = this.nested(indent);
      }
      out[key] = value;
      this.place(places, at, value);
    }
    this.depth--;
    return out;
  }

  /** A block list whose "-" are at `indent`, from the current line. */
  private list(indent: number): unknown[] {
    this.deeper();
    const out: unknown[] = [];
    const places: Places = { starts: [], raws: [] };
    this.places.set(out, places);
    const { text } = this;
    while (this.line < this.count && this.indents[this.line] === indent && this.isItem(this.line)) {
      const start = this.starts[this.line];
      const end = this.ends[this.line];
      const at = this.pastSpaces(start + 1, end);
      // An item whose value starts on the next line, or a list in a list: read by the library.
      if (at === end || text[at] === '#' || (text[at] === '-' && spaceOrEnd(text, at + 1, end))) throw DECLINE;
      let value: unknown;
      if (this.keyEnd(at, end) >= 0) {
        // A mapping that starts on the item's line: its keys are at the column of the first.
        const column = this.indents[this.line] + (at - start);
        this.starts[this.line] = at;
        this.indents[this.line] = column;
        value = this.map(column);
      } else {
        value = this.inline(at, end);
        this.nextLine(indent);
      }
      out.push(value);
      this.place(places, at, value);
    }
    this.depth--;
    return out;
  }

  /** Goes past a line whose value ended on it: a line more indented after it would continue it. */
  private nextLine(indent: number): void {
    this.line++;
    if (this.line < this.count && this.indents[this.line] > indent) throw DECLINE;
  }

  /**
   * The value of `key:` with nothing after it on its line, and where it starts: a block collection on the next
   * lines, or null (not placed: NaN; its text is "", as the library's node for it is a plain scalar of no text).
   */
  private nested(indent: number): [unknown, number] {
    if (this.line < this.count) {
      const next = this.indents[this.line];
      const item = this.isItem(this.line);
      const start = this.starts[this.line];
      if (next > indent) return [item ? this.list(next) : this.map(next), start];
      if (next === indent && item) return [this.list(next), start];
    }
    this.raw = '';
    return [null, NaN];
  }

  private isItem(line: number): boolean {
    const start = this.starts[line];
    return this.text[start] === '-' && spaceOrEnd(this.text, start + 1, this.ends[line]);
  }

  /** The key that starts at `at`, and where its ":" ends; declines what is not a plain or quoted string key. */
  private key(at: number, end: number): [string, number] {
    const { text } = this;
    if (text[at] === '"' || text[at] === "'") {
      const [key, after] = this.quoted(at, end);
      // An empty key is rare: read by the library.
      if (key === '' || text[after] !== ':' || !spaceOrEnd(text, after + 1, end) || after - at > MAX_KEY) throw DECLINE;
      return [key, after + 1];
    }
    const colon = this.keyEnd(at, end);
    if (colon < 0) throw DECLINE;
    const key = text.slice(at, colon);
    // A key with a space before its ":", a flow indicator, or an indicator first, or one that is not a string (a
    // number, a boolean, null): read by the library.
    if (key.length > MAX_KEY || !startsPlain(text, at, colon, false) || /[ :]$|[[\]{},]/.test(key) || tagOf(key) !== undefined)
      throw DECLINE;
    return [key, colon + 1];
  }

  /**
   * Where the ":" of a plain key that starts at `at` is (the first ":" followed by a space or the line's end, before
   * any comment), or -1 when the line is not a key and its value.
   */
  private keyEnd(at: number, end: number): number {
    const { text } = this;
    const c = text[at];
    if (c === '"' || c === "'" || c === '[' || c === '{') return -1;
    for (let i = at; i < end; i++) {
      const ch = text.charCodeAt(i);
      if (ch === HASH && text.charCodeAt(i - 1) === SPACE) return -1; // a comment before any ":"
      if (ch === COLON && spaceOrEnd(text, i + 1, end)) return i;
    }
    return -1;
  }

  /** A value that starts on the line after a key's ":" or an item's "-" and ends on it. */
  private inline(at: number, end: number): unknown {
    const { text } = this;
    this.raw = undefined;
    const c = text[at];
    if (c === '"' || c === "'") {
      const [value, after] = this.quoted(at, end);
      this.endOfValue(after, end);
      return value;
    }
    if (c === '[' || c === '{') {
      const [value, after] = this.flow(at, end);
      this.endOfValue(after, end);
      return value;
    }
    let stop = at;
    while (stop < end && !(text.charCodeAt(stop) === HASH && text.charCodeAt(stop - 1) === SPACE)) stop++;
    while (text.charCodeAt(stop - 1) === SPACE) stop--;
    const raw = text.slice(at, stop);
    if (!startsPlain(text, at, stop, false) || raw.includes(': ') || raw.endsWith(':') || raw.startsWith('---') || raw.startsWith('...'))
      throw DECLINE;
    return this.plain(raw);
  }

  /** After a quoted scalar or a flow collection: nothing, or spaces and a comment. */
  private endOfValue(after: number, end: number): void {
    if (after === end) return;
    if (this.text.charCodeAt(after) !== SPACE) throw DECLINE;
    const at = this.pastSpaces(after, end);
    if (at < end && this.text[at] !== '#') throw DECLINE;
  }

  /** A one-line quoted scalar: its value and where it ends. Declines an escape ("\") and a missing end quote. */
  private quoted(at: number, end: number): [string, number] {
    const { text } = this;
    if (text[at] === '"') {
      const close = indexIn(text, '"', at + 1, end);
      if (close < 0) throw DECLINE;
      const value = text.slice(at + 1, close);
      if (value.includes('\\')) throw DECLINE;
      return [value, close + 1];
    }
    let value = '';
    for (let from = at + 1; ;) {
      const close = indexIn(text, "'", from, end);
      if (close < 0) throw DECLINE;
      if (close + 1 < end && text[close + 1] === "'") {
        value += text.slice(from, close + 1);
        from = close + 2;
        continue;
      }
      return [value + text.slice(from, close), close + 1];
    }
  }

  /** A one-line flow list or mapping of scalars and flow collections: its value and where it ends. */
  private flow(at: number, end: number): [unknown, number] {
    this.deeper();
    const { text } = this;
    const isList = text[at] === '[';
    const close = isList ? ']' : '}';
    const list: unknown[] = [];
    const map: Record<string, unknown> = {};
    const places: Places = isList ? { starts: [], raws: [] } : { keys: [], keyStarts: [], starts: [], raws: [] };
    this.places.set(isList ? list : map, places);
    let i = this.skipSpaces(at + 1, end);
    if (text[i] === close) {
      this.depth--;
      return [isList ? list : map, i + 1];
    }
    for (;;) {
      if (isList) {
        const [value, after] = this.flowValue(i, end);
        list.push(value);
        this.place(places, i, value);
        i = this.skipSpaces(after, end);
      } else {
        const [key, afterKey] = this.flowKey(i, end);
        this.addKey(map, places, key, i);
        const valueStart = this.skipSpaces(afterKey, end);
        const [value, after] = this.flowValue(valueStart, end);
        map[key] = value;
        this.place(places, valueStart, value);
        i = this.skipSpaces(after, end);
      }
      if (text[i] === close) {
        this.depth--;
        return [isList ? list : map, i + 1];
      }
      if (text[i] !== ',') throw DECLINE;
      i = this.skipSpaces(i + 1, end);
      if (text[i] === close || text[i] === ',') throw DECLINE; // a trailing or empty entry: read by the library
    }
  }

  private skipSpaces(at: number, end: number): number {
    const i = this.pastSpaces(at, end);
    if (i >= end) throw DECLINE; // a flow collection that goes on after its line
    return i;
  }

  /** A key in a flow mapping, followed by ": ": the key and where the space after its ":" is. */
  private flowKey(at: number, end: number): [string, number] {
    const { text } = this;
    if (text[at] === '"' || text[at] === "'") {
      const [key, after] = this.quoted(at, end);
      if (key === '' || text[after] !== ':' || text.charCodeAt(after + 1) !== SPACE || after + 1 >= end) throw DECLINE;
      return [key, after + 1];
    }
    const stop = this.flowPlainEnd(at, end);
    if (text[stop] !== ':' || text.charCodeAt(stop + 1) !== SPACE || stop + 1 >= end) throw DECLINE;
    const key = text.slice(at, stop);
    if (key.endsWith(' ') || tagOf(key) !== undefined) throw DECLINE;
    return [key, stop + 1];
  }

  /** A value in a flow collection: a quoted or plain scalar, or a flow collection. */
  private flowValue(at: number, end: number): [unknown, number] {
    const { text } = this;
    this.raw = undefined;
    const c = text[at];
    if (c === '"' || c === "'") return this.quoted(at, end);
    if (c === '[' || c === '{') return this.flow(at, end);
    const stop = this.flowPlainEnd(at, end);
    if (text[stop] === ':') throw DECLINE; // a pair in a list, or a value that holds ": "
    let last = stop;
    while (text.charCodeAt(last - 1) === SPACE) last--;
    return [this.plain(text.slice(at, last)), stop];
  }

  /**
   * Where a plain scalar in a flow collection that starts at `at` ends: at the first ",", "]" or "}", or a ":"
   * followed by a space. Declines a start a plain scalar may not have, a comment, "[" or "{" in it, or the line's end.
   */
  private flowPlainEnd(at: number, end: number): number {
    const { text } = this;
    if (!startsPlain(text, at, end, true)) throw DECLINE;
    for (let i = at; i < end; i++) {
      const c = text[i];
      if (c === ',' || c === ']' || c === '}') return i;
      if (c === '[' || c === '{' || (c === '#' && text.charCodeAt(i - 1) === SPACE)) throw DECLINE;
      if (c === ':' && (text.charCodeAt(i + 1) === SPACE || i + 1 >= end || /[,[\]{}]/.test(text[i + 1]))) return i;
    }
    throw DECLINE;
  }

  /** A plain scalar's value, resolved by the library's tags; the text of one that is not a string is kept. */
  private plain(raw: string): unknown {
    // Blanks other than the space at either end (a no-break space, U+3000...): YAML keeps them in the value, and
    // the text of the library's node for it is read trimmed of them (JavaScript's trim), so the two would differ.
    if (raw === '' || raw.trim() !== raw) throw DECLINE;
    const tag = tagOf(raw);
    if (tag === undefined) return raw;
    let failed = false;
    const resolved = tag.resolve(
      raw,
      () => {
        failed = true;
      },
      REFERENCE.options,
    );
    if (failed) throw DECLINE;
    this.raw = raw;
    return isScalar(resolved) ? resolved.value : resolved;
  }
}

/** The first of the schema's scalar tags whose test the text passes, as the library picks a plain scalar's tag. */
function tagOf(raw: string): (typeof PLAIN_TAGS)[number] | undefined {
  for (const tag of PLAIN_TAGS) if (tag.test.test(raw)) return tag;
  return undefined;
}

/**
 * Whether the text from `at` to `end` may start a plain scalar: not an indicator ("[", "{", "#", "&", "*", "!",
 * "|", ">", a quote, "%", "@", "`", ",", "]", "}"), and not "-", "?" or ":" followed by nothing, a space or (in a
 * flow collection) a flow indicator.
 */
function startsPlain(text: string, at: number, end: number, flow: boolean): boolean {
  if (at >= end) return false;
  const c = text[at];
  if ('[]{},#&*!|>\'"%@`'.includes(c)) return false;
  return !((c === '-' || c === '?' || c === ':') && (at + 1 >= end || (flow ? ' ,[]{}' : ' ').includes(text[at + 1])));
}

/** Where a character is between `from` and `end` (each search stays in its line: linear time in the file), or -1. */
function indexIn(text: string, char: string, from: number, end: number): number {
  const code = char.charCodeAt(0);
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
}

/** Whether the character at `at` is a space, or the line ends there. */
function spaceOrEnd(text: string, at: number, end: number): boolean {
  return at >= end || text.charCodeAt(at) === SPACE;
}

/** Whether a line that starts at column 0 is a document marker ("---", "..."), or a directive ("%"). */
function marker(text: string, at: number, end: number): boolean {
  if (text[at] === '%') return true;
  const three = text.slice(at, at + 3);
  return (three === '---' || three === '...') && spaceOrEnd(text, at + 3, end);
}
