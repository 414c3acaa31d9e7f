/** ComponentServiceAccount used on its own, as a cdk8s user would: in a chart with a namespace, and in one without. */
import { App, Chart, Testing } from 'cdk8s';
import { ComponentServiceAccount } from '../../src/constructs/component-service-account';
import { chart, podSpecOf, soloPod } from '../helpers';

describe('ComponentServiceAccount in a chart of its own', () => {
  test('GIVEN a chart with a namespace and a role WHEN synthesised THEN the ServiceAccount and RoleBinding come before the Deployment, the subject carries the namespace, and the pod runs as the account without its token', () => {
    const c = chart();
    const pod = soloPod(c);
    const sa = new ComponentServiceAccount(c, 'ServiceAccount', { pod, role: 'reader' });
    const objects = Testing.synth(c);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ServiceAccount/solo', 'RoleBinding/solo', 'Deployment/dep-solo']);
    expect(objects[0]).toEqual({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'solo', namespace: 'test', labels: { app: 'solo', k8sdeployment: 'dep-solo' } },
      automountServiceAccountToken: false,
    });
    expect(objects[1].subjects).toEqual([{ kind: 'ServiceAccount', name: 'solo', namespace: 'test' }]);
    expect(objects[1].roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' });
    expect(podSpecOf(c).serviceAccountName).toBe('solo');
    expect(podSpecOf(c).automountServiceAccountToken).toBeUndefined();
    expect(sa.roleBinding).toBeDefined();
  });

  test('GIVEN a chart without a namespace, no role, and the token asked for WHEN synthesised THEN no RoleBinding, and the pod mounts the token', () => {
    const c = new Chart(new App(), 'bare', { disableResourceNameHashes: true });
    const pod = soloPod(c);
    const sa = new ComponentServiceAccount(c, 'ServiceAccount', { pod, automountToken: true });
    const objects = Testing.synth(c);
    expect(objects.map((o) => o.kind)).toEqual(['ServiceAccount', 'Deployment']);
    expect(objects[0].metadata.namespace).toBeUndefined();
    expect(sa.roleBinding).toBeUndefined();
    expect(podSpecOf(c).automountServiceAccountToken).toBe(true);
  });
});
