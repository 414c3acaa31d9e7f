/** The policy-sync rule: a component's policy_ids only with the platform's policy_sync.enabled, each id once, and /etc/policies free. */
import { policySyncRule } from '../../../src/input/rules/policy-sync';
import { F, testRule, withHead, y } from './tester';

const ON = y('policy_sync:', '  enabled: true');
const OFF_MESSAGE =
  `${F}:3:1: policy_ids: is set, and the platform's policy_sync.enabled is false: no policy-sync sidecar fetches the policies; ` +
  'expected no policy_ids, or policy_sync: {enabled: true} in platform.yaml to give each component with policy ids a policy-sync sidecar';
const TAKEN = (where: string, path: string, value: string) =>
  `${F}:${where}: ${path}: "${value}" is where the main container mounts policy-shared (the policies the policy-sync sidecar writes); ` +
  'the API server refuses two mounts at one path; expected another path';

testRule(policySyncRule, {
  valid: [
    { title: 'no policy_ids, mode off', spec: withHead() },
    { title: 'no policy_ids, mode on', spec: withHead(), platform: ON },
    { title: 'two ids, mode on', spec: withHead('policy_ids: [onap.vfirewall.tca, onap.vdns.tca]'), platform: ON },
    {
      title: 'a log directory elsewhere, mode on',
      spec: withHead('policy_ids: [a]', 'log_info: {log_directory: /etc/policies/logs}'),
      platform: ON,
    },
  ],
  invalid: [
    { title: 'ids, mode off (no platform file)', spec: withHead('policy_ids: [a]'), errors: [OFF_MESSAGE] },
    {
      title: 'ids, mode off in the platform file',
      spec: withHead('policy_ids: [a]'),
      platform: y('policy_sync:', '  enabled: false'),
      errors: [OFF_MESSAGE],
    },
    {
      title: 'an id twice',
      spec: withHead('policy_ids: [a, b, a, b]'),
      platform: ON,
      errors: [
        `${F}:3:20: policy_ids[2]: "a" is already policy_ids[0]; expected each policy id once`,
        `${F}:3:23: policy_ids[3]: "b" is already policy_ids[1]; expected each policy id once`,
      ],
    },
    {
      title: 'the log directory at /etc/policies',
      spec: withHead('policy_ids: [a]', 'log_info: {log_directory: /etc/policies}'),
      platform: ON,
      errors: [TAKEN('4:27', 'log_info.log_directory', '/etc/policies')],
    },
    {
      title: 'the cert directory at /etc/policies/, the same path written differently',
      spec: withHead('policy_ids: [a]', 'tls_info: {cert_directory: /etc/policies/}'),
      platform: ON,
      errors: [],
      warnings: [
        `${F}:4:28: tls_info.cert_directory: "/etc/policies/" is the same path as "/etc/policies", which policy-shared (the policies the ` +
          'policy-sync sidecar writes) mounts in the main container: the API server accepts both, as it compares mount paths as written, ' +
          'and the container runtime then mounts both volumes at that one path, one hiding the other; expected each path mounted once',
      ],
    },
  ],
});
