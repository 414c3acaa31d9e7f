/** The strict JSON reader of `.json` files (DCAE component specifications), through compile(). */
import { compile, CompileInput } from '../../src/compile';
import { formatDiagnostic } from '../../src/input/diagnostics';
import { dcae, json } from '../helpers';

const J = 'components/c.json';

/** Compiles one JSON file. */
function compileJson(text: string): { errors: string[]; files: Record<string, string> } {
  const input: CompileInput = { components: [{ name: J, text }] };
  const r = compile(input);
  return { errors: r.diagnostics.map(formatDiagnostic), files: Object.fromEntries(r.files.map((f) => [f.path, f.content])) };
}

describe('GIVEN a string with \\u escapes', () => {
  test('WHEN compiled THEN each escape is the character it names, and the output is that of the spec written plainly', () => {
    const plain = json(dcae());
    const escaped = plain.replace('"name": "my-comp"', '"name": "my-\\u0063\\u006F\\u006dp"');
    expect(escaped).not.toBe(plain);
    const a = compileJson(plain);
    const b = compileJson(escaped);
    expect(b.errors).toEqual([]);
    expect(b.files).toEqual(a.files);
    expect(Object.keys(b.files)).toContain('my-comp.k8s.yaml');
  });

  test.each([
    ['a non-hexadecimal digit', '"a\\u12G4"', '\\u12G4'],
    ['fewer than four digits before the string closes', '"a\\u12"', '\\u12\\"}'],
  ])('with %s WHEN compiled THEN the error shows the escape and says what one looks like', (_title, value, shown) => {
    expect(compileJson(`{"self": {"x": ${value}}}`).errors).toEqual([
      `${J}:1:18: self.x: JSON does not parse: found the escape ${shown} inside a string; expected \\u and four hexadecimal digits`,
    ]);
  });
});

describe("GIVEN a # comment (YAML's) in a .json file", () => {
  test('WHEN compiled THEN the error calls it a comment, which JSON does not have', () => {
    expect(compileJson('{"self": 1 # c\n}').errors).toEqual([
      `${J}:1:12: JSON does not parse: found a comment; expected "," or "}" (JSON has no comments)`,
    ]);
  });
});

describe('GIVEN a .json file that starts with a byte order mark', () => {
  test('WHEN compiled THEN the mark is skipped: it compiles as the file without it would', () => {
    const text = json(dcae());
    const withMark = compileJson(`\ufeff${text}`);
    expect(withMark.errors).toEqual([]);
    expect(withMark.files).toEqual(compileJson(text).files);
  });

  test('WHEN the rest has an error THEN the error is where it is in the file without the mark', () => {
    expect(compileJson('\ufeff{"self": {"x": 0123}}').errors).toEqual(compileJson('{"self": {"x": 0123}}').errors);
    expect(compileJson('{"self": {"x": 0123}}').errors).toHaveLength(1);
  });
});
