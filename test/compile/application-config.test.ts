/**
 * The application configuration (issue 11, part 1; docs/reference.md, "Application configuration"): the platform's
 * application_config.source, cbs (the default) or configmap, and a YAML spec's application_config.
 */
import { createHash } from 'crypto';
import { parse } from 'yaml';
import { compile as compileFiles } from '../../src/compile';
import { formatDiagnostic } from '../../src/input/diagnostics';
import { compile, deploymentOf, envLines, errorsOf, find, kindsAndNames, mainOf, podOf, spec } from '../helpers';

const CONFIGMAP = { application_config: { source: 'configmap' } };
const CBS = { application_config: { source: 'cbs' } };
const KEY = 'application_config.yaml';

/** The text of application_config.yaml in the component's ConfigMap. */
function configText(objects: any[], name = 'comp'): string {
  return find(objects, 'ConfigMap', `${name}-application-config`).data[KEY];
}

/** Every piece the configuration adds to the pod, for one snapshot. */
function pieces(objects: any[]) {
  const dep = deploymentOf(objects);
  return {
    configMap: objects[0],
    annotations: dep.spec.template.metadata.annotations,
    volumes: podOf(objects).volumes,
    mounts: mainOf(objects).volumeMounts,
    env: mainOf(objects).env,
  };
}

/** Compiles one spec and returns its formatted warnings (and errors). */
function diagnosticsOf(text: string, platform: string): { warnings: string[]; errors: string[] } {
  const r = compileFiles({
    components: [{ name: 'components/c.yaml', text }],
    platform: { name: 'components/platform.yaml', text: platform },
  });
  return { warnings: r.warnings.map(formatDiagnostic), errors: r.diagnostics.map(formatDiagnostic) };
}

describe('application_config.source: cbs (the default)', () => {
  test('GIVEN no platform setting and no application_config WHEN compiled THEN no ConfigMap, no annotation and no CBS_CLIENT_CONFIG_PATH; the output equals the one with source cbs written out', () => {
    const plain = compile(spec({ ports: ['8080:0'], env: { A: 'x' } }));
    expect(kindsAndNames(plain.objects)).toEqual(['Deployment/dep-comp', 'Service/comp']);
    expect(deploymentOf(plain.objects).spec.template.metadata.annotations).toBeUndefined();
    expect(envLines(mainOf(plain.objects))).toEqual(['A=x', 'POD_IP=<status.podIP>']);
    expect(compile(spec({ ports: ['8080:0'], env: { A: 'x' } }), CBS).yaml).toBe(plain.yaml);
  });

  test('GIVEN source cbs (default or written) WHEN a YAML spec sets application_config THEN it is an error at the key that says how to switch the source', () => {
    const message =
      'components/c.yaml:3:1: application_config: is set, and the platform\'s application_config.source is "cbs": the component reads ' +
      'its configuration from the config binding service, which this key cannot reach; expected no application_config, or ' +
      'application_config: {source: configmap} in platform.yaml to write it into a ConfigMap <name>-application-config (key application_config.yaml)';
    const text = 'name: comp\nimage: repo/comp:1.0\napplication_config:\n  a: 1\n';
    expect(errorsOf(text)).toEqual([message]);
    expect(errorsOf(text, CBS)).toEqual([message]);
  });

  test('GIVEN an unknown source WHEN compiled THEN the platform file is refused with the accepted values, and application_config is not judged', () => {
    const errors = errorsOf(spec({ application_config: { a: 1 } }), { application_config: { source: 'consul' } });
    expect(errors).toEqual(['components/platform.yaml:2:11: application_config.source: "consul" is not cbs or configmap']);
  });
});

describe('application_config.source: configmap', () => {
  test('GIVEN a configuration, a user volume, a sidecar and own env WHEN compiled THEN the ConfigMap comes first and its volume, mount, env variable and checksum are in place', () => {
    const { objects } = compile(
      spec({
        namespace: 'onap',
        labels: { team: 'dcae' },
        ports: ['8080:0'],
        env: { A: 'x', B: 'y' },
        volumes: [{ host: { path: '/etc/localtime' }, container: { bind: '/etc/localtime', mode: 'ro' } }],
        log_info: { log_directory: '/logs' },
        application_config: { zeta: 1, alpha: { b: 'two', a: 'one' } },
      }),
      CONFIGMAP,
    );
    expect(pieces(objects)).toMatchSnapshot();
    expect(kindsAndNames(objects)).toEqual(['ConfigMap/comp-application-config', 'Deployment/dep-comp', 'Service/comp']);
    const cm = objects[0];
    expect(cm.apiVersion).toBe('v1');
    expect(cm.metadata).toEqual({
      name: 'comp-application-config',
      namespace: 'onap',
      labels: { team: 'dcae', app: 'comp', k8sdeployment: 'dep-comp' },
    });
    expect(Object.keys(cm.data)).toEqual([KEY]);
    expect(cm.data[KEY]).toBe('alpha:\n  a: one\n  b: two\nzeta: 1\n');
    expect(podOf(objects).volumes.map((v: any) => v.name)).toEqual([
      'host-ea063c2441',
      'application-config',
      'component-log',
      'filebeat-data',
      'filebeat-conf',
      'tls-info',
    ]);
    expect(podOf(objects).volumes[1]).toEqual({
      name: 'application-config',
      configMap: { name: 'comp-application-config', defaultMode: 420 },
    });
    expect(mainOf(objects).volumeMounts.map((m: any) => m.name)).toEqual([
      'host-ea063c2441',
      'application-config',
      'component-log',
      'tls-info',
    ]);
    expect(mainOf(objects).volumeMounts[1]).toEqual({ name: 'application-config', mountPath: '/app-config-input', readOnly: true });
    expect(envLines(mainOf(objects))).toEqual([
      'A=x',
      'B=y',
      'CBS_CLIENT_CONFIG_PATH=/app-config-input/application_config.yaml',
      'POD_IP=<status.podIP>',
    ]);
    const sha = createHash('sha256').update(cm.data[KEY], 'utf8').digest('hex');
    expect(deploymentOf(objects).spec.template.metadata.annotations).toEqual({ 'checksum/application-config': sha });
    const filebeat = podOf(objects).containers[1];
    expect(filebeat.env).toHaveLength(1); // only POD_IP: helpers get nothing of the configuration
  });

  test('GIVEN no application_config WHEN compiled with source configmap THEN nothing is added: the output is byte-identical to the cbs one', () => {
    const s = spec({ ports: ['8080:30080'], log_info: { log_directory: '/logs' }, env: { A: 'x' } });
    const withConfigMap = compile(s, CONFIGMAP);
    expect(withConfigMap.objects.some((o) => o.kind === 'ConfigMap')).toBe(false);
    expect(withConfigMap.yaml).toBe(compile(s).yaml);
  });

  test('GIVEN application_config: {} WHEN compiled THEN it counts as a configuration: a ConfigMap whose text is {}', () => {
    const { objects } = compile(spec({ application_config: {} }), CONFIGMAP);
    expect(kindsAndNames(objects)).toEqual(['ConfigMap/comp-application-config', 'Deployment/dep-comp']);
    expect(configText(objects)).toBe('{}\n');
    expect(envLines(mainOf(objects))).toEqual([
      'CBS_CLIENT_CONFIG_PATH=/app-config-input/application_config.yaml',
      'POD_IP=<status.podIP>',
    ]);
  });

  test('GIVEN nested maps and lists and strings (and keys) some reader takes for something else WHEN compiled THEN keys are sorted at every depth, lists keep their order and those strings are quoted', () => {
    const text = [
      'name: comp',
      'image: repo/comp:1.0',
      'application_config:',
      '  z: [3, 1, {b: 2, a: 1}]',
      '  "yes": "no"',
      '  octal: "0o17"',
      '  exp: "1e3"',
      '  date: "2001-12-14"',
      '  n: 1.10',
      '  hex: 0x1F',
      '  t: true',
      '  nothing: null',
      '  multi: "a\\nb"',
      '  B: upper',
      '',
    ].join('\n');
    const written = configText(compile(text, CONFIGMAP).objects);
    expect(written).toBe(
      [
        'B: upper',
        'date: "2001-12-14"',
        'exp: "1e3"',
        'hex: 31',
        'multi: |-',
        '  a',
        '  b',
        '"n": 1.1',
        'nothing: null',
        'octal: "0o17"',
        't: true',
        '"yes": "no"',
        'z:',
        '  - 3',
        '  - 1',
        '  - a: 1',
        '    b: 2',
        '',
      ].join('\n'),
    );
    // Every YAML 1.2 and 1.1 reader gets the configuration back.
    expect(parse(written)).toEqual({
      B: 'upper',
      date: '2001-12-14',
      exp: '1e3',
      hex: 31,
      multi: 'a\nb',
      n: 1.1,
      nothing: null,
      octal: '0o17',
      t: true,
      yes: 'no',
      z: [3, 1, { a: 1, b: 2 }],
    });
    expect(parse(written, { version: '1.1' })).toEqual(parse(written));
  });

  test('GIVEN the same configuration in another key order WHEN compiled THEN the bytes and the checksum are the same; a changed value changes the checksum', () => {
    const checksum = (config: object) =>
      deploymentOf(compile(spec({ application_config: config }), CONFIGMAP).objects).spec.template.metadata.annotations[
        'checksum/application-config'
      ];
    const a = compile(spec({ application_config: { x: 1, y: { p: 'q', r: 's' } } }), CONFIGMAP).yaml;
    const b = compile(spec({ application_config: { y: { r: 's', p: 'q' }, x: 1 } }), CONFIGMAP).yaml;
    expect(b).toBe(a);
    expect(checksum({ x: 1 })).not.toBe(checksum({ x: 2 }));
    expect(checksum({ x: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });

  test('GIVEN a 63-character name WHEN compiled THEN the ConfigMap is <name>-application-config, not cut', () => {
    const name = `a${'b'.repeat(62)}`;
    const { objects } = compile(spec({ name, application_config: { a: 1 } }), CONFIGMAP);
    expect(objects[0].metadata.name).toBe(`${name}-application-config`);
    expect(objects[0].metadata.name).toHaveLength(82);
  });

  test('GIVEN an own CBS_CLIENT_CONFIG_PATH WHEN the component has a configuration THEN it is an error at the variable; without a configuration it is a plain variable', () => {
    expect(
      errorsOf('name: comp\nimage: repo/comp:1.0\nenv:\n  CBS_CLIENT_CONFIG_PATH: /x\napplication_config: {a: 1}\n', CONFIGMAP),
    ).toEqual([
      'components/c.yaml:4:3: env.CBS_CLIENT_CONFIG_PATH: CBS_CLIENT_CONFIG_PATH is set by the compiler to /app-config-input/application_config.yaml, ' +
        'where the main container reads the application configuration; remove it',
    ]);
    expect(envLines(mainOf(compile(spec({ env: { CBS_CLIENT_CONFIG_PATH: '/x' } }), CONFIGMAP).objects))).toEqual([
      'CBS_CLIENT_CONFIG_PATH=/x',
      'POD_IP=<status.podIP>',
    ]);
  });

  test('GIVEN another main-container mount at /app-config-input WHEN the component has a configuration THEN it is an error there; the same path written differently is a warning', () => {
    const volume = (bind: string) => `volumes:\n  - host: {path: /data}\n    container: {bind: ${bind}}\n`;
    expect(errorsOf(`name: comp\nimage: repo/comp:1.0\n${volume('/app-config-input')}application_config: {a: 1}\n`, CONFIGMAP)).toEqual([
      'components/c.yaml:5:23: volumes[0].container.bind: "/app-config-input" is where the main container mounts application-config (the application configuration); ' +
        'the API server refuses two mounts at one path; expected another path',
    ]);
    expect(
      errorsOf('name: comp\nimage: repo/comp:1.0\nlog_info: {log_directory: /app-config-input}\napplication_config: {a: 1}\n', CONFIGMAP),
    ).toEqual([
      'components/c.yaml:3:27: log_info.log_directory: "/app-config-input" is where the main container mounts application-config (the application configuration); ' +
        'the API server refuses two mounts at one path; expected another path',
    ]);
    const { warnings, errors } = diagnosticsOf(
      `name: comp\nimage: repo/comp:1.0\n${volume('/app-config-input/')}application_config: {a: 1}\n`,
      'application_config: {source: configmap}\n',
    );
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      'components/c.yaml:5:23: volumes[0].container.bind: "/app-config-input/" is the same path as "/app-config-input", which application-config (the application configuration) ' +
        'mounts in the main container: the API server accepts both, as it compares mount paths as written, and the container runtime then mounts both volumes at that one path, ' +
        'one hiding the other; expected each path mounted once',
    ]);
  });

  test('GIVEN a whole number beyond 2^53 - 1 WHEN compiled THEN it is written as JavaScript holds it, with a warning that says to quote it', () => {
    const { warnings, errors } = diagnosticsOf(
      'name: comp\nimage: repo/comp:1.0\napplication_config:\n  big: 12345678901234567890\n  ok: 9007199254740991\n',
      'application_config: {source: configmap}\n',
    );
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      'components/c.yaml:4:8: application_config.big: is a whole number beyond 2^53 - 1 (9007199254740991), which a JavaScript number does not hold exactly: ' +
        'it is written as 12345678901234567000; put it in quotes to keep it as written',
    ]);
  });

  test('GIVEN application_config that is not a mapping WHEN compiled THEN the schema refuses it', () => {
    expect(errorsOf(spec({ application_config: ['a'] }), CONFIGMAP)).toEqual([
      "components/c.yaml:4:3: application_config: a list is not a mapping (the component's configuration)",
    ]);
  });
});
