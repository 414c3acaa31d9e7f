/** The platform-pod-security rule: the platform file's own pod_security. */
import { platformPodSecurityRule } from '../../../src/input/rules/platform-pod-security';
import { testRule, y } from './tester';

testRule(platformPodSecurityRule, {
  valid: [
    { title: 'profile restricted with its default user', spec: y('pod_security: {profile: restricted}') },
    { title: 'run_as_user 0 under profile none', spec: y('pod_security: {profile: none, run_as_user: 0}') },
  ],
  invalid: [
    {
      title: 'profile restricted and run_as_user 0',
      spec: y('pod_security: {profile: restricted, run_as_user: 0}'),
      errors: [
        `components/platform.yaml:1:50: pod_security.run_as_user: 0 is the root user, which the Pod Security Standards "restricted" profile (pod_security.profile) does not allow: it runs every container as non-root (runAsNonRoot: true); expected a user ID from 1 to 2147483647`,
      ],
    },
  ],
});
