import type { EnvValue } from '../contract/env';
import type { MsbRegistration } from '../contract/msb';
import type { ContainerResources } from '../contract/resources';
import type { PodSecuritySettings } from './platform/settings';

/** A component's own pod_security keys: those it sets, each overriding the platform's. */
export type OwnPodSecurity = Partial<PodSecuritySettings>;

/**
 * A component spec after validation: every value has its final type and every default is filled in.
 * Later steps take these and never look at the file again.
 */

/** A transport protocol, as Kubernetes spells it. */
export type Protocol = 'TCP' | 'UDP';

/** One port mapping, after parsing and de-duplication. */
export interface PortMapping {
  /** The container port, 1-65535. */
  readonly containerPort: number;
  /** TCP or UDP. */
  readonly protocol: Protocol;
  /** The NodePort; 0 means no NodePort. */
  readonly hostPort: number;
  /** Whether the NodePort goes on the IPv6 Service. */
  readonly ipv6: boolean;
  /** Index, in the spec's `ports`, of the entry that set the host port (for messages). */
  readonly entry: number;
}

/** A user volume mounted into the main container. */
export interface VolumeSpec {
  /** The volume's deterministic name. */
  readonly name: string;
  /** Where the main container mounts it. */
  readonly mountPath: string;
  /** Whether the mount is read-only (mode ro). */
  readonly readOnly: boolean;
  /** A hostPath volume's path on the node. */
  readonly hostPath?: string;
  /** A configMap volume's ConfigMap name. */
  readonly configMap?: string;
  /** Index, in the spec's `volumes`, of the entry it came from (for messages). */
  readonly entry: number;
}

/** A readiness or liveness probe. */
export interface ProbeSpec {
  /** Seconds between probes. */
  readonly periodSeconds: number;
  /** Seconds before a probe times out. */
  readonly timeoutSeconds: number;
  /** An HTTP(S) GET, for types http and https. */
  readonly httpGet?: { readonly path: string; readonly port: number; readonly scheme: 'HTTP' | 'HTTPS' };
  /** A command, for types script and docker. */
  readonly exec?: { readonly command: readonly string[] };
}

/** Resource limits and requests, as given: what the constructs take. */
export type ResourcesSpec = ContainerResources;

/** The external certificate request, present only when use_external_tls is true. */
export interface ExternalCertSpec {
  /** Where the cert-service-client writes (before `external` is appended). */
  readonly externalCertDirectory: string;
  /** CA_NAME. */
  readonly caName: string;
  /** OUTPUT_TYPE as given (P12, JKS or PEM in any case). */
  readonly certType: string;
  /** COMMON_NAME. */
  readonly commonName: string;
  /** SANS. */
  readonly sans: string;
  /** The SANs by kind, in cert-manager mode only (platform cmpv2_issuer.enabled). */
  readonly subjectAltNames?: SubjectAltNames;
}

/** Subject alternative names, each list in the order the spec gives them. */
export interface SubjectAltNames {
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
  readonly emailAddresses: readonly string[];
  readonly uris: readonly string[];
}

/** One MSB registration, with defaults filled in: what the constructs take. */
export type MsbEntry = MsbRegistration;

/** What a component asks of its ServiceAccount (spec key `service_account`, defaults filled in). */
export interface ServiceAccountSpec {
  /** Whether the pod mounts the ServiceAccount's token (`automount_token`, default false). */
  readonly automountToken: boolean;
}

/** One message-router or Kafka stream of a component, with its topic known. */
export interface KafkaStream {
  /** Its key in the configuration (`streams_publishes` / `streams_subscribes`). */
  readonly configKey: string;
  /** How the component reaches it, as its configuration names it (`message router` is `message_router`). */
  readonly type: 'message_router' | 'kafka';
  /** The Kafka topic, exactly. */
  readonly topic: string;
}

/** A stream the component reads, with the consumer group it reads with. */
export interface KafkaSubscription extends KafkaStream {
  readonly consumerGroup: string;
}

/** A component's Kafka streams (platform kafka.enabled), in the order of its spec; at least one. */
export interface KafkaStreamsSpec {
  readonly publishes: readonly KafkaStream[];
  readonly subscribes: readonly KafkaSubscription[];
}

/** A validated component. */
export interface ComponentSpec {
  /** The file it came from, for messages. */
  readonly file: string;
  readonly name: string;
  readonly image: string;
  /** The namespace: the spec's, else the platform's. */
  readonly namespace: string;
  readonly replicas: number;
  readonly alwaysPull: boolean;
  /** The spec's own labels (without app and k8sdeployment). */
  readonly labels: Readonly<Record<string, string>>;
  /** Main container variables in the spec's order: values as strings, or `{secret, key}` for a key of a Secret. */
  readonly env: ReadonlyArray<readonly [string, EnvValue]>;
  /** Port mappings keyed by (port, protocol, ipv6), in first-seen order. */
  readonly ports: readonly PortMapping[];
  readonly volumes: readonly VolumeSpec[];
  readonly resources?: ResourcesSpec;
  readonly readiness?: ProbeSpec;
  readonly liveness?: ProbeSpec;
  /** The filebeat sidecar's inputs, when log_info.log_directory is set. */
  readonly logInfo?: { readonly logDirectory: string; readonly alternateFbPath?: string };
  /** tls_info: whether the component uses TLS, and where tls-info is mounted (the spec's directory, else the platform's tls.component_cert_dir). */
  readonly tlsInfo: { readonly useTls: boolean; readonly certDirectory: string };
  readonly externalCert?: ExternalCertSpec;
  readonly k8sLocation?: string;
  readonly msbList: readonly MsbEntry[];
  /** The application configuration, when the component has one (only with the platform's application_config.source: configmap). */
  readonly applicationConfig?: Readonly<Record<string, unknown>>;
  /** The Pod Security the pod is written for: the spec's own pod_security keys, each over the platform's. */
  readonly podSecurity: PodSecuritySettings;
  /** The component's ServiceAccount, with the platform's service_account.enabled only. */
  readonly serviceAccount?: ServiceAccountSpec;
  /** The ids of the policies the policy-sync sidecar fetches, in order, each once; only with the platform's policy_sync.enabled. */
  readonly policyIds?: readonly string[];
  /** The component's message-router and Kafka streams, with the platform's kafka.enabled and at least one such stream. */
  readonly kafka?: KafkaStreamsSpec;
}
