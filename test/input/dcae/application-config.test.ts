/**
 * DCAE component specs with the platform's application_config.source (docs/reference.md, "Application
 * configuration"): with configmap, the spec's parameters are the application configuration ({name: value}, what
 * the blueprint generator gave the config binding service), a YAML override's application_config merges over
 * them, and the mapping leaves out CONSUL_HOST, CONFIG_BINDING_SERVICE and CBS_CONFIG_URL; with cbs, nothing changes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { compileDcae, compileFiles, dcae, DCAE_FIXTURES, envOf, y } from '../../helpers';

/** The main container's variables as the plugin wrote them (CBS mode): the four mapped ones, then POD_IP. */
const PLUGIN_ENV = ['CONSUL_HOST', 'CONFIG_BINDING_SERVICE', 'DCAE_CA_CERTPATH', 'CBS_CONFIG_URL', 'POD_IP'];

const CONFIGMAP = 'application_config: {source: configmap}\n';
const CBS_URL = 'https://config-binding-service:10443/service_component_all';
const KEY = 'application_config.yaml';
const KEEPER = JSON.parse(fs.readFileSync(path.join(DCAE_FIXTURES, 'subscription-keeper.json'), 'utf8'));
const GATHERER = fs.readFileSync(path.join(DCAE_FIXTURES, 'file-gatherer.json'), 'utf8');

/** The configuration a manifest's ConfigMap holds, parsed back. */
function configOf(objects: any[]): unknown {
  const cm = objects.find((o) => o.kind === 'ConfigMap');
  return cm && parse(cm.data[KEY]);
}

/** A parameter as the v3 schema wants it. */
const param = (name: string, value: unknown, extra: object = {}) => ({
  name,
  value,
  description: name,
  designer_editable: false,
  policy_editable: false,
  sourced_at_deployment: false,
  ...extra,
});

describe('GIVEN a DCAE spec with parameters', () => {
  const spec = dcae({}, {}, { parameters: [param('zeta', 1), param('alpha.url', 'http://a'), param('nested', { b: [1, 2], a: true })] });

  test("WHEN compiled with source configmap THEN the parameters are the ConfigMap's configuration, and only DCAE_CA_CERTPATH of the mapped variables is left", () => {
    const { objects, warnings } = compileDcae(spec, CONFIGMAP);
    expect(warnings).toEqual([]);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ConfigMap/my-comp-application-config',
      'Deployment/dep-my-comp',
      'Service/my-comp',
    ]);
    expect(objects[0].data[KEY]).toBe('alpha.url: http://a\nnested:\n  a: true\n  b:\n    - 1\n    - 2\nzeta: 1\n');
    expect(envOf(objects)).toEqual([
      ['DCAE_CA_CERTPATH', '/opt/dcae/cacert/cacert.pem'],
      ['CBS_CLIENT_CONFIG_PATH', '/app-config-input/application_config.yaml'],
      ['POD_IP', 'fieldRef'],
    ]);
  });

  test('WHEN compiled with source cbs (the default) THEN no ConfigMap, and the four mapped variables as the plugin had them', () => {
    const { objects } = compileDcae(spec);
    expect(objects.some((o) => o.kind === 'ConfigMap')).toBe(false);
    expect(envOf(objects).map(([k]) => k)).toEqual(PLUGIN_ENV);
    expect(envOf(objects)[3]).toEqual(['CBS_CONFIG_URL', `${CBS_URL}/my-comp`]);
    expect(compileDcae(spec, 'application_config: {source: cbs}\n').files).toEqual(compileDcae(spec).files);
  });

  test('WHEN a YAML override sets application_config THEN it merges over the parameters: a value replaced, a map merged, null removes, a new key added', () => {
    const r = compileFiles(
      {
        'components/c.json': spec,
        'components/c.yaml': y(
          'dcae_spec: c.json',
          'application_config:',
          '  zeta: 2',
          '  nested: {a: null, c: x}',
          '  alpha.url: null',
          '  extra: [e]',
        ),
      },
      CONFIGMAP,
    );
    expect(r.errors).toEqual([]);
    expect(configOf(r.objects)).toEqual({ zeta: 2, nested: { b: [1, 2], c: 'x' }, extra: ['e'] });
  });

  test('WHEN the override removes the configuration with application_config: null THEN there is no ConfigMap and no CBS_CLIENT_CONFIG_PATH, and the objects are those of source cbs', () => {
    const files = { 'components/c.json': spec, 'components/c.yaml': y('dcae_spec: c.json', 'application_config: null') };
    const r = compileFiles(files, CONFIGMAP);
    expect(r.errors).toEqual([]);
    expect(r.objects.some((o) => o.kind === 'ConfigMap')).toBe(false);
    expect(envOf(r.objects).map(([k]) => k)).toEqual([
      'CONSUL_HOST',
      'CONFIG_BINDING_SERVICE',
      'DCAE_CA_CERTPATH',
      'CBS_CONFIG_URL',
      'POD_IP',
    ]);
    expect(r.objects).toEqual(compileFiles({ 'components/c.json': spec, 'components/c.yaml': y('dcae_spec: c.json') }).objects);
  });

  test("WHEN the override sets CONSUL_HOST in env THEN the component's own variable is kept, after the mapped ones", () => {
    const r = compileFiles(
      { 'components/c.json': spec, 'components/c.yaml': y('dcae_spec: c.json', 'env: {CONSUL_HOST: consul}') },
      CONFIGMAP,
    );
    expect(envOf(r.objects).map(([k]) => k)).toEqual(['DCAE_CA_CERTPATH', 'CONSUL_HOST', 'CBS_CLIENT_CONFIG_PATH', 'POD_IP']);
  });

  test('WHEN the override sets application_config with source cbs THEN it is an error in the YAML file', () => {
    const r = compileFiles({ 'components/c.json': spec, 'components/c.yaml': y('dcae_spec: c.json', 'application_config: {zeta: 2}') });
    expect(r.errors).toEqual([
      expect.stringMatching(/^components\/c\.yaml:2:1: application_config: is set, and the platform's application_config\.source is "cbs"/),
    ]);
  });
});

describe('GIVEN a DCAE spec without a configuration', () => {
  test.each([
    ['no parameters key', dcae({}, {}, { parameters: undefined })],
    ['parameters: []', dcae()],
  ])(
    "WHEN it has %s and source configmap THEN no ConfigMap, and the config binding service's variables stay: the objects are those of source cbs",
    (_what, spec) => {
      const { objects } = compileDcae(spec, CONFIGMAP);
      expect(objects.some((o) => o.kind === 'ConfigMap')).toBe(false);
      expect(envOf(objects).map(([k]) => k)).toEqual(PLUGIN_ENV);
      expect(objects).toEqual(compileDcae(spec).objects);
    },
  );
});

describe('GIVEN parameters named like built-in object keys', () => {
  test('WHEN __proto__ and constructor have values THEN both are keys of the configuration like any other', () => {
    const { objects } = compileDcae(
      dcae({}, {}, { parameters: [param('__proto__', { polluted: true }), param('constructor', 'c'), param('a', 1)] }),
      CONFIGMAP,
    );
    expect(objects.find((o) => o.kind === 'ConfigMap').data[KEY]).toBe('__proto__:\n  polluted: true\na: 1\nconstructor: c\n');
    expect(({} as any).polluted).toBeUndefined();
  });

  test('WHEN toString has no value and no override gives it THEN it is the missing-value error, not silently left out', () => {
    const r = compileFiles(
      { 'components/c.json': dcae({}, {}, { parameters: [{ name: 'toString', description: 'no default' }] }) },
      CONFIGMAP,
    );
    expect(r.errors).toEqual([expect.stringMatching(/parameters\[0\]: "toString" has no value/)]);
  });
});

describe('GIVEN parameters the configuration cannot take', () => {
  test('WHEN a parameter has no value (component-spec schema v1) THEN it is an error at the parameter, with the override that fixes it; an override that gives it compiles', () => {
    const spec = dcae(
      {},
      {},
      {
        parameters: [
          { name: 'a', value: 1 },
          { name: 'needed.at.deploy', description: 'no default' },
        ],
      },
    );
    const alone = compileFiles({ 'components/c.json': spec }, CONFIGMAP);
    expect(alone.errors.filter((e) => !e.includes('component-spec schema'))).toEqual([
      'components/c.json:21:5: parameters[1]: "needed.at.deploy" has no value (the blueprint input it made had to be given at deployment); expected a value for the ' +
        'application configuration. To fix it, write a YAML spec beside it with dcae_spec: c.json that sets application_config["needed.at.deploy"]',
    ]);
    const fixed = compileFiles(
      { 'components/c.json': spec, 'components/c.yaml': y('dcae_spec: c.json', 'application_config: {needed.at.deploy: x}') },
      CONFIGMAP,
    );
    expect(fixed.errors).toEqual([]);
    expect(configOf(fixed.objects)).toEqual({ a: 1, 'needed.at.deploy': 'x' });
    // With source cbs the parameters are not read: no such error.
    expect(compileFiles({ 'components/c.json': spec }).errors.filter((e) => e.includes('has no value'))).toEqual([]);
  });

  test('WHEN parameters is neither a list nor a mapping, or an entry has no name THEN each is an error at the JSON key', () => {
    const notList = compileFiles({ 'components/c.json': dcae({}, {}, { parameters: 'a=1' }) }, CONFIGMAP);
    expect(notList.errors.filter((e) => !e.includes('component-spec schema'))).toEqual([
      'components/c.json:16:17: parameters: is not a list or a mapping; expected a list of {name, value}, which becomes the application configuration, ' +
        'or a mapping, which is the configuration itself (platform application_config.source: configmap). To fix it, write a YAML spec beside it with ' +
        'dcae_spec: c.json that sets application_config: null',
    ]);
    const noName = compileFiles({ 'components/c.json': dcae({}, {}, { parameters: [{ value: 1 }] }) }, CONFIGMAP);
    expect(noName.errors.filter((e) => !e.includes('component-spec schema'))).toEqual([
      "components/c.json:17:5: parameters[0].name: missing; expected the parameter's name, its key in the application configuration. To fix it, write a YAML spec " +
        'beside it with dcae_spec: c.json that sets application_config',
    ]);
  });

  test('WHEN a name is repeated THEN the later value is used, with a warning at the later name', () => {
    const r = compileFiles({ 'components/c.json': dcae({}, {}, { parameters: [param('a', 1), param('b', 2), param('a', 3)] }) }, CONFIGMAP);
    expect(r.errors).toEqual([]);
    expect(configOf(r.objects)).toEqual({ a: 3, b: 2 });
    expect(r.warnings).toEqual([
      'components/c.json:34:15: parameters[2].name: "a" is also parameters[0]; the configuration keeps one application_config.a, with the later value',
    ]);
  });

  test('WHEN parameters break the schema only in keys the compiler does not read THEN the warning says the compiler reads each name and value (configmap) or ignores them (cbs)', () => {
    const spec = dcae(
      {},
      {},
      {
        parameters: [
          { name: 'a', value: 1 },
          { name: 'b', value: 2 },
        ],
      },
    );
    const withConfigMap = compileFiles({ 'components/c.json': spec }, CONFIGMAP);
    expect(withConfigMap.errors).toEqual([]);
    expect(withConfigMap.warnings).toEqual([
      expect.stringMatching(
        /^components\/c\.json:16:3: parameters: \d+ schema complaints in a part the plugin ignored \(application configuration\); the compiler reads only each parameter's name and value \(platform application_config\.source: configmap\) \(component-spec schema v1\); first: line 17: parameters\[0\]\.description: missing/,
      ),
    ]);
    const withCbs = compileFiles({ 'components/c.json': spec });
    expect(withCbs.warnings).toEqual([
      expect.stringMatching(
        /^components\/c\.json:16:3: parameters: \d+ schema complaints in a part the plugin ignored \(application configuration\), and so does the compiler \(component-spec schema v1\); first: /,
      ),
    ]);
  });
});

describe('GIVEN the subscription-keeper fixture (eight parameters, one name given twice)', () => {
  test("WHEN compiled with source configmap THEN its configuration holds every parameter's value, the later one for the repeated name, and the rest of the manifest is the cbs one", () => {
    const withConfigMap = compileDcae(KEEPER, CONFIGMAP);
    const expected = Object.fromEntries(KEEPER.parameters.map((p: any) => [p.name, p.value]));
    expect(configOf(withConfigMap.objects)).toEqual(expected);
    expect(Object.keys(expected)).toHaveLength(7);
    expect((expected as any)['keeper.retry.limit']).toBe(8);
    expect(withConfigMap.warnings.filter((w) => !w.includes('component-spec schema'))).toEqual([
      'components/c.json:107:15: parameters[7].name: "keeper.retry.limit" is also parameters[5]; the configuration keeps one application_config["keeper.retry.limit"], with the later value',
    ]);
    // Without the ConfigMap's own pieces, the Deployment and Service are the cbs mode's, less the CBS variables.
    const cbs = compileDcae(KEEPER).objects;
    const strip = (objects: any[]) => {
      const [dep, svc] = objects.filter((o) => o.kind !== 'ConfigMap').map((o) => JSON.parse(JSON.stringify(o)));
      const pod = dep.spec.template.spec;
      delete dep.spec.template.metadata.annotations;
      pod.volumes = pod.volumes.filter((v: any) => v.name !== 'application-config');
      pod.containers[0].volumeMounts = pod.containers[0].volumeMounts.filter((m: any) => m.name !== 'application-config');
      pod.containers[0].env = pod.containers[0].env.filter(
        (e: any) => !['CBS_CLIENT_CONFIG_PATH', 'CONSUL_HOST', 'CONFIG_BINDING_SERVICE', 'CBS_CONFIG_URL'].includes(e.name),
      );
      return [dep, svc];
    };
    expect(strip(withConfigMap.objects)).toEqual(strip(cbs));
  });
});

describe('GIVEN the file-gatherer fixture, whose parameter gatherer.server.password has no value (it was to be given at deployment)', () => {
  test('WHEN compiled with source configmap THEN that parameter is an error with the override that fixes it; an override that gives it compiles', () => {
    const alone = compileFiles({ 'components/gatherer.json': GATHERER }, CONFIGMAP);
    expect(alone.errors).toEqual([
      'components/gatherer.json:58:5: parameters[3]: "gatherer.server.password" has no value (the blueprint input it made had to be given at deployment); expected a value for the ' +
        'application configuration. To fix it, write a YAML spec beside it with dcae_spec: gatherer.json that sets application_config["gatherer.server.password"]',
    ]);
    const fixed = compileFiles(
      {
        'components/gatherer.json': GATHERER,
        'components/gatherer.yaml': y('dcae_spec: gatherer.json', 'application_config: {gatherer.server.password: s3cret}'),
      },
      CONFIGMAP,
    );
    expect(fixed.errors).toEqual([]);
    expect(configOf(fixed.objects)).toEqual({
      'gatherer.poll.interval': '30s',
      'gatherer.retries': 3,
      'gatherer.delete.after.fetch': false,
      'gatherer.server.password': 's3cret',
      'gatherer.spool.dir': '/var/spool/file-gatherer',
    });
  });

  test('WHEN compiled with source cbs (the default) THEN the parameters are not read: only the schema warning about the missing value', () => {
    const r = compileFiles({ 'components/gatherer.json': GATHERER });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      expect.stringMatching(
        /^components\/gatherer\.json:58:5: parameters\[3\]\.value: missing; .* \(component-spec schema v3; the plugin ignored this, and so does the compiler\)$/,
      ),
    ]);
  });
});

describe('GIVEN a DCAE spec whose parameters are a mapping (older specs: {app_config: [...]}, or any mapping)', () => {
  const cdap = dcae({}, {}, { parameters: { app_config: [{ name: 'a', value: 1 }], app_preferences: [] } });
  const any = dcae({}, {}, { parameters: { zeta: 1, nested: { b: [1, 2], a: true } } });

  test('WHEN compiled with source configmap THEN the configuration is that mapping itself, and the CBS variables are left out', () => {
    const r = compileFiles({ 'components/c.json': any }, CONFIGMAP);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.objects.find((o) => o.kind === 'ConfigMap').data[KEY]).toBe('nested:\n  a: true\n  b:\n    - 1\n    - 2\nzeta: 1\n');
    expect(envOf(r.objects).map(([k]) => k)).toEqual(['DCAE_CA_CERTPATH', 'CBS_CLIENT_CONFIG_PATH', 'POD_IP']);
  });

  test('WHEN an {app_config: [...]} mapping is compiled with source configmap THEN the configuration is that mapping, its lists as written', () => {
    const r = compileFiles({ 'components/c.json': cdap }, CONFIGMAP);
    expect(r.errors).toEqual([]);
    expect(configOf(r.objects)).toEqual({ app_config: [{ name: 'a', value: 1 }], app_preferences: [] });
  });

  test('WHEN the mapping is empty THEN there is no configuration, as with parameters: []', () => {
    const spec = dcae({}, {}, { parameters: {} });
    expect(compileDcae(spec, CONFIGMAP).objects).toEqual(compileDcae(dcae()).objects);
  });

  test('WHEN the mapping breaks the schema THEN the warning says that the compiler reads the whole mapping (configmap)', () => {
    const r = compileFiles({ 'components/c.json': dcae({}, {}, { parameters: { app_config: 'x' } }) }, CONFIGMAP);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      'components/c.json:17:19: parameters.app_config: "x" is not a list (component-spec schema v3; the plugin ignored this; the compiler reads the whole mapping as the application configuration (platform application_config.source: configmap))',
    ]);
    expect(configOf(r.objects)).toEqual({ app_config: 'x' });
  });

  test('WHEN compiled with source cbs THEN nothing changes: no ConfigMap, the objects of a spec without parameters', () => {
    const r = compileDcae(any);
    expect(r.warnings).toEqual([]);
    expect(r.objects).toEqual(compileDcae(dcae()).objects);
  });

  test('WHEN an override removes the configuration with application_config: null THEN there is no ConfigMap, and the objects are those of source cbs', () => {
    for (const spec of [any, cdap]) {
      const files = { 'components/c.json': spec, 'components/c.yaml': y('dcae_spec: c.json', 'application_config: null') };
      const r = compileFiles(files, CONFIGMAP);
      expect(r.errors).toEqual([]);
      expect(r.objects.some((o) => o.kind === 'ConfigMap')).toBe(false);
      expect(envOf(r.objects).map(([k]) => k)).toEqual(PLUGIN_ENV);
      expect(r.objects).toEqual(compileFiles(files).objects);
    }
  });

  test('WHEN an override sets application_config THEN it merges over the mapping', () => {
    const files = {
      'components/c.json': any,
      'components/c.yaml': y('dcae_spec: c.json', 'application_config: {zeta: null, nested: {c: x}}'),
    };
    expect(configOf(compileFiles(files, CONFIGMAP).objects)).toEqual({ nested: { a: true, b: [1, 2], c: 'x' } });
  });
});

describe('GIVEN list parameters the configuration cannot take, and an override that removes the configuration', () => {
  test('WHEN a parameter has no value and the override sets application_config: null THEN it compiles: there is no configuration to give it to', () => {
    const spec = dcae({}, {}, { parameters: [param('a', 1), { name: 'needed.at.deploy', description: 'no default' }, { value: 2 }] });
    const files = { 'components/c.json': spec, 'components/c.yaml': y('dcae_spec: c.json', 'application_config: null') };
    const r = compileFiles(files, CONFIGMAP);
    expect(r.errors).toEqual([]);
    expect(r.objects.some((o) => o.kind === 'ConfigMap')).toBe(false);
    expect(envOf(r.objects).map(([k]) => k)).toEqual(PLUGIN_ENV);
  });

  test('WHEN parameters is neither a list nor a mapping and the override sets application_config: null THEN it compiles', () => {
    const files = {
      'components/c.json': dcae({}, {}, { parameters: 'a=1' }),
      'components/c.yaml': y('dcae_spec: c.json', 'application_config: null'),
    };
    const r = compileFiles(files, CONFIGMAP);
    expect(r.errors.filter((e) => !e.includes('component-spec schema'))).toEqual([]);
    expect(r.objects.some((o) => o.kind === 'ConfigMap')).toBe(false);
  });
});
