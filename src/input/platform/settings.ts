import { PLATFORM_DEFAULTS, PlatformDefaults } from '../../contract/defaults';
import { kafkaBootstrapServers, StrimziApiVersion } from '../../contract/names';
import { PodSecurityProfile } from '../../contract/pod-security';

/**
 * Platform settings: the plugin's `k8sconfig`. Keys keep the file's (and the plugin's) names, so that
 * `components/platform.yaml`, this type and docs/reference.md read the same.
 */
export interface PlatformSettings {
  /** Namespace of every object whose spec names none. */
  readonly namespace: string;
  /** Image pull Secret names, written to every pod. */
  readonly image_pull_secrets: readonly string[];
  /** The cluster's NodePort range, `<first>-<last>`. */
  readonly node_port_range: string;
  /** CONSUL_HOST of components imported from DCAE component specs. */
  readonly consul_dns_name: string;
  /** The config binding service. */
  readonly cbs: { readonly base_url: string };
  /** Where components read their application configuration from. */
  readonly application_config: { readonly source: ApplicationConfigSource };
  /** The filebeat logging sidecar. */
  readonly filebeat: FilebeatSettings;
  /** The TLS init container. */
  readonly tls: TlsSettings;
  /** The cert-service-client init container. */
  readonly external_cert: ExternalCertSettings;
  /** The cert-post-processor init container. */
  readonly cert_post_processor: { readonly image_tag: string };
  /** The Pod Security Standards profile of every pod, and its user and groups; a component may override each key. */
  readonly pod_security: PodSecuritySettings;
  /** cert-manager mode (plugin 3.9.0): a Certificate signed by a CMPv2Issuer instead of the cert-service-client. */
  readonly cmpv2_issuer: Cmpv2IssuerSettings;
  /** A ServiceAccount per component, and a RoleBinding to a Role (the compiler's own, opt-in). */
  readonly service_account: ServiceAccountSettings;
  /** The policy-sync sidecar of components with policies (the compiler's own, opt-in). */
  readonly policy_sync: PolicySyncSettings;
  /** Kafka streams on a Strimzi cluster: a KafkaUser and KafkaTopics per component (the compiler's own, opt-in). */
  readonly kafka: KafkaSettings;
}

/** The policy-sync sidecar: off by default, which writes what the plugin wrote (no sidecar; policies are not fetched). */
export interface PolicySyncSettings {
  /** Whether a component with policy ids gets the sidecar (default false). */
  readonly enabled: boolean;
  /** The sidecar's image. */
  readonly image: string;
  /** The policy PDP's URL (POLICY_SYNC_PDP_URL). */
  readonly pdp_url: string;
  /** The Secret holding the PDP's credentials, keys `login` and `password`. */
  readonly pdp_secret: string;
  /** Seconds between two fetches (POLICY_SYNC_DURATION), a whole number of at least 1. */
  readonly interval: number;
}

/** Kafka streams: off by default, which writes what the plugin wrote (streams are ignored). */
export interface KafkaSettings {
  /** Whether a component's message-router and Kafka streams get a KafkaUser, KafkaTopics and their variables (default false). */
  readonly enabled: boolean;
  /** The Strimzi Kafka cluster (the label `strimzi.io/cluster`). */
  readonly cluster: string;
  /** BOOTSTRAP_SERVERS, and `kafka_info.bootstrap_servers`: the file's, else `<cluster>-kafka-bootstrap:9092` of the final cluster. */
  readonly bootstrap_servers: string;
  /** Each KafkaTopic's `retention.ms`. */
  readonly retention_ms: number;
  /** Each KafkaTopic's `segment.bytes`. */
  readonly segment_bytes: number;
  /** The API version of the KafkaUser and KafkaTopics: `kafka.strimzi.io/v1beta2` (Strimzi before 1.0) or `kafka.strimzi.io/v1`. */
  readonly api_version: StrimziApiVersion;
}

/** ServiceAccounts: off by default, which writes what the plugin wrote (none; the namespace's `default` applies). */
export interface ServiceAccountSettings {
  /** Whether each component gets a ServiceAccount `<name>` (default false). */
  readonly enabled: boolean;
  /** The Role each ServiceAccount is bound to by a RoleBinding `<name>`; none by default (no RoleBinding). Only with enabled. */
  readonly role?: string;
}

/** cert-manager mode, as plugin 3.9.0 named it. */
export interface Cmpv2IssuerSettings {
  /** Whether external certificates come from a cert-manager Certificate (the compiler's own switch, default false). */
  readonly enabled: boolean;
  /** The CMPv2Issuer named in each Certificate's issuerRef. */
  readonly name: string;
}

/** Pod Security settings (platform `pod_security`, and a component's own `pod_security` over them). */
export interface PodSecuritySettings {
  readonly profile: PodSecurityProfile;
  readonly run_as_user: number;
  readonly run_as_group: number;
  readonly fs_group: number;
  readonly read_only_root_filesystem: boolean;
}

/**
 * Where components read their application configuration from: the config binding service (`cbs`, the plugin's
 * way), or a ConfigMap the compiler writes beside each component that has a configuration (`configmap`).
 */
export type ApplicationConfigSource = 'cbs' | 'configmap';

/** Settings of the filebeat sidecar. */
export interface FilebeatSettings {
  readonly log_path: string;
  readonly data_path: string;
  readonly config_path: string;
  readonly config_subpath: string;
  readonly config_map: string;
  readonly image: string;
}

/** Settings of the TLS init container. */
export interface TlsSettings {
  readonly cert_path: string;
  readonly component_cert_dir: string;
  readonly image: string;
}

/** Settings of the cert-service-client init container. */
export interface ExternalCertSettings {
  readonly image_tag: string;
  readonly request_url: string;
  readonly timeout: string;
  readonly country: string;
  readonly organization: string;
  readonly state: string;
  readonly organizational_unit: string;
  readonly location: string;
  readonly cert_secret_name: string;
  readonly keystore_secret_key: string;
  readonly truststore_secret_key: string;
  readonly keystore_password_secret_name: string;
  readonly truststore_password_secret_name: string;
  readonly keystore_password_secret_key: string;
  readonly truststore_password_secret_key: string;
}

/**
 * The built-in defaults, as docs/reference.md lists them. The values the constructs use come from
 * {@link PLATFORM_DEFAULTS} (written there once); the others are the compiler's own.
 */
export const DEFAULT_PLATFORM: PlatformSettings = platformSettingsOf(PLATFORM_DEFAULTS);

function platformSettingsOf(d: PlatformDefaults): PlatformSettings {
  const { filebeat: fb, tlsInit: tls, certServiceClient: client } = d;
  return {
    namespace: d.namespace,
    image_pull_secrets: [...d.imagePullSecrets],
    node_port_range: '30000-32767',
    consul_dns_name: 'consul',
    cbs: { base_url: 'https://config-binding-service:10443/service_component_all' },
    application_config: { source: 'cbs' },
    filebeat: {
      log_path: fb.logPath,
      data_path: fb.dataPath,
      config_path: fb.configPath,
      config_subpath: fb.configSubPath,
      config_map: fb.configMap,
      image: fb.image,
    },
    tls: {
      cert_path: tls.certPath,
      component_cert_dir: tls.certDirectory,
      image: tls.image,
    },
    external_cert: {
      image_tag: client.image,
      request_url: client.requestUrl,
      timeout: client.timeout,
      country: client.country,
      organization: client.organization,
      state: client.state,
      organizational_unit: client.organizationalUnit,
      location: client.location,
      cert_secret_name: client.certSecretName,
      keystore_secret_key: client.keystoreSecretKey,
      truststore_secret_key: client.truststoreSecretKey,
      keystore_password_secret_name: client.keystorePasswordSecretName,
      truststore_password_secret_name: client.truststorePasswordSecretName,
      keystore_password_secret_key: client.keystorePasswordSecretKey,
      truststore_password_secret_key: client.truststorePasswordSecretKey,
    },
    cert_post_processor: {
      image_tag: d.certPostProcessor.image,
    },
    pod_security: {
      profile: d.podSecurity.profile,
      run_as_user: d.podSecurity.runAsUser,
      run_as_group: d.podSecurity.runAsGroup,
      fs_group: d.podSecurity.fsGroup,
      read_only_root_filesystem: d.podSecurity.readOnlyRootFilesystem,
    },
    cmpv2_issuer: {
      enabled: false,
      name: d.certManagerCertificate.issuerName,
    },
    service_account: { enabled: false },
    policy_sync: {
      enabled: false,
      image: d.policySync.image,
      pdp_url: d.policySync.pdpUrl,
      pdp_secret: d.policySync.pdpSecret,
      interval: d.policySync.interval,
    },
    kafka: {
      enabled: false,
      cluster: d.kafka.cluster,
      bootstrap_servers: kafkaBootstrapServers(d.kafka.cluster),
      retention_ms: d.kafka.retentionMs,
      segment_bytes: d.kafka.segmentBytes,
      api_version: d.kafka.apiVersion,
    },
  };
}

/** The NodePort range as numbers. */
export function nodePortRange(settings: PlatformSettings): { readonly min: number; readonly max: number } {
  const [min, max] = settings.node_port_range.split('-').map(Number);
  return { min, max };
}
