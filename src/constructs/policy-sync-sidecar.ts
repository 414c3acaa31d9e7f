import { Construct } from 'constructs';
import { PodPart } from './pod-part';
import { ComponentPod } from './component-pod';
import { PLATFORM_DEFAULTS } from '../contract/defaults';
import { emptyDirVolume, helperContainer, mount } from './private/container';
import { PDP_SECRET_KEYS, POLICY_DECISION_ENDPOINT, POLICY_FILE, POLICY_MOUNT_PATH, POLICY_SYNC_CONTAINER } from '../contract/names';
import { POLICY_SHARED_VOLUME } from './private/parts';

/** Options of {@link PolicySyncSidecar}: its props without the pod. */
export interface PolicySyncSidecarOptions {
  /** The ids of the policies to fetch, in order, each once: POLICY_SYNC_ID, as a JSON list. At least one. */
  readonly policyIds: readonly string[];
  /** The policy-sync image. @default "nexus3.onap.org:10001/onap/org.onap.dcaegen2.deployments.dcae-services-policy-sync:1.0.1" (platform policy_sync.image) */
  readonly image?: string;
  /** The policy PDP's URL: POLICY_SYNC_PDP_URL. @default "https://policy-xacml-pdp:6969" (platform policy_sync.pdp_url) */
  readonly pdpUrl?: string;
  /**
   * The Secret with the PDP's user (key `login`) and password (key `password`): POLICY_SYNC_PDP_USER and POLICY_SYNC_PDP_PASS,
   * as `secretKeyRef`s (their values never appear in the manifest).
   * @default "onap-policy-xacml-pdp-restserver-creds" (platform policy_sync.pdp_secret)
   */
  readonly pdpSecret?: string;
  /** Seconds between two fetches: POLICY_SYNC_DURATION, a whole number of at least 1. @default 300 (platform policy_sync.interval) */
  readonly interval?: number;
}

/** Props of {@link PolicySyncSidecar}. */
export interface PolicySyncSidecarProps extends PolicySyncSidecarOptions {
  /** The pod to add the sidecar to. */
  readonly pod: ComponentPod;
}

/**
 * The policy-sync sidecar, as ONAP OOM runs it: the `policy-shared` volume (an emptyDir), mounted at `/etc/policies`
 * in the main container and in the `policy-sync` container, which fetches the policies from the policy PDP every
 * `interval` seconds and writes them to `/etc/policies/policies.json`, where the DCAE SDK reads them. No resources:
 * as every helper container of the pod.
 *
 * At synthesis, the sidecar checks that it has at least one policy id, and an interval that is a whole number of
 * at least 1.
 */
export class PolicySyncSidecar extends PodPart {
  /** The ids of the policies it fetches. */
  public readonly policyIds: readonly string[];

  constructor(scope: Construct, id: string, props: PolicySyncSidecarProps) {
    super(scope, id, props.pod);
    const d = PLATFORM_DEFAULTS.policySync;
    const pod = this.pod;
    const secret = props.pdpSecret ?? d.pdpSecret;
    const interval = props.interval ?? d.interval;
    this.policyIds = [...props.policyIds];
    pod.addVolume(emptyDirVolume(POLICY_SHARED_VOLUME));
    pod.mountOnMain(mount(POLICY_SHARED_VOLUME, POLICY_MOUNT_PATH));
    pod.addSidecar(
      helperContainer({
        name: POLICY_SYNC_CONTAINER,
        image: props.image ?? d.image,
        afterPodIp: [
          ['POLICY_SYNC_PDP_USER', { secret, key: PDP_SECRET_KEYS.user }],
          ['POLICY_SYNC_PDP_PASS', { secret, key: PDP_SECRET_KEYS.password }],
          ['POLICY_SYNC_PDP_URL', props.pdpUrl ?? d.pdpUrl],
          ['POLICY_SYNC_OUTFILE', POLICY_FILE],
          ['POLICY_SYNC_V1_DECISION_ENDPOINT', POLICY_DECISION_ENDPOINT],
          ['POLICY_SYNC_ID', JSON.stringify(this.policyIds)],
          ['POLICY_SYNC_DURATION', String(interval)],
        ],
        mounts: [mount(POLICY_SHARED_VOLUME, POLICY_MOUNT_PATH)],
      }),
    );
    this.node.addValidation({
      validate: () => [
        ...(this.policyIds.length === 0 ? ['policyIds is empty; the sidecar fetches policies by id: give at least one'] : []),
        ...(Number.isInteger(interval) && interval >= 1 ? [] : [`interval is ${interval}; expected a whole number of seconds, at least 1`]),
      ],
    });
  }
}
