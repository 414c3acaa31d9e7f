/**
 * Each construct used alone from TypeScript, with only its required props (the platform defaults apply)
 * and with every prop set: it adds exactly its own pieces to a pod.
 */
import { Testing } from 'cdk8s';
import { CertPostProcessor } from '../../src/constructs/cert-post-processor';
import { CertServiceClient } from '../../src/constructs/cert-service-client';
import { ComponentPod } from '../../src/constructs/component-pod';
import { ComponentService } from '../../src/constructs/component-service';
import { FilebeatSidecar } from '../../src/constructs/filebeat-sidecar';
import { TlsInitContainer } from '../../src/constructs/tls-init-container';
import { chart, containerNamed, envLines, names, POD_IP, podSpecOf, soloPod } from '../helpers';

const FILEBEAT_IMAGE = 'docker.elastic.co/beats/filebeat:5.5.0';
const TLS_IMAGE = 'nexus3.onap.org:10001/onap/org.onap.dcaegen2.deployments.tls-init-container:2.1.0';
const CLIENT_IMAGE = 'nexus3.onap.org:10001/onap/org.onap.oom.platform.cert-service.oom-certservice-client:2.1.0';
const POST_IMAGE = 'nexus3.onap.org:10001/onap/org.onap.oom.platform.cert-service.oom-certservice-post-processor:2.1.0';

describe('ComponentPod alone', () => {
  test('GIVEN a bare ComponentPod WHEN synthesised THEN it is one Deployment with only the main container and POD_IP', () => {
    const c = chart();
    soloPod(c);
    const [dep, ...rest] = Testing.synth(c);
    expect(rest).toEqual([]);
    expect(dep.kind).toBe('Deployment');
    expect(dep.metadata).toEqual({ name: 'dep-solo', namespace: 'test', labels: { app: 'solo', k8sdeployment: 'dep-solo' } });
    expect(dep.spec.replicas).toBe(1);
    expect(dep.spec.selector).toEqual({ matchLabels: { app: 'solo', k8sdeployment: 'dep-solo' } });
    expect(dep.spec.template.spec).toEqual({
      hostname: 'solo',
      containers: [{ name: 'solo', image: 'repo/solo:1', imagePullPolicy: 'IfNotPresent', env: [POD_IP] }],
    });
  });

  test('GIVEN every ComponentPod prop WHEN synthesised THEN replicas, labels, pull secrets and the main container carry them', () => {
    const c = chart();
    new ComponentPod(c, 'Pod', {
      main: {
        name: 'solo',
        image: 'repo/solo:1',
        alwaysPull: true,
        env: [
          ['A', '1'],
          ['B', ''],
        ],
        ports: [
          { containerPort: 8080 },
          { containerPort: 8080, protocol: 'TCP', hostPort: 30080 },
          { containerPort: 53, protocol: 'UDP', ipv6: true, hostPort: 30053 },
        ],
        resources: { limits: { cpu: 2, memory: '1Gi' }, requests: { cpu: '500m' } },
        readiness: { periodSeconds: 10, timeoutSeconds: 2, httpGet: { path: '/ready', port: 8080, scheme: 'HTTPS' } },
        liveness: { periodSeconds: 20, timeoutSeconds: 3, exec: { command: ['/live.sh', '-v'] } },
      },
      replicas: 3,
      labels: { team: 'a' },
      imagePullSecrets: ['regcred', 'other'],
    });
    const dep = Testing.synth(c)[0];
    expect(dep.spec.replicas).toBe(3);
    expect(dep.metadata.labels).toEqual({ team: 'a', app: 'solo', k8sdeployment: 'dep-solo' });
    const pod = dep.spec.template.spec;
    expect(pod.imagePullSecrets).toEqual([{ name: 'regcred' }, { name: 'other' }]);
    expect(pod.containers[0]).toEqual({
      name: 'solo',
      image: 'repo/solo:1',
      imagePullPolicy: 'Always',
      env: [{ name: 'A', value: '1' }, { name: 'B', value: '' }, POD_IP],
      // One container port per (port, protocol); TCP when no protocol is given.
      ports: [
        { containerPort: 8080, protocol: 'TCP' },
        { containerPort: 53, protocol: 'UDP' },
      ],
      resources: { limits: { cpu: 2, memory: '1Gi' }, requests: { cpu: '500m' } },
      readinessProbe: {
        failureThreshold: 1,
        initialDelaySeconds: 5,
        periodSeconds: 10,
        timeoutSeconds: 2,
        httpGet: { path: '/ready', port: 8080, scheme: 'HTTPS' },
      },
      livenessProbe: {
        failureThreshold: 1,
        initialDelaySeconds: 5,
        periodSeconds: 20,
        timeoutSeconds: 3,
        exec: { command: ['/live.sh', '-v'] },
      },
    });
  });

  test('GIVEN a 70-character component name WHEN the pod is made THEN the Deployment name and k8sdeployment label are dep-<name> cut to 63', () => {
    const c = chart();
    const name = 'a'.repeat(70);
    const pod = new ComponentPod(c, 'Pod', { main: { name, image: 'x' } });
    expect(pod.deploymentName).toBe(`dep-${'a'.repeat(59)}`);
    expect(Testing.synth(c)[0].metadata.labels.k8sdeployment).toBe(`dep-${'a'.repeat(59)}`);
  });
});

describe('FilebeatSidecar alone', () => {
  test('GIVEN only pod and logDirectory WHEN synthesised THEN the sidecar uses the platform defaults and the component name', () => {
    const c = chart();
    const pod = soloPod(c);
    new FilebeatSidecar(c, 'Filebeat', { pod, logDirectory: '/var/log/app' });
    const spec = podSpecOf(c);
    expect(spec.volumes).toEqual([
      { name: 'component-log', emptyDir: {} },
      { name: 'filebeat-data', emptyDir: {} },
      { name: 'filebeat-conf', configMap: { name: 'filebeat-conf' } },
    ]);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'component-log', mountPath: '/var/log/app' }]);
    expect(spec.containers[1]).toEqual({
      name: 'filebeat',
      image: FILEBEAT_IMAGE,
      imagePullPolicy: 'IfNotPresent',
      env: [POD_IP],
      volumeMounts: [
        { name: 'component-log', mountPath: '/var/log/onap/solo' },
        { name: 'filebeat-data', mountPath: '/usr/share/filebeat/data' },
        { name: 'filebeat-conf', mountPath: '/usr/share/filebeat/filebeat.yml', subPath: 'filebeat.yml' },
      ],
    });
    expect(spec.initContainers).toBeUndefined();
  });

  test('GIVEN every FilebeatSidecar prop WHEN synthesised THEN each replaces its default, and alternateFbPath wins over logPath', () => {
    const c = chart();
    const pod = soloPod(c);
    new FilebeatSidecar(c, 'Filebeat', {
      pod,
      logDirectory: '/logs',
      alternateFbPath: '/fb/solo',
      image: 'mirror/filebeat:7',
      logPath: '/unused',
      dataPath: '/fb/data',
      configPath: '/fb/conf.yml',
      configSubPath: 'conf.yml',
      configMap: 'my-fb',
    });
    const spec = podSpecOf(c);
    expect(spec.volumes[2]).toEqual({ name: 'filebeat-conf', configMap: { name: 'my-fb' } });
    expect(spec.containers[1].image).toBe('mirror/filebeat:7');
    expect(spec.containers[1].volumeMounts).toEqual([
      { name: 'component-log', mountPath: '/fb/solo' },
      { name: 'filebeat-data', mountPath: '/fb/data' },
      { name: 'filebeat-conf', mountPath: '/fb/conf.yml', subPath: 'conf.yml' },
    ]);
  });

  test.each([
    ['no alternateFbPath', undefined],
    ['an empty alternateFbPath', ''],
  ])('GIVEN logPath and %s WHEN synthesised THEN filebeat sees the logs at <logPath>/<component name>', (_what, alternateFbPath) => {
    const c = chart();
    const pod = soloPod(c);
    new FilebeatSidecar(c, 'Filebeat', { pod, logDirectory: '/logs', logPath: '/elk', alternateFbPath });
    expect(podSpecOf(c).containers[1].volumeMounts[0]).toEqual({ name: 'component-log', mountPath: '/elk/solo' });
  });
});

describe('TlsInitContainer alone', () => {
  test('GIVEN only the pod WHEN synthesised THEN init-tls, tls-info and the main mount use the platform defaults, TLS_SERVER false', () => {
    const c = chart();
    const pod = soloPod(c);
    const tls = new TlsInitContainer(c, 'TlsInit', { pod });
    expect(tls.certDirectory).toBe('/opt/dcae/cacert');
    expect(tls.pod).toBe(pod);
    const spec = podSpecOf(c);
    expect(spec.volumes).toEqual([{ name: 'tls-info', emptyDir: {} }]);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'tls-info', mountPath: '/opt/dcae/cacert' }]);
    expect(spec.initContainers).toEqual([
      {
        name: 'init-tls',
        image: TLS_IMAGE,
        imagePullPolicy: 'IfNotPresent',
        env: [{ name: 'TLS_SERVER', value: 'false' }, POD_IP],
        volumeMounts: [{ name: 'tls-info', mountPath: '/opt/app/osaaf' }],
      },
    ]);
  });

  test('GIVEN every TlsInitContainer prop WHEN synthesised THEN each replaces its default', () => {
    const c = chart();
    const pod = soloPod(c);
    new TlsInitContainer(c, 'TlsInit', { pod, useTls: true, certDirectory: '/certs/', image: 'mirror/tls:3', certPath: '/osaaf' });
    const spec = podSpecOf(c);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'tls-info', mountPath: '/certs/' }]);
    expect(spec.initContainers[0].image).toBe('mirror/tls:3');
    expect(spec.initContainers[0].env[0]).toEqual({ name: 'TLS_SERVER', value: 'true' });
    expect(spec.initContainers[0].volumeMounts).toEqual([{ name: 'tls-info', mountPath: '/osaaf' }]);
  });

  test('GIVEN an empty certDirectory WHEN made THEN it counts as not set', () => {
    const c = chart();
    expect(new TlsInitContainer(c, 'TlsInit', { pod: soloPod(c), certDirectory: '' }).certDirectory).toBe('/opt/dcae/cacert');
  });
});

describe('CertServiceClient (needs a TlsInitContainer)', () => {
  test('GIVEN only the TLS init container and the request WHEN synthesised THEN the client joins its pod after init-tls, with the platform defaults and passwords from Secrets', () => {
    const c = chart();
    const tls = new TlsInitContainer(c, 'TlsInit', { pod: soloPod(c) });
    const client = new CertServiceClient(c, 'CertServiceClient', {
      tls,
      externalCertDirectory: '/certs',
      caName: 'RA',
      commonName: 'solo',
    });
    expect(client.pod).toBe(tls.pod);
    expect(client.certType).toBe('P12');
    const spec = podSpecOf(c);
    expect(names(spec.initContainers)).toEqual(['init-tls', 'cert-service-client']);
    expect(spec.volumes).toEqual([
      { name: 'tls-info', emptyDir: {} },
      {
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
      },
    ]);
    const cert = containerNamed(spec, 'cert-service-client');
    expect(cert.image).toBe(CLIENT_IMAGE);
    expect(envLines(cert)).toEqual([
      'REQUEST_URL=https://oom-cert-service:8443/v1/certificate/',
      'REQUEST_TIMEOUT=30000',
      'OUTPUT_PATH=/certs/external',
      'OUTPUT_TYPE=P12',
      'CA_NAME=RA',
      'COMMON_NAME=solo',
      'ORGANIZATION=Linux-Foundation',
      'ORGANIZATION_UNIT=ONAP',
      'LOCATION=San-Francisco',
      'STATE=California',
      'COUNTRY=US',
      'SANS=',
      'KEYSTORE_PATH=/etc/onap/oom/certservice/certs/keystore.jks',
      'TRUSTSTORE_PATH=/etc/onap/oom/certservice/certs/truststore.jks',
      'POD_IP=<status.podIP>',
      'KEYSTORE_PASSWORD=<oom-cert-service-keystore-password/password>',
      'TRUSTSTORE_PASSWORD=<oom-cert-service-truststore-password/password>',
    ]);
    expect(cert.volumeMounts).toEqual([
      { name: 'tls-info', mountPath: '/certs' },
      { name: 'tls-volume', mountPath: '/etc/onap/oom/certservice/certs/' },
    ]);
  });

  test('GIVEN every CertServiceClient prop WHEN synthesised THEN each replaces its default', () => {
    const c = chart();
    const tls = new TlsInitContainer(c, 'TlsInit', { pod: soloPod(c) });
    new CertServiceClient(c, 'CertServiceClient', {
      tls,
      externalCertDirectory: '/certs/',
      caName: 'CA',
      commonName: 'cn',
      certType: 'jks',
      sans: 'a,b',
      image: 'mirror/client:2',
      requestUrl: 'https://certs/',
      timeout: '5',
      country: 'PL',
      organization: 'O',
      state: 'S',
      organizationalUnit: 'OU',
      location: 'L',
      certSecretName: 'client-secret',
      keystoreSecretKey: 'ks.p12',
      truststoreSecretKey: 'ts.p12',
      keystorePasswordSecretName: 'ks-pass',
      truststorePasswordSecretName: 'ts-pass',
      keystorePasswordSecretKey: 'k',
      truststorePasswordSecretKey: 't',
    });
    const spec = podSpecOf(c);
    expect(spec.volumes[1].projected.sources[0].secret).toEqual({
      name: 'client-secret',
      items: [
        { key: 'ks.p12', path: 'ks.p12' },
        { key: 'ts.p12', path: 'ts.p12' },
      ],
    });
    const cert = containerNamed(spec, 'cert-service-client');
    expect(cert.image).toBe('mirror/client:2');
    expect(envLines(cert)).toEqual([
      'REQUEST_URL=https://certs/',
      'REQUEST_TIMEOUT=5',
      'OUTPUT_PATH=/certs/external',
      'OUTPUT_TYPE=jks',
      'CA_NAME=CA',
      'COMMON_NAME=cn',
      'ORGANIZATION=O',
      'ORGANIZATION_UNIT=OU',
      'LOCATION=L',
      'STATE=S',
      'COUNTRY=PL',
      'SANS=a,b',
      'KEYSTORE_PATH=/etc/onap/oom/certservice/certs/ks.p12',
      'TRUSTSTORE_PATH=/etc/onap/oom/certservice/certs/ts.p12',
      'POD_IP=<status.podIP>',
      'KEYSTORE_PASSWORD=<ks-pass/k>',
      'TRUSTSTORE_PASSWORD=<ts-pass/t>',
    ]);
  });

  test('GIVEN an unknown certType WHEN the client is made THEN it throws a message naming the accepted types', () => {
    const c = chart();
    const tls = new TlsInitContainer(c, 'TlsInit', { pod: soloPod(c) });
    expect(
      () =>
        new CertServiceClient(c, 'CertServiceClient', { tls, externalCertDirectory: '/c', caName: 'RA', commonName: 'x', certType: 'DER' }),
    ).toThrow('CertServiceClient: certType "DER" is not P12, JKS or PEM');
  });
});

describe('CertPostProcessor (needs a CertServiceClient)', () => {
  const table: Array<[string, string[]]> = [
    [
      'P12',
      [
        'TRUSTSTORES_PATHS=/tls/trust.jks:/tls/external/truststore.p12',
        'TRUSTSTORES_PASSWORDS_PATHS=/tls/trust.pass:/tls/external/truststore.pass',
        'KEYSTORE_SOURCE_PATHS=/tls/external/keystore.p12:/tls/external/keystore.pass',
        'KEYSTORE_DESTINATION_PATHS=/tls/cert.p12:/tls/p12.pass',
      ],
    ],
    [
      'jks',
      [
        'TRUSTSTORES_PATHS=/tls/trust.jks:/tls/external/truststore.jks',
        'TRUSTSTORES_PASSWORDS_PATHS=/tls/trust.pass:/tls/external/truststore.pass',
        'KEYSTORE_SOURCE_PATHS=/tls/external/keystore.jks:/tls/external/keystore.pass',
        'KEYSTORE_DESTINATION_PATHS=/tls/cert.jks:/tls/jks.pass',
      ],
    ],
    [
      'Pem',
      [
        'TRUSTSTORES_PATHS=/tls/trust.jks:/tls/external/truststore.pem',
        'TRUSTSTORES_PASSWORDS_PATHS=/tls/trust.pass:',
        'KEYSTORE_SOURCE_PATHS=/tls/external/keystore.pem:/tls/external/key.pem',
        'KEYSTORE_DESTINATION_PATHS=/tls/cert.pem:/tls/key.pem',
      ],
    ],
  ];
  test.each(table)(
    'GIVEN a client of type %s WHEN the post-processor is added THEN it follows the client, reads its type and mounts tls-info at the TLS cert directory',
    (certType, env) => {
      const c = chart();
      const tls = new TlsInitContainer(c, 'TlsInit', { pod: soloPod(c), certDirectory: '/tls' });
      const client = new CertServiceClient(c, 'CertServiceClient', {
        tls,
        externalCertDirectory: '/ext',
        caName: 'RA',
        commonName: 'solo',
        certType,
      });
      new CertPostProcessor(c, 'CertPostProcessor', { source: client });
      const spec = podSpecOf(c);
      expect(names(spec.initContainers)).toEqual(['init-tls', 'cert-service-client', 'cert-post-processor']);
      expect(containerNamed(spec, 'cert-service-client').env[3]).toEqual({ name: 'OUTPUT_TYPE', value: certType });
      const post = containerNamed(spec, 'cert-post-processor');
      expect(post).toEqual({
        name: 'cert-post-processor',
        image: POST_IMAGE,
        imagePullPolicy: 'IfNotPresent',
        env: [...env.map((line) => ({ name: line.slice(0, line.indexOf('=')), value: line.slice(line.indexOf('=') + 1) })), POD_IP],
        volumeMounts: [{ name: 'tls-info', mountPath: '/tls/' }],
      });
    },
  );

  test('GIVEN an image WHEN the post-processor is added THEN it replaces the platform default', () => {
    const c = chart();
    const tls = new TlsInitContainer(c, 'TlsInit', { pod: soloPod(c) });
    const client = new CertServiceClient(c, 'CertServiceClient', { tls, externalCertDirectory: '/ext', caName: 'RA', commonName: 'solo' });
    new CertPostProcessor(c, 'CertPostProcessor', { source: client, image: 'mirror/post:5' });
    expect(containerNamed(podSpecOf(c), 'cert-post-processor').image).toBe('mirror/post:5');
  });
});

describe('ComponentService alone', () => {
  test('GIVEN no ports WHEN synthesised THEN there is no Service', () => {
    const c = chart();
    const service = new ComponentService(c, 'Service', { componentName: 'solo', labels: { app: 'solo' }, ports: [] });
    expect(Testing.synth(c)).toEqual([]);
    expect(service.clusterIp).toBeUndefined();
  });

  test('GIVEN ports with and without host ports WHEN synthesised THEN there are ClusterIP, NodePort and IPv6 NodePort Services with the given labels', () => {
    const c = chart();
    const service = new ComponentService(c, 'Service', {
      componentName: 'solo',
      labels: { app: 'solo', team: 'a' },
      ports: [
        { containerPort: 80, hostPort: 30080 },
        { containerPort: 80 },
        { containerPort: 53, protocol: 'UDP', hostPort: 30053, ipv6: true },
      ],
    });
    const objs = Testing.synth(c);
    expect(objs.map((o) => `${o.spec.type} ${o.metadata.name}`)).toEqual(['ClusterIP solo', 'NodePort xsolo', 'NodePort xsolo-ipv6']);
    expect(objs.map((o) => o.metadata.labels)).toEqual([
      { app: 'solo', team: 'a' },
      { app: 'solo', team: 'a' },
      { app: 'solo', team: 'a' },
    ]);
    expect(objs.map((o) => o.spec.selector)).toEqual([{ app: 'solo' }, { app: 'solo' }, { app: 'solo' }]);
    expect(objs[0].spec.ports).toEqual([
      { name: 'port-t-80', port: 80, protocol: 'TCP' },
      { name: 'port-u-53', port: 53, protocol: 'UDP' },
    ]);
    expect(objs[0].metadata.annotations).toBeUndefined();
    expect(objs[1].spec.ports).toEqual([{ name: 'xport-t-80', nodePort: 30080, port: 80, protocol: 'TCP' }]);
    expect(objs[2].spec).toMatchObject({
      ipFamilies: ['IPv6'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'xport-u-53', nodePort: 30053, port: 53, protocol: 'UDP' }],
    });
    expect([service.clusterIp, service.nodePort, service.nodePortIpv6].map((s) => s?.node.id)).toEqual([
      'ClusterIP',
      'NodePort',
      'NodePortIPv6',
    ]);
  });

  test('GIVEN MSB registrations WHEN synthesised THEN only the ClusterIP Service carries them, written as json.dumps writes them', () => {
    const c = chart();
    new ComponentService(c, 'Service', {
      componentName: 'solo',
      labels: { app: 'solo' },
      ports: [{ containerPort: 8443, hostPort: 30443 }],
      msbList: [{ serviceName: 'sölo', port: '8443', version: 'v1', url: '/', protocol: 'REST', enableSsl: true, visualRange: '1' }],
    });
    const [clusterIp, nodePort] = Testing.synth(c);
    expect(clusterIp.metadata.annotations).toEqual({
      'msb.onap.org/service-info':
        '[{"serviceName": "s\\u00f6lo", "port": "8443", "version": "v1", "url": "/", "protocol": "REST", "enable_ssl": true, "visualRange": "1"}]',
    });
    expect(nodePort.metadata.annotations).toBeUndefined();
  });

  test('GIVEN MSB registrations and no ports WHEN the Service is made THEN it throws, since the registrations would be lost', () => {
    const c = chart();
    expect(
      () =>
        new ComponentService(c, 'Service', {
          componentName: 'solo',
          labels: { app: 'solo' },
          ports: [],
          msbList: [{ serviceName: 'solo', port: '80', version: 'v1', url: '/', protocol: 'REST', enableSsl: false, visualRange: '1' }],
        }),
    ).toThrow('ComponentService: msbList needs a port');
  });
});
