/** The service-account rule: a component's service_account only with the platform's service_account.enabled. */
import { serviceAccountRule } from '../../../src/input/rules/service-account';
import { F, testRule, withHead, y } from './tester';

const ON = y('service_account:', '  enabled: true');
const OFF_MESSAGE =
  `${F}:3:1: service_account: is set, and the platform's service_account.enabled is false: the component has no ServiceAccount ` +
  'of its own whose token it could mount; expected no service_account, or service_account: {enabled: true} in platform.yaml to ' +
  'give each component a ServiceAccount <name>';

testRule(serviceAccountRule, {
  valid: [
    { title: 'no service_account, mode off', spec: withHead() },
    { title: 'no service_account, mode on', spec: withHead(), platform: ON },
    { title: 'the token asked for, mode on', spec: withHead('service_account:', '  automount_token: true'), platform: ON },
    { title: 'the token refused, mode on', spec: withHead('service_account:', '  automount_token: false'), platform: ON },
    { title: 'an empty service_account, mode on', spec: withHead('service_account: {}'), platform: ON },
  ],
  invalid: [
    {
      title: 'the token asked for, mode off (no platform file)',
      spec: withHead('service_account:', '  automount_token: true'),
      errors: [OFF_MESSAGE],
    },
    {
      title: 'the token asked for, mode off in the platform file',
      spec: withHead('service_account:', '  automount_token: true'),
      platform: y('service_account:', '  enabled: false'),
      errors: [OFF_MESSAGE],
    },
  ],
});
