/** sortDiagnostics: the order of messages at the same place; closest and didYouMean: the "did you mean" of every message. */
import { closest, Diagnostic, didYouMean, sortDiagnostics } from '../../src/input/diagnostics';

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

describe('GIVEN a misspelt word and the words it may stand for (closest, shared by every "did you mean")', () => {
  test.each([
    ['one edit away', 'replica', ['name', 'replicas'], 'replicas'],
    ['two edits away in a short word (the floor is two)', 'nmae', ['name', 'image'], 'name'],
    ['three edits away in a short word', 'abc', ['xyz'], undefined],
    ['a third of a long word away (4 of 12)', 'abcdefghijkl', ['abcdefghWXYZ'], 'abcdefghWXYZ'],
    ['more than a third of a long word away (5 of 12)', 'abcdefghijkl', ['abcdefgVWXYZ'], undefined],
    ['a difference of case only', 'Tools.json', ['tools.json'], 'tools.json'],
    ['a length alone too far off', 'ab', ['abcdef'], undefined],
    ['two letters longer, at the floor of two edits', 'name', ['nameab'], 'nameab'],
    ['two equally near: the first given', 'toolb.json', ['toolc.json', 'toola.json'], 'toolc.json'],
    ['a nearer one after a near one', 'tools.json', ['toolbox.json', 'tool.json'], 'tool.json'],
    ['no candidates', 'name', [], undefined],
  ])('WHEN it is %s THEN the suggestion is right', (_title, word, candidates, expected) => {
    expect(closest(word, candidates)).toBe(expected);
  });

  test('WHEN a suggestion is worded THEN it is " (did you mean "x"?)", quoted and cut like any value; without one, nothing', () => {
    expect(didYouMean('replicas')).toBe(' (did you mean "replicas"?)');
    expect(didYouMean(`${'a'.repeat(100)}.json`)).toBe(` (did you mean "${'a'.repeat(77)}..."?)`);
    expect(didYouMean(undefined)).toBe('');
  });
});
