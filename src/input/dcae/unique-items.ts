/**
 * `uniqueItems` in linear time, for the DCAE component-spec schemas. Ajv compares each item of a list of
 * mappings with every other (a spec with 4 000 `parameters` took seconds, 40 000 minutes); this version
 * keys each item by a canonical text once. It reports exactly what Ajv reports: the last item that equals
 * an earlier one (`i`), and the nearest earlier item it equals (`j`), with Ajv's message.
 */
import type Ajv from 'ajv';
import type { CodeKeywordDefinition } from 'ajv';

/** The pair of items Ajv's check reports, [i, j] with j < i, or undefined when all items differ. */
export function lastDuplicate(items: readonly unknown[]): [number, number] | undefined {
  const last = new Map<string, number>();
  let found: [number, number] | undefined;
  items.forEach((item, i) => {
    const key = canonical(item);
    const before = last.get(key);
    if (before !== undefined) found = [i, before];
    last.set(key, i);
  });
  return found;
}

/**
 * A text that two JSON values share exactly when Ajv's deep equality holds: mappings compared key by key
 * whatever their order, lists item by item, numbers by value (0 equals -0).
 */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'string' ? JSON.stringify(value) : `${typeof value}:${String(value)}`;
  }
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/**
 * Replaces Ajv's uniqueItems with the linear one, with Ajv's error. The generated validators require this
 * module (build/src/input/dcae/generated/ is beside it). Ajv is loaded here only, when schemas are compiled:
 * a run that uses the precompiled validators never loads it for this.
 */
export function useLinearUniqueItems<T extends Pick<Ajv, 'removeKeyword' | 'addKeyword'>>(ajv: T): T {
  const { _, str } = require('ajv') as typeof import('ajv');
  const keyword: CodeKeywordDefinition = {
    keyword: 'uniqueItems',
    type: 'array',
    schemaType: 'boolean',
    error: {
      message: ({ params: { i, j } }) => str`must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
      params: ({ params: { i, j } }) => _`{i: ${i}, j: ${j}}`,
    },
    code(cxt) {
      const { gen, data, schema } = cxt;
      if (!schema) return;
      const find = gen.scopeValue('func', { ref: lastDuplicate, code: _`require("../unique-items").lastDuplicate` });
      const pair = gen.const('dup', _`${find}(${data})`);
      cxt.setParams({ i: _`${pair}[0]`, j: _`${pair}[1]` });
      cxt.fail(_`${pair} !== undefined`);
    },
  };
  ajv.removeKeyword('uniqueItems');
  ajv.addKeyword(keyword);
  return ajv;
}
