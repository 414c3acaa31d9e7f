/**
 * A file's contents before parsing: its size is checked against the limit, and bytes read from disk are
 * decoded strictly as UTF-8 (a byte-order mark is dropped), so that parsing gets either text or a
 * diagnostic, and never text with replacement characters standing in for bytes it could not read.
 */
import { Diagnostic } from './diagnostics';

/**
 * The largest input file the compiler reads: 1 MiB. The API server stores no object above about 1.5 MB
 * (etcd's request limit), and a component spec is far smaller (the largest real DCAE specification is
 * about 20 KB); a larger file is a mistake, or an attack on the parser's time and memory.
 */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * A file's contents, as the caller found them: its text (a test's file), its bytes as read from disk
 * (decoded here), or only its size, for a file the reader did not read because it is above the size limit for one input file (1 MiB).
 */
export type FileContents =
  | {
      /** Its text, as a test gives it. */
      readonly text: string;
    }
  | {
      /** Its bytes as read from disk, decoded strictly as UTF-8 by the compiler. */
      readonly bytes: Uint8Array;
    }
  | {
      /** Its size in bytes, for a file above the limit, not read. */
      readonly oversize: number;
    }
  | {
      /** Why the entry could not be read: a dangling or looping link, a FIFO, a file the process may not read. */
      readonly unreadable: string;
    };

/** A strict UTF-8 decoder (a byte that is not UTF-8 throws), made once: each `decode` call stands alone. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A file's text, or the one diagnostic that says why it has none. */
export type Decoded = { readonly text: string } | { readonly diagnostic: Diagnostic };

/** Checks a file's size and decodes it: its text without a leading byte-order mark, or a diagnostic. */
export function decodeFile(file: string, contents: FileContents): Decoded {
  /** A problem with the file as a whole: no line or column to point at. */
  const whole = (message: string): Decoded => ({ diagnostic: { file, line: 0, column: 0, path: '', message } });
  if ('unreadable' in contents)
    return whole(`cannot be read: it is ${contents.unreadable}; expected a spec file (fix the entry, or remove it)`);
  const size =
    'oversize' in contents ? contents.oversize : 'bytes' in contents ? contents.bytes.length : Buffer.byteLength(contents.text, 'utf8');
  if (size > MAX_FILE_BYTES) {
    return whole(
      `the file is ${mebibytes(size)} (${size} bytes); expected at most ${mebibytes(MAX_FILE_BYTES)} (${MAX_FILE_BYTES} bytes), the limit for one input file`,
    );
  }
  if ('text' in contents) return { text: contents.text.replace(/^\uFEFF/, '') };
  if (!('bytes' in contents)) return { text: '' }; // unreachable: an unread file is above the limit
  const bytes = contents.bytes;
  try {
    // Fatal: a byte that is not UTF-8 is an error, not U+FFFD. A leading byte-order mark is dropped.
    return { text: STRICT_UTF8.decode(bytes) };
  } catch {
    const offset = firstInvalidByte(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = countLines(before);
    const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
    const hint = utf16 ? 'the file starts with a UTF-16 byte-order mark: save it as UTF-8' : 'save the file as UTF-8';
    return {
      diagnostic: {
        file,
        line,
        column: before.length - lineStart + 1,
        path: '',
        message: `the file is not valid UTF-8: byte 0x${hex(bytes[offset])} at offset ${offset}; expected UTF-8 text (${hint})`,
      },
    };
  }
}

/** `1 MiB`, `2.5 MiB`. */
function mebibytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}

function hex(byte: number | undefined): string {
  return (byte ?? 0).toString(16).padStart(2, '0');
}

function countLines(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines += 1;
  return lines;
}

/**
 * The offset of the first byte that starts no well-formed UTF-8 sequence (the WHATWG decoder's rules:
 * no overlong forms, no surrogates, nothing above U+10FFFF), or of the lead byte of a sequence cut short.
 */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}
