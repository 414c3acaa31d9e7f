/** Schema errors as messages: the keywords the other tests do not reach. */
import { errorsOf } from '../helpers';

describe('GIVEN a port written as parts to join', () => {
  test('WHEN the list of parts is empty THEN the error says an empty list is not allowed and how many items it needs', () => {
    expect(errorsOf('name: comp\nimage: repo/comp:1.0\nports: [{concat: []}]\n')).toEqual([
      'components/c.yaml:3:18: ports[0].concat: an empty list is not allowed; expected at least 1 item',
    ]);
  });
});
