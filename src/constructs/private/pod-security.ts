/**
 * The Pod Security Standards "restricted" profile, applied to a rendered pod spec in one place, and what in a pod
 * would still break it. Private to the constructs: {@link ComponentPod} calls these when it renders and validates.
 */
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { PLATFORM_DEFAULTS, PodSecurityDefaults } from '../../contract/defaults';
import { POD_SECURITY_PROFILES, PodSecurityOptions } from '../pod-security';
import { MAX_INT32 } from '../../contract/limits';

/** The largest user or group ID the API server accepts (runAsUser, runAsGroup and fsGroup are int64 fields, checked to 0-2147483647). */

/** The volume sources the "restricted" profile allows; every other one (hostPath first) breaks it. */
const RESTRICTED_VOLUME_TYPES: readonly string[] = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

/** The one capability the "restricted" profile lets a container add. */
const ADDABLE_CAPABILITY = 'NET_BIND_SERVICE';

/** The options with every default filled in. */
export function podSecurityOf(options: PodSecurityOptions | undefined): PodSecurityDefaults {
  const d = PLATFORM_DEFAULTS.podSecurity;
  return {
    profile: options?.profile ?? d.profile,
    runAsUser: options?.runAsUser ?? d.runAsUser,
    runAsGroup: options?.runAsGroup ?? d.runAsGroup,
    fsGroup: options?.fsGroup ?? d.fsGroup,
    readOnlyRootFilesystem: options?.readOnlyRootFilesystem ?? d.readOnlyRootFilesystem,
  };
}

/**
 * The pod spec as the profile wants it: unchanged (the same object) with `none`; with `restricted`, the pod's
 * securityContext and each container's and init container's, over whatever securityContext they already had.
 */
export function withPodSecurity(spec: k8s.PodSpec, o: PodSecurityDefaults): k8s.PodSpec {
  if (o.profile !== 'restricted') return spec;
  const secure = (c: k8s.Container): k8s.Container => ({
    ...c,
    securityContext: {
      ...c.securityContext,
      allowPrivilegeEscalation: false,
      capabilities: { ...c.securityContext?.capabilities, drop: ['ALL'] },
      readOnlyRootFilesystem: o.readOnlyRootFilesystem,
      runAsNonRoot: true,
    },
  });
  return {
    ...spec,
    securityContext: {
      ...spec.securityContext,
      runAsNonRoot: true,
      runAsUser: o.runAsUser,
      runAsGroup: o.runAsGroup,
      fsGroup: o.fsGroup,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: spec.containers.map(secure),
    initContainers: spec.initContainers?.map(secure),
  };
}

/**
 * What is wrong with the options (their defaults filled in), and, with `restricted`, what in the rendered pod still
 * breaks the profile: a volume of another type (hostPath), a host namespace, a privileged container, a host port, an
 * added capability other than NET_BIND_SERVICE, or root as a container's user.
 */
export function podSecurityProblems(o: PodSecurityDefaults, spec: k8s.PodSpec): string[] {
  const errors: string[] = [];
  if (!POD_SECURITY_PROFILES.includes(o.profile)) {
    errors.push(`podSecurity.profile is ${JSON.stringify(o.profile)}; expected ${POD_SECURITY_PROFILES.map((p) => `"${p}"`).join(' or ')}`);
  }
  for (const key of ['runAsUser', 'runAsGroup', 'fsGroup'] as const) {
    const id = o[key];
    if (!Number.isInteger(id) || id < 0 || id > MAX_INT32)
      errors.push(`podSecurity.${key} is ${id}; expected a whole number from 0 to ${MAX_INT32}`);
  }
  if (o.profile !== 'restricted') return errors;
  const why = 'which the Pod Security Standards "restricted" profile does not allow';
  if (o.runAsUser === 0)
    errors.push(`podSecurity.runAsUser is 0 (root), ${why} (the pod runs as non-root); expected a user ID from 1 to ${MAX_INT32}`);
  for (const v of spec.volumes ?? []) {
    const types = Object.keys(v).filter((k) => k !== 'name' && (v as unknown as Record<string, unknown>)[k] !== undefined);
    const refused = types.filter((t) => !RESTRICTED_VOLUME_TYPES.includes(t));
    if (refused.length > 0) {
      errors.push(
        `volume "${v.name}" is a ${refused.join(', ')} volume, ${why}; use one of ${RESTRICTED_VOLUME_TYPES.join(', ')}, or podSecurity: {profile: "none"}`,
      );
    }
  }
  for (const [key, field] of [
    ['hostNetwork', 'hostNetwork'],
    ['hostPid', 'hostPID'],
    ['hostIpc', 'hostIPC'],
  ] as const) {
    if (spec[key]) errors.push(`the pod sets ${field}, ${why}`);
  }
  for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
    const sc = c.securityContext;
    if (sc?.privileged) errors.push(`container "${c.name}" is privileged, ${why}`);
    if (sc?.runAsUser === 0) errors.push(`container "${c.name}" runs as user 0 (root), ${why}`);
    const added = (sc?.capabilities?.add ?? []).filter((cap) => cap !== ADDABLE_CAPABILITY);
    if (added.length > 0)
      errors.push(`container "${c.name}" adds the capabilities ${added.join(', ')}, ${why} (only ${ADDABLE_CAPABILITY})`);
    for (const p of c.ports ?? []) {
      if (p.hostPort) errors.push(`container "${c.name}" has host port ${p.hostPort}, ${why}; use a NodePort Service`);
    }
  }
  return errors;
}
