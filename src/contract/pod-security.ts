/** The Pod Security profiles a component may be written for: their names. */

/** `none`: no securityContext is written (the plugin's pods). `restricted`: the Pod Security Standards "restricted" profile. */
export type PodSecurityProfile = 'none' | 'restricted';

/** The profile names, in the order the docs list them. */
export const POD_SECURITY_PROFILES: readonly PodSecurityProfile[] = ['none', 'restricted'];
