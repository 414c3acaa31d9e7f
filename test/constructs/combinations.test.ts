/**
 * The constructs together in one pod, by hand and through ComponentChart: each adds its pieces after those
 * added before, and ComponentChart adds them in the plugin's order (docs/reference.md, "List orders").
 */
import { App, Chart, Testing } from 'cdk8s';
import { CertPostProcessor } from '../../src/constructs/cert-post-processor';
import { CertServiceClient } from '../../src/constructs/cert-service-client';
import { ComponentChart, ComponentChartProps } from '../../src/constructs/component-chart';
import { ComponentPod } from '../../src/constructs/component-pod';
import { ComponentService } from '../../src/constructs/component-service';
import { FilebeatSidecar } from '../../src/constructs/filebeat-sidecar';
import { TlsInitContainer } from '../../src/constructs/tls-init-container';
import { chart, containerNamed, names, podSpecOf, soloPod } from '../helpers';

describe('constructs combined by hand', () => {
  test('GIVEN FilebeatSidecar then TlsInitContainer WHEN synthesised THEN volumes, main mounts and containers come in that order', () => {
    const c = chart();
    const pod = soloPod(c);
    new FilebeatSidecar(c, 'Filebeat', { pod, logDirectory: '/logs' });
    new TlsInitContainer(c, 'TlsInit', { pod, useTls: true });
    const spec = podSpecOf(c);
    expect(names(spec.volumes)).toEqual(['component-log', 'filebeat-data', 'filebeat-conf', 'tls-info']);
    expect(spec.containers[0].volumeMounts).toEqual([
      { name: 'component-log', mountPath: '/logs' },
      { name: 'tls-info', mountPath: '/opt/dcae/cacert' },
    ]);
    expect(names(spec.containers)).toEqual(['solo', 'filebeat']);
    expect(names(spec.initContainers)).toEqual(['init-tls']);
  });

  test('GIVEN TlsInitContainer before FilebeatSidecar WHEN synthesised THEN the pod lists their pieces in the order they were added', () => {
    const c = chart();
    const pod = soloPod(c);
    new TlsInitContainer(c, 'TlsInit', { pod });
    new FilebeatSidecar(c, 'Filebeat', { pod, logDirectory: '/logs' });
    const spec = podSpecOf(c);
    expect(names(spec.volumes)).toEqual(['tls-info', 'component-log', 'filebeat-data', 'filebeat-conf']);
    expect(names(spec.containers[0].volumeMounts)).toEqual(['tls-info', 'component-log']);
  });

  test('GIVEN TLS, client and post-processor WHEN synthesised THEN the three init containers share tls-info, and only the client mounts tls-volume', () => {
    const c = chart();
    const tls = new TlsInitContainer(c, 'TlsInit', { pod: soloPod(c), certDirectory: '/tls' });
    const client = new CertServiceClient(c, 'CertServiceClient', { tls, externalCertDirectory: '/ext', caName: 'RA', commonName: 'solo' });
    new CertPostProcessor(c, 'CertPostProcessor', { source: client });
    const spec = podSpecOf(c);
    expect(names(spec.volumes)).toEqual(['tls-info', 'tls-volume']);
    expect(
      spec.initContainers.map((x: any) => `${x.name}: ${x.volumeMounts.map((m: any) => `${m.name}@${m.mountPath}`).join(' ')}`),
    ).toEqual([
      'init-tls: tls-info@/opt/app/osaaf',
      'cert-service-client: tls-info@/ext tls-volume@/etc/onap/oom/certservice/certs/',
      'cert-post-processor: tls-info@/tls/',
    ]);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'tls-info', mountPath: '/tls' }]);
  });

  test('GIVEN the helpers made in another chart than the pod WHEN synthesised THEN their pieces still go to the pod they were given', () => {
    const app = new App();
    const podChart = new Chart(app, 'pods', { disableResourceNameHashes: true });
    const other = new Chart(app, 'helpers');
    const tls = new TlsInitContainer(other, 'TlsInit', { pod: soloPod(podChart) });
    new CertServiceClient(other, 'CertServiceClient', { tls, externalCertDirectory: '/ext', caName: 'RA', commonName: 'solo' });
    expect(Testing.synth(other)).toEqual([]);
    expect(names(podSpecOf(podChart).initContainers)).toEqual(['init-tls', 'cert-service-client']);
  });

  test("GIVEN every construct by hand in the plugin's order WHEN synthesised THEN the objects equal those of a ComponentChart with the same props", () => {
    const props: ComponentChartProps = {
      namespace: 'onap',
      main: { name: 'solo', image: 'repo/solo:1', ports: [{ containerPort: 8443, hostPort: 30443 }] },
      labels: { team: 'a' },
      volumes: [{ name: 'config', mountPath: '/etc/solo', readOnly: true, configMap: 'solo-config' }],
      filebeat: { logDirectory: '/logs' },
      tlsInit: { useTls: true, certDirectory: '/tls' },
      certServiceClient: { externalCertDirectory: '/ext', caName: 'RA', commonName: 'solo', certType: 'PEM' },
      msbList: [{ serviceName: 'solo', port: '8443', version: 'v1', url: '/', protocol: 'REST', enableSsl: true, visualRange: '1' }],
    };
    const viaChart = Testing.synth(new ComponentChart(new App(), 'solo', props));

    const c = new Chart(new App(), 'solo', { namespace: 'onap', disableResourceNameHashes: true });
    const pod = new ComponentPod(c, 'Pod', { main: props.main, labels: props.labels });
    pod.addVolume({ name: 'config', configMap: { name: 'solo-config', defaultMode: 420, optional: true } });
    pod.mountOnMain({ name: 'config', mountPath: '/etc/solo', readOnly: true });
    new FilebeatSidecar(c, 'Filebeat', { pod, logDirectory: '/logs' });
    const tls = new TlsInitContainer(c, 'TlsInit', { pod, useTls: true, certDirectory: '/tls' });
    const client = new CertServiceClient(c, 'CertServiceClient', {
      tls,
      externalCertDirectory: '/ext',
      caName: 'RA',
      commonName: 'solo',
      certType: 'PEM',
    });
    new CertPostProcessor(c, 'CertPostProcessor', { source: client });
    new ComponentService(c, 'Service', {
      componentName: 'solo',
      labels: pod.labels,
      ports: props.main.ports ?? [],
      msbList: props.msbList,
    });

    expect(Testing.synth(c)).toEqual(viaChart);
    expect(viaChart.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/dep-solo', 'Service/solo', 'Service/xsolo']);
  });
});

describe('ComponentChart', () => {
  test('GIVEN only the main container WHEN synthesised THEN it is the Deployment alone, in the platform namespace, with init-tls', () => {
    const c = new ComponentChart(new App(), 'solo', { main: { name: 'solo', image: 'repo/solo:1' } });
    const objs = Testing.synth(c);
    expect(objs.map((o) => `${o.kind}/${o.metadata.name}/${o.metadata.namespace}`)).toEqual(['Deployment/dep-solo/dcae']);
    const spec = objs[0].spec.template.spec;
    expect(names(spec.containers)).toEqual(['solo']);
    expect(names(spec.initContainers)).toEqual(['init-tls']);
    expect(names(spec.volumes)).toEqual(['tls-info']);
    expect(c.filebeat).toBeUndefined();
    expect(c.certServiceClient).toBeUndefined();
    expect(c.certPostProcessor).toBeUndefined();
  });

  test("GIVEN every piece WHEN made THEN the construct ids are the documented ones, and the pieces are in the plugin's order", () => {
    const c = new ComponentChart(new App(), 'solo', {
      main: {
        name: 'solo',
        image: 'repo/solo:1',
        ports: [
          { containerPort: 80, hostPort: 30080 },
          { containerPort: 81, hostPort: 30081, ipv6: true },
        ],
      },
      volumes: [
        { name: 'host', mountPath: '/host', hostPath: '/var/host' },
        { name: 'config', mountPath: '/config', configMap: 'cfg' },
      ],
      filebeat: { logDirectory: '/logs' },
      certServiceClient: { externalCertDirectory: '/ext', caName: 'RA', commonName: 'solo' },
      certPostProcessor: { image: 'mirror/post:1' },
    });
    expect(c.node.children.map((x) => x.node.id)).toEqual([
      'Pod',
      'Filebeat',
      'TlsInit',
      'CertServiceClient',
      'CertPostProcessor',
      'Service',
    ]);
    expect(c.pod.node.children.map((x) => x.node.id)).toEqual(['Deployment']);
    expect(c.service.node.children.map((x) => x.node.id)).toEqual(['ClusterIP', 'NodePort', 'NodePortIPv6']);
    const spec = podSpecOf(c);
    expect(names(spec.volumes)).toEqual(['host', 'config', 'component-log', 'filebeat-data', 'filebeat-conf', 'tls-info', 'tls-volume']);
    expect(spec.volumes.slice(0, 2)).toEqual([
      { name: 'host', hostPath: { path: '/var/host' } },
      { name: 'config', configMap: { name: 'cfg', defaultMode: 420, optional: true } },
    ]);
    expect(names(spec.containers[0].volumeMounts)).toEqual(['host', 'config', 'component-log', 'tls-info']);
    expect(names(spec.containers)).toEqual(['solo', 'filebeat']);
    expect(names(spec.initContainers)).toEqual(['init-tls', 'cert-service-client', 'cert-post-processor']);
    expect(containerNamed(spec, 'cert-post-processor').image).toBe('mirror/post:1');
  });

  test('GIVEN certPostProcessor without certServiceClient WHEN the chart is made THEN it throws instead of ignoring it', () => {
    expect(() => new ComponentChart(new App(), 'solo', { main: { name: 'solo', image: 'x' }, certPostProcessor: {} })).toThrow(
      'ComponentChart: certPostProcessor is set without certServiceClient',
    );
  });

  test.each([
    ['neither hostPath nor configMap', { name: 'v', mountPath: '/v' }],
    ['both hostPath and configMap', { name: 'v', mountPath: '/v', hostPath: '/h', configMap: 'c' }],
  ])('GIVEN a volume with %s WHEN the chart is made THEN it throws', (_what, volume) => {
    expect(() => new ComponentChart(new App(), 'solo', { main: { name: 'solo', image: 'x' }, volumes: [volume] })).toThrow(
      'ComponentChart: volume "v" needs exactly one of hostPath or configMap',
    );
  });
});
