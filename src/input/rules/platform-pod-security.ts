/** The platform file's own pod_security, checked once at the platform file. */
import { rootUser } from './pod-security';
import { PlatformFacts, Rule } from './rule';

/**
 * The `platform-pod-security` rule, over the platform file: run_as_user 0 with profile restricted, once, at
 * run_as_user (the file sets it, as the default is 1000). Components that keep both values are not blamed again.
 */
export const platformPodSecurityRule: Rule<void, never, PlatformFacts> = {
  name: 'platform-pod-security',
  description: 'The platform\'s pod_security runs as no root user under the "restricted" profile.',
  check: ({ platform: { podSecurity }, report }) => {
    if (podSecurity?.profile === 'restricted' && podSecurity.run_as_user === 0)
      report(['pod_security', 'run_as_user'], rootUser('pod_security.profile'));
  },
};
