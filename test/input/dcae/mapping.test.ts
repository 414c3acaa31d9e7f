/**
 * One test per rule of the DCAE mapping (what the blueprint generator and the plugin did together), on small
 * hand-written DCAE component specs that pass the component-spec schemas (see dcae() in test/helpers.ts).
 * Tests marked `// Regression` guard bugs found while writing them, since fixed.
 */
import { mapDcaeSpec } from '../../../src/input/dcae/mapping';
import { DEFAULT_PLATFORM } from '../../../src/input/platform/settings';
import { compileDcae, compileFiles, dcae, envOf, initEnv, initNames, json, mainOf, podOf, y } from '../../helpers';

const CBS = 'https://config-binding-service:10443/service_component_all';

describe('GIVEN a DCAE spec whose self.name has dots', () => {
  const { objects, files } = compileDcae(dcae({}, { name: 'org.onap.dcae.my.comp' }));

  test('WHEN compiled THEN every dot becomes "-" in the component name, the manifest and every object name', () => {
    expect(Object.keys(files)).toEqual(['org-onap-dcae-my-comp.k8s.yaml']);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Deployment/dep-org-onap-dcae-my-comp',
      'Service/org-onap-dcae-my-comp',
    ]);
    expect(podOf(objects).hostname).toBe('org-onap-dcae-my-comp');
    expect(mainOf(objects).name).toBe('org-onap-dcae-my-comp');
  });

  test('WHEN compiled THEN CBS_CONFIG_URL ends with the dashed name', () => {
    expect(envOf(objects)).toContainEqual(['CBS_CONFIG_URL', `${CBS}/org-onap-dcae-my-comp`]);
  });
});

describe('GIVEN a DCAE spec with several artifacts, a jar first and two docker images after it', () => {
  test('WHEN compiled THEN the image is the uri of the first artifact of type "docker image"', () => {
    const spec = dcae(
      {},
      {},
      {
        artifacts: [
          { type: 'jar', uri: 'http://nexus/app.jar' },
          { type: 'docker image', uri: 'repo/first:1.0' },
          { type: 'docker image', uri: 'repo/second:2.0' },
        ],
      },
    );
    expect(mainOf(compileDcae(spec).objects).image).toBe('repo/first:1.0');
  });
});

describe('GIVEN a minimal DCAE spec', () => {
  const { objects } = compileDcae(dcae());

  test('WHEN compiled THEN replicas is 1 and the main container always pulls', () => {
    expect(objects[0].spec.replicas).toBe(1);
    expect(mainOf(objects).imagePullPolicy).toBe('Always');
  });

  test('WHEN compiled THEN limits and requests are both cpu 250m, memory 128Mi', () => {
    expect(mainOf(objects).resources).toEqual({ limits: { cpu: '250m', memory: '128Mi' }, requests: { cpu: '250m', memory: '128Mi' } });
  });

  test('WHEN compiled THEN the only labels are app and k8sdeployment (no Cloudify labels), on every object', () => {
    const labels = { app: 'my-comp', k8sdeployment: 'dep-my-comp' };
    for (const o of objects) expect(o.metadata.labels).toEqual(labels);
    expect(objects[0].spec.selector.matchLabels).toEqual(labels);
    expect(objects[0].spec.template.metadata.labels).toEqual(labels);
    expect(JSON.stringify(objects)).not.toMatch(/cfy|cloudify/i);
  });

  test('WHEN compiled THEN env is CONSUL_HOST, CONFIG_BINDING_SERVICE, DCAE_CA_CERTPATH (platform cert dir), CBS_CONFIG_URL, then POD_IP', () => {
    expect(envOf(objects)).toEqual([
      ['CONSUL_HOST', 'consul'],
      ['CONFIG_BINDING_SERVICE', 'config-binding-service'],
      ['DCAE_CA_CERTPATH', '/opt/dcae/cacert/cacert.pem'],
      ['CBS_CONFIG_URL', `${CBS}/my-comp`],
      ['POD_IP', 'fieldRef'],
    ]);
  });

  test('WHEN compiled THEN there is no filebeat sidecar and no external certificate', () => {
    expect(podOf(objects).containers.map((c: any) => c.name)).toEqual(['my-comp']);
    expect(initNames(objects)).toEqual(['init-tls']);
  });
});

describe('GIVEN the platform settings consul_dns_name, cbs.base_url and tls.component_cert_dir', () => {
  const platform = y(
    'consul_dns_name: consul-server.onap',
    'cbs:',
    '  base_url: http://cbs.onap:10000/service_component',
    'tls:',
    '  component_cert_dir: /certs/',
  );

  test('WHEN a DCAE spec without tls_info is compiled THEN CONSUL_HOST, CBS_CONFIG_URL and DCAE_CA_CERTPATH follow them', () => {
    expect(envOf(compileDcae(dcae(), platform).objects).slice(0, 4)).toEqual([
      ['CONSUL_HOST', 'consul-server.onap'],
      ['CONFIG_BINDING_SERVICE', 'config-binding-service'],
      ['DCAE_CA_CERTPATH', '/certs//cacert.pem'],
      ['CBS_CONFIG_URL', 'http://cbs.onap:10000/service_component/my-comp'],
    ]);
  });

  test("WHEN a DCAE spec with tls_info.cert_directory is compiled THEN DCAE_CA_CERTPATH uses the spec's directory, not the platform's", () => {
    const spec = dcae({ tls_info: { cert_directory: '/opt/app/certs', use_tls: true } });
    expect(envOf(compileDcae(spec, platform).objects)).toContainEqual(['DCAE_CA_CERTPATH', '/opt/app/certs/cacert.pem']);
  });
});

describe('GIVEN tls_info.cert_directory with and without a trailing slash', () => {
  test.each([
    ['/opt/app/dcae-certificate/', '/opt/app/dcae-certificate//cacert.pem'],
    ['/opt/app/dcae-certificate', '/opt/app/dcae-certificate/cacert.pem'],
  ])('WHEN %s is compiled THEN DCAE_CA_CERTPATH is the plain join %s', (dir, expected) => {
    const { objects } = compileDcae(dcae({ tls_info: { cert_directory: dir, use_tls: true } }));
    expect(envOf(objects)[2]).toEqual(['DCAE_CA_CERTPATH', expected]);
  });
});

describe('GIVEN auxilary.tls_info', () => {
  test.each([
    [true, 'true'],
    [false, 'false'],
  ])('WHEN use_tls is %s THEN init-tls gets TLS_SERVER "%s" and tls-info is mounted at cert_directory', (useTls, server) => {
    const { objects } = compileDcae(dcae({ tls_info: { cert_directory: '/opt/app/certs/', use_tls: useTls } }));
    expect(initEnv(objects, 'init-tls')).toEqual({ TLS_SERVER: server });
    expect(mainOf(objects).volumeMounts).toEqual([{ name: 'tls-info', mountPath: '/opt/app/certs/' }]);
  });
});

describe('GIVEN auxilary.tls_info.use_external_tls', () => {
  const withTls = (extra: object) => dcae({ tls_info: { cert_directory: '/opt/app/certs/', use_tls: true, ...extra } });

  test('WHEN it is true THEN the cert-service-client asks CA RA for a P12 certificate for sample.onap.org, written under the TLS cert_directory', () => {
    const { objects } = compileDcae(withTls({ use_external_tls: true }));
    expect(initNames(objects)).toEqual(['init-tls', 'cert-service-client', 'cert-post-processor']);
    const env = initEnv(objects, 'cert-service-client');
    expect([env.OUTPUT_PATH, env.OUTPUT_TYPE, env.CA_NAME, env.COMMON_NAME, env.SANS]).toEqual([
      '/opt/app/certs/external',
      'P12',
      'RA',
      'sample.onap.org',
      'sample.onap.org,component.sample.onap.org',
    ]);
    const client = podOf(objects).initContainers[1];
    expect(client.volumeMounts[0]).toEqual({ name: 'tls-info', mountPath: '/opt/app/certs/' });
  });

  test('WHEN it is false THEN no certificate is requested (no cert-service-client, no cert-post-processor, no tls-volume)', () => {
    const { objects } = compileDcae(withTls({ use_external_tls: false }));
    expect(initNames(objects)).toEqual(['init-tls']);
    expect(podOf(objects).volumes.map((v: any) => v.name)).toEqual(['tls-info']);
  });

  test.each([
    ['true', 'has', true, true],
    ['false', 'has', false, true],
    ['absent', 'has no', undefined, false],
  ])('WHEN it is %s THEN the mapped spec %s external_cert', (_title, _has, value, present) => {
    const spec = withTls(value === undefined ? {} : { use_external_tls: value });
    const mapped = mapDcaeSpec(spec, DEFAULT_PLATFORM).value;
    if (present) {
      expect(mapped.external_cert).toEqual({
        use_external_tls: value,
        external_cert_directory: '/opt/app/certs/',
        ca_name: 'RA',
        // cert_type is left out: the component default (P12, as the blueprint generator wrote) applies.
        external_certificate_parameters: { common_name: 'sample.onap.org', sans: 'sample.onap.org,component.sample.onap.org' },
      });
    } else {
      expect(mapped).not.toHaveProperty('external_cert');
    }
    expect(mapped.tls_info).toEqual({ cert_directory: '/opt/app/certs/', use_tls: true });
  });

  test('WHEN it is false and an override turns it on THEN the mapped RA / P12 / sample.onap.org values are used', () => {
    const r = compileFiles({
      'components/c.json': withTls({ use_external_tls: false }),
      'components/c.yaml': y('dcae_spec: c.json', 'external_cert:', '  use_external_tls: true'),
    });
    expect(r.errors).toEqual([]);
    const env = initEnv(r.objects, 'cert-service-client');
    expect([env.OUTPUT_PATH, env.CA_NAME, env.COMMON_NAME]).toEqual(['/opt/app/certs/external', 'RA', 'sample.onap.org']);
  });
});

describe('GIVEN auxilary.healthcheck', () => {
  const ports = ['8080:0', '8443:0'];

  test('WHEN it is http with a port that is no container port, and initialDelaySeconds THEN the readiness probe uses the first container port (see probe-port.test.ts) and initialDelaySeconds 5 (ignored)', () => {
    const spec = dcae({
      ports,
      healthcheck: { type: 'http', endpoint: '/ready', port: 9999, initialDelaySeconds: 60, interval: '20s', timeout: '3s' },
    });
    expect(mainOf(compileDcae(spec).objects).readinessProbe).toEqual({
      httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' },
      failureThreshold: 1,
      initialDelaySeconds: 5,
      periodSeconds: 20,
      timeoutSeconds: 3,
    });
  });

  test.each([
    ['HTTP', 'HTTP'],
    ['HTTPS', 'HTTPS'],
    ['https', 'HTTPS'],
  ])('WHEN its type is %s THEN the probe is written, with scheme %s', (type, scheme) => {
    const probe = mainOf(compileDcae(dcae({ ports, healthcheck: { type, endpoint: '/h' } })).objects).readinessProbe;
    expect(probe.httpGet).toEqual({ path: '/h', port: 8080, scheme });
  });

  test.each(['script', 'docker'])(
    'WHEN its type is %s THEN the probe runs the script split on whitespace, with the default interval and timeout',
    (type) => {
      const probe = mainOf(compileDcae(dcae({ healthcheck: { type, script: '/opt/bin/check.sh  --ready now' } })).objects).readinessProbe;
      expect(probe).toEqual({
        exec: { command: ['/opt/bin/check.sh', '--ready', 'now'] },
        failureThreshold: 1,
        initialDelaySeconds: 5,
        periodSeconds: 15,
        timeoutSeconds: 1,
      });
    },
  );

  test('WHEN there is no livehealthcheck THEN there is no liveness probe', () => {
    expect(mainOf(compileDcae(dcae()).objects)).not.toHaveProperty('livenessProbe');
  });
});

describe('GIVEN auxilary.livehealthcheck beside auxilary.healthcheck', () => {
  test('WHEN compiled THEN livehealthcheck becomes the liveness probe (its port, no container port, gives the first; initialDelaySeconds ignored) and healthcheck the readiness probe', () => {
    // Regression (a bug found while writing these tests, since fixed): no generation of the component-spec format (src/input/dcae/format.ts) lists `livehealthcheck`, and auxilary_docker
    // has additionalProperties: false, so the spec is refused before the mapping runs:
    //   components/c.json:25:5: auxilary.livehealthcheck: unknown key (did you mean "healthcheck"?); expected one of: helm, healthcheck, ports, log_info, tls_info, databases, policy, volumes (component-spec schema v3)
    // The mapping (mapping.ts) does read it; the schema check must let it through (and check it like healthcheck).
    const spec = dcae({
      healthcheck: { type: 'http', endpoint: '/ready' },
      livehealthcheck: { type: 'http', endpoint: '/live', port: 9999, initialDelaySeconds: 60, interval: '30s', timeout: '5s' },
    });
    const r = compileFiles({ 'components/c.json': spec });
    expect(r.errors).toEqual([]);
    const main = mainOf(r.objects);
    expect(main.readinessProbe.httpGet).toEqual({ path: '/ready', port: 8080, scheme: 'HTTP' });
    expect(main.livenessProbe).toEqual({
      httpGet: { path: '/live', port: 8080, scheme: 'HTTP' },
      failureThreshold: 1,
      initialDelaySeconds: 5,
      periodSeconds: 30,
      timeoutSeconds: 5,
    });
  });

  test('WHEN only the mapping runs THEN livehealthcheck maps to liveness without port and initialDelaySeconds, and its port is read apart', () => {
    const spec = dcae({ livehealthcheck: { type: 'script', script: '/live.sh', port: 1, initialDelaySeconds: 9 } });
    const mapped = mapDcaeSpec(spec, DEFAULT_PLATFORM);
    expect(mapped.value.liveness).toEqual({ type: 'script', script: '/live.sh' });
    expect(mapped.probePorts).toEqual([{ probe: 'liveness', port: 1, path: ['auxilary', 'livehealthcheck', 'port'] }]);
  });
});

describe('GIVEN log settings', () => {
  test('WHEN a v1 spec sets auxilary.logging THEN the filebeat sidecar reads it like log_info, alternate_fb_path included', () => {
    const { objects } = compileDcae(dcae({ logging: { log_directory: '/opt/logs', alternate_fb_path: '/var/log/alt' } }));
    const [main, filebeat] = podOf(objects).containers;
    expect(main.volumeMounts).toContainEqual({ name: 'component-log', mountPath: '/opt/logs' });
    expect(filebeat.name).toBe('filebeat');
    expect(filebeat.volumeMounts[0]).toEqual({ name: 'component-log', mountPath: '/var/log/alt' });
  });

  test('WHEN a v2/v3 spec sets auxilary.log_info THEN the filebeat sidecar mounts the log at <log_path>/<name>', () => {
    const { objects } = compileDcae(dcae({ log_info: { log_directory: '/opt/logs' }, tls_info: { cert_directory: '/c', use_tls: false } }));
    const [main, filebeat] = podOf(objects).containers;
    expect(main.volumeMounts.map((m: any) => [m.name, m.mountPath])).toEqual([
      ['component-log', '/opt/logs'],
      ['tls-info', '/c'],
    ]);
    expect(filebeat.volumeMounts[0]).toEqual({ name: 'component-log', mountPath: '/var/log/onap/my-comp' });
  });

  test('WHEN a v3 spec (tls_info) sets the v1 key logging THEN it is refused by the schema', () => {
    const r = compileFiles({
      'components/c.json': dcae({ tls_info: { cert_directory: '/c', use_tls: true }, logging: { log_directory: '/x' } }),
    });
    expect(r.errors).toEqual([
      'components/c.json:29:5: auxilary.logging: unknown key; expected one of: helm, healthcheck, ports, log_info, tls_info, databases, policy, volumes (component-spec schema v3)',
    ]);
  });
});

describe('GIVEN auxilary.ports and auxilary.volumes', () => {
  test('WHEN compiled THEN ports become container ports and Services, and volumes host and configMap volumes, in order', () => {
    const spec = dcae({
      ports: ['8443:30443', '162/udp:0'],
      volumes: [
        { host: { path: '/etc/localtime' }, container: { bind: '/etc/localtime', mode: 'ro' } },
        { config_volume: { name: 'my-config' }, container: { bind: '/opt/app/etc' } },
      ],
    });
    const { objects } = compileDcae(spec);
    expect(mainOf(objects).ports).toEqual([
      { containerPort: 8443, protocol: 'TCP' },
      { containerPort: 162, protocol: 'UDP' },
    ]);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/dep-my-comp', 'Service/my-comp', 'Service/xmy-comp']);
    expect(objects[2].spec.ports).toEqual([{ name: 'xport-t-8443', nodePort: 30443, port: 8443, protocol: 'TCP' }]);
    const volumes = podOf(objects).volumes;
    expect(volumes[0].hostPath).toEqual({ path: '/etc/localtime' });
    expect(volumes[1].configMap).toEqual({ name: 'my-config', defaultMode: 420, optional: true });
    expect(mainOf(objects).volumeMounts.slice(0, 2)).toEqual([
      { name: volumes[0].name, mountPath: '/etc/localtime', readOnly: true },
      { name: volumes[1].name, mountPath: '/opt/app/etc' },
    ]);
  });
});

describe('GIVEN schema problems only in what the plugin ignored', () => {
  test('WHEN streams has duplicate entries THEN it compiles, with one warning', () => {
    const stream = { format: 'f', version: '1.0.0', type: 'http', config_key: 'k' };
    const r = compileFiles({ 'components/c.json': dcae({}, {}, { streams: { publishes: [stream, stream], subscribes: [] } }) });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      'components/c.json:9:18: streams.publishes: a list is not valid: expected to NOT have duplicate items (items ## 0 and 1 are identical) (component-spec schema v3; the plugin ignored this, and so does the compiler)',
    ]);
  });

  test('WHEN auxilary.reconfigs is set THEN it compiles, with one warning', () => {
    const r = compileFiles({ 'components/c.json': dcae({ reconfigs: { dti: '/reload.sh' } }) });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(
      /^components\/c\.json:\d+:5: auxilary\.reconfigs: unknown key; .*the plugin ignored this, and so does the compiler\)$/,
    );
  });

  test('WHEN a v3 spec (it has tls_info) has parameters without the v3 fields designer_editable, sourced_at_deployment, policy_editable THEN it compiles, with warnings only', () => {
    // Regression (a bug found while writing these tests, since fixed): checkDcaeSchema picks the schema version with the FEWEST errors, counting the ignored ones. Two such
    // parameters give v2/v3 many (ignored) errors, and v1 only one real error, so v1 wins and the spec is refused:
    //   components/c.json:36:5: auxilary.tls_info: unknown key; expected one of: healthcheck, ports, logging (component-spec schema v1)
    // The choice should prefer the version with the fewest errors about what the plugin read (v3: none).
    const params = [
      { name: 'p1', value: 'a', description: 'd' },
      { name: 'p2', value: 'b', description: 'd' },
    ];
    const r = compileFiles({
      'components/c.json': dcae({ tls_info: { cert_directory: '/c', use_tls: true } }, {}, { parameters: params }),
    });
    expect(r.errors).toEqual([]);
    // The six complaints (three keys missing from each parameter) are one warning, at parameters.
    expect(r.warnings).toEqual([
      'components/c.json:16:3: parameters: 6 schema complaints in a part the plugin ignored (application configuration), and so does the compiler (component-spec schema v3); first: line 17: parameters[0].designer_editable: missing; this key is required: whether a designer may change the parameter (true or false)',
    ]);
  });
});

describe('GIVEN the JSON text of a spec', () => {
  test('WHEN written with json() THEN it is valid for the schema (a guard on the helper itself)', () => {
    expect(compileFiles({ 'components/c.json': json(dcae()) }).errors).toEqual([]);
  });
});
