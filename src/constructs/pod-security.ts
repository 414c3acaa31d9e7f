/**
 * Pod Security: the Kubernetes Pod Security Standards profile a {@link ComponentPod} is written to satisfy.
 * The pod applies it itself when it renders, to the pod and to every container and init container, whichever
 * construct added them.
 */

import { PodSecurityProfile } from '../contract/pod-security';

export { POD_SECURITY_PROFILES } from '../contract/pod-security';
export type { PodSecurityProfile } from '../contract/pod-security';

/**
 * Options of the pod's Pod Security. The user and group values are written only with `restricted`; each must be a
 * whole number from 0 to 2147483647 (what the API server accepts for these int64 fields), and `runAsUser` may not
 * be 0 (root) with `restricted`, which runs as non-root.
 */
export interface PodSecurityOptions {
  /**
   * With `restricted`, the pod gets `securityContext: {runAsNonRoot: true, runAsUser, runAsGroup, fsGroup,
   * seccompProfile: {type: RuntimeDefault}}` and every container and init container gets `securityContext:
   * {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, readOnlyRootFilesystem, runAsNonRoot: true}`;
   * the pod may then only have volumes of the types that profile allows (no hostPath).
   * @default "none" (platform pod_security.profile)
   */
  readonly profile?: PodSecurityProfile;
  /** The pod's `runAsUser`. @default 1000 (platform pod_security.run_as_user) */
  readonly runAsUser?: number;
  /** The pod's `runAsGroup`. @default 1000 (platform pod_security.run_as_group) */
  readonly runAsGroup?: number;
  /** The pod's `fsGroup`: the group that owns its volumes. @default 1000 (platform pod_security.fs_group) */
  readonly fsGroup?: number;
  /** Each container's `readOnlyRootFilesystem`. @default false (platform pod_security.read_only_root_filesystem) */
  readonly readOnlyRootFilesystem?: boolean;
}
