/**
 * The Deployment, Service, ConfigMap, ServiceAccount and RoleBinding classes behind the constructs serialise
 * their string maps (labels, annotations, selectors, data) in linear time; the JSON must be exactly what
 * cdk8s-plus-27's own classes write, key for key and in the same order.
 */
import { Chart, Testing } from 'cdk8s';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { ConfigMap, Deployment, RoleBinding, Service, ServiceAccount } from '../../src/constructs/private/api-objects';

const labels = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`l${49 - i}`, `v${i}`]));

const deploymentProps: k8s.KubeDeploymentProps = {
  metadata: { name: 'dep-x', labels, annotations: { 'b/x': '1', a: '2' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: labels },
    template: {
      metadata: { labels, annotations: { 'checksum/x': 'abc' } },
      spec: {
        containers: [
          {
            name: 'x',
            image: 'i',
            env: [{ name: 'A', value: '1' }],
            ports: [{ containerPort: 8080, protocol: 'TCP' }],
            readinessProbe: { httpGet: { path: '/', port: k8s.IntOrString.fromNumber(8080) } },
            resources: { limits: { cpu: k8s.Quantity.fromString('1') } },
          },
        ],
        volumes: [{ name: 'v', configMap: { name: 'c', defaultMode: 420 } }],
      },
    },
  },
};

const serviceProps: k8s.KubeServiceProps = {
  metadata: { name: 'x', labels, annotations: { msb: '[]' } },
  spec: {
    type: 'NodePort',
    selector: labels,
    ports: [{ name: 'x', port: 80, nodePort: 30080, targetPort: k8s.IntOrString.fromNumber(80) }],
  },
};

describe('linear-time API objects', () => {
  test('GIVEN the same props WHEN a Deployment and a KubeDeployment serialise THEN the JSON text is identical', () => {
    const chart = new Chart(Testing.app(), 'c');
    const ours = new Deployment(chart, 'ours', deploymentProps).toJson();
    const theirs = new k8s.KubeDeployment(chart, 'theirs', deploymentProps).toJson();
    expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
    expect(Object.keys(ours.spec.template.metadata.labels)).toHaveLength(50);
  });

  test('GIVEN the same props WHEN a Service and a KubeService serialise THEN the JSON text is identical', () => {
    const chart = new Chart(Testing.app(), 'c');
    const ours = new Service(chart, 'ours', serviceProps).toJson();
    const theirs = new k8s.KubeService(chart, 'theirs', serviceProps).toJson();
    expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
    expect(Object.keys(ours.spec.selector)).toHaveLength(50);
  });

  test('GIVEN the same props WHEN a ConfigMap and a KubeConfigMap serialise THEN the JSON text is identical', () => {
    const chart = new Chart(Testing.app(), 'c');
    const props: k8s.KubeConfigMapProps = { metadata: { name: 'x', labels }, data: { 'b.yaml': 'b: 1\n', 'a.yaml': 'a: 2\n' } };
    const ours = new ConfigMap(chart, 'ours', props).toJson();
    expect(JSON.stringify(ours)).toBe(JSON.stringify(new k8s.KubeConfigMap(chart, 'theirs', props).toJson()));
    expect(Object.keys(ours.metadata.labels)).toHaveLength(50);
  });

  test('GIVEN the same props WHEN a ServiceAccount and a KubeServiceAccount serialise THEN the JSON text is identical', () => {
    const chart = new Chart(Testing.app(), 'c');
    const props: k8s.KubeServiceAccountProps = {
      metadata: { name: 'x', labels, annotations: { a: '1' } },
      automountServiceAccountToken: false,
    };
    const ours = new ServiceAccount(chart, 'ours', props).toJson();
    expect(JSON.stringify(ours)).toBe(JSON.stringify(new k8s.KubeServiceAccount(chart, 'theirs', props).toJson()));
    expect(Object.keys(ours.metadata.labels)).toHaveLength(50);
  });

  test('GIVEN the same props WHEN a RoleBinding and a KubeRoleBinding serialise THEN the JSON text is identical', () => {
    const chart = new Chart(Testing.app(), 'c');
    const props: k8s.KubeRoleBindingProps = {
      metadata: { name: 'x', labels },
      subjects: [{ kind: 'ServiceAccount', name: 'x', namespace: 'onap' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'onap-read' },
    };
    const ours = new RoleBinding(chart, 'ours', props).toJson();
    expect(JSON.stringify(ours)).toBe(JSON.stringify(new k8s.KubeRoleBinding(chart, 'theirs', props).toJson()));
    expect(Object.keys(ours.metadata.labels)).toHaveLength(50);
  });

  test('GIVEN no labels or annotations WHEN serialised THEN no empty map appears', () => {
    const chart = new Chart(Testing.app(), 'c');
    const ours = new Service(chart, 'ours', { metadata: { name: 'x' }, spec: { ports: [{ port: 80 }] } }).toJson();
    expect(ours.metadata).toEqual({ name: 'x' });
    expect(ours.spec).toEqual({ ports: [{ port: 80 }] });
  });
});
