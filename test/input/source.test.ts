/** Where a message points in a YAML spec: through aliases, and into flow lists nested too deep. */
import { MAX_DEPTH } from '../../src/input/source';
import { errorsOf } from '../helpers';

describe('GIVEN a value given through a YAML alias', () => {
  test('WHEN it is wrong where the alias uses it THEN the error points at the anchored value it stands for', () => {
    expect(errorsOf('name: comp\nimage: &i repo/comp:1.0\nlabels: {team: *i}\n')).toEqual([
      'components/c.yaml:2:11: labels.team: "repo/comp:1.0" is not a label value: empty, or at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
    ]);
  });
});

describe('GIVEN flow lists nested too deep', () => {
  const TOO_DEEP = `: nested more than ${MAX_DEPTH} levels deep; expected at most ${MAX_DEPTH} levels of mappings and lists`;

  test.each([
    ['each list opened first in its parent', `[${'['.repeat(MAX_DEPTH + 2)}`, 'components/c.yaml:2:107: ports[0][0][0]'],
    ['each list opened after an item of its parent', `[${'[1, '.repeat(MAX_DEPTH + 3)}`, 'components/c.yaml:2:401: ports[0][1][1]'],
  ])('with %s WHEN compiled THEN one error, whose path counts the items before each open list', (_title, value, start) => {
    const errors = errorsOf(`name: comp\nports: ${value}\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0].startsWith(start)).toBe(true);
    expect(errors[0].endsWith(TOO_DEEP)).toBe(true);
  });
});
