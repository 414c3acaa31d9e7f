/**
 * The constructs' side of Pod Security: ComponentPod's `podSecurity` prop applies the profile when the pod renders,
 * to every container and init container whichever construct added them (a later feature's included), and its
 * validation refuses what would still break the "restricted" profile.
 */
import { Testing } from 'cdk8s';
import { ComponentChart } from '../../src/constructs/component-chart';
import { ComponentPod } from '../../src/constructs/component-pod';
import { PodSecurityOptions, PodSecurityProfile } from '../../src/constructs/pod-security';
import { PLATFORM_DEFAULTS } from '../../src/contract/defaults';
import { chart, containerContext, podContext, podSpecOf, validationErrors as errorsOf } from '../helpers';
import { restrictedViolations } from '../pss';

/** A chart with a pod `solo` with these Pod Security options. */
function securedPod(podSecurity?: PodSecurityOptions) {
  const c = chart();
  const pod = new ComponentPod(c, 'Pod', { main: { name: 'solo', image: 'repo/solo:1' }, podSecurity });
  return { c, pod };
}

const WHY = 'which the Pod Security Standards "restricted" profile does not allow';

describe('ComponentPod podSecurity', () => {
  test('GIVEN no podSecurity, and profile none WHEN synthesised THEN the pod spec is the same, with no securityContext', () => {
    const plain = podSpecOf(securedPod().c);
    expect(plain).not.toHaveProperty('securityContext');
    expect(plain.containers[0]).not.toHaveProperty('securityContext');
    expect(podSpecOf(securedPod({ profile: 'none', runAsUser: 7 }).c)).toEqual(plain);
    expect(PLATFORM_DEFAULTS.podSecurity).toEqual({
      profile: 'none',
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      readOnlyRootFilesystem: false,
    });
  });

  test('GIVEN profile restricted and containers added by hand (as another construct would) WHEN synthesised THEN every container and init container gets the securityContext', () => {
    const { c, pod } = securedPod({ profile: 'restricted', runAsUser: 3000, readOnlyRootFilesystem: true });
    pod.addSidecar({ name: 'later-sidecar', image: 'x' });
    pod.addInitContainer({ name: 'later-init', image: 'y' });
    pod.addVolume({ name: 'cfg', configMap: { name: 'cfg' } });
    const spec = podSpecOf(c);
    expect(spec.securityContext).toEqual(podContext(3000, 1000, 1000));
    expect([...spec.containers, ...spec.initContainers].map((x: any) => [x.name, x.securityContext])).toEqual([
      ['solo', containerContext(true)],
      ['later-sidecar', containerContext(true)],
      ['later-init', containerContext(true)],
    ]);
    expect(restrictedViolations(spec)).toEqual([]);
  });

  test("GIVEN profile restricted and a container that brings its own securityContext WHEN synthesised THEN its other fields are kept and the profile's win", () => {
    const { c, pod } = securedPod({ profile: 'restricted' });
    pod.addSidecar({
      name: 'binder',
      image: 'x',
      securityContext: { capabilities: { add: ['NET_BIND_SERVICE'], drop: ['NET_RAW'] }, allowPrivilegeEscalation: true, runAsGroup: 5 },
    });
    const binder = podSpecOf(c).containers[1];
    expect(binder.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
      readOnlyRootFilesystem: false,
      runAsNonRoot: true,
      runAsGroup: 5,
    });
  });

  test('GIVEN profile restricted WHEN a hostPath volume is added THEN synthesis fails, naming the volume and the way out', () => {
    const { c, pod } = securedPod({ profile: 'restricted' });
    pod.addVolume({ name: 'node-logs', hostPath: { path: '/var/log' } });
    pod.mountOnMain({ name: 'node-logs', mountPath: '/logs' });
    expect(errorsOf(() => Testing.synth(c))).toEqual([
      `[standalone/Pod] volume "node-logs" is a hostPath volume, ${WHY}; use one of configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret, or podSecurity: {profile: "none"}`,
    ]);
  });

  test('GIVEN profile restricted WHEN a container is privileged, adds SYS_ADMIN, runs as root and has a host port THEN synthesis fails with each', () => {
    const { c, pod } = securedPod({ profile: 'restricted' });
    pod.addSidecar({
      name: 'bad',
      image: 'x',
      ports: [{ containerPort: 80, hostPort: 80 }],
      securityContext: { privileged: true, runAsUser: 0, capabilities: { add: ['SYS_ADMIN'] } },
    });
    expect(errorsOf(() => Testing.synth(c))).toEqual([
      `[standalone/Pod] container "bad" is privileged, ${WHY}`,
      `[standalone/Pod] container "bad" runs as user 0 (root), ${WHY}`,
      `[standalone/Pod] container "bad" adds the capabilities SYS_ADMIN, ${WHY} (only NET_BIND_SERVICE)`,
      `[standalone/Pod] container "bad" has host port 80, ${WHY}; use a NodePort Service`,
    ]);
  });

  test.each([
    [
      { profile: 'restricted', runAsUser: 0 },
      `podSecurity.runAsUser is 0 (root), ${WHY} (the pod runs as non-root); expected a user ID from 1 to 2147483647`,
    ],
    [{ runAsGroup: -1 }, 'podSecurity.runAsGroup is -1; expected a whole number from 0 to 2147483647'],
    [{ fsGroup: 1.5 }, 'podSecurity.fsGroup is 1.5; expected a whole number from 0 to 2147483647'],
    [{ runAsUser: 2147483648 }, 'podSecurity.runAsUser is 2147483648; expected a whole number from 0 to 2147483647'],
    [{ profile: 'baseline' as PodSecurityProfile }, 'podSecurity.profile is "baseline"; expected "none" or "restricted"'],
  ] as Array<[PodSecurityOptions, string]>)('GIVEN podSecurity %j WHEN synthesised THEN it fails: %s', (options, message) => {
    expect(errorsOf(() => Testing.synth(securedPod(options).c))).toEqual([`[standalone/Pod] ${message}`]);
  });

  test('GIVEN a ComponentChart with podSecurity restricted WHEN it has a hostPath volume THEN synthesis fails; with a configMap volume, filebeat, TLS and external certificates it passes every rule', () => {
    const base = { main: { name: 'comp', image: 'r/c:1' }, podSecurity: { profile: 'restricted' as const } };
    const bad = new ComponentChart(Testing.app(), 'bad', { ...base, volumes: [{ name: 'h', mountPath: '/h', hostPath: '/h' }] });
    expect(errorsOf(() => Testing.synth(bad))).toHaveLength(1);
    const good = new ComponentChart(Testing.app(), 'good', {
      ...base,
      volumes: [{ name: 'cfg', mountPath: '/cfg', configMap: 'cfg' }],
      filebeat: { logDirectory: '/logs' },
      certServiceClient: { externalCertDirectory: '/ext', caName: 'RA', commonName: 'comp' },
    });
    const spec = Testing.synth(good).find((o) => o.kind === 'Deployment').spec.template.spec;
    expect([...spec.containers, ...spec.initContainers].map((x: any) => x.name)).toEqual([
      'comp',
      'filebeat',
      'init-tls',
      'cert-service-client',
      'cert-post-processor',
    ]);
    expect(restrictedViolations(spec)).toEqual([]);
  });
});
