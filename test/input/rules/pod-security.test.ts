/** The pod-security rule: what the "restricted" profile refuses in a spec. */
import { podSecurityRule } from '../../../src/input/rules/pod-security';
import { testRule, withHead } from './tester';

const HOST_VOLUME = ['volumes:', '  - host: {path: /var/log}', '    container: {bind: /logs}'];

testRule(podSecurityRule, {
  valid: [
    { title: 'a hostPath volume under the default profile none', spec: withHead(...HOST_VOLUME) },
    {
      title: 'profile restricted with a config volume and a user ID',
      spec: withHead(
        'pod_security: {profile: restricted, run_as_user: 1000}',
        'volumes:',
        '  - config_volume: {name: c}',
        '    container: {bind: /c}',
      ),
    },
  ],
  invalid: [
    {
      title: 'profile restricted and a hostPath volume',
      spec: withHead('pod_security: {profile: restricted}', ...HOST_VOLUME),
      errors: [
        `components/c.yaml:5:5: volumes[0]: is a hostPath volume (host.path "/var/log"), which the Pod Security Standards "restricted" profile (pod_security.profile) does not allow; expected a config_volume (a ConfigMap) in its place, or pod_security: {profile: none} for this component`,
      ],
    },
    {
      title: 'profile restricted and run_as_user 0',
      spec: withHead('pod_security: {profile: restricted, run_as_user: 0}'),
      errors: [
        `components/c.yaml:3:50: pod_security.run_as_user: 0 is the root user, which the Pod Security Standards "restricted" profile (pod_security.profile) does not allow: it runs every container as non-root (runAsNonRoot: true); expected a user ID from 1 to 2147483647`,
      ],
    },
  ],
});
