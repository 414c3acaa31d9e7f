/** sortDiagnostics: the order of messages at the same place. */
import { Diagnostic, sortDiagnostics } from '../../src/input/diagnostics';

const at = (message: string): Diagnostic => ({ file: 'components/c.yaml', line: 1, column: 1, path: 'p', message });

describe('GIVEN messages at the same place', () => {
  test('WHEN sorted THEN a message that is the start of another comes first, and numbers compare as numbers (03 before 3, by text, when equal)', () => {
    expect(sortDiagnostics([at('item 10'), at('item 3 again'), at('item 3'), at('item 03')]).map((d) => d.message)).toEqual([
      'item 03',
      'item 3',
      'item 3 again',
      'item 10',
    ]);
  });
});
