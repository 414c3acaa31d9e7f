/** PolicySyncSidecar used on its own, as a cdk8s user would: the platform defaults, every prop, and what it refuses. */
import { Testing } from 'cdk8s';
import { PolicySyncSidecar } from '../../src/constructs/policy-sync-sidecar';
import { ComponentChart } from '../../src/constructs/component-chart';
import { chart, containerNamed, names, POD_IP, podSpecOf, soloPod } from '../helpers';

const MOUNT = { name: 'policy-shared', mountPath: '/etc/policies' };

describe('PolicySyncSidecar in a chart of its own', () => {
  test('GIVEN only the pod and the ids WHEN synthesised THEN the platform defaults apply: OOM image, PDP, Secret and 300 seconds', () => {
    const c = chart();
    const pod = soloPod(c);
    const sidecar = new PolicySyncSidecar(c, 'PolicySync', { pod, policyIds: ['a.b', 'c'] });
    const spec = podSpecOf(c);
    expect(names(spec.containers)).toEqual(['solo', 'policy-sync']);
    expect(spec.volumes).toEqual([{ name: 'policy-shared', emptyDir: {} }]);
    expect(containerNamed(spec, 'solo').volumeMounts).toEqual([MOUNT]);
    expect(containerNamed(spec, 'policy-sync')).toEqual({
      name: 'policy-sync',
      image: 'nexus3.onap.org:10001/onap/org.onap.dcaegen2.deployments.dcae-services-policy-sync:1.0.1',
      imagePullPolicy: 'IfNotPresent',
      env: [
        POD_IP,
        { name: 'POLICY_SYNC_PDP_USER', valueFrom: { secretKeyRef: { name: 'onap-policy-xacml-pdp-restserver-creds', key: 'login' } } },
        { name: 'POLICY_SYNC_PDP_PASS', valueFrom: { secretKeyRef: { name: 'onap-policy-xacml-pdp-restserver-creds', key: 'password' } } },
        { name: 'POLICY_SYNC_PDP_URL', value: 'https://policy-xacml-pdp:6969' },
        { name: 'POLICY_SYNC_OUTFILE', value: '/etc/policies/policies.json' },
        { name: 'POLICY_SYNC_V1_DECISION_ENDPOINT', value: 'policy/pdpx/v1/decision' },
        { name: 'POLICY_SYNC_ID', value: '["a.b","c"]' },
        { name: 'POLICY_SYNC_DURATION', value: '300' },
      ],
      volumeMounts: [MOUNT],
    });
    expect(sidecar.policyIds).toEqual(['a.b', 'c']);
  });

  test('GIVEN every prop WHEN synthesised THEN the image, URL, Secret and interval are those given', () => {
    const c = chart();
    const pod = soloPod(c);
    new PolicySyncSidecar(c, 'PolicySync', {
      pod,
      policyIds: ['p'],
      image: 'repo/ps:2',
      pdpUrl: 'http://pdp:1',
      pdpSecret: 's',
      interval: 5,
    });
    const sidecar = containerNamed(podSpecOf(c), 'policy-sync');
    expect(sidecar.image).toBe('repo/ps:2');
    expect(sidecar.env.map((e: any) => e.value ?? e.valueFrom.secretKeyRef?.name ?? 'POD_IP')).toEqual([
      'POD_IP',
      's',
      's',
      'http://pdp:1',
      '/etc/policies/policies.json',
      'policy/pdpx/v1/decision',
      '["p"]',
      '5',
    ]);
  });

  test('GIVEN no ids, or an interval that is no whole number of at least 1 WHEN synthesised THEN validation says so', () => {
    const c = chart();
    const pod = soloPod(c);
    new PolicySyncSidecar(c, 'PolicySync', { pod, policyIds: [], interval: 0.5 });
    expect(() => Testing.synth(c)).toThrow(
      /policyIds is empty; the sidecar fetches policies by id: give at least one[\s\S]*interval is 0\.5; expected a whole number of seconds, at least 1/,
    );
  });

  test('GIVEN two sidecars on one pod WHEN synthesised THEN the pod names the construct to add once', () => {
    const c = chart();
    const pod = soloPod(c);
    new PolicySyncSidecar(c, 'A', { pod, policyIds: ['a'] });
    new PolicySyncSidecar(c, 'B', { pod, policyIds: ['b'] });
    expect(() => Testing.synth(c)).toThrow(
      /two volumes named "policy-shared"; a PolicySyncSidecar adds it: add one PolicySyncSidecar per pod/,
    );
  });

  test('GIVEN a ComponentChart with policySync and filebeat WHEN synthesised THEN construct id PolicySync, its container after filebeat', () => {
    const c = new ComponentChart(Testing.app(), 'comp', {
      main: { name: 'comp', image: 'repo/comp:1' },
      filebeat: { logDirectory: '/logs' },
      policySync: { policyIds: ['p'] },
    });
    expect(c.node.findChild('PolicySync')).toBe(c.policySync);
    const spec = Testing.synth(c).find((o) => o.kind === 'Deployment').spec.template.spec;
    expect(names(spec.containers)).toEqual(['comp', 'filebeat', 'policy-sync']);
    expect(names(spec.volumes)).toEqual(['component-log', 'filebeat-data', 'filebeat-conf', 'policy-shared', 'tls-info']);
  });
});
