/** The main container's name beside the containers the compiler adds. */
import * as names from '../../contract/names';
import { str } from '../values';
import { ComponentRule, logDirectoryOf } from './rule';

/**
 * The `container-names` rule: the main container is named after the component, and the API server refuses two
 * containers (or init containers) of one name in a pod: a component may not be named like a container the
 * compiler adds beside it.
 */
export const containerNamesRule: ComponentRule<'container-names', 'cert-manager'> = {
  name: 'container-names',
  description: 'The component is not named like a container the compiler adds beside it.',
  after: ['cert-manager'],
  check: ({ value, platform, read, report: err }) => {
    const name = str(value.name);
    if (name === undefined) return;
    const externalCert = read['cert-manager'] !== undefined;
    const helpers: Array<[string, string, boolean]> = [
      [names.TLS_INIT_CONTAINER, 'the TLS init container every pod gets', true],
      [names.FILEBEAT_CONTAINER, 'the filebeat sidecar that log_info adds', logDirectoryOf(value) !== undefined],
      [names.CERT_SERVICE_CLIENT_CONTAINER, 'the init container that external_cert adds', externalCert && !platform.certManager],
      [names.CERT_POST_PROCESSOR_CONTAINER, 'the init container that external_cert adds', externalCert],
      [
        names.POLICY_SYNC_CONTAINER,
        "the sidecar that policy ids add (policy_ids, or a DCAE spec's policy_info)",
        platform.policySync === true && Array.isArray(value.policy_ids) && value.policy_ids.length > 0,
      ],
    ];
    for (const [container, what, present] of helpers) {
      if (present && name === container) {
        err(['name'], `"${name}" is also the name of ${what}, and a pod's containers need distinct names; expected another component name`);
      }
    }
  },
};
