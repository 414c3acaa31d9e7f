/**
 * The pods the compiler writes with pod_security profile restricted, checked against the Kubernetes Pod Security
 * Standards "restricted" profile (baseline included) by an independent checker written from the Kubernetes
 * documentation (test/pss.ts), one test per rule and pod. Then, for each rule, the field the compiler writes for it
 * is removed (or the thing the rule forbids is added) and the checker must name that rule: so each rule's test
 * fails when its field is missing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { compile, compileFiles, dcae, EVERY_CONTAINER, EVERY_CONTAINER_NAMES, podOf, restrictedPlatform, spec, y } from '../helpers';
import { restrictedViolations, Rule, RULES } from '../pss';

const GOLDEN = path.join(__dirname, '..', 'golden', 'cases');

/** The pod of every restricted golden case (those whose expected Deployment has a pod securityContext). */
function restrictedGoldenPods(): Array<[string, any]> {
  return fs
    .readdirSync(GOLDEN)
    .sort()
    .flatMap((name) => {
      const objects = parseAllDocuments(fs.readFileSync(path.join(GOLDEN, name, 'expected.k8s.yaml'), 'utf8')).map((d) => d.toJS());
      const pod = podOf(objects);
      return pod.securityContext ? [[`golden case ${name}`, pod] as [string, any]] : [];
    });
}

/** The pods checked: compiled here, and the restricted golden cases. */
const PODS: Array<[string, any]> = [
  ['a minimal spec under a restricted platform', podOf(compile(spec(), restrictedPlatform()).objects)],
  [
    'a spec with every container (main, filebeat, init-tls, cert-service-client, cert-post-processor)',
    podOf(compile(EVERY_CONTAINER, restrictedPlatform()).objects),
  ],
  [
    'the same with a ServiceAccount whose token the pod mounts',
    podOf(
      compile(
        { ...EVERY_CONTAINER, service_account: { automount_token: true } },
        { ...restrictedPlatform(), service_account: { enabled: true, role: 'onap-read' } },
      ).objects,
    ),
  ],
  [
    'the same with the policy-sync sidecar (its container and its emptyDir policy-shared)',
    podOf(
      compile({ ...EVERY_CONTAINER, policy_ids: ['onap.vfirewall.tca'] }, { ...restrictedPlatform(), policy_sync: { enabled: true } })
        .objects,
    ),
  ],
  [
    'the same with read_only_root_filesystem true and its own user',
    podOf(
      compile({ ...EVERY_CONTAINER, pod_security: { run_as_user: 65534, read_only_root_filesystem: true } }, restrictedPlatform()).objects,
    ),
  ],
  [
    'a DCAE spec through a YAML spec that sets profile restricted',
    podOf(
      compileFiles({
        'components/c.json': dcae({ volumes: [{ config_volume: { name: 'my-config' }, container: { bind: '/etc/my' } }] }),
        'components/c.yaml': y('dcae_spec: c.json', 'pod_security: {profile: restricted}'),
      }).objects,
    ),
  ],
  ...restrictedGoldenPods(),
];

describe('the restricted pods against the Pod Security Standards', () => {
  test('GIVEN the golden cases WHEN the restricted ones are listed THEN there are at least two, one of them with every container type', () => {
    const golden = PODS.filter(([name]) => name.startsWith('golden case'));
    expect(golden.length).toBeGreaterThanOrEqual(2);
    const names = (pod: any) => [...pod.containers, ...(pod.initContainers ?? [])].map((c: any) => c.name).slice(1);
    expect(golden.some(([, pod]) => JSON.stringify(names(pod)) === JSON.stringify(EVERY_CONTAINER_NAMES.slice(1)))).toBe(true);
  });

  const cases = PODS.flatMap(([name, pod]) => RULES.map((rule) => [rule.profile, rule.name, name, pod, rule] as const));
  test.each(cases)(
    'GIVEN profile restricted WHEN the %s rule "%s" checks %s THEN nothing breaks it',
    (_profile, _rule, _name, pod, rule) => {
      expect(rule.check(pod)).toEqual([]);
    },
  );
});

/** A change to a restricted pod that breaks exactly one rule: a field the compiler writes removed, or a forbidden one added. */
interface Mutation {
  readonly rule: string;
  readonly what: string;
  readonly apply: (pod: any) => void;
}

/** A container of the pod by name (containers and init containers). */
const named = (pod: any, name: string) => [...pod.containers, ...(pod.initContainers ?? [])].find((c: any) => c.name === name);

const MUTATIONS: Mutation[] = [
  ...EVERY_CONTAINER_NAMES.flatMap((c): Mutation[] => [
    {
      rule: 'Privilege Escalation',
      what: `allowPrivilegeEscalation removed from ${c}`,
      apply: (pod) => {
        delete named(pod, c).securityContext.allowPrivilegeEscalation;
      },
    },
    {
      rule: 'Capabilities (restricted)',
      what: `capabilities.drop removed from ${c}`,
      apply: (pod) => {
        delete named(pod, c).securityContext.capabilities.drop;
      },
    },
    {
      rule: 'Running as Non-root',
      what: `runAsNonRoot removed from the pod and from ${c}`,
      apply: (pod) => {
        delete pod.securityContext.runAsNonRoot;
        delete named(pod, c).securityContext.runAsNonRoot;
      },
    },
    {
      rule: 'Capabilities (baseline)',
      what: `SYS_ADMIN added to ${c}`,
      apply: (pod) => {
        named(pod, c).securityContext.capabilities.add = ['SYS_ADMIN'];
      },
    },
    {
      rule: 'Privileged Containers',
      what: `${c} made privileged`,
      apply: (pod) => {
        named(pod, c).securityContext.privileged = true;
      },
    },
    {
      rule: 'Host Ports',
      what: `a hostPort on ${c}`,
      apply: (pod) => {
        named(pod, c).ports = [{ containerPort: 8080, hostPort: 8080 }];
      },
    },
  ]),
  {
    rule: 'Seccomp (restricted)',
    what: 'seccompProfile removed from the pod',
    apply: (pod) => {
      delete pod.securityContext.seccompProfile;
    },
  },
  {
    rule: 'Running as Non-root user',
    what: 'runAsUser 0 on the pod',
    apply: (pod) => {
      pod.securityContext.runAsUser = 0;
    },
  },
  {
    rule: 'Running as Non-root user',
    what: 'runAsUser 0 on the main container',
    apply: (pod) => {
      pod.containers[0].securityContext.runAsUser = 0;
    },
  },
  {
    rule: 'Volume Types',
    what: 'a hostPath volume added',
    apply: (pod) => {
      pod.volumes.push({ name: 'h', hostPath: { path: '/h' } });
    },
  },
  {
    rule: 'HostPath Volumes',
    what: 'a hostPath volume added',
    apply: (pod) => {
      pod.volumes.push({ name: 'h', hostPath: { path: '/h' } });
    },
  },
  {
    rule: 'Volume Types',
    what: 'a gitRepo volume added',
    apply: (pod) => {
      pod.volumes.push({ name: 'g', gitRepo: { repository: 'x' } });
    },
  },
  {
    rule: 'Host Namespaces',
    what: 'hostNetwork: true',
    apply: (pod) => {
      pod.hostNetwork = true;
    },
  },
  {
    rule: 'Host Namespaces',
    what: 'hostPID: true',
    apply: (pod) => {
      pod.hostPID = true;
    },
  },
  {
    rule: 'Host Namespaces',
    what: 'hostIPC: true',
    apply: (pod) => {
      pod.hostIPC = true;
    },
  },
  {
    rule: 'HostProcess',
    what: 'windowsOptions.hostProcess on the pod',
    apply: (pod) => {
      pod.securityContext.windowsOptions = { hostProcess: true };
    },
  },
  {
    rule: 'AppArmor',
    what: 'appArmorProfile Unconfined on the main container',
    apply: (pod) => {
      pod.containers[0].securityContext.appArmorProfile = { type: 'Unconfined' };
    },
  },
  {
    rule: 'SELinux',
    what: 'seLinuxOptions.user on the pod',
    apply: (pod) => {
      pod.securityContext.seLinuxOptions = { user: 'root' };
    },
  },
  {
    rule: 'SELinux',
    what: 'seLinuxOptions.type spc_t on an init container',
    apply: (pod) => {
      pod.initContainers[0].securityContext.seLinuxOptions = { type: 'spc_t' };
    },
  },
  {
    rule: '/proc Mount Type',
    what: 'procMount Unmasked on the main container',
    apply: (pod) => {
      pod.containers[0].securityContext.procMount = 'Unmasked';
    },
  },
  {
    rule: 'Seccomp (baseline)',
    what: 'seccompProfile Unconfined on the filebeat sidecar',
    apply: (pod) => {
      named(pod, 'filebeat').securityContext.seccompProfile = { type: 'Unconfined' };
    },
  },
  {
    rule: 'Sysctls',
    what: 'an unsafe sysctl',
    apply: (pod) => {
      pod.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '1' }];
    },
  },
];

describe("each rule fails when the compiler's field is missing (or a forbidden one is there)", () => {
  const everyContainer = () => JSON.parse(JSON.stringify(podOf(compile(EVERY_CONTAINER, restrictedPlatform()).objects)));

  test('GIVEN the mutations WHEN their rules are listed THEN every rule of the checker has at least one', () => {
    expect(RULES.map((r) => r.name).filter((name) => !MUTATIONS.some((m) => m.rule === name))).toEqual([]);
  });

  test.each(MUTATIONS.map((m) => [m.rule, m.what, m] as const))(
    'GIVEN the restricted pod with every container WHEN "%s" checks it with %s THEN that rule reports it',
    (_rule, _what, m) => {
      const pod = everyContainer();
      const rule = RULES.find((r) => r.name === m.rule) as Rule;
      expect(rule.check(pod)).toEqual([]);
      m.apply(pod);
      expect(rule.check(pod)).not.toEqual([]);
    },
  );

  test('GIVEN profile none (the default) WHEN the pod with every container is checked THEN the restricted rules about the securityContext break, and the baseline ones do not', () => {
    const pod = podOf(compile(EVERY_CONTAINER).objects);
    const broken = [...new Set(restrictedViolations(pod).map((v) => v.split(':')[0]))].sort();
    expect(broken).toEqual(['Capabilities (restricted)', 'Privilege Escalation', 'Running as Non-root', 'Seccomp (restricted)']);
  });
});
