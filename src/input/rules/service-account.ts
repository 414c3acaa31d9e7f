/**
 * The component's ServiceAccount (`service_account`): with the platform's `service_account.enabled`, every component
 * gets one, and the key only says whether the pod mounts its token; with the mode off, the key is an error.
 */
import { isObj } from '../values';
import { ComponentRule } from './rule';

/** The `service-account` rule: what the component asks of its ServiceAccount, with the platform's mode on. */
export const serviceAccountRule: ComponentRule<'service-account'> = {
  name: 'service-account',
  description: "The key service_account is set only with the platform's service_account.enabled true.",
  check: ({ value: v, platform, report: err }) => {
    const enabled = platform.serviceAccount;
    if (enabled === undefined) return undefined;
    if (!enabled) {
      if (v.service_account !== undefined) {
        err(
          ['service_account'],
          "is set, and the platform's service_account.enabled is false: the component has no ServiceAccount of its own whose token " +
            'it could mount; expected no service_account, or service_account: {enabled: true} in platform.yaml to give each ' +
            'component a ServiceAccount <name>',
          'key',
        );
      }
      return undefined;
    }
    const own = isObj(v.service_account) ? v.service_account : {};
    return { automountToken: own.automount_token === true };
  },
};
