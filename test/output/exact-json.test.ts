/**
 * exactJson: the text the render cache hashes a component by. Two values get the same text exactly when they are
 * the same value, also where JSON.stringify writes two values alike (NaN and null, -0 and 0, the infinities).
 */
import { exactJson, isPlainJson } from '../../src/output/exact-json';

describe('GIVEN values JSON gives back exactly', () => {
  test.each([
    ['null', null],
    ['a string', 'x'],
    ['a boolean', true],
    ['a whole number', 42],
    ['a fraction', -1.5],
    ['a list', [1, 'a', null, [true]]],
    ['a mapping with a key left undefined', { a: 1, b: undefined, c: { d: [] } }],
    ['a mapping with a __proto__ key', JSON.parse('{"__proto__": {"x": 1}}') as unknown],
  ])('WHEN %s is written THEN it is plain JSON, and its text is JSON.stringify’s', (_, value) => {
    expect(isPlainJson(value)).toBe(true);
    expect(exactJson(value)).toBe(JSON.stringify(value));
  });
});

describe('GIVEN values JSON would change', () => {
  test.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['-0', -0],
    ['NaN deep in a mapping', { a: [{ b: Number.NaN }] }],
    ['a hole in a list', [1, undefined, 2]],
    ['a function', () => 1],
  ])('WHEN %s is checked THEN it is not plain JSON', (_, value) => {
    expect(isPlainJson(value)).toBe(false);
  });

  test('WHEN values JSON.stringify writes alike are written THEN each text differs from every other', () => {
    const values: unknown[] = [
      null,
      0,
      -0,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      'nNaN',
      'n-0',
      'sx',
      'x',
      [null],
      [undefined],
      ['u'],
      { a: Number.NaN },
      { a: null },
      { a: 'nNaN', b: -0 },
      { a: Number.NaN, b: -0 },
      { a: 'snNaN', b: -0 },
    ];
    const texts = values.map(exactJson);
    expect(new Set(texts).size).toBe(values.length);
  });

  test('WHEN the same value is written twice THEN the text is the same', () => {
    const value = () => ({ a: [Number.NaN, -0, 'x'], b: { c: Number.NEGATIVE_INFINITY } });
    expect(exactJson(value())).toBe(exactJson(value()));
  });
});
