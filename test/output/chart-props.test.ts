/**
 * src/output/chart-props.ts: the one place the compiler's validated input becomes ComponentChartProps, a plain
 * mapping (the input side has resolved every default into the spec). Every platform value is passed on, so no
 * construct default applies behind the platform file's back.
 */
import { ComponentChartProps } from '../../src/constructs/component-chart';
import { PLATFORM_DEFAULTS } from '../../src/contract/defaults';
import { chartProps } from '../../src/output/chart-props';
import { DEFAULT_PLATFORM, PlatformSettings } from '../../src/input/platform/settings';
import { loadComponent } from '../helpers';

const EVERYTHING = `
name: ves
image: repo/ves:1
ports: ["8443:30417"]
log_info: {log_directory: /logs}
tls_info: {use_tls: true}
external_cert:
  use_external_tls: true
  external_cert_directory: /ext/
  ca_name: RA
  cert_type: jks
  external_certificate_parameters: {common_name: ves, sans: "a,b"}
msb_list: [{serviceName: ves, port: "8443", enable_ssl: true}]
`;

/** Every string leaf of a value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(strings);
}

/** DEFAULT_PLATFORM with every string the constructs use changed (`<value>~`), and one pull Secret. */
function changedPlatform(): PlatformSettings {
  const change = <T extends object>(group: T): T => Object.fromEntries(Object.entries(group).map(([k, v]) => [k, `${v}~`])) as unknown as T;
  return {
    ...DEFAULT_PLATFORM,
    namespace: 'other-ns',
    image_pull_secrets: ['pull-secret'],
    filebeat: change(DEFAULT_PLATFORM.filebeat),
    tls: change(DEFAULT_PLATFORM.tls),
    external_cert: change(DEFAULT_PLATFORM.external_cert),
    cert_post_processor: change(DEFAULT_PLATFORM.cert_post_processor),
    pod_security: { ...DEFAULT_PLATFORM.pod_security, profile: 'restricted' },
    // Valid values of their own: the schema checks the URL and the Secret's name.
    policy_sync: { enabled: true, image: 'repo/policy-sync:9', pdp_url: 'https://pdp.example:1', pdp_secret: 'pdp-creds-x', interval: 42 },
    kafka: {
      enabled: true,
      cluster: 'other-cluster',
      bootstrap_servers: 'other:9093',
      retention_ms: 1000,
      segment_bytes: 2000,
      api_version: 'kafka.strimzi.io/v1',
    },
  };
}

describe('chartProps', () => {
  test('GIVEN a platform where every value the constructs use is changed WHEN a spec with every piece is mapped THEN each changed value is in the props and no built-in default is', () => {
    const platform = changedPlatform();
    const withStreams = `${EVERYTHING}policy_ids: [onap.ves.policy]\nstreams: {publishes: [{config_key: out, type: kafka, topic: OUT}]}\n`;
    const props = chartProps(loadComponent(withStreams, platform), platform);
    expect(props.kafka).toMatchObject({ retentionMs: 1000, segmentBytes: 2000, apiVersion: 'kafka.strimzi.io/v1' });
    const values = strings(props);
    const changed = strings({
      ...platform,
      node_port_range: undefined,
      consul_dns_name: undefined,
      cbs: undefined,
      application_config: undefined,
      cmpv2_issuer: undefined,
    });
    expect(changed).toHaveLength(34);
    expect(props.policySync).toEqual({
      policyIds: ['onap.ves.policy'],
      image: 'repo/policy-sync:9',
      pdpUrl: 'https://pdp.example:1',
      pdpSecret: 'pdp-creds-x',
      interval: 42,
    });
    expect(changed.filter((v) => !values.includes(v))).toEqual([]);
    expect(values.filter((v) => strings(PLATFORM_DEFAULTS).includes(v))).toEqual([]);
  });

  test("GIVEN a spec with every piece WHEN mapped THEN the spec's own values reach the matching construct props", () => {
    const props: ComponentChartProps = chartProps(loadComponent(EVERYTHING), DEFAULT_PLATFORM);
    expect(props.main).toMatchObject({
      name: 'ves',
      image: 'repo/ves:1',
      ports: [{ containerPort: 8443, protocol: 'TCP', hostPort: 30417, ipv6: false }],
    });
    expect(props.filebeat).toMatchObject({ logDirectory: '/logs', alternateFbPath: undefined });
    expect(props.tlsInit).toMatchObject({ useTls: true, certDirectory: '/opt/dcae/cacert' });
    expect(props.certServiceClient).toMatchObject({
      externalCertDirectory: '/ext/',
      caName: 'RA',
      certType: 'jks',
      commonName: 'ves',
      sans: 'a,b',
    });
    expect(props.certPostProcessor).toEqual({ image: PLATFORM_DEFAULTS.certPostProcessor.image });
    expect(props.msbList).toEqual([
      { serviceName: 'ves', port: '8443', version: 'v1', url: '/', protocol: 'REST', enableSsl: true, visualRange: '1' },
    ]);
  });

  test('GIVEN a minimal spec WHEN mapped THEN there is no sidecar and no external certificates, and TLS uses the platform cert directory', () => {
    const platform = changedPlatform();
    const props = chartProps(loadComponent('name: c\nimage: repo/c:1\n', platform), platform);
    expect(props.filebeat).toBeUndefined();
    expect(props.certServiceClient).toBeUndefined();
    expect(props.certPostProcessor).toBeUndefined();
    expect(props.tlsInit?.certDirectory).toBe('/opt/dcae/cacert~');
    expect(props.namespace).toBe('other-ns');
    expect(props.msbList).toEqual([]);
  });

  test("GIVEN a platform file WHEN specs are loaded THEN each spec holds its resolved namespace, TLS directory and Pod Security, its own keys over the platform's", () => {
    const platform = {
      ...DEFAULT_PLATFORM,
      namespace: 'plat-ns',
      pod_security: { ...DEFAULT_PLATFORM.pod_security, profile: 'restricted' as const, run_as_user: 2000 },
    };
    const plain = loadComponent('name: c\nimage: repo/c:1\n', platform);
    expect(plain.namespace).toBe('plat-ns');
    expect(plain.tlsInfo.certDirectory).toBe(DEFAULT_PLATFORM.tls.component_cert_dir);
    expect(plain.podSecurity).toEqual({ ...platform.pod_security });
    const own = loadComponent(
      'name: c\nimage: repo/c:1\nnamespace: own\ntls_info: {cert_directory: /certs}\npod_security: {run_as_user: 3000}\n',
      platform,
    );
    expect(own.namespace).toBe('own');
    expect(own.tlsInfo.certDirectory).toBe('/certs');
    expect(own.podSecurity).toEqual({ ...platform.pod_security, run_as_user: 3000 });
  });
});
