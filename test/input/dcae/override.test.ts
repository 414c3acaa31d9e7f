/**
 * YAML specs that start from a DCAE spec (`dcae_spec: <path relative to the YAML>`) and override its keys,
 * as a JSON Merge Patch: maps merge at every depth, lists and scalars replace, new keys come after the
 * mapped ones, null removes a key. And where errors point: into the YAML for values it set, into the JSON
 * (with the override that fixes it) for mapped values.
 * Tests marked `// Regression` guard bugs found while writing them, since fixed.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  compileFiles,
  dcae,
  dcaeFixture,
  envOf,
  folderWith,
  initEnv,
  initNames,
  mainOf,
  podOf,
  runMain,
  snapshotFolder,
  stderrLines,
  y,
} from '../../helpers';

/** The team's DCAE spec fixtures (their README says what each one exercises). */
const INGEST = dcaeFixture('stream-ingest.json');
const SINK = dcaeFixture('alarm-sink.json');
const LISTENER = dcaeFixture('config-listener.json');
const TRACKER = dcaeFixture('session-tracker.json');
const FEEDER = dcaeFixture('lake-feeder.json');
const ENRICHER = dcaeFixture('record-enricher.json');
const CBS = 'https://config-binding-service:10443/service_component_all';
const RANGE = 'is not 0 or inside the node port range 30000-32767';
const SINK_WARNING = (file: string) =>
  `${file}:83:5: auxilary.reconfigs: unknown key; expected one of: helm, healthcheck, ports, log_info, tls_info, databases, policy, volumes (component-spec schema v3; the plugin ignored this, and so does the compiler)`;

jest.setTimeout(30_000);

/** The CLI's main(), in this process, run in `dir` as `npm run synth -- --components components --out out` would be. */
const cli = (dir: string) => runMain(['--components', 'components', '--out', 'out'], dir);
const manifests = (dir: string) => Object.keys(snapshotFolder(path.join(dir, 'out'))).filter((f) => f.endsWith('.k8s.yaml'));

describe('GIVEN a YAML spec and the DCAE spec it names, in the same folder, through the CLI', () => {
  const files = {
    'components/alarm-sink.json': SINK,
    'components/alarm-sink.yaml': y('dcae_spec: alarm-sink.json', 'ports: ["6200/udp:30470"]'),
  };

  test('WHEN compiled THEN the path resolves beside the YAML, one manifest is written, and the JSON is not compiled alone (its host port 200 is not reported)', async () => {
    const dir = folderWith(files);
    const r = await cli(dir);
    expect(r.stdout).toMatch(/^compiled 1 component into out/);
    expect(r.status).toBe(0);
    expect(manifests(dir)).toEqual(['alarm-sink.k8s.yaml']);
    const out = fs.readFileSync(path.join(dir, 'out', 'alarm-sink.k8s.yaml'), 'utf8');
    expect(out).toContain('nodePort: 30470');
    expect(stderrLines(r.stderr).filter((l) => !l.startsWith('warning: components/alarm-sink.json:83:5: auxilary.reconfigs'))).toEqual([]);
  });

  test("WHEN compiled THEN the JSON's warning is printed once, pointing into the JSON", async () => {
    const dir = folderWith(files);
    expect(stderrLines((await cli(dir)).stderr)).toEqual([`warning: ${SINK_WARNING('components/alarm-sink.json')}`]);
  });

  test('WHEN the YAML renames the component THEN only the renamed manifest is written', async () => {
    const dir = folderWith({
      ...files,
      'components/alarm-sink.yaml': y('dcae_spec: ./alarm-sink.json', 'name: sink-a', 'ports: ["6200/udp:30470"]'),
    });
    expect((await cli(dir)).status).toBe(0);
    expect(manifests(dir)).toEqual(['sink-a.k8s.yaml']);
  });
});

describe('GIVEN a YAML spec whose dcae_spec is ../other/<file>, outside the components folder, through the CLI', () => {
  test("WHEN the YAML fixes the ports THEN the path resolves against the YAML's folder and the component compiles", async () => {
    const dir = folderWith({
      'other/ingest.json': INGEST,
      'components/ingest.yaml': y('dcae_spec: ../other/ingest.json', 'ports: ["7071:30222"]'),
    });
    const r = await cli(dir);
    expect(stderrLines(r.stderr)).toEqual([]);
    expect(r.status).toBe(0);
    expect(manifests(dir)).toEqual(['stream-ingest.k8s.yaml']);
  });

  test("WHEN the YAML leaves the JSON's host ports THEN each error points into other/ingest.json, with the ports override that fixes it", async () => {
    const dir = folderWith({
      'other/ingest.json': INGEST,
      'components/ingest.yaml': y('dcae_spec: ../other/ingest.json', 'env:', '  INGEST_OPTS: -Dx=1'),
    });
    const r = await cli(dir);
    expect(r.status).toBe(1);
    const hint =
      '. Host ports in component specs stood for blueprint inputs; to give the real ones, set ports: ["7070:0", "7071:0"] in components/ingest.yaml (0 means no NodePort)';
    expect(stderrLines(r.stderr)).toEqual([
      `other/ingest.json:74:7: auxilary.ports[0]: host port 7070 in "7070:7070" ${RANGE}${hint}`,
      `other/ingest.json:75:7: auxilary.ports[1]: host port 7071 in "7071:7071" ${RANGE}${hint}`,
      '2 errors in 1 file; nothing was written to out',
    ]);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

describe('GIVEN a DCAE spec with warnings named by two YAML specs', () => {
  test('WHEN compiled THEN both components compile, the JSON is not compiled alone, and its warning is reported once', () => {
    const r = compileFiles({
      'components/sink.json': SINK,
      'components/a.yaml': y('dcae_spec: sink.json', 'name: sink-a', 'ports: ["6200/udp:30470"]'),
      'components/b.yaml': y('dcae_spec: sink.json', 'name: sink-b', 'ports: ["6200/udp:30471"]'),
    });
    expect(r.errors).toEqual([]);
    expect(Object.keys(r.files)).toEqual(['sink-a.k8s.yaml', 'sink-b.k8s.yaml']);
    expect(r.warnings).toEqual([SINK_WARNING('components/sink.json')]);
  });
});

describe('GIVEN two fixtures with the same self.name (sample-collector and sample-collector-v3: dcae-sample-collector) in one folder', () => {
  const COLLECTOR = dcaeFixture('sample-collector.json');
  const COLLECTOR3 = dcaeFixture('sample-collector-v3.json');

  test('WHEN compiled THEN the second one is refused at its self.name, with the override that fixes it', () => {
    expect(compileFiles({ 'components/a.json': COLLECTOR, 'components/b.json': COLLECTOR3 }).errors).toEqual([
      'components/b.json:4:13: self.name: the component "dcae-sample-collector" (no k8s_location) is already defined in components/a.json; expected one file per component and location. To fix it, write a YAML spec beside it with dcae_spec: b.json that sets name',
    ]);
  });

  test('WHEN a YAML override renames the second one THEN both compile', () => {
    const r = compileFiles({
      'components/a.json': COLLECTOR,
      'components/b.json': COLLECTOR3,
      'components/b.yaml': y('dcae_spec: b.json', 'name: dcae-sample-collector-v3'),
    });
    expect(r.errors).toEqual([]);
    expect(Object.keys(r.files)).toEqual(['dcae-sample-collector-v3.k8s.yaml', 'dcae-sample-collector.k8s.yaml']);
  });
});

describe('GIVEN a DCAE spec with every mapped key, and a YAML override', () => {
  const base = dcae({
    ports: ['8080:0', '8443:0'],
    volumes: [{ host: { path: '/etc/localtime' }, container: { bind: '/etc/localtime', mode: 'ro' } }],
    log_info: { log_directory: '/opt/logs' },
    tls_info: { cert_directory: '/opt/certs/', use_tls: true, use_external_tls: true },
  });
  const compile = (...lines: string[]) => {
    const r = compileFiles({ 'components/c.json': base, 'components/c.yaml': y('dcae_spec: c.json', ...lines) });
    if (r.errors.length > 0) throw new Error(r.errors.join('\n'));
    return r.objects;
  };

  test('WHEN the override is empty THEN the result is the mapping alone', () => {
    const alone = compileFiles({ 'components/c.json': base });
    expect(compileFiles({ 'components/c.json': base, 'components/c.yaml': y('dcae_spec: c.json') }).files).toEqual(alone.files);
  });

  test('WHEN it sets resources.limits.cpu THEN limits.memory and all of requests stay mapped (maps merge at every depth)', () => {
    expect(mainOf(compile('resources:', '  limits:', '    cpu: "1"')).resources).toEqual({
      limits: { cpu: '1', memory: '128Mi' },
      requests: { cpu: '250m', memory: '128Mi' },
    });
  });

  test('WHEN it sets external_cert.external_certificate_parameters.common_name and cert_type THEN sans, ca_name and the directory stay mapped', () => {
    const objects = compile('external_cert:', '  cert_type: JKS', '  external_certificate_parameters:', '    common_name: comp.onap.org');
    const env = initEnv(objects, 'cert-service-client');
    expect([env.OUTPUT_PATH, env.OUTPUT_TYPE, env.CA_NAME, env.COMMON_NAME, env.SANS]).toEqual([
      '/opt/certs/external',
      'JKS',
      'RA',
      'comp.onap.org',
      'sample.onap.org,component.sample.onap.org',
    ]);
  });

  test('WHEN it sets tls_info.use_tls THEN tls_info.cert_directory stays mapped', () => {
    const objects = compile('tls_info:', '  use_tls: false');
    expect(initEnv(objects, 'init-tls')).toEqual({ TLS_SERVER: 'false' });
    expect(mainOf(objects).volumeMounts).toContainEqual({ name: 'tls-info', mountPath: '/opt/certs/' });
  });

  test('WHEN it sets labels THEN they join app and k8sdeployment', () => {
    expect(compile('labels:', '  team: dcae')[0].metadata.labels).toEqual({ team: 'dcae', app: 'my-comp', k8sdeployment: 'dep-my-comp' });
  });

  test('WHEN it sets env, overriding one mapped key and adding two THEN the mapped keys keep their order and value positions, and the new keys follow them', () => {
    const objects = compile('env:', '  NEW_A: a', '  CONSUL_HOST: consul.onap', '  NEW_B: 2');
    expect(envOf(objects)).toEqual([
      ['CONSUL_HOST', 'consul.onap'],
      ['CONFIG_BINDING_SERVICE', 'config-binding-service'],
      ['DCAE_CA_CERTPATH', '/opt/certs//cacert.pem'],
      ['CBS_CONFIG_URL', `${CBS}/my-comp`],
      ['NEW_A', 'a'],
      ['NEW_B', '2'],
      ['POD_IP', 'fieldRef'],
    ]);
  });

  test('WHEN it sets ports THEN the list replaces the mapped one', () => {
    const objects = compile('ports: ["9000:30900"]');
    expect(mainOf(objects).ports).toEqual([{ containerPort: 9000, protocol: 'TCP' }]);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/dep-my-comp', 'Service/my-comp', 'Service/xmy-comp']);
    expect(mainOf(objects).readinessProbe.httpGet.port).toBe(9000);
  });

  test('WHEN it sets volumes THEN the list replaces the mapped one', () => {
    const objects = compile('volumes:', '  - {config_volume: {name: cfg}, container: {bind: /opt/etc}}');
    const user = podOf(objects).volumes.filter((v: any) => v.hostPath || (v.configMap && v.name !== 'filebeat-conf'));
    expect(user.map((v: any) => v.configMap?.name ?? v.hostPath.path)).toEqual(['cfg']);
  });

  test('WHEN it sets scalars (image, replicas, always_pull, name) THEN they replace the mapped ones', () => {
    const objects = compile('name: renamed', 'image: repo/other:2', 'replicas: 3', 'always_pull: false');
    expect(objects[0].metadata.name).toBe('dep-renamed');
    expect(objects[0].spec.replicas).toBe(3);
    expect([mainOf(objects).image, mainOf(objects).imagePullPolicy]).toEqual(['repo/other:2', 'IfNotPresent']);
  });

  test('WHEN it sets readiness: null THEN there is no readiness probe', () => {
    expect(mainOf(compile('readiness: null'))).not.toHaveProperty('readinessProbe');
  });

  test('WHEN it sets a mapped env key to null THEN that variable is gone and the others keep their order', () => {
    expect(envOf(compile('env:', '  CONFIG_BINDING_SERVICE: null')).map(([k]) => k)).toEqual([
      'CONSUL_HOST',
      'DCAE_CA_CERTPATH',
      'CBS_CONFIG_URL',
      'POD_IP',
    ]);
  });

  test('WHEN it sets log_info: null and external_cert: null THEN there is no filebeat sidecar and no certificate request', () => {
    const objects = compile('log_info: null', 'external_cert: null');
    expect(podOf(objects).containers.map((c: any) => c.name)).toEqual(['my-comp']);
    expect(initNames(objects)).toEqual(['init-tls']);
  });

  test('WHEN it sets resources.requests: null THEN only limits remain', () => {
    expect(mainOf(compile('resources:', '  requests: null')).resources).toEqual({ limits: { cpu: '250m', memory: '128Mi' } });
  });
});

describe('GIVEN a fixture the plugin would have deployed wrong, and a YAML override that fixes it', () => {
  test.each<[string, string, string, string[]]>([
    [
      'stream-ingest (host ports 7070, 7071)',
      INGEST,
      'ports: ["7070:0", "7071:30222"]',
      ['Deployment/dep-stream-ingest', 'Service/stream-ingest', 'Service/xstream-ingest'],
    ],
    [
      'record-enricher (host ports 8300, 8743)',
      ENRICHER,
      'ports: ["8300:0", "8743:0"]',
      ['Deployment/dep-record-enricher', 'Service/record-enricher'],
    ],
    [
      'config-listener (https healthcheck, no ports)',
      LISTENER,
      'ports: ["8443:0"]',
      ['Deployment/dep-config-listener', 'Service/config-listener'],
    ],
    [
      'session-tracker (http healthcheck, no ports)',
      TRACKER,
      'ports: ["8100:0"]',
      ['Deployment/dep-session-tracker', 'Service/session-tracker'],
    ],
    ['lake-feeder (http healthcheck, no ports), with readiness: null', FEEDER, 'readiness: null', ['Deployment/dep-lake-feeder']],
  ])('WHEN %s is compiled with the fix THEN it compiles', (_title, text, fix, objects) => {
    const r = compileFiles({ 'components/spec.json': text, 'components/spec.yaml': y('dcae_spec: spec.json', fix) });
    expect(r.errors).toEqual([]);
    expect(r.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(objects);
  });

  test('WHEN session-tracker is given a script readiness probe (the other fix the hint names) THEN the probe runs it, keeping the mapped interval and timeout', () => {
    const r = compileFiles({
      'components/tracker.json': TRACKER,
      'components/tracker.yaml': y('dcae_spec: tracker.json', 'readiness:', '  type: script', '  script: /opt/check.sh'),
    });
    expect(r.errors).toEqual([]);
    expect(mainOf(r.objects).readinessProbe).toEqual({
      exec: { command: ['/opt/check.sh'] },
      failureThreshold: 1,
      initialDelaySeconds: 5,
      periodSeconds: 120,
      timeoutSeconds: 6,
    });
  });

  test("WHEN stream-ingest is fixed THEN only the YAML's NodePort is on the NodePort Service", () => {
    const r = compileFiles({
      'components/ingest.json': INGEST,
      'components/ingest.yaml': y('dcae_spec: ingest.json', 'ports: ["7070:0", "7071:30222"]'),
    });
    expect(r.objects[2].spec.ports).toEqual([{ name: 'xport-t-7071', nodePort: 30222, port: 7071, protocol: 'TCP' }]);
  });
});

describe('GIVEN an override and its DCAE spec with errors', () => {
  test('WHEN a value the YAML set is wrong THEN the error points into the YAML file, with no hint', () => {
    const r = compileFiles({ 'components/c.json': dcae(), 'components/c.yaml': y('dcae_spec: c.json', 'ports: ["8080:80"]') });
    expect(r.errors).toEqual([`components/c.yaml:2:9: ports[0]: host port 80 in "8080:80" ${RANGE}`]);
  });

  test('WHEN an unknown key is in the YAML THEN it points into the YAML', () => {
    const r = compileFiles({ 'components/c.json': dcae(), 'components/c.yaml': y('dcae_spec: c.json', 'replica: 2') });
    expect(r.errors).toEqual([
      'components/c.yaml:2:1: replica: unknown key (did you mean "replicas"?); expected one of: dcae_spec, name, image, namespace, replicas, always_pull, labels, env, ports, volumes, resources, readiness, liveness, log_info, tls_info, external_cert, k8s_location, application_config, msb_list, pod_security, service_account, policy_ids, topics, streams',
    ]);
  });

  test('WHEN a mapped value is wrong and the YAML sets something else wrong in the same probe THEN each error points to where its value came from', () => {
    const json = dcae({ ports: undefined });
    const r = compileFiles({ 'components/c.json': json, 'components/c.yaml': y('dcae_spec: c.json', 'readiness:', '  interval: 0') });
    expect(r.errors).toEqual([
      'components/c.json:19:15: auxilary.healthcheck.type: "http" probes the first container port, and the component has no ports; expected a port in ports, or a script probe. To fix it, set the component\'s ports (for example ports: ["8080:0"]), or a readiness probe of type script, in components/c.yaml',
      'components/c.yaml:3:13: readiness.interval: 0 is not a positive number of seconds (the API server refuses 0)',
    ]);
  });

  test('WHEN a mapped volume is wrong THEN the error points into the JSON, at auxilary.volumes, with the override that fixes it', () => {
    const json = dcae({ volumes: [{ host: { path: '/a' }, container: { bind: '/b', mode: 'rx' } }] });
    expect(compileFiles({ 'components/c.json': json }).errors).toEqual([
      'components/c.json:32:19: auxilary.volumes[0].container.mode: "rx" is not "ro" or "rw". To fix it, write a YAML spec beside it with dcae_spec: c.json that sets volumes',
    ]);
  });

  test('WHEN the override turns on use_external_tls over a spec that has none, without the other keys THEN the errors point into the YAML at external_cert', () => {
    // Regression (a bug found while writing these tests, since fixed): the keys are missing from a map that only the YAML gives, so MergedSource.error finds no origin and no
    // override key: each error points at the JSON's first character, WITHOUT its key path, with a hint to write
    // the YAML that already exists:
    //   components/c.json:1:1: missing; use_external_tls is true, so the CA name (for example RA) is required. To fix it, write a YAML spec beside it with dcae_spec: c.json that sets external_cert
    //   (and the same for the common name and the directory)
    // A plain YAML spec gives `components/c.yaml:3:3: external_cert.ca_name: missing; ...`; so should the override.
    const json = dcae({ tls_info: { cert_directory: '/c/', use_tls: true } });
    const r = compileFiles({
      'components/c.json': json,
      'components/c.yaml': y('dcae_spec: c.json', 'external_cert:', '  use_external_tls: true'),
    });
    expect(r.errors).toEqual([
      'components/c.yaml:3:3: external_cert.ca_name: missing; use_external_tls is true, so the CA name (for example RA) is required',
      'components/c.yaml:3:3: external_cert.external_cert_directory: missing; use_external_tls is true, so the directory the certificates go to is required',
      "components/c.yaml:3:3: external_cert.external_certificate_parameters.common_name: missing; use_external_tls is true, so the certificate's common name is required",
    ]);
  });

  test('WHEN the override removes a mapped required key with null THEN the error points at that null in the YAML', () => {
    const json = dcae({ tls_info: { cert_directory: '/c/', use_tls: true, use_external_tls: true } });
    const r = compileFiles({
      'components/c.json': json,
      'components/c.yaml': y('dcae_spec: c.json', 'external_cert:', '  external_certificate_parameters:', '    common_name: null'),
    });
    expect(r.errors).toEqual([
      "components/c.yaml:4:18: external_cert.external_certificate_parameters.common_name: missing; use_external_tls is true, so the certificate's common name is required",
    ]);
  });
});

describe('GIVEN a YAML spec whose dcae_spec cannot be used', () => {
  test('WHEN the file does not exist THEN the error points at dcae_spec and says what was expected', () => {
    expect(compileFiles({ 'components/c.yaml': y('dcae_spec: nope.json', 'name: comp') }).errors).toEqual([
      'components/c.yaml:1:12: dcae_spec: "nope.json": no such file; expected the path of a DCAE component specification, relative to components/c.yaml',
    ]);
  });

  test.each([
    [
      'a number',
      'dcae_spec: 5',
      'components/c.yaml:1:12: dcae_spec: 5 is not the path of a DCAE component specification, relative to this file',
    ],
    [
      'a list',
      'dcae_spec: [c.json]',
      'components/c.yaml:1:12: dcae_spec: a list is not the path of a DCAE component specification, relative to this file',
    ],
    [
      'a mapping',
      'dcae_spec: {path: c.json}',
      'components/c.yaml:1:12: dcae_spec: a mapping is not the path of a DCAE component specification, relative to this file',
    ],
  ])(
    'WHEN it is %s THEN that is the only error, and the JSON beside it is still compiled alone (its warning shows it)',
    (_title, line, message) => {
      const r = compileFiles({
        'components/c.json': dcae({ reconfigs: { dti: '/reload.sh' } }, { name: 'alone' }),
        'components/c.yaml': y(line),
      });
      expect(r.errors).toEqual([message]);
      expect(r.warnings).toHaveLength(1);
      expect(r.warnings[0]).toMatch(/^components\/c\.json:\d+:5: auxilary\.reconfigs: unknown key; /);
    },
  );

  test('WHEN the JSON is not a DCAE component spec THEN its schema errors point into the JSON, and the ignored sections are warnings', () => {
    const r = compileFiles({ 'components/c.json': '{"foo": 1}\n', 'components/c.yaml': y('dcae_spec: c.json', 'name: comp') });
    expect(r.errors).toEqual([
      'components/c.json:1:1: artifacts: missing; this key is required: the artifacts of the component: for docker, one of type "docker image" whose uri is the image (component-spec schema v3)',
      'components/c.json:1:1: auxilary: missing; this key is required: how the component is run: its health check, ports, volumes, logs and TLS (component-spec schema v3)',
      'components/c.json:1:1: self: missing; this key is required: the name, version, description and type of the component (component-spec schema v3)',
      'components/c.json:1:2: foo: unknown key; expected one of: self, streams, services, parameters, auxilary, artifacts, policy_info (component-spec schema v3)',
    ]);
    expect(r.warnings).toEqual([
      'components/c.json:1:1: parameters: missing; this key is required: the parameters of the component, its application configuration: a list, which may be empty (component-spec schema v3; the plugin ignored this, and so does the compiler)',
      'components/c.json:1:1: services: missing; this key is required: the services the component calls and provides: two lists, which may be empty (component-spec schema v3; the plugin ignored this, and so does the compiler)',
      'components/c.json:1:1: streams: missing; this key is required: the streams the component publishes to and subscribes to: two lists, which may be empty (component-spec schema v3; the plugin ignored this, and so does the compiler)',
    ]);
  });

  test('WHEN the JSON does not parse THEN the error points into the JSON', () => {
    const r = compileFiles({ 'components/c.json': '{"self": \n', 'components/c.yaml': y('dcae_spec: c.json') });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^components\/c\.json:\d+:\d+: /);
  });

  test('WHEN the JSON is a cdap component THEN it is refused, alone or through a YAML override', () => {
    const cdap = {
      self: { version: '1.0.0', name: 'cdap.app', description: 'd', component_type: 'cdap' },
      streams: { publishes: [], subscribes: [] },
      services: { calls: [], provides: [] },
      parameters: { app_config: [] },
      auxilary: { streamname: 's', artifact_name: 'a', artifact_version: '1.0.0', programs: [{ program_type: 'flows', program_id: 'f' }] },
      artifacts: [{ type: 'jar', uri: 'http://nexus/app.jar' }],
    };
    const message =
      'components/c.json:6:23: self.component_type: "cdap" components were not deployed by the Kubernetes plugin; expected "docker"';
    expect(compileFiles({ 'components/c.json': cdap }).errors).toEqual([message]);
    expect(compileFiles({ 'components/c.json': cdap, 'components/c.yaml': y('dcae_spec: c.json', 'image: repo/x:1') }).errors).toEqual([
      message,
    ]);
  });

  test("WHEN the JSON has no docker image artifact and the override sets image THEN the override's image wins", () => {
    // Regression (a bug found while writing these tests, since fixed): import.ts refuses a mapping without an image before applying the override, so `image:` in the YAML
    // cannot fix it ("any key it sets wins"), and the error names no fix:
    //   components/c.json:26:16: artifacts: has no artifact of type "docker image"; expected one, whose uri is the image
    const json = dcae({}, {}, { artifacts: [{ type: 'jar', uri: 'http://nexus/app.jar' }] });
    const r = compileFiles({ 'components/c.json': json, 'components/c.yaml': y('dcae_spec: c.json', 'image: repo/x:1') });
    expect(r.errors).toEqual([]);
    expect(mainOf(r.objects).image).toBe('repo/x:1');
  });

  test('WHEN the JSON has no docker image artifact and no override THEN it is refused, at artifacts', () => {
    const json = dcae({}, {}, { artifacts: [{ type: 'jar', uri: 'http://nexus/app.jar' }] });
    expect(compileFiles({ 'components/c.json': json }).errors).toEqual([
      'components/c.json:26:16: artifacts: has no artifact of type "docker image"; expected one, whose uri is the image. To fix it, write a YAML spec beside it with dcae_spec: c.json that sets image',
    ]);
  });
});
