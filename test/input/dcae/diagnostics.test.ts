/**
 * What a DCAE component spec's problems look like: schema errors and the component rules' errors in one
 * run, each problem once; a probe's complaints only from the branch its type chose; the complaints about a
 * part the plugin ignored as one warning per part; keys the plugin ignored as warnings; values the blueprint
 * generator derived following the final (overridden) value, a `null` included; and RFC 7386 at every depth
 * through a YAML override.
 */
import * as fs from 'fs';
import * as path from 'path';
import { compileFiles, dcae, dcaeFixture, envOf, initEnv, initNames, mainOf, podOf, y } from '../../helpers';

const COLLECTOR = dcaeFixture('sample-collector.json');
const SECURE = dcaeFixture('secure-probe.json');
const COLLECTOR_EXPECTED = fs.readFileSync(path.join(__dirname, 'expected', 'sample-collector', 'expected.k8s.yaml'), 'utf8');
const RANGE = 'is not 0 or inside the node port range 30000-32767';
const FIX = (key: string) => `. To fix it, write a YAML spec beside it with dcae_spec: c.json that sets ${key}`;

/** Compiles one DCAE spec as components/c.json, with an optional YAML override beside it. */
const run = (json: object | string, override?: string) =>
  compileFiles(override === undefined ? { 'components/c.json': json } : { 'components/c.json': json, 'components/c.yaml': override });

describe('GIVEN a DCAE spec with a schema error and a mapping error', () => {
  // tls_info without cert_directory (the schema requires it) and a host port outside the node port range.
  const spec = dcae({ ports: ['8080:80'], tls_info: { use_tls: true } });

  test('WHEN compiled THEN both are reported in the same run', () => {
    // Before: only the schema error; the host port appeared once it was fixed.
    expect(run(spec).errors).toEqual([
      `components/c.json:23:7: auxilary.ports[0]: host port 80 in "8080:80" ${RANGE}. Host ports in component specs stood for blueprint inputs; to give the real ones, write a YAML spec beside it with dcae_spec: c.json and ports: ["8080:0"] (0 means no NodePort)`,
      'components/c.json:25:17: auxilary.tls_info.cert_directory: missing; this key is required: the folder in the container where the TLS init container puts the certificates (component-spec schema v3)',
    ]);
  });

  test('WHEN the JSON also has an unknown top-level key THEN that schema error is reported with the others', () => {
    expect(run({ ...spec, extra: 1 }).errors).toEqual([
      `components/c.json:23:7: auxilary.ports[0]: host port 80 in "8080:80" ${RANGE}. Host ports in component specs stood for blueprint inputs; to give the real ones, write a YAML spec beside it with dcae_spec: c.json and ports: ["8080:0"] (0 means no NodePort)`,
      'components/c.json:25:17: auxilary.tls_info.cert_directory: missing; this key is required: the folder in the container where the TLS init container puts the certificates (component-spec schema v3)',
      'components/c.json:35:3: extra: unknown key; expected one of: self, streams, services, parameters, auxilary, artifacts, policy_info (component-spec schema v3)',
    ]);
  });
});

describe('GIVEN a DCAE spec whose value is refused by both the schema and a component rule', () => {
  test.each<[string, Record<string, unknown>, string[]]>([
    ['ports is a string', { ports: '8080:0' }, [`components/c.json:22:14: auxilary.ports: "8080:0" is not a list${FIX('ports')}`]],
    ['a volume is a string', { volumes: ['x'] }, [`components/c.json:26:7: auxilary.volumes[0]: "x" is not a mapping${FIX('volumes')}`]],
    [
      'a volume has no source',
      { volumes: [{ container: { bind: '/b' } }] },
      [
        `components/c.json:26:7: auxilary.volumes[0]: has no source; expected exactly one of host: {path} or config_volume: {name}${FIX('volumes')}`,
      ],
    ],
    [
      'log_info has an unknown key',
      { log_info: { log_directory: '/logs', x: 1 } },
      [`components/c.json:27:7: auxilary.log_info.x: unknown key; expected one of: log_directory, alternate_fb_path${FIX('log_info')}`],
    ],
    [
      'tls_info.use_tls is a string',
      { tls_info: { cert_directory: '/c', use_tls: 'true' } },
      [
        `components/c.json:27:18: auxilary.tls_info.use_tls: "true" is not a boolean (true or false) (write true or false, without quotes)${FIX('tls_info')}`,
      ],
    ],
    [
      'the healthcheck is null',
      { healthcheck: null },
      [`components/c.json:18:20: auxilary.healthcheck: null is not a mapping${FIX('readiness')}`],
    ],
  ])('WHEN %s THEN it is reported once, by the rule (with the override that fixes it)', (_title, aux, errors) => {
    expect(run(dcae(aux)).errors).toEqual(errors);
  });

  test('WHEN self.name is not a DNS-1035 label THEN it is reported once, at self.name', () => {
    expect(run(dcae({}, { name: 'My_Comp' })).errors).toEqual([
      `components/c.json:4:13: self.name: "My_Comp" is not a DNS-1035 label: lower-case letters, digits and '-', starting with a letter, ending with a letter or digit, at most 63 characters${FIX('name')}`,
    ]);
  });

  test('WHEN there are no artifacts THEN the missing image is reported once, at artifacts, with the rest', () => {
    const spec = dcae({ ports: ['8080:80'] }, {}, { artifacts: undefined });
    expect(run(spec).errors).toEqual([
      `components/c.json:1:1: artifacts: has no artifact of type "docker image"; expected one, whose uri is the image${FIX('image')}`,
      `components/c.json:23:7: auxilary.ports[0]: host port 80 in "8080:80" ${RANGE}. Host ports in component specs stood for blueprint inputs; to give the real ones, write a YAML spec beside it with dcae_spec: c.json and ports: ["8080:0"] (0 means no NodePort)`,
    ]);
  });

  test('WHEN the docker image artifact has no uri THEN the schema says so at that artifact, and nothing else about the image', () => {
    expect(run(dcae({}, {}, { artifacts: [{ type: 'docker image' }] })).errors).toEqual([
      'components/c.json:27:5: artifacts[0].uri: missing; this key is required: where the artifact is: for a docker image, the image reference (component-spec schema v3)',
    ]);
  });
});

describe('GIVEN a DCAE spec in a shape the schema refuses, which the mapping must read without failing', () => {
  test('WHEN auxilary is a list THEN it is refused, once, at auxilary', () => {
    // Before: compiled without a word (both branches of auxilary's oneOf refused the type, and both complaints were dropped).
    expect(run(dcae({}, {}, { auxilary: [1] })).errors).toEqual([
      'components/c.json:17:15: auxilary: a list is not a mapping (component-spec schema v3)',
    ]);
  });

  test('WHEN volumes holds a string, a mapping without a source and a host that is a string THEN each is reported once', () => {
    const spec = dcae({ volumes: ['x', { container: { bind: '/b' } }, { host: '/a', container: { bind: '/c' } }] });
    expect(run(spec).errors).toEqual([
      `components/c.json:26:7: auxilary.volumes[0]: "x" is not a mapping${FIX('volumes')}`,
      `components/c.json:27:7: auxilary.volumes[1]: has no source; expected exactly one of host: {path} or config_volume: {name}${FIX('volumes')}`,
      `components/c.json:33:17: auxilary.volumes[2].host: "/a" is not a mapping${FIX('volumes')}`,
    ]);
  });

  test("WHEN use_external_tls is set and cert_directory is a number THEN only cert_directory is reported (the certificate directory falls back to the platform's)", () => {
    const spec = dcae({ tls_info: { cert_directory: 5, use_tls: true, use_external_tls: true } });
    expect(run(spec).errors).toEqual([
      `components/c.json:26:25: auxilary.tls_info.cert_directory: 5 is not an absolute path${FIX('tls_info')}`,
    ]);
  });
});

describe('GIVEN auxilary.healthcheck, whose schema is one of an http branch and a script branch', () => {
  test("WHEN it is http without an endpoint THEN only that is reported, not the script branch's complaints", () => {
    // Before: also `auxilary.healthcheck.script: missing` and `auxilary.healthcheck.type: "http" is not "script" or "docker"`.
    expect(run(dcae({ healthcheck: { type: 'http', interval: '15s' } })).errors).toEqual([
      `components/c.json:18:20: auxilary.healthcheck.endpoint: missing; an http probe needs the path to request, for example /healthcheck${FIX('readiness')}`,
    ]);
  });

  test("WHEN it is script without a script THEN only that is reported, not the http branch's complaints", () => {
    expect(run(dcae({ healthcheck: { type: 'script' } })).errors).toEqual([
      `components/c.json:18:20: auxilary.healthcheck.script: missing; a script probe needs the command to run${FIX('readiness')}`,
    ]);
  });

  test('WHEN it is https with an interval that is a number (v3 wants a string) THEN that is reported once', () => {
    // Before: the interval line twice (once per branch), and the script branch's complaints.
    expect(run(dcae({ healthcheck: { type: 'https', endpoint: '/h', interval: 15 } })).errors).toEqual([
      'components/c.json:21:19: auxilary.healthcheck.interval: 15 is not a string (put it in quotes) (component-spec schema v3)',
    ]);
  });

  test('WHEN its type is unknown THEN there is one error, at type, listing the accepted types', () => {
    expect(run(dcae({ healthcheck: { type: 'tcp', endpoint: '/h' } })).errors).toEqual([
      `components/c.json:19:15: auxilary.healthcheck.type: "tcp" is not http, https, script or docker (any case)${FIX('readiness')}`,
    ]);
  });

  test('WHEN it has no type THEN there is one error, at type, listing the accepted types', () => {
    expect(run(dcae({ healthcheck: { endpoint: '/h' } })).errors).toEqual([
      'components/c.json:18:20: auxilary.healthcheck.type: missing; this key is required: http, https, script or docker (any case)',
    ]);
  });
});

describe('GIVEN an older collector spec: the sample-collector fixture, with its parameters lacking the v3 keys designer_editable, sourced_at_deployment and policy_editable', () => {
  const old = COLLECTOR.replace(/,\n\s*"(sourced_at_deployment|policy_editable|designer_editable)": (true|false)/g, '');

  test('WHEN compiled THEN it gives one warning, at parameters, with the count and the first complaint, and the same manifest as the fixture', () => {
    // Before: one warning per complaint (three per parameter here), some twice (policy_editable, from both branches
    // of a parameter's oneOf), and one contradicting itself ("entry_schema: missing; this key is required: the optional property ...").
    const r = compileFiles({ 'components/collector.json': old });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      'components/collector.json:84:3: parameters: 21 schema complaints in a part the plugin ignored (application configuration), and so does the compiler (component-spec schema v3); first: line 85: parameters[0].designer_editable: missing; this key is required: whether a designer may change the parameter (true or false)',
    ]);
    expect(r.files['dcae-sample-collector.k8s.yaml']).toBe(COLLECTOR_EXPECTED);
  });
});

describe('GIVEN schema complaints in several parts the plugin ignored', () => {
  test('WHEN streams has several complaints and auxilary.reconfigs one THEN there is one warning per part', () => {
    const stream = { format: 'f', version: '1.0.0', type: 'http', config_key: 'k' };
    const spec = dcae(
      { reconfigs: { dti: '/reload.sh' }, tls_info: { cert_directory: '/c', use_tls: true } },
      {},
      { streams: { publishes: [stream, stream], subscribes: [{ type: 'kafka' }] } },
    );
    const r = run(spec);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      'components/c.json:8:3: streams: 4 schema complaints in a part the plugin ignored (DMaaP and Kafka streams, served as configuration by the config binding service), and so does the compiler (component-spec schema v3); first: line 9: streams.publishes: a list is not valid: expected to NOT have duplicate items (items ## 0 and 1 are identical)',
      'components/c.json:42:5: auxilary.reconfigs: unknown key; expected one of: helm, healthcheck, ports, log_info, tls_info, databases, policy, volumes (component-spec schema v3; the plugin ignored this, and so does the compiler)',
    ]);
  });

  test("WHEN a stream's type is unknown THEN that stream gets one complaint, at type, listing the stream types", () => {
    const spec = dcae(
      {},
      {},
      { streams: { publishes: [{ format: 'f', version: '1.0.0', type: 'ftp', config_key: 'k' }], subscribes: [] } },
    );
    expect(run(spec).warnings).toEqual([
      'components/c.json:13:17: streams.publishes[0].type: "ftp" is not "http" or "https" or "message router" or "message_router" or "data router" or "data_router" or "kafka" (component-spec schema v3; the plugin ignored this, and so does the compiler)',
    ]);
  });
});

describe('GIVEN keys of auxilary.volumes and auxilary.healthcheck that the plugin ignored (the schemas allow them; the component schema does not)', () => {
  const spec = dcae({
    healthcheck: { type: 'http', endpoint: '/health', retries: 3 },
    volumes: [
      { host: { path: '/etc/localtime', mode: 'ro' }, container: { bind: '/etc/localtime', mode: 'ro', propagation: 'none' }, name: 'tz' },
    ],
  });

  test('WHEN compiled THEN it compiles, with one warning per ignored key, naming it and what the plugin read', () => {
    // Before: each was an error ("unknown key").
    const r = run(spec);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      'components/c.json:21:7: auxilary.healthcheck.retries: ignored; the plugin read only "type", "endpoint", "script", "interval" and "timeout" here, and so does the compiler',
      'components/c.json:30:11: auxilary.volumes[0].host.mode: ignored; the plugin read only "path" here, and so does the compiler',
      'components/c.json:35:11: auxilary.volumes[0].container.propagation: ignored; the plugin read only "bind" and "mode" here, and so does the compiler',
      'components/c.json:37:9: auxilary.volumes[0].name: ignored; the plugin read only "host", "config_volume" and "container" here, and so does the compiler',
    ]);
  });

  test('WHEN compiled THEN the volume and the probe are what the plugin made of the keys it read', () => {
    const { objects } = run(spec);
    expect(podOf(objects).volumes[0].hostPath).toEqual({ path: '/etc/localtime' });
    expect(mainOf(objects).volumeMounts[0]).toEqual({ name: podOf(objects).volumes[0].name, mountPath: '/etc/localtime', readOnly: true });
    expect(mainOf(objects).readinessProbe.httpGet).toEqual({ path: '/health', port: 8080, scheme: 'HTTP' });
  });
});

describe('GIVEN the secure-probe fixture with use_external_tls (cert_directory /opt/secure-probe/certs/) and an override that removes its TLS cert directory', () => {
  const fixPorts = 'ports: ["8081:0", "8099:0"]';
  const derived = (override: string, platform?: string) => {
    const files = { 'components/c.json': SECURE, 'components/c.yaml': override };
    const r = platform === undefined ? compileFiles(files) : compileFiles(files, platform);
    expect(r.errors).toEqual([]);
    const client = podOf(r.objects).initContainers.find((c: any) => c.name === 'cert-service-client');
    return {
      DCAE_CA_CERTPATH: Object.fromEntries(envOf(r.objects)).DCAE_CA_CERTPATH,
      OUTPUT_PATH: initEnv(r.objects, 'cert-service-client').OUTPUT_PATH,
      clientMount: client.volumeMounts.find((m: any) => m.name === 'tls-info').mountPath,
      mainMount: mainOf(r.objects).volumeMounts.find((m: any) => m.name === 'tls-info').mountPath,
    };
  };

  test("WHEN the override leaves tls_info THEN everything uses the JSON's directory", () => {
    expect(derived(y('dcae_spec: c.json', fixPorts))).toEqual({
      DCAE_CA_CERTPATH: '/opt/secure-probe/certs//cacert.pem',
      OUTPUT_PATH: '/opt/secure-probe/certs/external',
      clientMount: '/opt/secure-probe/certs/',
      mainMount: '/opt/secure-probe/certs/',
    });
  });

  test.each([
    ['tls_info: null', ['tls_info: null']],
    ['tls_info: {cert_directory: null}', ['tls_info:', '  cert_directory: null']],
  ])(
    'WHEN it sets %s THEN DCAE_CA_CERTPATH, OUTPUT_PATH and the cert-service-client mount follow tls-info to the platform default',
    (_title, lines) => {
      // Before: tls-info moved to /opt/dcae/cacert, but the derived values kept the JSON's directory.
      expect(derived(y('dcae_spec: c.json', fixPorts, ...lines))).toEqual({
        DCAE_CA_CERTPATH: '/opt/dcae/cacert/cacert.pem',
        OUTPUT_PATH: '/opt/dcae/cacert/external',
        clientMount: '/opt/dcae/cacert',
        mainMount: '/opt/dcae/cacert',
      });
    },
  );

  test("WHEN it sets tls_info: null and the platform sets tls.component_cert_dir THEN they follow the platform's directory", () => {
    expect(derived(y('dcae_spec: c.json', fixPorts, 'tls_info: null'), y('tls:', '  component_cert_dir: /certs'))).toEqual({
      DCAE_CA_CERTPATH: '/certs/cacert.pem',
      OUTPUT_PATH: '/certs/external',
      clientMount: '/certs',
      mainMount: '/certs',
    });
  });

  test('WHEN it sets tls_info: null and external_cert.external_cert_directory itself THEN that directory wins for the certificate', () => {
    expect(derived(y('dcae_spec: c.json', fixPorts, 'tls_info: null', 'external_cert:', '  external_cert_directory: /ext/'))).toEqual({
      DCAE_CA_CERTPATH: '/opt/dcae/cacert/cacert.pem',
      OUTPUT_PATH: '/ext/external',
      clientMount: '/ext/',
      mainMount: '/opt/dcae/cacert',
    });
  });
});

describe('GIVEN a TLS cert directory that is not absolute, from which the certificate directory is derived (use_external_tls)', () => {
  test('WHEN the JSON gives it THEN it is reported once, at cert_directory, not also as external_cert_directory', () => {
    // Before: a second line at the same place, "... that sets external_cert".
    expect(run(dcae({ tls_info: { cert_directory: 'certs/', use_tls: true, use_external_tls: true } })).errors).toEqual([
      `components/c.json:26:25: auxilary.tls_info.cert_directory: "certs/" is not an absolute path${FIX('tls_info')}`,
    ]);
  });

  test('WHEN the override gives it over the secure-probe fixture THEN it is reported once, in the YAML', () => {
    // Before: also a line pointing into the JSON (at its cert_directory, with the YAML's value), "... set external_cert in components/c.yaml".
    const r = compileFiles({
      'components/c.json': SECURE,
      'components/c.yaml': y('dcae_spec: c.json', 'ports: ["8081:0", "8099:0"]', 'tls_info:', '  cert_directory: certs'),
    });
    expect(r.errors).toEqual(['components/c.yaml:4:19: tls_info.cert_directory: "certs" is not an absolute path']);
  });
});

describe('GIVEN the sample-collector fixture and a YAML override with null inside maps the mapping does not have (RFC 7386 at every depth)', () => {
  const compileCollector = (...lines: string[]) => {
    const r = compileFiles({
      'components/collector.json': COLLECTOR,
      'components/collector.yaml': y('dcae_spec: collector.json', ...lines),
    });
    expect(r.errors).toEqual([]);
    return r.objects;
  };

  test('WHEN it sets labels: {team: a, gone: null} THEN the labels are team: a, app and k8sdeployment, and no "gone"', () => {
    const objects = compileCollector('labels:', '  team: a', '  gone: null');
    const labels = { team: 'a', app: 'dcae-sample-collector', k8sdeployment: 'dep-dcae-sample-collector' };
    for (const o of objects) expect(o.metadata.labels).toEqual(labels);
    expect(objects[0].spec.template.metadata.labels).toEqual(labels);
  });

  test('WHEN it adds a liveness probe with interval: null THEN the probe has the default period (15 s), and the readiness probe is the mapped one', () => {
    const main = mainOf(compileCollector('liveness:', '  type: http', '  endpoint: /live', '  interval: null'));
    expect(main.livenessProbe).toEqual({
      httpGet: { path: '/live', port: 8080, scheme: 'HTTP' },
      failureThreshold: 1,
      initialDelaySeconds: 5,
      periodSeconds: 15,
      timeoutSeconds: 1,
    });
    expect(main.readinessProbe.httpGet).toEqual({ path: '/ready', port: 8080, scheme: 'HTTP' });
  });
});

describe('GIVEN a spec with use_external_tls and an override that moves tls_info.cert_directory', () => {
  test('WHEN compiled THEN DCAE_CA_CERTPATH and the certificate directory follow it', () => {
    const r = run(
      dcae({ tls_info: { cert_directory: '/opt/certs/', use_tls: true, use_external_tls: true } }),
      y('dcae_spec: c.json', 'tls_info:', '  cert_directory: /new'),
    );
    expect(r.errors).toEqual([]);
    expect(envOf(r.objects)[2]).toEqual(['DCAE_CA_CERTPATH', '/new/cacert.pem']);
    expect(initNames(r.objects)).toEqual(['init-tls', 'cert-service-client', 'cert-post-processor']);
    expect(initEnv(r.objects, 'cert-service-client').OUTPUT_PATH).toBe('/new/external');
  });
});
