import { MsbRegistration } from '../../contract/msb';

/** The annotation MSB reads a Service's registrations from. */
export const MSB_ANNOTATION = 'msb.onap.org/service-info';

/**
 * The MSB annotation's value: a JSON list with the keys in the documented order, written as Python's
 * `json.dumps` writes it (`", "` and `": "` separators, non-ASCII escaped as `\uXXXX`).
 */
export function msbAnnotationValue(entries: readonly MsbRegistration[]): string {
  const items = entries.map((e) => {
    const fields: Array<[string, string | boolean]> = [
      ['serviceName', e.serviceName],
      ['port', e.port],
      ['version', e.version],
      ['url', e.url],
      ['protocol', e.protocol],
      ['enable_ssl', e.enableSsl],
      ['visualRange', e.visualRange],
    ];
    return `{${fields.map(([k, v]) => `${pyString(k)}: ${typeof v === 'boolean' ? String(v) : pyString(v)}`).join(', ')}}`;
  });
  return `[${items.join(', ')}]`;
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** A string as Python's json.dumps (ensure_ascii) writes it. */
export function pyString(s: string): string {
  let out = '"';
  for (const ch of s) {
    for (let i = 0; i < ch.length; i++) {
      const c = ch[i];
      const code = c.charCodeAt(0);
      if (SHORT_ESCAPES[c]) out += SHORT_ESCAPES[c];
      else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
      else out += c;
    }
  }
  return `${out}"`;
}
