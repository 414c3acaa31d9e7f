/**
 * ServiceAccounts (issue 20, part 2; docs/reference.md, "ServiceAccount"): the platform's service_account, off by
 * default, and a component's service_account.automount_token.
 */
import { validateObject } from '../../src/output/validate';
import { compile, compileProject, dcae, deploymentOf, errorsOf, find, kindsAndNames, podOf, spec, withHead } from '../helpers';

const ON = { service_account: { enabled: true } };
const ROLE = { service_account: { enabled: true, role: 'onap-read' } };
const LABELS = { app: 'comp', k8sdeployment: 'dep-comp' };

describe('service_account off (the default)', () => {
  test('GIVEN no platform setting WHEN compiled THEN no ServiceAccount, and the pod names none; the output equals the one with enabled: false written out', () => {
    const plain = compile(spec({ ports: ['8080:0'] }));
    expect(kindsAndNames(plain.objects)).toEqual(['Deployment/dep-comp', 'Service/comp']);
    expect(podOf(plain.objects).serviceAccountName).toBeUndefined();
    expect(podOf(plain.objects).automountServiceAccountToken).toBeUndefined();
    expect(compile(spec({ ports: ['8080:0'] }), { service_account: { enabled: false } }).yaml).toBe(plain.yaml);
  });

  test('GIVEN the mode off WHEN a component asks for the token THEN it is an error at the key naming the platform key to turn on', () => {
    expect(errorsOf(withHead('service_account: {automount_token: true}'))).toEqual([
      "components/c.yaml:3:1: service_account: is set, and the platform's service_account.enabled is false: the component has no " +
        'ServiceAccount of its own whose token it could mount; expected no service_account, or service_account: {enabled: true} in ' +
        'platform.yaml to give each component a ServiceAccount <name>',
    ]);
  });

  test('GIVEN a role without enabled WHEN compiled THEN the platform file is refused at role', () => {
    expect(errorsOf(withHead(), { service_account: { role: 'onap-read' } })).toEqual([
      'components/platform.yaml:2:3: service_account.role: is "onap-read", and service_account.enabled is false: a RoleBinding binds ' +
        "the component's ServiceAccount, which only service_account.enabled: true writes; expected service_account: {enabled: true, role: ...}, or no role",
    ]);
  });

  test('GIVEN a role that is no DNS-1123 subdomain, or an unknown key WHEN compiled THEN the schema refuses them', () => {
    expect(errorsOf(withHead(), { service_account: { enabled: true, role: 'Onap_Read' } })).toEqual([
      'components/platform.yaml:3:9: service_account.role: "Onap_Read" is not a Role name (DNS-1123 subdomain)',
    ]);
    expect(errorsOf(withHead('service_account: {automount: true}'), ON)).toEqual([
      'components/c.yaml:3:19: service_account.automount: unknown key; expected one of: automount_token',
    ]);
  });
});

describe('service_account.enabled: true', () => {
  test('GIVEN the mode on WHEN compiled THEN a ServiceAccount <name> comes before the Deployment, with the labels and namespace of the others and no token', () => {
    const { objects } = compile(spec({ ports: ['8080:0'], namespace: 'onap' }), ON);
    expect(kindsAndNames(objects)).toEqual(['ServiceAccount/comp', 'Deployment/dep-comp', 'Service/comp']);
    expect(objects[0]).toEqual({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'comp', namespace: 'onap', labels: LABELS },
      automountServiceAccountToken: false,
    });
    expect(objects[0].metadata.labels).toEqual(deploymentOf(objects).metadata.labels);
    expect(podOf(objects).serviceAccountName).toBe('comp');
    expect(podOf(objects).automountServiceAccountToken).toBeUndefined();
  });

  test.each([
    [true, true],
    [false, undefined],
  ])('GIVEN automount_token: %s WHEN compiled THEN the pod has automountServiceAccountToken %s', (ask, written) => {
    const { objects } = compile(withHead(`service_account: {automount_token: ${ask}}`), ON);
    expect(podOf(objects).automountServiceAccountToken).toBe(written);
    expect(find(objects, 'ServiceAccount', 'comp').automountServiceAccountToken).toBe(false);
  });

  test('GIVEN a role WHEN compiled THEN a RoleBinding <name> binds the ServiceAccount to the Role, after it and before the Deployment', () => {
    const { objects } = compile(spec({ ports: ['8080:0'] }), ROLE);
    expect(kindsAndNames(objects)).toEqual(['ServiceAccount/comp', 'RoleBinding/comp', 'Deployment/dep-comp', 'Service/comp']);
    expect(objects[1]).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'comp', namespace: 'dcae', labels: LABELS },
      subjects: [{ kind: 'ServiceAccount', name: 'comp', namespace: 'dcae' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'onap-read' },
    });
  });

  test('GIVEN a configuration in a ConfigMap WHEN the mode is on THEN the ConfigMap stays first', () => {
    const { objects } = compile(withHead('application_config: {a: 1}'), { ...ROLE, application_config: { source: 'configmap' } });
    expect(kindsAndNames(objects)).toEqual([
      'ConfigMap/comp-application-config',
      'ServiceAccount/comp',
      'RoleBinding/comp',
      'Deployment/dep-comp',
    ]);
  });

  test('GIVEN a DCAE spec WHEN its override asks for the token THEN the pod mounts it', () => {
    const r = compileProject({
      components: [
        { name: 'components/c.json', text: JSON.stringify(dcae()) },
        { name: 'components/c.yaml', text: 'dcae_spec: c.json\nservice_account: {automount_token: true}\n' },
      ],
      platform: { name: 'components/platform.yaml', text: 'service_account: {enabled: true}\n' },
    });
    expect(r.errors).toEqual([]);
    const objects = r.manifests[0].objects;
    expect(kindsAndNames(objects)[0]).toBe('ServiceAccount/my-comp');
    expect(podOf(objects).automountServiceAccountToken).toBe(true);
  });

  test('GIVEN two components WHEN the mode is on THEN the kustomization still lists one manifest per component', () => {
    const r = compileProject({
      components: [
        { name: 'components/a.yaml', text: 'name: a\nimage: repo/a:1\n' },
        { name: 'components/b.yaml', text: 'name: b\nimage: repo/b:1\n' },
      ],
      platform: { name: 'components/platform.yaml', text: 'service_account: {enabled: true, role: onap-read}\n' },
    });
    expect(r.errors).toEqual([]);
    expect(r.files['kustomization.yaml']).toContain('resources:\n  - a.k8s.yaml\n  - b.k8s.yaml\n');
  });
});

describe('validation before writing', () => {
  test('GIVEN a ServiceAccount and a RoleBinding WHEN validated THEN they pass; a RoleBinding without roleRef fails', () => {
    const { objects } = compile(withHead(), ROLE);
    expect(objects.flatMap(validateObject)).toEqual([]);
    const { roleRef: _dropped, ...broken } = find(objects, 'RoleBinding', 'comp');
    expect(validateObject(broken)).toEqual([{ object: 'RoleBinding comp', field: 'roleRef', message: 'is required but missing' }]);
    expect(validateObject({ ...find(objects, 'ServiceAccount', 'comp'), automountServiceAccountToken: 'no' })).toEqual([
      { object: 'ServiceAccount comp', field: 'automountServiceAccountToken', message: 'must be boolean' },
    ]);
  });
});
