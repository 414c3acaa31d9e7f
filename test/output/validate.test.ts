/** validateObject: an object with no schema to check it against (a compiler bug, reported as such). */
import { validateObject } from '../../src/output/validate';

describe('GIVEN an object with no apiVersion, kind or name', () => {
  test.each([
    ['an empty object', {}],
    ['null', null],
  ])('GIVEN %s WHEN validated THEN one problem: no schema, with placeholders for kind and name', (_what, obj) => {
    expect(validateObject(obj)).toEqual([
      { object: '(no kind) (no name)', field: 'kind', message: 'no schema for apiVersion undefined kind undefined' },
    ]);
  });
});
