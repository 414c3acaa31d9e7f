/** What the rules know of the platform: the facts of the platform file that checking a component needs. */
import { ApplicationConfigSource, FilebeatSettings, KafkaSettings, PodSecuritySettings } from '../platform/settings';

/** The platform facts the port rules need. */
export interface PortContext {
  /** Host ports other than 0 must lie in this range. Undefined when the platform's range is itself invalid (not checked then). */
  readonly nodePortRange?: { readonly min: number; readonly max: number };
}

/** The platform facts that validation needs. */
export interface ValidationContext extends PortContext {
  /** The platform's namespace, for a spec that sets none. */
  readonly namespace: string;
  /** Where tls-info is mounted when the spec sets no tls_info.cert_directory. */
  readonly defaultCertDirectory: string;
  /** The filebeat sidecar's platform settings. Undefined when the platform's are invalid (its mounts are not checked then). */
  readonly filebeat?: FilebeatSettings;
  /** Where components read their configuration from (platform application_config.source). Undefined when the platform's is invalid (application_config is not read then). */
  readonly applicationConfigSource?: ApplicationConfigSource;
  /** The platform's pod_security. Undefined when the platform's are invalid (the spec's Pod Security is not checked then). @default undefined */
  readonly podSecurity?: PodSecuritySettings;
  /** cert-manager mode (platform cmpv2_issuer.enabled): external certificates come from a cert-manager Certificate. @default false */
  readonly certManager?: boolean;
  /** Whether each component gets a ServiceAccount (platform service_account.enabled). Undefined when the platform's is invalid (the spec's service_account is not judged then). @default false */
  readonly serviceAccount?: boolean;
  /** Whether components with policy ids get the policy-sync sidecar (platform policy_sync.enabled). Undefined when the platform's is invalid (the spec's policy_ids is not judged then). @default false */
  readonly policySync?: boolean;
  /** The platform's kafka settings. Undefined when the platform's are invalid (the spec's streams and topics are not judged then). @default undefined */
  readonly kafka?: KafkaSettings;
}
