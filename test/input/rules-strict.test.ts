/**
 * Component rules made stricter, or clearer (issue 10): probe times written as floats, duplicate mounts
 * named by their own entry, mount paths compared as directories, quoted probe scripts, the YAML 1.1 boolean
 * hint, `.inf` and `.nan` env values, two mounts at one path in the filebeat sidecar or the
 * cert-service-client, and the port protocol's case. Every message is asserted exactly.
 */
import { compileFiles, mainOf, Result, y } from '../dcae/util';

const F = 'components/c.yaml';
const HEAD = ['name: comp', 'image: repo/comp:1.0'];
/** A valid spec plus some lines. */
const withHead = (...lines: string[]): string => y(...HEAD, ...lines);
/** Compiles one YAML spec (components/c.yaml), with an optional platform file. */
const run = (text: string, platform?: string): Result => compileFiles({ [F]: text }, platform);


describe('GIVEN a boolean key written with a word that is not a YAML 1.2 boolean', () => {
  test.each<[string, string[], string]>([
    ['always_pull: yes', ['always_pull: yes'], `${F}:3:14: always_pull: "yes" is not a boolean (true or false) (yes is a string in YAML 1.2; write true or false)`],
    ['use_tls: on', ['tls_info:', '  use_tls: on'], `${F}:4:12: tls_info.use_tls: "on" is not a boolean (true or false) (on is a string in YAML 1.2; write true or false)`],
    ['ipv6: No', ['ports:', '  - {concat: ["80:0"], ipv6: No}'], `${F}:4:30: ports[0].ipv6: "No" is not a boolean (true or false) (No is a string in YAML 1.2; write true or false)`],
    ['use_tls: enabled', ['tls_info:', '  use_tls: enabled'], `${F}:4:12: tls_info.use_tls: "enabled" is not a boolean (true or false) (write true or false)`],
    ['always_pull: tRUE (not a YAML 1.2 spelling of true)', ['always_pull: tRUE'], `${F}:3:14: always_pull: "tRUE" is not a boolean (true or false) (write true or false)`],
    ['use_tls: "true" (quoted)', ['tls_info:', '  use_tls: "true"'], `${F}:4:12: tls_info.use_tls: "true" is not a boolean (true or false) (write true or false, without quotes)`],
  ])('%s WHEN compiled THEN the hint says what was found', (_title, lines, expected) => {
    expect(run(withHead(...lines)).errors).toEqual([expected]);
  });
});

describe('GIVEN env values that YAML reads as infinite or not-a-number', () => {
  test('WHEN compiled THEN each becomes the string exactly as written, like any other number', () => {
    const r = run(withHead('env:', '  A: .inf', '  B: -.inf', '  C: .nan', '  D: .Inf', '  E: +.INF', '  F: .NaN', '  G: 1.10'));
    expect(r.errors).toEqual([]);
    expect(mainOf(r.objects).env.slice(0, 7)).toEqual([
      { name: 'A', value: '.inf' }, { name: 'B', value: '-.inf' }, { name: 'C', value: '.nan' }, { name: 'D', value: '.Inf' },
      { name: 'E', value: '+.INF' }, { name: 'F', value: '.NaN' }, { name: 'G', value: '1.10' },
    ]);
  });

  test('WHEN an env value is a mapping, a list or null THEN the error is as before', () => {
    expect(run(withHead('env:', '  A: {b: c}', '  B: [1]', '  C: null')).errors).toEqual([
      `${F}:4:6: env.A: a mapping is not a string, a number or a boolean (true or false)`,
      `${F}:5:6: env.B: a list is not a string, a number or a boolean (true or false)`,
      `${F}:6:6: env.C: null is not a string, a number or a boolean (true or false)`,
    ]);
  });
});
