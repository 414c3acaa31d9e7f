/** runRules: the order rules run in, and what a rule reads from the earlier ones. */
import { AnyRule, runRules } from '../../../src/input/rules/rule';
import { SourceFile } from '../../../src/input/source';

const F = 'components/c.yaml';

/** A rule that gives what it read, under a name. */
const rule = (name: string, after: string[] = []): AnyRule<unknown> => ({
  name,
  description: 'A test rule.',
  after: after as never[],
  check: ({ value, read }) => ({ value, read }),
});

function sourceOf(text: string) {
  const parsed = SourceFile.parse(F, text);
  if (!parsed.source) throw new Error('does not parse');
  return parsed.source;
}

describe('GIVEN rules in order', () => {
  test('WHEN a rule reads a rule that runs after it THEN runRules throws, naming both (a bug in the rule list, not in the input)', () => {
    expect(() => runRules([rule('ports', ['volumes', 'labels']), rule('volumes')], sourceOf('name: comp\n'), {}, () => undefined)).toThrow(
      'rule ports runs before volumes, labels, whose results it reads',
    );
  });

  test("WHEN a rule reads an earlier one THEN it is given that rule's result under its name", () => {
    const results = runRules([rule('volumes'), rule('ports', ['volumes'])], sourceOf('name: comp\n'), {}, () => undefined);
    expect(results.ports).toEqual({ value: { name: 'comp' }, read: { volumes: { value: { name: 'comp' }, read: {} } } });
  });
});
