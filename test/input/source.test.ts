/** Where a message points in a YAML spec: through aliases. */
import { errorsOf } from '../helpers';

describe('GIVEN a value given through a YAML alias', () => {
  test('WHEN it is wrong where the alias uses it THEN the error points at the anchored value it stands for', () => {
    expect(errorsOf('name: comp\nimage: &i repo/comp:1.0\nlabels: {team: *i}\n')).toEqual([
      'components/c.yaml:2:11: labels.team: "repo/comp:1.0" is not a label value: empty, or at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
    ]);
  });
});
