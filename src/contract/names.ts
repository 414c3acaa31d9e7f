/**
 * The names the plugin derived from a component name, each cut to 63 characters, and which objects a
 * component gets. Part of the contract between the input side, which checks with them, and the constructs,
 * which write them; this folder imports nothing from outside it.
 */

import { MAX_NAME } from './limits';

// The containers the constructs add beside the main container, which is named after the component.

/** The filebeat sidecar's container. */
export const FILEBEAT_CONTAINER = 'filebeat';
/** The TLS init container. */
export const TLS_INIT_CONTAINER = 'init-tls';
/** The cert-service-client init container. */
export const CERT_SERVICE_CLIENT_CONTAINER = 'cert-service-client';
/** The cert-post-processor init container. */
export const CERT_POST_PROCESSOR_CONTAINER = 'cert-post-processor';
/** The policy-sync sidecar's container. */
export const POLICY_SYNC_CONTAINER = 'policy-sync';

export { MAX_NAME } from './limits';

/** The labels the pod's selector owns: `app` (the component's name) and `k8sdeployment` (the Deployment's). */
export const SELECTOR_LABELS: readonly string[] = ['app', 'k8sdeployment'];

/** The Deployment: `dep-<name>`. Also the value of the `k8sdeployment` label. */
export function deploymentName(name: string): string {
  return `dep-${name}`.slice(0, MAX_NAME);
}

/** The ClusterIP Service: `<name>`. */
export function serviceName(name: string): string {
  return name.slice(0, MAX_NAME);
}

/** The IPv4 NodePort Service: `x<name>`. */
export function nodePortServiceName(name: string): string {
  return `x${name}`.slice(0, MAX_NAME);
}

/** The IPv6 NodePort Service: `x<name>-ipv6`. */
export function ipv6NodePortServiceName(name: string): string {
  return `x${name}-ipv6`.slice(0, MAX_NAME);
}

/** The ConfigMap of the application configuration: `<name>-application-config` (at most 82 characters, never cut: a ConfigMap name may have 253). */
export function applicationConfigMapName(name: string): string {
  return `${name}-application-config`;
}

/** One object a component gets, with its derived name. */
export interface ComponentObject {
  /** The object's kind. */
  readonly kind: 'Deployment' | 'Service';
  /** Which of the component's objects it is, as messages name it. */
  readonly role: 'Deployment' | 'ClusterIP Service' | 'NodePort Service' | 'IPv6 NodePort Service';
  /** Its name, cut to 63 characters. */
  readonly name: string;
}

/** What {@link nodePortsOf} reads of a port. */
export interface PortFamily {
  /** Whether the port's NodePort goes on the IPv6 Service. @default false */
  readonly ipv6?: boolean;
  /** The NodePort; 0 (or none) means no NodePort. @default 0 */
  readonly hostPort?: number;
}

/** The ports of one IP family that have a host port: those of the NodePort Service of that family. */
export function nodePortsOf<T extends PortFamily>(ports: readonly T[], ipv6: boolean): T[] {
  return ports.filter((p) => (p.ipv6 ?? false) === ipv6 && (p.hostPort ?? 0) !== 0);
}

/**
 * The objects a component gets, in the plugin's order: the Deployment; the ClusterIP Service when it has
 * ports; the NodePort Service when an IPv4 port has a host port; the IPv6 NodePort Service when an IPv6 port has one.
 */
export function componentObjects(
  name: string,
  ports: ReadonlyArray<{ readonly ipv6?: boolean; readonly hostPort?: number }>,
): ComponentObject[] {
  const exposed = (ipv6: boolean) => nodePortsOf(ports, ipv6).length > 0;
  const out: ComponentObject[] = [{ kind: 'Deployment', role: 'Deployment', name: deploymentName(name) }];
  if (ports.length > 0) out.push({ kind: 'Service', role: 'ClusterIP Service', name: serviceName(name) });
  if (exposed(false)) out.push({ kind: 'Service', role: 'NodePort Service', name: nodePortServiceName(name) });
  if (exposed(true)) out.push({ kind: 'Service', role: 'IPv6 NodePort Service', name: ipv6NodePortServiceName(name) });
  return out;
}

/** Where the cert-service-client sees its own keystore and truststore (the `tls-volume` mount). */
export const CERT_SERVICE_MOUNT_PATH = '/etc/onap/oom/certservice/certs/';

/**
 * Where the filebeat sidecar mounts the component's logs: `alternateFbPath` when set (an empty string counts as
 * not set, as in the plugin), else `<logPath>/<name>`.
 */
export function filebeatLogPath(logPath: string, name: string, alternateFbPath?: string): string {
  return alternateFbPath || `${logPath}/${name}`;
}

/** cert-manager mode: the Certificate, `<name>-cert` (not cut: a custom object's name may have 253 characters). */
export function certificateName(name: string): string {
  return `${name}-cert`;
}

/** cert-manager mode: the Secret cert-manager writes the certificate to, `<name>-secret`. */
export function certificateSecretName(name: string): string {
  return `${name}-secret`;
}

/** cert-manager mode, P12 and JKS: the Secret, created by the user, whose key `password` protects the keystores: `<name>-cert-password`. */
export function certificatePasswordSecretName(name: string): string {
  return `${name}-cert-password`;
}

/** The key of the keystore password in that Secret. */
export const CERTIFICATE_PASSWORD_KEY = 'password';

/** cert-manager mode: where the main container mounts the Certificate's Secret, the directory and `external/` joined by one `/`. */
export function certManagerMountPath(externalCertDirectory: string): string {
  let end = externalCertDirectory.length;
  while (end > 0 && externalCertDirectory[end - 1] === '/') end--;
  return `${externalCertDirectory.slice(0, end)}/external/`;
}

/** The application configuration's ConfigMap: its one key, the configuration file the component reads. */
export const APPLICATION_CONFIG_KEY = 'application_config.yaml';
/** Where the main container sees the ConfigMap (read-only). */
export const APPLICATION_CONFIG_MOUNT_PATH = '/app-config-input';
/** The variable that tells the component (the DCAE CBS client library) where its configuration file is. */
export const APPLICATION_CONFIG_ENV = 'CBS_CLIENT_CONFIG_PATH';
/** Where the main container reads the configuration file: the value of CBS_CLIENT_CONFIG_PATH. */
export const APPLICATION_CONFIG_PATH = `${APPLICATION_CONFIG_MOUNT_PATH}/${APPLICATION_CONFIG_KEY}`;

/** The flag that accepts a components folder with no spec: named by the command line and by compile()'s error. */
export const ALLOW_EMPTY_FLAG = '--allow-empty';

/** The component's ServiceAccount, and its RoleBinding (platform service_account): `<name>`, as the component. */
export function serviceAccountName(name: string): string {
  return name;
}

/** The API group of Roles and RoleBindings. */
export const RBAC_API_GROUP = 'rbac.authorization.k8s.io';

/** Where the main container and the policy-sync sidecar share the policies (the `policy-shared` mount), as OOM mounts it. */
export const POLICY_MOUNT_PATH = '/etc/policies';
/** The file the policy-sync sidecar writes and the DCAE SDK reads: POLICY_SYNC_OUTFILE. */
export const POLICY_FILE = `${POLICY_MOUNT_PATH}/policies.json`;
/** The PDP's decision endpoint, relative to its URL: POLICY_SYNC_V1_DECISION_ENDPOINT. */
export const POLICY_DECISION_ENDPOINT = 'policy/pdpx/v1/decision';
/** The keys of the PDP's credentials in the platform's policy_sync.pdp_secret: the user and the password. */
export const PDP_SECRET_KEYS = {
  /** The key of the user name. */
  user: 'login',
  /** The key of the password. */
  password: 'password',
} as const;
/**
 * The API versions of Strimzi's KafkaUser and KafkaTopic the compiler writes: Strimzi up to 0.48 serves only
 * v1beta2, 0.49 both, 1.x only v1. The fields the compiler writes are the same in both.
 */
export const STRIMZI_API_VERSIONS = ['kafka.strimzi.io/v1beta2', 'kafka.strimzi.io/v1'] as const;
/** One of {@link STRIMZI_API_VERSIONS}. */
export type StrimziApiVersion = (typeof STRIMZI_API_VERSIONS)[number];
/** The label that names the Strimzi Kafka cluster a KafkaUser or KafkaTopic belongs to. */
export const STRIMZI_CLUSTER_LABEL = 'strimzi.io/cluster';

/** The bootstrap address of a Strimzi Kafka cluster's plain listener: its Service `<cluster>-kafka-bootstrap`, port 9092. */
export function kafkaBootstrapServers(cluster: string): string {
  return `${cluster}-kafka-bootstrap:9092`;
}

/** The component's KafkaUser, `<name>-ku` (not cut: a custom object's name may have 253 characters); also the Secret Strimzi's User Operator writes. */
export function kafkaUserName(name: string): string {
  return `${name}-ku`;
}

/** The KafkaTopic of a topic, as OOM names it: the topic lower-cased, each `_` as `-`, and `-kt`. */
export function kafkaTopicObjectName(topic: string): string {
  return `${topic.toLowerCase().replace(/_/g, '-')}-kt`;
}

/** The key of the KafkaUser's Secret that holds the SASL JAAS configuration (user name and password). */
export const KAFKA_JAAS_SECRET_KEY = 'sasl.jaas.config';
/** The main container's variable with Kafka streams that holds the bootstrap address. */
export const KAFKA_BOOTSTRAP_ENV = 'BOOTSTRAP_SERVERS';
/** The main container's variable with Kafka streams that holds the JAAS configuration, from the KafkaUser's Secret. */
export const KAFKA_JAAS_ENV = 'JAAS_CONFIG';

/** A message-router stream's `dmaap_info.topic_url` in the application configuration; DCAE's SDK reads the topic from its last part. */
export function messageRouterTopicUrl(topic: string): string {
  return `http://message-router:3904/events/${topic}`;
}

/** The consumer group of a subscriber that names none: `<name>-group`, the one group ACL of the component. */
export function defaultConsumerGroup(name: string): string {
  return `${name}-group`;
}
