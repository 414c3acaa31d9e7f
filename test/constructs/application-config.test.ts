/**
 * The ApplicationConfig construct used alone from TypeScript (docs/reference.md, "Application configuration"): it
 * adds the ConfigMap before the Deployment, the volume, the read-only mount, the variable before POD_IP and the
 * checksum annotation, and nothing else.
 */
import { createHash } from 'crypto';
import { Testing } from 'cdk8s';
import { ApplicationConfig } from '../../src/constructs/application-config';
import { ComponentChart } from '../../src/constructs/component-chart';
import { ComponentPod } from '../../src/constructs/component-pod';
import { FilebeatSidecar } from '../../src/constructs/filebeat-sidecar';
import { chart, envLines, names, soloPod } from '../helpers';

const TEXT = 'a: 1\n';

describe('ApplicationConfig alone', () => {
  test('GIVEN a pod and a configuration text WHEN synthesised THEN the ConfigMap comes first, and the pod gets the volume, the mount, the variable and the checksum', () => {
    const c = chart();
    const pod = new ComponentPod(c, 'Pod', { main: { name: 'solo', image: 'repo/solo:1', env: [['OWN', 'x']] }, labels: { team: 't' } });
    const config = new ApplicationConfig(c, 'ApplicationConfig', { pod, config: TEXT });
    const [cm, dep, ...rest] = Testing.synth(c);
    expect(rest).toEqual([]);
    expect(cm).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'solo-application-config', namespace: 'test', labels: { team: 't', app: 'solo', k8sdeployment: 'dep-solo' } },
      data: { 'application_config.yaml': TEXT },
    });
    const sha = createHash('sha256').update(TEXT).digest('hex');
    expect(config.checksum).toBe(sha);
    expect(dep.spec.template.metadata).toEqual({
      labels: { team: 't', app: 'solo', k8sdeployment: 'dep-solo' },
      annotations: { 'checksum/application-config': sha },
    });
    const spec = dep.spec.template.spec;
    expect(spec.volumes).toEqual([{ name: 'application-config', configMap: { name: 'solo-application-config', defaultMode: 420 } }]);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'application-config', mountPath: '/app-config-input', readOnly: true }]);
    expect(envLines(spec.containers[0])).toEqual([
      'OWN=x',
      'CBS_CLIENT_CONFIG_PATH=/app-config-input/application_config.yaml',
      'POD_IP=<status.podIP>',
    ]);
  });

  test("GIVEN it is added after a FilebeatSidecar WHEN synthesised THEN its volume and mount follow the sidecar's: each construct adds after those already in the pod", () => {
    const c = chart();
    const pod = soloPod(c);
    new FilebeatSidecar(c, 'Filebeat', { pod, logDirectory: '/logs' });
    new ApplicationConfig(c, 'ApplicationConfig', { pod, config: TEXT });
    const spec = Testing.synth(c)[1].spec.template.spec;
    expect(names(spec.volumes)).toEqual(['component-log', 'filebeat-data', 'filebeat-conf', 'application-config']);
    expect(names(spec.containers[0].volumeMounts)).toEqual(['component-log', 'application-config']);
  });

  test('GIVEN two ApplicationConfigs on one pod WHEN synthesised THEN validation names the construct to add once', () => {
    const c = chart();
    const pod = soloPod(c);
    new ApplicationConfig(c, 'One', { pod, config: TEXT });
    new ApplicationConfig(c, 'Two', { pod, config: 'b: 2\n' });
    expect(() => Testing.synth(c)).toThrow(
      /the pod has two volumes named "application-config"; a ApplicationConfig adds it: add one ApplicationConfig per pod/,
    );
  });

  test("GIVEN a ComponentChart with applicationConfig WHEN synthesised THEN the construct id is ApplicationConfig and its volume comes right after the component's own", () => {
    const app = Testing.app();
    const c = new ComponentChart(app, 'comp', {
      main: { name: 'comp', image: 'repo/comp:1' },
      volumes: [{ name: 'own', hostPath: '/data', mountPath: '/data' }],
      applicationConfig: { config: TEXT },
      filebeat: { logDirectory: '/logs' },
    });
    expect(c.applicationConfig?.node.id).toBe('ApplicationConfig');
    const objects = Testing.synth(c);
    expect(objects.map((o) => o.kind)).toEqual(['ConfigMap', 'Deployment']);
    expect(names(objects[1].spec.template.spec.volumes)).toEqual([
      'own',
      'application-config',
      'component-log',
      'filebeat-data',
      'filebeat-conf',
      'tls-info',
    ]);
  });
});
