/**
 * The errors of pod_security (docs/reference.md, "Pod Security" and "Rules beyond the schema"): each names the
 * file, line and column, the key path, what was found and what was expected, and, for a hostPath volume under
 * "restricted", how to proceed.
 */
import { compileFiles, dcae, errorsOf, restrictedPlatform, spec, y } from '../helpers';

const F = 'components/c.yaml';
const P = 'components/platform.yaml';
const ROOT = '0 is the root user, which the Pod Security Standards "restricted" profile';
const NON_ROOT = 'does not allow: it runs every container as non-root (runAsNonRoot: true); expected a user ID from 1 to 2147483647';
const HOST = (path: string, from: string) =>
  `is a hostPath volume (host.path "${path}"), which the Pod Security Standards "restricted" profile (${from}) does not allow; ` +
  'expected a config_volume (a ConfigMap) in its place, or pod_security: {profile: none} for this component';

describe('pod_security: schema errors', () => {
  test.each([
    ['profile: strict', `${F}:4:12: pod_security.profile: "strict" is not "none" or "restricted"`],
    ['run_as_user: 2147483648', `${F}:4:16: pod_security.run_as_user: 2147483648 is not a whole number from 0 to 2147483647`],
    ['run_as_group: -1', `${F}:4:17: pod_security.run_as_group: -1 is not a whole number from 0 to 2147483647`],
    ['fs_group: 10.5', `${F}:4:13: pod_security.fs_group: 10.5 is not a whole number from 0 to 2147483647`],
    [
      'run_as_user: "1000"',
      `${F}:4:16: pod_security.run_as_user: "1000" is not a whole number from 0 to 2147483647 (write the number without quotes)`,
    ],
    [
      'read_only_root_filesystem: "yes"',
      `${F}:4:30: pod_security.read_only_root_filesystem: "yes" is not a boolean (true or false) (yes is a string in YAML 1.2; write true or false)`,
    ],
    [
      'runAsUser: 1000',
      `${F}:4:3: pod_security.runAsUser: unknown key (did you mean "run_as_user"?); expected one of: profile, run_as_user, run_as_group, fs_group, read_only_root_filesystem`,
    ],
  ])('GIVEN a component with pod_security %s WHEN compiled THEN exactly this error is reported', (line, expected) => {
    expect(errorsOf(`name: comp\nimage: repo/comp:1.0\npod_security:\n  ${line}\n`)).toEqual([expected]);
  });

  test.each([
    ['profile: Restricted', `${P}:2:12: pod_security.profile: "Restricted" is not "none" or "restricted"`],
    ['fs_group: 9999999999', `${P}:2:13: pod_security.fs_group: 9999999999 is not a whole number from 0 to 2147483647`],
    ['read_only_root_filesystem: 1', `${P}:2:30: pod_security.read_only_root_filesystem: 1 is not a boolean (true or false)`],
  ])('GIVEN a platform file with pod_security %s WHEN compiled THEN exactly this error is reported', (line, expected) => {
    expect(errorsOf(spec(), `pod_security:\n  ${line}\n`)).toEqual([expected]);
  });

  test('GIVEN pod_security: null in a component WHEN compiled THEN it is a type error at the key', () => {
    expect(errorsOf('name: comp\nimage: repo/comp:1.0\npod_security:\n')).toEqual([`${F}:3:14: pod_security: null is not a mapping`]);
  });
});

describe('pod_security: root as the user under "restricted"', () => {
  test('GIVEN a component with profile restricted and run_as_user 0 WHEN compiled THEN the error is at its run_as_user', () => {
    expect(errorsOf('name: comp\nimage: repo/comp:1.0\npod_security: {profile: restricted, run_as_user: 0}\n')).toEqual([
      `${F}:3:50: pod_security.run_as_user: ${ROOT} (pod_security.profile) ${NON_ROOT}`,
    ]);
  });

  test("GIVEN a restricted platform WHEN a component sets run_as_user 0 THEN the error is at the component's run_as_user and names the platform's profile", () => {
    expect(errorsOf('name: comp\nimage: repo/comp:1.0\npod_security: {run_as_user: 0}\n', restrictedPlatform())).toEqual([
      `${F}:3:29: pod_security.run_as_user: ${ROOT} (pod_security.profile in the platform settings) ${NON_ROOT}`,
    ]);
  });

  test("GIVEN a platform with run_as_user 0 and profile none WHEN a component sets profile restricted THEN the error is at the component's profile, saying what to set", () => {
    expect(
      errorsOf('name: comp\nimage: repo/comp:1.0\npod_security: {profile: restricted}\n', { pod_security: { run_as_user: 0 } }),
    ).toEqual([
      `${F}:3:25: pod_security.profile: "restricted" runs every container as non-root, but the user ID is 0 (root), the platform's pod_security.run_as_user; ` +
        'expected pod_security.run_as_user set here to a user ID from 1 to 2147483647, or profile "none"',
    ]);
  });

  test("GIVEN a platform with profile restricted and run_as_user 0 WHEN two components use them THEN the one error is at the platform's run_as_user", () => {
    expect(errorsOf(spec(), 'pod_security:\n  profile: restricted\n  run_as_user: 0\n')).toEqual([
      `${P}:3:16: pod_security.run_as_user: ${ROOT} (pod_security.profile) ${NON_ROOT}`,
    ]);
  });

  test('GIVEN a platform with run_as_user 0 and profile none WHEN a component keeps profile none THEN it compiles', () => {
    expect(errorsOf(spec(), { pod_security: { run_as_user: 0 } })).toEqual([]);
  });
});

describe('pod_security: hostPath volumes under "restricted"', () => {
  const text = [
    'name: comp',
    'image: repo/comp:1.0',
    'volumes:',
    '  - host: {path: /etc/localtime}',
    '    container: {bind: /etc/localtime, mode: ro}',
    '  - config_volume: {name: comp-config}',
    '    container: {bind: /opt/app/etc}',
    '  - container: {bind: /data}',
    '    host: {path: /dockerdata-nfs/comp}',
  ].join('\n');

  test('GIVEN a restricted platform WHEN a component has two hostPath volumes and a config_volume THEN each hostPath entry is an error at its own line, the config_volume is not', () => {
    expect(errorsOf(`${text}\n`, restrictedPlatform())).toEqual([
      `${F}:4:5: volumes[0]: ${HOST('/etc/localtime', 'pod_security.profile in the platform settings')}`,
      `${F}:8:5: volumes[2]: ${HOST('/dockerdata-nfs/comp', 'pod_security.profile in the platform settings')}`,
    ]);
  });

  test("GIVEN a component with its own profile restricted WHEN it has a hostPath volume THEN the error names the component's pod_security.profile", () => {
    expect(errorsOf(`${text}\npod_security: {profile: restricted}\n`)).toEqual([
      `${F}:4:5: volumes[0]: ${HOST('/etc/localtime', 'pod_security.profile')}`,
      `${F}:8:5: volumes[2]: ${HOST('/dockerdata-nfs/comp', 'pod_security.profile')}`,
    ]);
  });

  test('GIVEN the same component with profile none over the restricted platform WHEN compiled THEN there is no error', () => {
    expect(errorsOf(`${text}\npod_security: {profile: none}\n`, restrictedPlatform())).toEqual([]);
  });

  test('GIVEN an invalid platform pod_security WHEN a component with a hostPath volume sets no profile THEN only the platform is blamed; with its own profile restricted, the volume is too', () => {
    const platform = { pod_security: { profile: 'restricted', fs_group: 'x' } };
    const fsGroup = `${P}:3:13: pod_security.fs_group: "x" is not a whole number from 0 to 2147483647`;
    expect(errorsOf(`${text}\n`, platform)).toEqual([fsGroup]);
    expect(errorsOf(`${text}\npod_security: {profile: restricted}\n`, platform)).toEqual([
      `${F}:4:5: volumes[0]: ${HOST('/etc/localtime', 'pod_security.profile')}`,
      `${F}:8:5: volumes[2]: ${HOST('/dockerdata-nfs/comp', 'pod_security.profile')}`,
      fsGroup,
    ]);
  });

  test('GIVEN a restricted platform WHEN a DCAE spec alone has a host volume THEN the error is at the volume in the JSON, with the YAML spec that fixes it', () => {
    const aux = { volumes: [{ host: { path: '/etc/localtime' }, container: { bind: '/etc/localtime', mode: 'ro' } }] };
    const r = compileFiles({ 'components/c.json': dcae(aux) }, y('pod_security: {profile: restricted}'));
    expect(r.errors).toEqual([
      `components/c.json:26:7: auxilary.volumes[0]: ${HOST('/etc/localtime', 'pod_security.profile in the platform settings')}. ` +
        'To fix it, write a YAML spec beside it with dcae_spec: c.json that sets volumes',
    ]);
  });

  test('GIVEN a YAML spec over a DCAE spec WHEN it sets profile restricted and the DCAE spec has a host volume THEN the error is at the JSON volume, naming the YAML to fix', () => {
    const aux = { volumes: [{ host: { path: '/etc/localtime' }, container: { bind: '/etc/localtime', mode: 'ro' } }] };
    const r = compileFiles({
      'components/c.json': dcae(aux),
      'components/c.yaml': y('dcae_spec: c.json', 'pod_security: {profile: restricted}'),
    });
    expect(r.errors).toEqual([
      `components/c.json:26:7: auxilary.volumes[0]: ${HOST('/etc/localtime', 'pod_security.profile')}. To fix it, set volumes in components/c.yaml`,
    ]);
  });
});
