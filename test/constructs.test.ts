/**
 * The constructs used alone from TypeScript, outside ComponentChart: each adds exactly its own pieces to a pod.
 */
import { App, Chart, Testing } from 'cdk8s';
import { CertPostProcessor } from '../src/constructs/cert-post-processor';
import { CertServiceClient } from '../src/constructs/cert-service-client';
import { ComponentPod } from '../src/constructs/component-pod';
import { ComponentService } from '../src/constructs/component-service';
import { FilebeatSidecar } from '../src/constructs/filebeat-sidecar';
import { TlsInitContainer } from '../src/constructs/tls-init-container';
import { DEFAULT_PLATFORM } from '../src/input/platform/settings';

function chart(): Chart {
  return new Chart(new App(), 'standalone', { namespace: 'test', disableResourceNameHashes: true });
}

describe('constructs used alone', () => {
  test('GIVEN a bare ComponentPod WHEN synthesised THEN it is one Deployment with only the main container and POD_IP', () => {
    const c = chart();
    new ComponentPod(c, 'Pod', { main: { name: 'solo', image: 'repo/solo:1' } });
    const [dep, ...rest] = Testing.synth(c);
    expect(rest).toEqual([]);
    expect(dep.metadata).toEqual({ name: 'dep-solo', namespace: 'test', labels: { app: 'solo', k8sdeployment: 'dep-solo' } });
    expect(dep.spec.replicas).toBe(1);
    expect(dep.spec.template.spec).toEqual({
      hostname: 'solo',
      containers: [{
        name: 'solo', image: 'repo/solo:1', imagePullPolicy: 'IfNotPresent',
        env: [{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
      }],
    });
  });

  test('GIVEN a pod with TlsInitContainer and FilebeatSidecar WHEN synthesised THEN each adds its volumes, mounts and containers in order', () => {
    const c = chart();
    const pod = new ComponentPod(c, 'Pod', { main: { name: 'solo', image: 'repo/solo:1' } });
    new FilebeatSidecar(c, 'Filebeat', { pod, logDirectory: '/logs', settings: DEFAULT_PLATFORM.filebeat });
    new TlsInitContainer(c, 'TlsInit', { pod, useTls: true, settings: DEFAULT_PLATFORM.tls });
    const spec = Testing.synth(c)[0].spec.template.spec;
    expect(spec.volumes.map((v: { name: string }) => v.name)).toEqual(['component-log', 'filebeat-data', 'filebeat-conf', 'tls-info']);
    expect(spec.containers.map((x: { name: string }) => x.name)).toEqual(['solo', 'filebeat']);
    expect(spec.containers[0].volumeMounts).toEqual([
      { name: 'component-log', mountPath: '/logs' },
      { name: 'tls-info', mountPath: '/opt/dcae/cacert' },
    ]);
    expect(spec.containers[1].volumeMounts[0]).toEqual({ name: 'component-log', mountPath: '/var/log/onap/solo' });
    expect(spec.initContainers.map((x: { name: string }) => x.name)).toEqual(['init-tls']);
    expect(spec.initContainers[0].env[0]).toEqual({ name: 'TLS_SERVER', value: 'true' });
  });

  test('GIVEN CertServiceClient and CertPostProcessor alone WHEN synthesised THEN they add two init containers and tls-volume, passwords from Secrets', () => {
    const c = chart();
    const pod = new ComponentPod(c, 'Pod', { main: { name: 'solo', image: 'repo/solo:1' } });
    new CertServiceClient(c, 'Client', { pod, externalCertDirectory: '/certs', caName: 'RA', commonName: 'solo', settings: DEFAULT_PLATFORM.external_cert });
    new CertPostProcessor(c, 'Post', { pod, certDirectory: '/certs', certType: 'jks', image: 'repo/post:1' });
    const spec = Testing.synth(c)[0].spec.template.spec;
    expect(spec.initContainers.map((x: { name: string }) => x.name)).toEqual(['cert-service-client', 'cert-post-processor']);
    expect(spec.volumes.map((v: { name: string }) => v.name)).toEqual(['tls-volume']);
    const env = spec.initContainers[0].env;
    expect(env.find((e: { name: string }) => e.name === 'OUTPUT_PATH').value).toBe('/certs/external');
    expect(env.find((e: { name: string }) => e.name === 'KEYSTORE_PASSWORD')).toEqual({
      name: 'KEYSTORE_PASSWORD', valueFrom: { secretKeyRef: { name: 'oom-cert-service-keystore-password', key: 'password' } },
    });
    expect(spec.initContainers[1].env[0]).toEqual({ name: 'TRUSTSTORES_PATHS', value: '/certs/trust.jks:/certs/external/truststore.jks' });
  });

  test('GIVEN CertPostProcessor with an unknown certType WHEN constructed THEN it throws a message naming the accepted types', () => {
    const c = chart();
    const pod = new ComponentPod(c, 'Pod', { main: { name: 'solo', image: 'repo/solo:1' } });
    expect(() => new CertPostProcessor(c, 'Post', { pod, certDirectory: '/c', certType: 'DER', image: 'x' }))
      .toThrow('CertPostProcessor: certType "DER" is not P12, JKS or PEM');
  });

  test('GIVEN ComponentService alone WHEN synthesised THEN it has the ClusterIP and NodePort Services with the given labels', () => {
    const c = chart();
    new ComponentService(c, 'Service', {
      componentName: 'solo', labels: { app: 'solo' },
      ports: [{ containerPort: 80, protocol: 'TCP', hostPort: 30080, ipv6: false, entry: 0 }],
    });
    const objs = Testing.synth(c);
    expect(objs.map((o) => `${o.spec.type} ${o.metadata.name}`)).toEqual(['ClusterIP solo', 'NodePort xsolo']);
    expect(objs[1].spec.ports).toEqual([{ name: 'xport-t-80', nodePort: 30080, port: 80, protocol: 'TCP' }]);
  });
});
