import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Node, parseAllDocuments, visit } from 'yaml';
import { Diagnostic, formatPath, KeyPath } from './diagnostics';

/** How many aliases a document may expand before it is treated as an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

/** Where a diagnostic points: at a key itself, or at its value. */
export type Target = 'key' | 'value';

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
 * A parsed YAML (or JSON) file that remembers where every value came from, so that any later step can
 * point an error at a file, line and column from a key path alone.
 */
export class SourceFile implements SpecSource {
  /**
   * Parses one file that must hold one mapping. Never throws for bad input: everything wrong is returned
   * as diagnostics (syntax errors, duplicate keys, alias bombs, empty files, several documents, non-mappings).
   */
  public static parse(file: string, text: string): ParseResult {
    const lineCounter = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
    const pos = (offset: number) => {
      const p = lineCounter.linePos(offset);
      return { line: p.line, column: p.col };
    };
    const list = Array.isArray(docs) ? docs : [];
    if (list.length === 0 || (list.length === 1 && list[0].contents === null && list[0].errors.length === 0)) {
      return { diagnostics: [{ file, ...pos(0), path: '', message: 'the file is empty; expected a mapping' }] };
    }
    const diagnostics: Diagnostic[] = [];
    for (const doc of list) {
      for (const e of [...doc.errors]) {
        const offset = e.pos[0];
        const message = e.code === 'DUPLICATE_KEY'
          ? 'duplicate key; a key may appear only once in a mapping'
          : `YAML does not parse: ${firstLine(e.message)}`;
        diagnostics.push({ file, ...pos(offset), path: formatPath(pathAtOffset(doc, offset)), message });
      }
    }
    if (diagnostics.length > 0) return { diagnostics };
    if (list.length > 1) {
      const offset = list[1].range[0];
      return { diagnostics: [{ file, ...pos(offset), path: '', message: `found ${list.length} YAML documents; expected one` }] };
    }
    const doc = list[0];
    const at = (node: Node | undefined, message: string): ParseResult => {
      const offset = node?.range?.[0] ?? 0;
      return { diagnostics: [{ file, ...pos(offset), path: formatPath(pathAtOffset(doc, offset)), message }] };
    };
    for (const w of doc.warnings) {
      diagnostics.push({ file, ...pos(w.pos[0]), path: formatPath(pathAtOffset(doc, w.pos[0])), message: `YAML warning: ${firstLine(w.message)}` });
    }
    const tagged = unsupportedTag(doc);
    if (tagged) {
      const tag = shortTag(tagged.tag as string);
      // The node's range starts after its tag; point at the tag itself.
      const start = tagged.range?.[0] ?? 0;
      const tagAt = /!\S*\s*$/.exec(text.slice(0, start));
      diagnostics.push({
        ...at(tagged, '').diagnostics[0],
        ...(tagAt ? pos(tagAt.index) : {}),
        message: isMap(tagged) || isSeq(tagged)
          ? `a collection tagged ${tag} is not a mapping or a list as YAML 1.2 reads them; remove the tag`
          : `a value tagged ${tag} is not a plain string, number or boolean; remove the tag`,
      });
    }
    if (diagnostics.length > 0) return { diagnostics };
    const dangling = danglingAlias(doc);
    if (dangling) {
      return at(dangling, `the alias *${dangling.source} has no anchor &${dangling.source} before it; expected an anchor defined earlier in the file`);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const detail = e instanceof Error ? firstLine(e.message) : String(e);
      return at(firstAlias(doc), `aliases expand too far (${detail}); expected at most ${MAX_ALIAS_COUNT} alias expansions`);
    }
    if (!isMap(doc.contents)) {
      const kind = isSeq(doc.contents) ? 'a list' : isScalar(doc.contents) ? `the value ${JSON.stringify(doc.contents.value)}` : 'no mapping';
      return { diagnostics: [{ file, ...pos(doc.contents?.range?.[0] ?? 0), path: '', message: `found ${kind}; expected a mapping of keys to values` }] };
    }
    return { source: new SourceFile(file, text, doc, lineCounter, value), diagnostics: [] };
  }

  private constructor(
    /** The file name used in diagnostics. */
    public readonly file: string,
    private readonly text: string,
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
    /** The document as plain JavaScript values. */
    public readonly value: unknown,
  ) {}

  /** The line and column of the value (or key) at a path; the deepest existing ancestor when the path does not exist. */
  public locate(path: KeyPath, target: Target = 'value'): { line: number; column: number } {
    const found = this.find(path);
    const range = (target === 'key' && found.keyNode?.range) || found.node?.range;
    const p = this.lineCounter.linePos(range ? range[0] : 0);
    return { line: p.line, column: p.col };
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
    const { node } = this.find(path);
    if (!isScalar(node) || !node.range) return undefined;
    if (node.type === 'PLAIN') return this.text.slice(node.range[0], node.range[1]).trim();
    return typeof node.value === 'string' ? node.value : String(node.value);
  }

  private find(path: KeyPath): { node?: Node; keyNode?: Node } {
    let node: Node | null | undefined = this.doc.contents as Node | null;
    let keyNode: Node | undefined;
    for (const part of path) {
      node = this.deref(node);
      if (isMap(node)) {
        const pair = node.items.find((p) => keyString(p.key) === String(part));
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

  private deref(node: Node | null | undefined): Node | null | undefined {
    let n = node;
    for (let i = 0; i < MAX_ALIAS_COUNT && isAlias(n); i++) {
      n = (n as Alias).resolve(this.doc) as Node | undefined;
    }
    return n;
  }
}

function keyString(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** The tags of YAML 1.2's core schema; any other tag (`!!set`, `!!omap`, `!!binary`, `!custom`) is refused. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

function unsupportedTag(doc: Document): Node | undefined {
  let found: Node | undefined;
  visit(doc, (_, node) => {
    const tag = (node as Node | null)?.tag;
    if (tag && !CORE_TAGS.has(tag)) {
      found = node as Node;
      return visit.BREAK;
    }
    return undefined;
  });
  return found;
}

/** The first alias whose anchor is not defined before it. */
function danglingAlias(doc: Document): Alias | undefined {
  const anchors = new Set<string>();
  let found: Alias | undefined;
  visit(doc, (_, node) => {
    if (isAlias(node)) {
      if (!anchors.has(node.source)) {
        found = node;
        return visit.BREAK;
      }
    } else if ((node as Node | null)?.anchor) {
      anchors.add((node as Node).anchor as string);
    }
    return undefined;
  });
  return found;
}

function firstAlias(doc: Document): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_, node) {
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

/** The key path of the innermost node whose range holds an offset, for errors that the parser gives as offsets. */
function pathAtOffset(doc: Document, offset: number): Array<string | number> {
  const path: Array<string | number> = [];
  let node: unknown = doc.contents;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && spans(p.key, p.value, offset));
      if (!pair) return path;
      path.push(keyString(pair.key));
      if (within(pair.key, offset)) return path;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => within(item, offset));
      if (index < 0) return path;
      path.push(index);
      node = node.items[index];
    } else {
      return path;
    }
  }
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
