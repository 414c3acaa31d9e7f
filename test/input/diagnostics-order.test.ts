/**
 * Errors at one position are ordered by their text, with numbers compared as numbers, the same on every
 * machine whatever its locale.
 */
import { sortDiagnostics } from '../../src/input/diagnostics';

const at = (message: string) => ({ file: 'components/c.yaml', line: 9, column: 11, path: 'sans', message });

describe('the order of errors at one position', () => {
  test('GIVEN "item 10", "item 3" and "item 2" at one position WHEN sorted THEN item 2, item 3, item 10', () => {
    const sorted = sortDiagnostics([at('item 10, "x"'), at('item 3, "y"'), at('item 2, "z"')]);
    expect(sorted.map((d) => d.message)).toEqual(['item 2, "z"', 'item 3, "y"', 'item 10, "x"']);
  });

  test('GIVEN texts that differ outside numbers, and numbers with leading zeros WHEN sorted THEN code-unit order, and the same every time', () => {
    const messages = ['b 1', 'a 2', 'a 10', 'B 1', 'a 007', 'a 7', 'a'];
    const sorted = sortDiagnostics(messages.map(at)).map((d) => d.message);
    expect(sorted).toEqual(['B 1', 'a', 'a 2', 'a 007', 'a 7', 'a 10', 'b 1']);
    expect(sortDiagnostics([...messages].reverse().map(at)).map((d) => d.message)).toEqual(sorted);
  });

  test('GIVEN errors at different lines WHEN sorted THEN by line first, whatever their text', () => {
    const sorted = sortDiagnostics([
      { ...at('a'), line: 12 },
      { ...at('z'), line: 3 },
    ]);
    expect(sorted.map((d) => d.line)).toEqual([3, 12]);
  });
});
