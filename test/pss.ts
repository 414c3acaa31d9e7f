/**
 * An independent checker of the Kubernetes Pod Security Standards, "baseline" and "restricted" (which includes
 * baseline), written from the Kubernetes documentation's tables ("Pod Security Standards", kubernetes.io,
 * concepts/security/pod-security-standards), not from the compiler: each control is one rule, which lists what
 * in a pod spec breaks it. Not a test file (jest only runs *.test.ts).
 */

type Pod = any;

/** One control of the standard: its name as the documentation gives it, and what in a pod spec breaks it. */
export interface Rule {
  readonly profile: 'baseline' | 'restricted';
  readonly name: string;
  readonly check: (pod: Pod) => string[];
}

/** Every container of a pod: containers, initContainers and ephemeralContainers, with where each is. */
function allContainers(pod: Pod): Array<{ at: string; c: any }> {
  return (['containers', 'initContainers', 'ephemeralContainers'] as const).flatMap((list) =>
    (pod[list] ?? []).map((c: any, i: number) => ({ at: `${list}[${i}] (${c.name})`, c })),
  );
}

/** The pod and each container, with their securityContext (or {}). */
function contexts(pod: Pod): Array<{ at: string; sc: any }> {
  return [{ at: 'pod', sc: pod.securityContext ?? {} }, ...allContainers(pod).map(({ at, c }) => ({ at, sc: c.securityContext ?? {} }))];
}

const BASELINE_CAPABILITIES = [
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
];
const SELINUX_TYPES = ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];
const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

export const RULES: readonly Rule[] = [
  // ---- Baseline
  {
    profile: 'baseline',
    name: 'HostProcess',
    check: (pod) =>
      contexts(pod)
        .filter(({ sc }) => sc.windowsOptions?.hostProcess === true)
        .map(({ at }) => `${at}: windowsOptions.hostProcess is true`),
  },
  {
    profile: 'baseline',
    name: 'Host Namespaces',
    check: (pod) => ['hostNetwork', 'hostPID', 'hostIPC'].filter((k) => pod[k] === true).map((k) => `${k} is true`),
  },
  {
    profile: 'baseline',
    name: 'Privileged Containers',
    check: (pod) =>
      allContainers(pod)
        .filter(({ c }) => c.securityContext?.privileged === true)
        .map(({ at }) => `${at}: privileged`),
  },
  {
    profile: 'baseline',
    name: 'Capabilities (baseline)',
    check: (pod) =>
      allContainers(pod).flatMap(({ at, c }) =>
        (c.securityContext?.capabilities?.add ?? [])
          .filter((cap: string) => !BASELINE_CAPABILITIES.includes(cap))
          .map((cap: string) => `${at}: adds ${cap}`),
      ),
  },
  {
    profile: 'baseline',
    name: 'HostPath Volumes',
    check: (pod) => (pod.volumes ?? []).filter((v: any) => v.hostPath !== undefined).map((v: any) => `volume ${v.name} is hostPath`),
  },
  {
    profile: 'baseline',
    name: 'Host Ports',
    check: (pod) =>
      allContainers(pod).flatMap(({ at, c }) =>
        (c.ports ?? []).filter((p: any) => p.hostPort !== undefined && p.hostPort !== 0).map((p: any) => `${at}: hostPort ${p.hostPort}`),
      ),
  },
  {
    profile: 'baseline',
    name: 'AppArmor',
    // The pod template's annotations (container.apparmor.security.beta.kubernetes.io/*) are the older form: the
    // compiler writes none, which the tests check on the template's metadata.
    check: (pod) =>
      contexts(pod)
        .filter(({ sc }) => sc.appArmorProfile !== undefined && !['RuntimeDefault', 'Localhost'].includes(sc.appArmorProfile.type))
        .map(({ at, sc }) => `${at}: appArmorProfile.type ${sc.appArmorProfile.type}`),
  },
  {
    profile: 'baseline',
    name: 'SELinux',
    check: (pod) =>
      contexts(pod).flatMap(({ at, sc }) => {
        const o = sc.seLinuxOptions;
        if (!o) return [];
        const out: string[] = [];
        if (o.type !== undefined && o.type !== '' && !SELINUX_TYPES.includes(o.type)) out.push(`${at}: seLinuxOptions.type ${o.type}`);
        if (o.user !== undefined && o.user !== '') out.push(`${at}: seLinuxOptions.user set`);
        if (o.role !== undefined && o.role !== '') out.push(`${at}: seLinuxOptions.role set`);
        return out;
      }),
  },
  {
    profile: 'baseline',
    name: '/proc Mount Type',
    check: (pod) =>
      allContainers(pod)
        .filter(({ c }) => c.securityContext?.procMount !== undefined && c.securityContext.procMount !== 'Default')
        .map(({ at }) => `${at}: procMount`),
  },
  {
    profile: 'baseline',
    name: 'Seccomp (baseline)',
    check: (pod) =>
      contexts(pod)
        .filter(({ sc }) => sc.seccompProfile?.type === 'Unconfined')
        .map(({ at }) => `${at}: seccomp Unconfined`),
  },
  {
    profile: 'baseline',
    name: 'Sysctls',
    check: (pod) =>
      (pod.securityContext?.sysctls ?? []).filter((s: any) => !SAFE_SYSCTLS.includes(s.name)).map((s: any) => `sysctl ${s.name}`),
  },
  // ---- Restricted
  {
    profile: 'restricted',
    name: 'Volume Types',
    check: (pod) =>
      (pod.volumes ?? []).flatMap((v: any) =>
        Object.keys(v)
          .filter((k) => k !== 'name' && !RESTRICTED_VOLUMES.includes(k))
          .map((k) => `volume ${v.name} is ${k}`),
      ),
  },
  {
    profile: 'restricted',
    name: 'Privilege Escalation',
    check: (pod) =>
      allContainers(pod)
        .filter(({ c }) => c.securityContext?.allowPrivilegeEscalation !== false)
        .map(({ at }) => `${at}: allowPrivilegeEscalation is not false`),
  },
  {
    profile: 'restricted',
    name: 'Running as Non-root',
    check: (pod) => {
      const podLevel = pod.securityContext?.runAsNonRoot === true;
      const out = pod.securityContext?.runAsNonRoot === false ? ['pod: runAsNonRoot is false'] : [];
      for (const { at, c } of allContainers(pod)) {
        const v = c.securityContext?.runAsNonRoot;
        if (v === false || (v === undefined && !podLevel)) out.push(`${at}: runAsNonRoot is not true, and the pod's is not either`);
      }
      return out;
    },
  },
  {
    profile: 'restricted',
    name: 'Running as Non-root user',
    check: (pod) =>
      contexts(pod)
        .filter(({ sc }) => sc.runAsUser === 0)
        .map(({ at }) => `${at}: runAsUser is 0`),
  },
  {
    profile: 'restricted',
    name: 'Seccomp (restricted)',
    check: (pod) => {
      const ok = (p: any) => p !== undefined && ['RuntimeDefault', 'Localhost'].includes(p.type);
      const podLevel = ok(pod.securityContext?.seccompProfile);
      const out =
        pod.securityContext?.seccompProfile !== undefined && !podLevel ? ['pod: seccompProfile not RuntimeDefault or Localhost'] : [];
      for (const { at, c } of allContainers(pod)) {
        const p = c.securityContext?.seccompProfile;
        if (p === undefined ? !podLevel : !ok(p)) out.push(`${at}: no RuntimeDefault or Localhost seccompProfile, here or on the pod`);
      }
      return out;
    },
  },
  {
    profile: 'restricted',
    name: 'Capabilities (restricted)',
    check: (pod) =>
      allContainers(pod).flatMap(({ at, c }) => {
        const caps = c.securityContext?.capabilities ?? {};
        const out: string[] = [];
        if (!(caps.drop ?? []).includes('ALL')) out.push(`${at}: does not drop ALL`);
        for (const cap of caps.add ?? []) if (cap !== 'NET_BIND_SERVICE') out.push(`${at}: adds ${cap}`);
        return out;
      }),
  },
];

/** Every violation of the "restricted" profile (baseline included) in a pod spec, as `<rule>: <what>`. */
export function restrictedViolations(pod: Pod): string[] {
  return RULES.flatMap((r) => r.check(pod).map((v) => `${r.name}: ${v}`));
}
