/**
 * pod_security: a component's Pod Security, key by key over the platform's, and what the Pod Security Standards
 * "restricted" profile refuses in a spec: root as the user, and hostPath volumes. Each is an error at the key
 * that causes it, saying how to proceed.
 */
import { describeValue, KeyPath } from '../diagnostics';
import { OwnPodSecurity, VolumeSpec } from '../model';
import { DEFAULT_PLATFORM, PodSecuritySettings } from '../platform/settings';
import { isObj, MAX_INT32, Report } from '../values';
import { ComponentRule } from './rule';

export type { OwnPodSecurity } from '../model';

const RESTRICTED = 'the Pod Security Standards "restricted" profile';

/** The `pod-security` rule: the component's own pod_security keys, over the platform's. */
export const podSecurityRule: ComponentRule<'pod-security', 'volumes'> = {
  name: 'pod-security',
  description: 'Under the "restricted" profile, the component runs as no root user and mounts no hostPath volume.',
  after: ['volumes'],
  check: ({ value, platform, read: { volumes }, report }) => {
    const own = readPodSecurity(value.pod_security);
    checkPodSecurity(own, platform.podSecurity, volumes, report);
    return own;
  },
};

/** The keys of a component's pod_security that have the right type (the schema reports the others). */
function readPodSecurity(value: unknown): OwnPodSecurity | undefined {
  if (!isObj(value)) return undefined;
  const own: Record<string, unknown> = {};
  if (value.profile === 'none' || value.profile === 'restricted') own.profile = value.profile;
  for (const key of ['run_as_user', 'run_as_group', 'fs_group'] as const) {
    if (Number.isInteger(value[key])) own[key] = value[key];
  }
  if (typeof value.read_only_root_filesystem === 'boolean') own.read_only_root_filesystem = value.read_only_root_filesystem;
  return own as OwnPodSecurity;
}

/** The settings a component's pod gets: its own keys over the platform's. */
export function effectivePodSecurity(platform: PodSecuritySettings, own: OwnPodSecurity | undefined): PodSecuritySettings {
  return { ...platform, ...own };
}

/** The message for user ID 0 under the "restricted" profile, which runs every container as non-root. */
export function rootUser(profileFrom: string): string {
  return (
    `0 is the root user, which ${RESTRICTED} (${profileFrom}) does not allow: it runs every container as non-root ` +
    `(runAsNonRoot: true); expected a user ID from 1 to ${MAX_INT32}`
  );
}

/**
 * A component's pod_security over the platform's: root as the user under "restricted" (at the key the component
 * sets), and every hostPath volume under "restricted" (at its `volumes` entry).
 * @param platform the platform's pod_security; undefined when it is invalid (then only a spec that sets its own profile is checked)
 */
function checkPodSecurity(
  own: OwnPodSecurity | undefined,
  platform: PodSecuritySettings | undefined,
  volumes: readonly VolumeSpec[],
  err: Report,
): void {
  const base = platform ?? (own?.profile !== undefined ? DEFAULT_PLATFORM.pod_security : undefined);
  if (!base) return;
  const ps = effectivePodSecurity(base, own);
  if (ps.profile !== 'restricted') return;
  const profileFrom = own?.profile === undefined ? 'pod_security.profile in the platform settings' : 'pod_security.profile';
  if (ps.run_as_user === 0) {
    if (own?.run_as_user !== undefined) {
      err(['pod_security', 'run_as_user'], rootUser(profileFrom));
    } else if (own?.profile !== undefined) {
      err(
        ['pod_security', 'profile'],
        `"restricted" runs every container as non-root, but the user ID is 0 (root), the platform's ` +
          `pod_security.run_as_user; expected pod_security.run_as_user set here to a user ID from 1 to ${MAX_INT32}, or profile "none"`,
      );
    }
  }
  for (const v of volumes) {
    if (v.hostPath === undefined) continue;
    err(
      ['volumes', v.entry] as KeyPath,
      `is a hostPath volume (host.path ${describeValue(v.hostPath)}), which ${RESTRICTED} ` +
        `(${profileFrom}) does not allow; expected a config_volume (a ConfigMap) in its place, or pod_security: {profile: none} for this component`,
    );
  }
}
