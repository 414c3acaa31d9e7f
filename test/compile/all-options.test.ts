/** Every option at once: the example of docs/reference.md, plus platform settings. */
import { compile, find, containerOf, kindsAndNames, mainOf, POD_IP, podOf, servicesOf } from '../helpers';

/** The contract's example spec, as YAML text (so that env numbers keep their written form). */
const SPEC = `
name: dcae-ves-collector
image: nexus3.onap.org:10001/onap/org.onap.dcaegen2.collectors.ves.vescollector:1.10.1
namespace: onap
replicas: 2
always_pull: true
labels: {team: dcae}
env: {COLLECTOR_MODE: standard, VERSION: 1.10, DEBUG: false, RETRIES: 3}
ports: ["8080:30235", "8443:30417", " 162/udp:0 ", "8080/TCP:30236", {concat: ["9000", ":", 30900], ipv6: true}]
volumes:
  - {host: {path: /etc/localtime}, container: {bind: /etc/localtime, mode: ro}}
  - {config_volume: {name: ves-config}, container: {bind: /opt/app/etc}}
resources: {limits: {cpu: "1", memory: 1Gi}, requests: {cpu: 250m, memory: 256Mi}}
readiness: {type: HTTPS, endpoint: /healthcheck, interval: 15s, timeout: 1s}
liveness: {type: script, script: /opt/app/bin/check.sh --live, interval: 2m, timeout: 5}
log_info: {log_directory: /opt/app/VESCollector/logs}
tls_info: {use_tls: true, cert_directory: /opt/app/dcae-certificate}
external_cert:
  use_external_tls: true
  external_cert_directory: /opt/app/dcae-certificate/
  ca_name: RA
  cert_type: jks
  external_certificate_parameters: {common_name: dcae-ves-collector, sans: "ves,ves.example.org"}
k8s_location: central
msb_list: [{serviceName: ves, port: "8443", version: v1, url: /, protocol: REST, enable_ssl: true}, {}]
`;

const PLATFORM = {
  namespace: 'platform-ns',
  image_pull_secrets: ['regcred'],
  filebeat: { log_path: '/var/log/dcae' },
  tls: { image: 'registry/tls-init:3' },
  external_cert: { keystore_secret_key: 'keystore.p12', truststore_password_secret_name: 'ts-pass' },
};

describe('all options', () => {
  const name = 'dcae-ves-collector';
  let objects: any[];
  let yaml: string;
  let path: string;
  beforeAll(() => {
    ({ objects, yaml, path } = compile(SPEC, PLATFORM));
  });

  test('GIVEN a spec with every option and platform settings WHEN compiled THEN the whole manifest matches the snapshot', () => {
    expect(path).toBe('central/dcae-ves-collector.k8s.yaml');
    expect(yaml).toMatchSnapshot();
  });

  test('GIVEN every option WHEN compiled THEN the objects are the Deployment and three Services, in order, all in the spec namespace with one label map', () => {
    expect(kindsAndNames(objects)).toEqual([`Deployment/dep-${name}`, `Service/${name}`, `Service/x${name}`, `Service/x${name}-ipv6`]);
    const labels = { team: 'dcae', app: name, k8sdeployment: `dep-${name}` };
    for (const o of objects) {
      expect(o.metadata.namespace).toBe('onap');
      expect(o.metadata.labels).toEqual(labels);
    }
    const dep = objects[0];
    expect(dep.spec.replicas).toBe(2);
    expect(dep.spec.selector).toEqual({ matchLabels: labels });
    expect(dep.spec.template.metadata.labels).toEqual(labels);
    for (const s of servicesOf(objects)) {
      expect(s.spec.selector).toEqual({ app: name });
      expect(s.spec).not.toHaveProperty('ipFamily');
    }
  });

  test('GIVEN every option WHEN compiled THEN the pod has the contract order of containers, init containers, volumes and pull secrets', () => {
    const pod = podOf(objects);
    expect(pod.hostname).toBe(name);
    expect(pod.containers.map((c: any) => c.name)).toEqual([name, 'filebeat']);
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['init-tls', 'cert-service-client', 'cert-post-processor']);
    expect(pod.volumes.map((v: any) => v.name).slice(2)).toEqual([
      'component-log',
      'filebeat-data',
      'filebeat-conf',
      'tls-info',
      'tls-volume',
    ]);
    expect(pod.volumes[0].hostPath).toEqual({ path: '/etc/localtime' });
    expect(pod.volumes[1].configMap).toEqual({ name: 'ves-config', defaultMode: 420, optional: true });
    expect(pod.imagePullSecrets).toEqual([{ name: 'regcred' }]);
  });

  test('GIVEN every option WHEN compiled THEN the main container has its pull policy, env, de-duplicated ports, mounts, resources and probes', () => {
    const main = mainOf(objects);
    const pod = podOf(objects);
    expect(main.imagePullPolicy).toBe('Always');
    expect(main.env).toEqual([
      { name: 'COLLECTOR_MODE', value: 'standard' },
      { name: 'VERSION', value: '1.10' },
      { name: 'DEBUG', value: 'false' },
      { name: 'RETRIES', value: '3' },
      POD_IP,
    ]);
    expect(main.ports).toEqual([
      { containerPort: 8080, protocol: 'TCP' },
      { containerPort: 8443, protocol: 'TCP' },
      { containerPort: 162, protocol: 'UDP' },
      { containerPort: 9000, protocol: 'TCP' },
    ]);
    expect(main.volumeMounts).toEqual([
      { name: pod.volumes[0].name, mountPath: '/etc/localtime', readOnly: true },
      { name: pod.volumes[1].name, mountPath: '/opt/app/etc' },
      { name: 'component-log', mountPath: '/opt/app/VESCollector/logs' },
      { name: 'tls-info', mountPath: '/opt/app/dcae-certificate' },
    ]);
    expect(main.resources).toEqual({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '250m', memory: '256Mi' } });
    expect(main.readinessProbe).toEqual({
      failureThreshold: 1,
      initialDelaySeconds: 5,
      periodSeconds: 15,
      timeoutSeconds: 1,
      httpGet: { path: '/healthcheck', port: 8080, scheme: 'HTTPS' },
    });
    expect(main.livenessProbe).toEqual({
      failureThreshold: 1,
      initialDelaySeconds: 5,
      periodSeconds: 120,
      timeoutSeconds: 5,
      exec: { command: ['/opt/app/bin/check.sh', '--live'] },
    });
  });

  test('GIVEN every option WHEN compiled THEN the Services carry the keyed ports (repeated 8080 keeps its place, last host port wins) and the MSB annotation is on the ClusterIP Service only', () => {
    expect(find(objects, 'Service', name).spec.ports).toEqual([
      { name: 'port-t-8080', port: 8080, protocol: 'TCP' },
      { name: 'port-t-8443', port: 8443, protocol: 'TCP' },
      { name: 'port-u-162', port: 162, protocol: 'UDP' },
      { name: 'port-t-9000', port: 9000, protocol: 'TCP' },
    ]);
    expect(find(objects, 'Service', `x${name}`).spec.ports).toEqual([
      { name: 'xport-t-8080', nodePort: 30236, port: 8080, protocol: 'TCP' },
      { name: 'xport-t-8443', nodePort: 30417, port: 8443, protocol: 'TCP' },
    ]);
    const v6 = find(objects, 'Service', `x${name}-ipv6`);
    expect(v6.spec.ipFamilies).toEqual(['IPv6']);
    expect(v6.spec.ipFamilyPolicy).toBe('SingleStack');
    expect(v6.spec.ports).toEqual([{ name: 'xport-t-9000', nodePort: 30900, port: 9000, protocol: 'TCP' }]);
    expect(find(objects, 'Service', name).metadata.annotations).toEqual({
      'msb.onap.org/service-info':
        '[{"serviceName": "ves", "port": "8443", "version": "v1", "url": "/", "protocol": "REST", "enable_ssl": true, "visualRange": "1"}, ' +
        '{"serviceName": "dcae-ves-collector", "port": "80", "version": "v1", "url": "/", "protocol": "REST", "enable_ssl": false, "visualRange": "1"}]',
    });
    expect(objects[0].metadata.annotations).toBeUndefined();
    expect(find(objects, 'Service', `x${name}`).metadata.annotations).toBeUndefined();
    expect(v6.metadata.annotations).toBeUndefined();
  });

  test('GIVEN every option WHEN compiled THEN the sidecar and init containers follow the spec and the merged platform settings', () => {
    const filebeat = podOf(objects).containers[1];
    expect(filebeat.imagePullPolicy).toBe('IfNotPresent');
    expect(filebeat.volumeMounts[0]).toEqual({ name: 'component-log', mountPath: `/var/log/dcae/${name}` });

    const initTls = containerOf(objects, 'init-tls');
    expect(initTls.image).toBe('registry/tls-init:3');
    expect(initTls.env).toEqual([{ name: 'TLS_SERVER', value: 'true' }, POD_IP]);
    expect(initTls.volumeMounts).toEqual([{ name: 'tls-info', mountPath: '/opt/app/osaaf' }]);

    const client = containerOf(objects, 'cert-service-client');
    const byName = (n: string) => client.env.find((e: any) => e.name === n);
    expect(byName('OUTPUT_PATH').value).toBe('/opt/app/dcae-certificate/external');
    expect(byName('OUTPUT_TYPE').value).toBe('jks');
    expect(byName('SANS').value).toBe('ves,ves.example.org');
    expect(byName('KEYSTORE_PATH').value).toBe('/etc/onap/oom/certservice/certs/keystore.p12');
    expect(byName('TRUSTSTORE_PATH').value).toBe('/etc/onap/oom/certservice/certs/truststore.jks');
    expect(client.env.map((e: any) => e.name).slice(-3)).toEqual(['POD_IP', 'KEYSTORE_PASSWORD', 'TRUSTSTORE_PASSWORD']);
    expect(byName('KEYSTORE_PASSWORD')).toEqual({
      name: 'KEYSTORE_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'oom-cert-service-keystore-password', key: 'password' } },
    });
    expect(byName('TRUSTSTORE_PASSWORD')).toEqual({
      name: 'TRUSTSTORE_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'ts-pass', key: 'password' } },
    });
    expect(podOf(objects).volumes[6]).toEqual({
      name: 'tls-volume',
      projected: {
        sources: [
          {
            secret: {
              name: 'oom-cert-service-client-tls-secret',
              items: [
                { key: 'keystore.p12', path: 'keystore.p12' },
                { key: 'truststore.jks', path: 'truststore.jks' },
              ],
            },
          },
        ],
      },
    });

    const post = containerOf(objects, 'cert-post-processor');
    const tls = '/opt/app/dcae-certificate/';
    expect(post.env).toEqual([
      { name: 'TRUSTSTORES_PATHS', value: `${tls}trust.jks:${tls}external/truststore.jks` },
      { name: 'TRUSTSTORES_PASSWORDS_PATHS', value: `${tls}trust.pass:${tls}external/truststore.pass` },
      { name: 'KEYSTORE_SOURCE_PATHS', value: `${tls}external/keystore.jks:${tls}external/keystore.pass` },
      { name: 'KEYSTORE_DESTINATION_PATHS', value: `${tls}cert.jks:${tls}jks.pass` },
      POD_IP,
    ]);
    expect(post.volumeMounts).toEqual([{ name: 'tls-info', mountPath: tls }]);
  });
});
