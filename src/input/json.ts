/**
 * Strict JSON (RFC 8259) for `.json` files, read with positions. A `.json` file that YAML would accept but
 * JSON does not (a trailing comma, a comment, single quotes, unquoted keys, YAML syntax) is an error that
 * says "JSON"; so is a duplicate key. The document is built as the same nodes, with the same ranges, that
 * the YAML parser gives, so that every later error points into the JSON the same way. One pass, linear in
 * the text; the recursion is bounded by the depth limit.
 */
import { Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { cut, KeyPath } from './diagnostics';
import { setOwn } from './values';

/** One problem, at an offset of the text, inside the value at a key path. */
export interface JsonProblem {
  readonly offset: number;
  readonly path: KeyPath;
  readonly message: string;
}

/** A parsed JSON text: its nodes (with ranges) and its value when it parsed; its problems otherwise. */
export interface JsonResult {
  /** True when the text holds nothing but white space. */
  readonly empty: boolean;
  readonly node?: Node;
  readonly value?: unknown;
  /** The first syntax error (JSON stops there), and every duplicate key before it. */
  readonly problems: JsonProblem[];
}

/** What the messages of duplicate keys and of nesting too deep say: the same for YAML and JSON. */
export interface JsonMessages {
  readonly duplicateKey: string;
  readonly tooDeep: string;
}

const VALUE = 'a JSON value: an object, an array, a string in double quotes, a number, true, false or null';
const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$/;
const INTEGER = /^-?[0-9]+$/;
const WORD = /[-+.$\w]+/y;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Thrown inside the parser only, to stop at the first syntax error. */
class Stop {
  constructor(public readonly problem: JsonProblem) {}
}

/** Parses a JSON text. Never throws: syntax errors, duplicate keys and nesting deeper than `maxDepth` are problems. */
export function parseJson(text: string, maxDepth: number, messages: JsonMessages): JsonResult {
  const parser = new JsonParser(text, maxDepth, messages);
  return parser.parse();
}

class JsonParser {
  private pos = 0;
  private readonly path: Array<string | number> = [];
  private readonly problems: JsonProblem[] = [];

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    private readonly messages: JsonMessages,
  ) {}

  public parse(): JsonResult {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.space();
    if (this.pos >= this.text.length) return { empty: true, problems: [] };
    try {
      const top = this.value(0, true);
      this.space();
      if (this.pos < this.text.length) this.fail('the end of the file');
      return { empty: false, node: top.node, value: top.value, problems: this.problems };
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      return { empty: false, problems: [...this.problems, e.problem] };
    }
  }

  private space(): void {
    const t = this.text;
    let p = this.pos;
    for (let c = t.charCodeAt(p); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = t.charCodeAt(++p));
    this.pos = p;
  }

  private value(depth: number, top = false): { node: Node; value: unknown } {
    this.space();
    const c = this.text[this.pos];
    if (c === '{') return this.object(depth + 1);
    if (c === '[') return this.array(depth + 1);
    if (c === '"') {
      const start = this.pos;
      const value = this.string();
      return { node: scalar(value, start, this.pos, 'QUOTE_DOUBLE'), value };
    }
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    if (c === 't' || c === 'f' || c === 'n') {
      WORD.lastIndex = this.pos;
      const word = WORD.exec(this.text)?.[0];
      const literal = word === 'true' ? true : word === 'false' ? false : word === 'null' ? null : undefined;
      if (literal !== undefined) {
        const start = this.pos;
        this.pos += (word as string).length;
        return { node: scalar(literal, start, this.pos, 'PLAIN'), value: literal };
      }
    }
    return this.fail(VALUE, top);
  }

  /** Opens a collection at its `{` or `[`: checks the depth, steps over the bracket, and says whether it closes at once (consumed). */
  private open(depth: number, close: '}' | ']'): { start: number; empty: boolean } {
    if (depth > this.maxDepth) this.stop(this.pos, this.messages.tooDeep);
    const start = this.pos;
    this.pos += 1;
    this.space();
    const empty = this.text[this.pos] === close;
    if (empty) this.pos += 1;
    return { start, empty };
  }

  private object(depth: number): { node: Node; value: unknown } {
    const { start, empty } = this.open(depth, '}');
    const map = new YAMLMap();
    map.flow = true;
    const value: Record<string, unknown> = {};
    if (!empty) {
      for (let afterComma = false; ; afterComma = true) {
        this.space();
        if (this.text[this.pos] !== '"') {
          this.fail(
            `a key in double quotes${afterComma && this.text[this.pos] === '}' ? ' (JSON allows no comma after the last item)' : ''}`,
          );
        }
        const keyStart = this.pos;
        const key = this.string();
        const keyNode = scalar(key, keyStart, this.pos, 'QUOTE_DOUBLE');
        if (Object.hasOwn(value, key))
          this.problems.push({ offset: keyStart, path: [...this.path, key], message: this.messages.duplicateKey });
        this.space();
        if (this.text[this.pos] !== ':') this.fail('":" after the key');
        this.pos += 1;
        this.path.push(key);
        const item = this.value(depth);
        this.path.pop();
        // As the YAML parser builds a JavaScript object: "__proto__" and the like become keys of their own.
        setOwn(value, key, item.value);
        map.items.push(new Pair(keyNode, item.node));
        if (this.endOfItem('}')) break;
      }
    }
    map.range = [start, this.pos, this.pos];
    return { node: map, value };
  }

  private array(depth: number): { node: Node; value: unknown } {
    const { start, empty } = this.open(depth, ']');
    const seq = new YAMLSeq();
    seq.flow = true;
    const value: unknown[] = [];
    if (!empty) {
      for (let afterComma = false; ; afterComma = true) {
        this.space();
        if (afterComma && this.text[this.pos] === ']') this.fail(`${VALUE} (JSON allows no comma after the last item)`);
        this.path.push(value.length);
        const item = this.value(depth);
        this.path.pop();
        value.push(item.value);
        seq.items.push(item.node);
        if (this.endOfItem(']')) break;
      }
    }
    seq.range = [start, this.pos, this.pos];
    return { node: seq, value };
  }

  /** After an item: a comma (consumed; false) or the closing bracket (consumed; true), else an error. */
  private endOfItem(close: '}' | ']'): boolean {
    this.space();
    const next = this.text[this.pos];
    if (next !== ',' && next !== close) this.fail(`"," or "${close}"`);
    this.pos += 1;
    return next === close;
  }

  /** A string from its opening quote; the position ends after its closing quote. */
  private string(): string {
    const t = this.text;
    let p = this.pos + 1;
    let out = '';
    let run = p;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 0x22) break; // "
      if (Number.isNaN(c)) this.stop(p, 'JSON does not parse: found the end of the file inside a string; expected its closing "');
      if (c < 0x20) {
        const what = c === 0x0a || c === 0x0d ? 'a line break' : `the control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
        this.stop(
          p,
          `JSON does not parse: found ${what} inside a string; expected it escaped (\\n, \\t, \\u00XX) or the string closed with "`,
        );
      }
      if (c === 0x5c) {
        // backslash
        out += t.slice(run, p);
        const e = t[p + 1];
        if (e === 'u') {
          const hex = t.slice(p + 2, p + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex))
            this.stop(
              p,
              `JSON does not parse: found the escape ${describeEscape(t.slice(p, p + 6))} inside a string; expected \\u and four hexadecimal digits`,
            );
          out += String.fromCharCode(parseInt(hex, 16));
          p += 6;
        } else if (e !== undefined && ESCAPES[e] !== undefined) {
          out += ESCAPES[e];
          p += 2;
        } else {
          this.stop(
            p,
            `JSON does not parse: found the escape ${describeEscape(t.slice(p, p + 2))} inside a string; expected one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX`,
          );
        }
        run = p;
        continue;
      }
      p += 1;
    }
    out += t.slice(run, p);
    this.pos = p + 1;
    return out;
  }

  private number(): { node: Node; value: unknown } {
    WORD.lastIndex = this.pos;
    const raw = (WORD.exec(this.text) as RegExpExecArray)[0];
    if (!NUMBER.test(raw)) {
      this.stop(
        this.pos,
        `JSON does not parse: found the number ${cut(raw, 40)}; expected a JSON number (digits with an optional "-", fraction and exponent; no leading zeros, no "+")`,
      );
    }
    const start = this.pos;
    this.pos += raw.length;
    // As the YAML parser read numbers: whole numbers with parseInt, others with parseFloat.
    const value = INTEGER.test(raw) ? parseInt(raw, 10) : parseFloat(raw);
    return { node: scalar(value, start, this.pos, 'PLAIN'), value };
  }

  /** Stops at what is at the position: found that; expected something else (at the top, a word is likely YAML). */
  private fail(expected: string, top = false): never {
    const found = this.found();
    const why =
      found === 'a comment'
        ? ' (JSON has no comments)'
        : found === 'a single quote'
          ? ' (JSON strings take double quotes)'
          : top && found.startsWith('the word')
            ? ' (a .json file holds JSON; YAML goes in a .yaml or .yml file)'
            : '';
    return this.stop(this.pos, `JSON does not parse: found ${found}; expected ${expected}${why}`);
  }

  private stop(offset: number, message: string): never {
    throw new Stop({ offset, path: [...this.path], message });
  }

  /** What is at the position, in words. */
  private found(): string {
    const t = this.text;
    const p = this.pos;
    if (p >= t.length) return 'the end of the file';
    const c = t[p];
    if (c === '/' && (t[p + 1] === '/' || t[p + 1] === '*')) return 'a comment';
    if (c === "'") return 'a single quote';
    if (c === '#') return 'a comment';
    WORD.lastIndex = p;
    const word = WORD.exec(t)?.[0];
    if (word) return /^[-+.0-9]/.test(word) ? `the number ${cut(word, 40)}` : `the word ${cut(word, 40)}`;
    const code = t.codePointAt(p) as number;
    if (code < 0x20 || code === 0x7f) return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return JSON.stringify(String.fromCodePoint(code));
  }
}

function scalar(value: unknown, start: number, end: number, type: Scalar.Type): Scalar {
  const node = new Scalar(value);
  node.type = type;
  node.range = [start, end, end];
  return node;
}

/** At most 40 characters of a word, for a message. */

function describeEscape(escape: string): string {
  return JSON.stringify(escape).slice(1, -1).replace(/^\\\\/, '\\');
}
