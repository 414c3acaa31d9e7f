/** Where a diagnostic points: at a key itself, or at its value. */
export type Target = 'key' | 'value';

/**
 * A diagnostic is one thing wrong with one input file, at one place in it.
 * Every error the compiler reports for a user's input is a Diagnostic; none is an exception.
 */
export interface Diagnostic {
  /** The file, as the user named it (relative to the working directory where possible). */
  readonly file: string;
  /** 1-based line; 0 for a problem with the file or folder as a whole (then the position is not printed). */
  readonly line: number;
  /** 1-based column; 0 with line 0. */
  readonly column: number;
  /** Key path inside the file, such as `ports[1]` or `tls_info.use_tls`; empty for the whole file. */
  readonly path: string;
  /** What was found and what was expected. */
  readonly message: string;
}

/** A path into a parsed document: mapping keys and list indexes. */
export type KeyPath = ReadonlyArray<string | number>;

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;
/** The longest key a message shows whole (longer than any valid label key or env name); a longer one is cut. */
const MAX_KEY_CHARS = 100;
/** The longest key path a message shows whole; a longer one keeps its first and last parts. */
const MAX_PATH_CHARS = 200;

/** A text cut to at most `max` characters, its end replaced by `...`: so that no message grows with the input. */
export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** A formatted key path with one more key or list index: `a.b` and `c` give `a.b.c`; a key that is not a plain word is quoted. */
export function appendPath(formatted: string, part: string | number): string {
  if (typeof part === 'number') return `${formatted}[${part}]`;
  if (part.length > MAX_KEY_CHARS) return `${formatted}[${JSON.stringify(cut(part, MAX_KEY_CHARS))}]`;
  if (PLAIN_KEY.test(part)) return formatted === '' ? part : `${formatted}.${part}`;
  return `${formatted}[${JSON.stringify(part)}]`;
}

/**
 * Formats a key path as `a.b[1].c`, quoting keys that are not plain words: `labels["app.kubernetes.io/name"]`.
 * A key above 100 characters is cut, and a path above 200 characters shows its first and last parts around
 * `...`, so that no message grows with the input.
 */
export function formatPath(path: KeyPath): string {
  // Each part as it is appended (with its "." when it has one); when they are too long, as many as fit from each end.
  const pieces = path.map((part, i) => appendPath(i === 0 ? '' : 'x', part).slice(i === 0 ? 0 : 1));
  const whole = pieces.join('');
  if (whole.length <= MAX_PATH_CHARS) return whole;
  let head = pieces[0];
  let i = 1;
  while (i < pieces.length && head.length + pieces[i].length <= MAX_PATH_CHARS / 2) head += pieces[i++];
  let tail = '';
  let j = pieces.length - 1;
  while (j >= i && tail.length + pieces[j].length <= MAX_PATH_CHARS / 2) tail = pieces[j--] + tail;
  return `${head}...${tail.replace(/^\./, '')}`;
}

/** The parts of a JSON pointer (RFC 6901), unescaped: `/a~1b/0` gives `a/b` and `0`. */
export function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `file:line:col: path: message`, the form every error takes (`file: message` for a whole file or folder). */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  return `${where}: ${d.path ? `${d.path}: ` : ''}${d.message}`;
}

/** Sorts diagnostics by file, then position, then text: the order never depends on how they were found. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...list].sort(
    (a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.path, b.path) || numbersInOrder(a.message, b.message),
  );
}

/**
 * Compares two texts code unit by code unit, except that runs of digits compare as numbers ("item 3" before
 * "item 10"): the same order on every machine, whatever its locale.
 */
function numbersInOrder(a: string, b: string): number {
  const parts = (text: string) => text.match(/\d+|\D+/g) ?? [];
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (p === q) continue;
    if (/^\d/.test(p) && /^\d/.test(q)) {
      // As numbers: fewer significant digits first, then digit by digit; equal numbers fall back to the text.
      const m = p.replace(/^0+/, '');
      const n = q.replace(/^0+/, '');
      if (m.length !== n.length) return m.length - n.length;
      if (m !== n) return m < n ? -1 : 1;
    }
    return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/** Describes a found value for a message: strings quoted, lists and mappings by kind. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    return JSON.stringify(cut(value, 80));
  }
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/**
 * The candidate nearest to a misspelt word (by edit distance, ignoring case), when it is near enough to be a likely
 * typo: at most max(2, a third of the word's length) edits away. On a tie, the first candidate wins.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const lower = c.toLowerCase();
    // The lengths alone set a floor on the distance: a candidate that cannot be nearer is not measured.
    if (Math.abs(lower.length - w.length) >= bestDistance) continue;
    const d = editDistance(w, lower);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** The words every "did you mean" suggestion has: ` (did you mean "x"?)` after what was found, or nothing. */
export function didYouMean(guess: string | undefined): string {
  return guess === undefined ? '' : ` (did you mean ${describeValue(guess)}?)`;
}

/** Levenshtein distance: the fewest insertions, deletions and substitutions that turn one text into the other. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
