/**
 * A rule tester in the spirit of typescript-eslint's RuleTester: a table of specs that pass one rule (`valid`)
 * and specs that fail it (`invalid`), each with the exact messages, as `<file>:<line>:<column>: <path>: <message>`.
 *
 * Each spec is checked twice: by the rule alone (the rules before it in their array run for their results,
 * their reports dropped), which must report exactly the table's errors and warnings; and by compiling it,
 * which must report exactly those errors too (or `compiled`, when the schema or another rule also reports).
 */
import { COMPONENT_RULES } from '../../../src/input/component';
import { Diagnostic, formatDiagnostic, sortDiagnostics } from '../../../src/input/diagnostics';
import { loadPlatform, platformFacts, PLATFORM_RULES } from '../../../src/input/platform/load';
import { validationContext } from '../../../src/input/project';
import { AnyRule, Reports, runRules } from '../../../src/input/rules/rule';
import { SourceFile } from '../../../src/input/source';
import { errorsOf } from '../../helpers';

/** The component file of every case. */
export const F = 'components/c.yaml';
/** The platform file of every case. */
export const P = 'components/platform.yaml';
/** A YAML file from its lines. */
export const y = (...lines: string[]): string => `${lines.join('\n')}\n`;
/** A valid spec (name comp, image repo/comp:1.0) plus some lines. */
export const withHead = (...lines: string[]): string => y('name: comp', 'image: repo/comp:1.0', ...lines);
/** The lines of an external_cert block with use_external_tls, a CA name RA, the common name comp, and optional SANs. */
export const externalCert = (directory: string, sans?: string): string[] => [
  'external_cert:',
  '  use_external_tls: true',
  `  external_cert_directory: ${directory}`,
  '  ca_name: RA',
  `  external_certificate_parameters: {common_name: comp${sans === undefined ? '' : `, sans: "${sans}"`}}`,
];
/** A string of n letters a. */
export const a = (n: number): string => 'a'.repeat(n);

/** A spec that the rule lets pass. */
export interface ValidCase {
  readonly title: string;
  /** The component file (for a platform rule: the platform file). */
  readonly spec: string;
  /** The platform file, when the case needs one (component rules only). */
  readonly platform?: string;
}

/** A spec that fails the rule. */
export interface InvalidCase extends ValidCase {
  /** What the rule reports as errors, sorted as the compiler sorts them. */
  readonly errors: readonly string[];
  /** What the rule reports as warnings. @default none */
  readonly warnings?: readonly string[];
  /** What compiling reports, when it is more than the rule's errors (the schema, or another rule, reports too). @default errors */
  readonly compiled?: readonly string[];
}

/** A rule's table. */
export interface RuleTable {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
}

const format = (diagnostics: Diagnostic[]): string[] => sortDiagnostics(diagnostics).map(formatDiagnostic);

/** What one rule alone reports over a case: its errors and warnings, formatted and sorted. */
export function reportsOf(rule: AnyRule<never>, c: ValidCase): { errors: string[]; warnings: string[] } {
  const reports: Reports = { errors: [], warnings: [] };
  const only = (r: unknown) => (r === rule ? reports : undefined);
  const component = COMPONENT_RULES.indexOf(rule as AnyRule);
  const onPlatform = (PLATFORM_RULES as readonly unknown[]).includes(rule);
  if (component < 0 && !onPlatform) throw new Error(`rule ${rule.name} is in neither COMPONENT_RULES nor PLATFORM_RULES`);
  const file = onPlatform ? P : F;
  const parsed = SourceFile.parse(file, c.spec);
  if (!parsed.source) throw new Error(`the case "${c.title}" does not parse: ${format(parsed.diagnostics).join('; ')}`);
  if (onPlatform) {
    runRules([rule as AnyRule<unknown>], parsed.source, platformFacts(loadPlatform(P, c.spec)), only);
  } else {
    const context = validationContext(loadPlatform(c.platform === undefined ? undefined : P, c.platform));
    runRules(COMPONENT_RULES.slice(0, component + 1), parsed.source, context, only);
  }
  return { errors: format(reports.errors), warnings: format(reports.warnings) };
}

/** The errors of compiling a case (a platform rule's case: a valid component beside its platform file). */
function compiledErrors(rule: AnyRule<never>, c: ValidCase): string[] {
  return (PLATFORM_RULES as readonly unknown[]).includes(rule) ? errorsOf(withHead(), c.spec) : errorsOf(c.spec, c.platform);
}

/** Tests one rule over its table. */
export function testRule(rule: AnyRule<never>, table: RuleTable): void {
  describe(`GIVEN the rule ${rule.name}`, () => {
    test('GIVEN the rule WHEN its description is read THEN it is one sentence', () => {
      expect(rule.description).toMatch(/^[A-Z][^\n]*\.$/);
    });
    if (table.valid.length > 0) {
      test.each(table.valid.map((c) => [c.title, c] as const))(
        'GIVEN %s WHEN the rule runs THEN it reports nothing, and compiling reports no error',
        (_title, c) => {
          expect(reportsOf(rule, c)).toEqual({ errors: [], warnings: [] });
          expect(compiledErrors(rule, c)).toEqual([]);
        },
      );
    }
    test.each(table.invalid.map((c) => [c.title, c] as const))(
      'GIVEN %s WHEN the rule runs THEN it reports exactly these messages, and compiling reports them',
      (_title, c) => {
        expect(reportsOf(rule, c)).toEqual({ errors: c.errors, warnings: c.warnings ?? [] });
        expect(compiledErrors(rule, c)).toEqual(c.compiled ?? c.errors);
      },
    );
  });
}
