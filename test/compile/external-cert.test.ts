/**
 * external_cert: the cert-service-client and cert-post-processor init containers and the tls-volume
 * (docs/reference.md).
 */
import { compile, errorsOf, ext, containerOf, POD_IP, podOf, spec } from '../helpers';

const CERTS = '/etc/onap/oom/certservice/certs/';
const CLIENT_IMAGE = 'nexus3.onap.org:10001/onap/org.onap.oom.platform.cert-service.oom-certservice-client:2.1.0';
const POST_IMAGE = 'nexus3.onap.org:10001/onap/org.onap.oom.platform.cert-service.oom-certservice-post-processor:2.1.0';

/** What external_cert controls: the two init containers and the tls-volume. */
function externalView(objects: any[]) {
  const pod = podOf(objects);
  return {
    initContainers: pod.initContainers.filter((c: any) => c.name !== 'init-tls'),
    tlsVolume: pod.volumes.find((v: any) => v.name === 'tls-volume'),
  };
}

const env = (objects: any[], container: string, name: string) => containerOf(objects, container).env.find((e: any) => e.name === name);

describe('external-cert: cert-service-client', () => {
  test('GIVEN use_external_tls with the required keys WHEN compiled THEN cert-service-client has the env in contract order, POD_IP, then the two secretKeyRef passwords', () => {
    const { objects } = compile(spec({ external_cert: ext({}, { sans: 'ves,ves.example.org' }) }));
    expect(externalView(objects)).toMatchSnapshot();
    expect(podOf(objects).initContainers.map((c: any) => c.name)).toEqual(['init-tls', 'cert-service-client', 'cert-post-processor']);
    const client = containerOf(objects, 'cert-service-client');
    expect(client.image).toBe(CLIENT_IMAGE);
    expect(client.imagePullPolicy).toBe('IfNotPresent');
    expect(client.env).toEqual([
      { name: 'REQUEST_URL', value: 'https://oom-cert-service:8443/v1/certificate/' },
      { name: 'REQUEST_TIMEOUT', value: '30000' },
      { name: 'OUTPUT_PATH', value: '/opt/app/dcae-certificate/external' },
      { name: 'OUTPUT_TYPE', value: 'P12' },
      { name: 'CA_NAME', value: 'RA' },
      { name: 'COMMON_NAME', value: 'dcae-ves-collector' },
      { name: 'ORGANIZATION', value: 'Linux-Foundation' },
      { name: 'ORGANIZATION_UNIT', value: 'ONAP' },
      { name: 'LOCATION', value: 'San-Francisco' },
      { name: 'STATE', value: 'California' },
      { name: 'COUNTRY', value: 'US' },
      { name: 'SANS', value: 'ves,ves.example.org' },
      { name: 'KEYSTORE_PATH', value: `${CERTS}keystore.jks` },
      { name: 'TRUSTSTORE_PATH', value: `${CERTS}truststore.jks` },
      POD_IP,
      { name: 'KEYSTORE_PASSWORD', valueFrom: { secretKeyRef: { name: 'oom-cert-service-keystore-password', key: 'password' } } },
      { name: 'TRUSTSTORE_PASSWORD', valueFrom: { secretKeyRef: { name: 'oom-cert-service-truststore-password', key: 'password' } } },
    ]);
    expect(client.volumeMounts).toEqual([
      { name: 'tls-info', mountPath: '/opt/app/dcae-certificate/' },
      { name: 'tls-volume', mountPath: CERTS },
    ]);
  });

  test.each([
    ['/opt/app/dcae-certificate/', '/opt/app/dcae-certificate/external'],
    ['/opt/app/dcae-certificate', '/opt/app/dcae-certificate/external'],
    ['/', '/external'],
  ])(
    'GIVEN external_cert_directory %p WHEN compiled THEN OUTPUT_PATH is %p and tls-info is mounted at the directory as given',
    (dir, output) => {
      const { objects } = compile(spec({ external_cert: ext({ external_cert_directory: dir }) }));
      const client = containerOf(objects, 'cert-service-client');
      expect(env(objects, 'cert-service-client', 'OUTPUT_PATH')).toEqual({ name: 'OUTPUT_PATH', value: output });
      expect(client.volumeMounts).toEqual([
        { name: 'tls-info', mountPath: dir },
        { name: 'tls-volume', mountPath: CERTS },
      ]);
    },
  );

  test.each([
    ['P12', 'P12'],
    ['JKS', 'JKS'],
    ['PEM', 'PEM'],
    ['jks', 'jks'],
    ['Pem', 'Pem'],
    ['p12', 'p12'],
  ])('GIVEN cert_type %p WHEN compiled THEN OUTPUT_TYPE is %p, as given', (certType, output) => {
    const { objects } = compile(spec({ external_cert: ext({ cert_type: certType }) }));
    expect(env(objects, 'cert-service-client', 'OUTPUT_TYPE')).toEqual({ name: 'OUTPUT_TYPE', value: output });
  });

  test('GIVEN no cert_type and no sans WHEN compiled THEN OUTPUT_TYPE is P12 and SANS is the empty string (still written)', () => {
    const { objects } = compile(spec({ external_cert: ext() }));
    const picked = ['OUTPUT_TYPE', 'SANS'].map((n) => env(objects, 'cert-service-client', n));
    expect(picked).toEqual([
      { name: 'OUTPUT_TYPE', value: 'P12' },
      { name: 'SANS', value: '' },
    ]);
  });

  test('GIVEN an invalid cert_type WHEN compiled THEN it is an error', () => {
    const errors = errorsOf(spec({ external_cert: ext({ cert_type: 'PKCS12' }) }));
    expect(errors).toEqual(['components/c.yaml:9:14: external_cert.cert_type: "PKCS12" is not P12, JKS or PEM (any case)']);
  });

  test('GIVEN platform external_cert settings WHEN compiled THEN the image, request, subject, paths, Secret names and keys come from them', () => {
    const { objects } = compile(spec({ external_cert: ext() }), {
      external_cert: {
        image_tag: 'registry/certservice-client:3',
        request_url: 'https://certs.example:8443/v1/certificate/',
        timeout: '5000',
        country: 'PL',
        organization: 'Org',
        state: 'Mazowieckie',
        organizational_unit: 'Unit',
        location: 'Warsaw',
        cert_secret_name: 'client-tls',
        keystore_secret_key: 'ks.p12',
        truststore_secret_key: 'ts.p12',
        keystore_password_secret_name: 'ks-pass',
        keystore_password_secret_key: 'ks-key',
        truststore_password_secret_name: 'ts-pass',
        truststore_password_secret_key: 'ts-key',
      },
      cert_post_processor: { image_tag: 'registry/post-processor:3' },
    });
    expect(externalView(objects)).toMatchSnapshot();
    const client = containerOf(objects, 'cert-service-client');
    expect(client.image).toBe('registry/certservice-client:3');
    expect(containerOf(objects, 'cert-post-processor').image).toBe('registry/post-processor:3');
    expect(client.env).toEqual([
      { name: 'REQUEST_URL', value: 'https://certs.example:8443/v1/certificate/' },
      { name: 'REQUEST_TIMEOUT', value: '5000' },
      { name: 'OUTPUT_PATH', value: '/opt/app/dcae-certificate/external' },
      { name: 'OUTPUT_TYPE', value: 'P12' },
      { name: 'CA_NAME', value: 'RA' },
      { name: 'COMMON_NAME', value: 'dcae-ves-collector' },
      { name: 'ORGANIZATION', value: 'Org' },
      { name: 'ORGANIZATION_UNIT', value: 'Unit' },
      { name: 'LOCATION', value: 'Warsaw' },
      { name: 'STATE', value: 'Mazowieckie' },
      { name: 'COUNTRY', value: 'PL' },
      { name: 'SANS', value: '' },
      { name: 'KEYSTORE_PATH', value: `${CERTS}ks.p12` },
      { name: 'TRUSTSTORE_PATH', value: `${CERTS}ts.p12` },
      POD_IP,
      { name: 'KEYSTORE_PASSWORD', valueFrom: { secretKeyRef: { name: 'ks-pass', key: 'ks-key' } } },
      { name: 'TRUSTSTORE_PASSWORD', valueFrom: { secretKeyRef: { name: 'ts-pass', key: 'ts-key' } } },
    ]);
    expect(podOf(objects).volumes.find((v: any) => v.name === 'tls-volume')).toEqual({
      name: 'tls-volume',
      projected: {
        sources: [
          {
            secret: {
              name: 'client-tls',
              items: [
                { key: 'ks.p12', path: 'ks.p12' },
                { key: 'ts.p12', path: 'ts.p12' },
              ],
            },
          },
        ],
      },
    });
  });

  test('GIVEN external certificates WHEN compiled THEN no password is ever a plain value: both come after POD_IP from secretKeyRef only', () => {
    const { objects } = compile(spec({ external_cert: ext() }));
    const names = containerOf(objects, 'cert-service-client').env.map((e: any) => e.name);
    expect(names.slice(-3)).toEqual(['POD_IP', 'KEYSTORE_PASSWORD', 'TRUSTSTORE_PASSWORD']);
    for (const name of ['KEYSTORE_PASSWORD', 'TRUSTSTORE_PASSWORD']) {
      const v = env(objects, 'cert-service-client', name);
      expect(v).not.toHaveProperty('value');
      expect(Object.keys(v.valueFrom)).toEqual(['secretKeyRef']);
    }
  });
});

describe('external-cert: tls-volume', () => {
  test('GIVEN external certificates WHEN compiled THEN tls-volume is a projected Secret with the keystore and truststore keys, and it is the last volume', () => {
    const { objects } = compile(
      spec({
        external_cert: ext(),
        log_info: { log_directory: '/logs' },
        volumes: [{ host: { path: '/h' }, container: { bind: '/h' } }],
      }),
    );
    expect(
      podOf(objects)
        .volumes.slice(1)
        .map((v: any) => v.name),
    ).toEqual(['component-log', 'filebeat-data', 'filebeat-conf', 'tls-info', 'tls-volume']);
    expect(podOf(objects).volumes[5]).toEqual({
      name: 'tls-volume',
      projected: {
        sources: [
          {
            secret: {
              name: 'oom-cert-service-client-tls-secret',
              items: [
                { key: 'keystore.jks', path: 'keystore.jks' },
                { key: 'truststore.jks', path: 'truststore.jks' },
              ],
            },
          },
        ],
      },
    });
  });

  test.each<[string, object]>([
    ['use_external_tls false', { external_cert: { use_external_tls: false, ca_name: 'RA' } }],
    ['no external_cert', {}],
  ])('GIVEN %s WHEN compiled THEN there is no cert-service-client, no cert-post-processor and no tls-volume', (_what, extra) => {
    const { objects } = compile(spec(extra));
    expect(podOf(objects).initContainers.map((c: any) => c.name)).toEqual(['init-tls']);
    expect(podOf(objects).volumes.map((v: any) => v.name)).toEqual(['tls-info']);
  });

  test('GIVEN use_external_tls true without the required keys WHEN compiled THEN each missing key is an error', () => {
    const errors = errorsOf(spec({ external_cert: { use_external_tls: true } }));
    expect(errors).toEqual([
      'components/c.yaml:4:3: external_cert.ca_name: missing; use_external_tls is true, so the CA name (for example RA) is required',
      'components/c.yaml:4:3: external_cert.external_cert_directory: missing; use_external_tls is true, so the directory the certificates go to is required',
      "components/c.yaml:4:3: external_cert.external_certificate_parameters.common_name: missing; use_external_tls is true, so the certificate's common name is required",
    ]);
  });
});

describe('external-cert: cert-post-processor', () => {
  const table: Record<string, (tls: string, ext: string) => Array<{ name: string; value: string }>> = {
    p12: (tls, e) => [
      { name: 'TRUSTSTORES_PATHS', value: `${tls}trust.jks:${e}truststore.p12` },
      { name: 'TRUSTSTORES_PASSWORDS_PATHS', value: `${tls}trust.pass:${e}truststore.pass` },
      { name: 'KEYSTORE_SOURCE_PATHS', value: `${e}keystore.p12:${e}keystore.pass` },
      { name: 'KEYSTORE_DESTINATION_PATHS', value: `${tls}cert.p12:${tls}p12.pass` },
    ],
    jks: (tls, e) => [
      { name: 'TRUSTSTORES_PATHS', value: `${tls}trust.jks:${e}truststore.jks` },
      { name: 'TRUSTSTORES_PASSWORDS_PATHS', value: `${tls}trust.pass:${e}truststore.pass` },
      { name: 'KEYSTORE_SOURCE_PATHS', value: `${e}keystore.jks:${e}keystore.pass` },
      { name: 'KEYSTORE_DESTINATION_PATHS', value: `${tls}cert.jks:${tls}jks.pass` },
    ],
    pem: (tls, e) => [
      { name: 'TRUSTSTORES_PATHS', value: `${tls}trust.jks:${e}truststore.pem` },
      { name: 'TRUSTSTORES_PASSWORDS_PATHS', value: `${tls}trust.pass:` },
      { name: 'KEYSTORE_SOURCE_PATHS', value: `${e}keystore.pem:${e}key.pem` },
      { name: 'KEYSTORE_DESTINATION_PATHS', value: `${tls}cert.pem:${tls}key.pem` },
    ],
  };

  test.each<[string | undefined, string]>([
    ['P12', 'p12'],
    ['p12', 'p12'],
    [undefined, 'p12'],
    ['JKS', 'jks'],
    ['Jks', 'jks'],
    ['PEM', 'pem'],
    ['pEm', 'pem'],
  ])(
    'GIVEN cert_type %p and tls_info.cert_directory /opt/tls (no slash) WHEN compiled THEN cert-post-processor has the %s env from the TLS cert dir, not external_cert_directory',
    (certType, row) => {
      const extra = certType === undefined ? {} : { cert_type: certType };
      const { objects } = compile(
        spec({ tls_info: { cert_directory: '/opt/tls' }, external_cert: ext({ ...extra, external_cert_directory: '/opt/elsewhere' }) }),
      );
      expect(containerOf(objects, 'cert-post-processor')).toEqual({
        name: 'cert-post-processor',
        image: POST_IMAGE,
        imagePullPolicy: 'IfNotPresent',
        env: [...table[row]('/opt/tls/', '/opt/tls/external/'), POD_IP],
        volumeMounts: [{ name: 'tls-info', mountPath: '/opt/tls/' }],
      });
    },
  );

  test('GIVEN no tls_info.cert_directory WHEN compiled THEN cert-post-processor uses the platform component_cert_dir plus /', () => {
    const { objects } = compile(spec({ external_cert: ext() }));
    const post = containerOf(objects, 'cert-post-processor');
    expect(post).toMatchSnapshot();
    expect(post.env).toEqual([...table.p12('/opt/dcae/cacert/', '/opt/dcae/cacert/external/'), POD_IP]);
    expect(post.volumeMounts).toEqual([{ name: 'tls-info', mountPath: '/opt/dcae/cacert/' }]);
  });

  test('GIVEN a platform component_cert_dir ending in / and cert_type jks WHEN compiled THEN no second / is added', () => {
    const { objects } = compile(spec({ external_cert: ext({ cert_type: 'jks' }) }), { tls: { component_cert_dir: '/certs/' } });
    const post = containerOf(objects, 'cert-post-processor');
    expect(post.env).toEqual([...table.jks('/certs/', '/certs/external/'), POD_IP]);
    expect(post.volumeMounts).toEqual([{ name: 'tls-info', mountPath: '/certs/' }]);
  });
});
