/**
 * The component's policies (`policy_ids`): with the platform's `policy_sync.enabled`, a component with policy ids
 * gets the policy-sync sidecar, which fetches them into a file the main container reads; with the mode off, the key
 * is an error. A DCAE spec's `policy_info` gives the ids through the mapping (src/input/dcae/mapping.ts).
 */
import { POLICY_MOUNT_PATH, POLICY_SYNC_CONTAINER } from '../../contract/names';
import { describeValue } from '../diagnostics';
import { checkFixedMount, specMounts } from './mounts';
import { ComponentRule } from './rule';

/** Who mounts the policies in the main container, for messages. */
const WHO = `policy-shared (the policies the ${POLICY_SYNC_CONTAINER} sidecar writes)`;

/** The `policy-sync` rule: the ids of the policies the sidecar fetches, with the platform's mode on. */
export const policySyncRule: ComponentRule<'policy-sync', 'volumes'> = {
  name: 'policy-sync',
  description:
    "The key policy_ids is set only with the platform's policy_sync.enabled true, names each policy once, and no other mount of the main container is at /etc/policies.",
  after: ['volumes'],
  check: ({ value: v, platform, read: { volumes }, report: err, warn }) => {
    const enabled = platform.policySync;
    const ids = v.policy_ids;
    if (enabled === undefined || ids === undefined) return undefined;
    if (!enabled) {
      err(
        ['policy_ids'],
        "is set, and the platform's policy_sync.enabled is false: no policy-sync sidecar fetches the policies; expected no policy_ids, " +
          'or policy_sync: {enabled: true} in platform.yaml to give each component with policy ids a policy-sync sidecar',
        'key',
      );
      return undefined;
    }
    // Anything but a non-empty list of non-empty strings is the schema's to report.
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id): id is string => typeof id === 'string' && id !== '')) return undefined;
    const first = new Map<string, number>();
    ids.forEach((id, i) => {
      const earlier = first.get(id);
      if (earlier === undefined) first.set(id, i);
      else err(['policy_ids', i], `${describeValue(id)} is already policy_ids[${earlier}]; expected each policy id once`);
    });
    checkFixedMount(specMounts(v, volumes, platform.defaultCertDirectory, ['policy_ids']), POLICY_MOUNT_PATH, WHO, err, warn);
    return ids;
  },
};
