/**
 * The platform defaults the constructs fall back to: the DCAE Kubernetes plugin's built-in `k8sconfig`,
 * as docs/reference.md lists them. Each value is written here once; the compiler's platform
 * settings (`DEFAULT_PLATFORM`, snake_case, as `components/platform.yaml` spells them) are built from these.
 */
import type { StrimziApiVersion } from './names';
import { PodSecurityProfile } from './pod-security';

/** Defaults of {@link FilebeatSidecar}. */
export interface FilebeatDefaults {
  /** Filebeat image (platform `filebeat.image`). */
  readonly image: string;
  /** The folder under which filebeat sees each component's logs (platform `filebeat.log_path`). */
  readonly logPath: string;
  /** Where filebeat keeps its registry (platform `filebeat.data_path`). */
  readonly dataPath: string;
  /** Where filebeat reads its configuration file (platform `filebeat.config_path`). */
  readonly configPath: string;
  /** The key of the configuration file in its ConfigMap (platform `filebeat.config_subpath`). */
  readonly configSubPath: string;
  /** The ConfigMap holding the configuration (platform `filebeat.config_map`). */
  readonly configMap: string;
}

/** Defaults of {@link TlsInitContainer}. */
export interface TlsInitDefaults {
  /** The TLS init container's image (platform `tls.image`). */
  readonly image: string;
  /** Where the TLS init container writes the certificates (platform `tls.cert_path`). */
  readonly certPath: string;
  /** Where the main container sees the certificates (platform `tls.component_cert_dir`). */
  readonly certDirectory: string;
}

/** Defaults of {@link CertServiceClient}. */
export interface CertServiceClientDefaults {
  /** The cert-service-client image (platform `external_cert.image_tag`). */
  readonly image: string;
  /** REQUEST_URL (platform `external_cert.request_url`). */
  readonly requestUrl: string;
  /** REQUEST_TIMEOUT in milliseconds (platform `external_cert.timeout`). */
  readonly timeout: string;
  /** COUNTRY (platform `external_cert.country`). */
  readonly country: string;
  /** ORGANIZATION (platform `external_cert.organization`). */
  readonly organization: string;
  /** STATE (platform `external_cert.state`). */
  readonly state: string;
  /** ORGANIZATION_UNIT (platform `external_cert.organizational_unit`). */
  readonly organizationalUnit: string;
  /** LOCATION (platform `external_cert.location`). */
  readonly location: string;
  /** The Secret holding the client's keystore and truststore (platform `external_cert.cert_secret_name`). */
  readonly certSecretName: string;
  /** The keystore's key in that Secret (platform `external_cert.keystore_secret_key`). */
  readonly keystoreSecretKey: string;
  /** The truststore's key in that Secret (platform `external_cert.truststore_secret_key`). */
  readonly truststoreSecretKey: string;
  /** The Secret holding the keystore password (platform `external_cert.keystore_password_secret_name`). */
  readonly keystorePasswordSecretName: string;
  /** The Secret holding the truststore password (platform `external_cert.truststore_password_secret_name`). */
  readonly truststorePasswordSecretName: string;
  /** The keystore password's key in its Secret (platform `external_cert.keystore_password_secret_key`). */
  readonly keystorePasswordSecretKey: string;
  /** The truststore password's key in its Secret (platform `external_cert.truststore_password_secret_key`). */
  readonly truststorePasswordSecretKey: string;
}

/** Defaults of {@link CertPostProcessor}. */
export interface CertPostProcessorDefaults {
  /** The cert-post-processor image (platform `cert_post_processor.image_tag`). */
  readonly image: string;
}

/** Defaults of {@link PodSecurityOptions}. */
export interface PodSecurityDefaults {
  /** The Pod Security Standards profile (platform `pod_security.profile`). */
  readonly profile: PodSecurityProfile;
  /** The pod's runAsUser (platform `pod_security.run_as_user`). */
  readonly runAsUser: number;
  /** The pod's runAsGroup (platform `pod_security.run_as_group`). */
  readonly runAsGroup: number;
  /** The pod's fsGroup (platform `pod_security.fs_group`). */
  readonly fsGroup: number;
  /** Each container's readOnlyRootFilesystem (platform `pod_security.read_only_root_filesystem`). */
  readonly readOnlyRootFilesystem: boolean;
}

/** Defaults of {@link CertManagerCertificate}. */
export interface CertManagerCertificateDefaults {
  /** The CMPv2Issuer that signs the certificates (platform `cmpv2_issuer.name`). */
  readonly issuerName: string;
}

/** Defaults of {@link PolicySyncSidecar}. */
export interface PolicySyncDefaults {
  /** The policy-sync image (platform `policy_sync.image`). */
  readonly image: string;
  /** The policy PDP's URL: POLICY_SYNC_PDP_URL (platform `policy_sync.pdp_url`). */
  readonly pdpUrl: string;
  /** The Secret with the PDP's user (key `login`) and password (key `password`) (platform `policy_sync.pdp_secret`). */
  readonly pdpSecret: string;
  /** Seconds between two fetches of the policies: POLICY_SYNC_DURATION (platform `policy_sync.interval`). */
  readonly interval: number;
}

/** Defaults of {@link KafkaAccess}: the Strimzi Kafka cluster the component's streams run on. */
export interface KafkaDefaults {
  /** The Strimzi Kafka cluster: the label `strimzi.io/cluster` of the KafkaUser and KafkaTopics (platform `kafka.cluster`). */
  readonly cluster: string;
  /** Each KafkaTopic's `retention.ms` (platform `kafka.retention_ms`). */
  readonly retentionMs: number;
  /** Each KafkaTopic's `segment.bytes` (platform `kafka.segment_bytes`). */
  readonly segmentBytes: number;
  /** The API version of the KafkaUser and KafkaTopics (platform `kafka.api_version`). */
  readonly apiVersion: StrimziApiVersion;
}

/** Every platform default the constructs use. */
export interface PlatformDefaults {
  /** Namespace of every object of a {@link ComponentChart} (platform `namespace`). */
  readonly namespace: string;
  /** Image pull Secret names of every pod (platform `image_pull_secrets`). */
  readonly imagePullSecrets: readonly string[];
  /** {@link FilebeatSidecar}. */
  readonly filebeat: FilebeatDefaults;
  /** {@link TlsInitContainer}. */
  readonly tlsInit: TlsInitDefaults;
  /** {@link CertServiceClient}. */
  readonly certServiceClient: CertServiceClientDefaults;
  /** {@link CertPostProcessor}. */
  readonly certPostProcessor: CertPostProcessorDefaults;
  /** {@link ComponentPod}'s Pod Security. */
  readonly podSecurity: PodSecurityDefaults;
  /** {@link CertManagerCertificate}. */
  readonly certManagerCertificate: CertManagerCertificateDefaults;
  /** {@link PolicySyncSidecar}. */
  readonly policySync: PolicySyncDefaults;
  /** {@link KafkaAccess}. */
  readonly kafka: KafkaDefaults;
}

/**
 * The defaults of a component's own settings (not the platform's), as the plugin applied them. The compiler's
 * input side reads a spec with these too; the published JSON Schema's `default` annotations repeat them for
 * editors, and a test checks that the two agree.
 */
export const COMPONENT_DEFAULTS = deepFreeze({
  /** Deployment replicas. */
  replicas: 1,
  /** Seconds between probes (a probe's `interval`). */
  probePeriodSeconds: 15,
  /** Seconds before a probe times out (its `timeout`). */
  probeTimeoutSeconds: 1,
  /** The external certificate type (`cert_type`). */
  certType: 'P12',
  /** The certificate's subject alternative names (`sans`). */
  sans: '',
  /** An MSB registration's values when not given (`msb_list` entries; serviceName defaults to the component name). */
  msb: {
    /** The registered port. */
    port: '80',
    /** The service's version. */
    version: 'v1',
    /** The service's URL path. */
    url: '/',
    /** The protocol MSB proxies. */
    protocol: 'REST',
    /** Whether MSB reaches the service over TLS. */
    enableSsl: false,
    /** Where the service is visible (MSB's visualRange). */
    visualRange: '1',
  },
});

/** The plugin's built-in platform defaults. Frozen: pass props to a construct to use other values. */
export const PLATFORM_DEFAULTS: PlatformDefaults = deepFreeze({
  namespace: 'dcae',
  imagePullSecrets: [],
  filebeat: {
    image: 'docker.elastic.co/beats/filebeat:5.5.0',
    logPath: '/var/log/onap',
    dataPath: '/usr/share/filebeat/data',
    configPath: '/usr/share/filebeat/filebeat.yml',
    configSubPath: 'filebeat.yml',
    configMap: 'filebeat-conf',
  },
  tlsInit: {
    image: 'nexus3.onap.org:10001/onap/org.onap.dcaegen2.deployments.tls-init-container:2.1.0',
    certPath: '/opt/app/osaaf',
    certDirectory: '/opt/dcae/cacert',
  },
  certServiceClient: {
    image: 'nexus3.onap.org:10001/onap/org.onap.oom.platform.cert-service.oom-certservice-client:2.1.0',
    requestUrl: 'https://oom-cert-service:8443/v1/certificate/',
    timeout: '30000',
    country: 'US',
    organization: 'Linux-Foundation',
    state: 'California',
    organizationalUnit: 'ONAP',
    location: 'San-Francisco',
    certSecretName: 'oom-cert-service-client-tls-secret',
    keystoreSecretKey: 'keystore.jks',
    truststoreSecretKey: 'truststore.jks',
    keystorePasswordSecretName: 'oom-cert-service-keystore-password',
    truststorePasswordSecretName: 'oom-cert-service-truststore-password',
    keystorePasswordSecretKey: 'password',
    truststorePasswordSecretKey: 'password',
  },
  certPostProcessor: {
    image: 'nexus3.onap.org:10001/onap/org.onap.oom.platform.cert-service.oom-certservice-post-processor:2.1.0',
  },
  podSecurity: {
    profile: 'none',
    runAsUser: 1000,
    runAsGroup: 1000,
    fsGroup: 1000,
    readOnlyRootFilesystem: false,
  },
  certManagerCertificate: {
    issuerName: 'cmpv2-issuer-onap',
  },
  policySync: {
    image: 'nexus3.onap.org:10001/onap/org.onap.dcaegen2.deployments.dcae-services-policy-sync:1.0.1',
    pdpUrl: 'https://policy-xacml-pdp:6969',
    pdpSecret: 'onap-policy-xacml-pdp-restserver-creds',
    interval: 300,
  },
  // OOM's values for every DCAE topic (retention two hours, segments of 1 GiB).
  kafka: {
    cluster: 'onap-strimzi',
    retentionMs: 7200000,
    segmentBytes: 1073741824,
    // What OOM's charts write, and what every Strimzi before 1.0 serves.
    apiVersion: 'kafka.strimzi.io/v1beta2',
  },
});

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) {
    if (v !== null && typeof v === 'object') deepFreeze(v);
  }
  return Object.freeze(value);
}
