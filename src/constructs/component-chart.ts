import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ApplicationConfig, ApplicationConfigOptions } from './application-config';
import { CertManagerCertificate, CertManagerCertificateOptions } from './cert-manager-certificate';
import { CertPostProcessor, CertPostProcessorOptions } from './cert-post-processor';
import { CertServiceClient, CertServiceClientOptions } from './cert-service-client';
import { ComponentPod, ComponentPodProps } from './component-pod';
import { ComponentService } from './component-service';
import { ComponentServiceAccount, ComponentServiceAccountOptions } from './component-service-account';
import { MsbRegistration } from '../contract/msb';
import { PLATFORM_DEFAULTS } from '../contract/defaults';
import { FilebeatSidecar, FilebeatSidecarOptions } from './filebeat-sidecar';
import { KafkaAccess, KafkaAccessOptions } from './kafka-access';
import { PolicySyncSidecar, PolicySyncSidecarOptions } from './policy-sync-sidecar';
import { mount } from './private/container';
import { TlsInitContainer, TlsInitContainerOptions } from './tls-init-container';

/** A volume of the component's own, mounted in the main container. Give `hostPath` or `configMap`. */
export interface ComponentVolume {
  /** The volume's name in the pod. */
  readonly name: string;
  /** Where the main container mounts it. */
  readonly mountPath: string;
  /** Whether the mount is read-only. @default false */
  readonly readOnly?: boolean;
  /** A hostPath volume: the path on the node. @default none */
  readonly hostPath?: string;
  /** An optional configMap volume (mode 0644): the ConfigMap's name. @default none */
  readonly configMap?: string;
}

/** Props of {@link ComponentChart}: the pod's, and what to add to it. */
export interface ComponentChartProps extends ComponentPodProps {
  /** Namespace of every object. @default "dcae" (platform namespace) */
  readonly namespace?: string;
  /** The component's own volumes, mounted in the main container in order, before every other volume. @default none */
  readonly volumes?: readonly ComponentVolume[];
  /**
   * The application configuration in a ConfigMap (construct id `ApplicationConfig`): its volume and mount come
   * right after the component's own volumes. @default none: the component reads its configuration elsewhere (the config binding service)
   */
  readonly applicationConfig?: ApplicationConfigOptions;
  /** The filebeat logging sidecar (construct id `Filebeat`). @default no sidecar */
  readonly filebeat?: FilebeatSidecarOptions;
  /**
   * The policy-sync sidecar (construct id `PolicySync`): its container after the main container and `filebeat`, its
   * volume and main-container mount after filebeat's. @default no sidecar
   */
  readonly policySync?: PolicySyncSidecarOptions;
  /** The TLS init container (construct id `TlsInit`), which every component has. @default {} */
  readonly tlsInit?: TlsInitContainerOptions;
  /** External certificates: the cert-service-client (construct id `CertServiceClient`) and, after it, the cert-post-processor. @default none */
  readonly certServiceClient?: CertServiceClientOptions;
  /** cert-manager mode, instead of `certServiceClient`: a Certificate (construct id `Certificate`) and, after it, the cert-post-processor. @default none */
  readonly certManagerCertificate?: CertManagerCertificateOptions;
  /** The cert-post-processor (construct id `CertPostProcessor`), added with `certServiceClient` or `certManagerCertificate` only. @default {} */
  readonly certPostProcessor?: CertPostProcessorOptions;
  /** The component's own ServiceAccount (construct id `ServiceAccount`), and a RoleBinding with a role. @default none: the namespace's `default` ServiceAccount */
  readonly serviceAccount?: ComponentServiceAccountOptions;
  /** Access to a Strimzi Kafka cluster (construct id `Kafka`): KafkaTopics, a KafkaUser and the main container's variables. @default none */
  readonly kafka?: KafkaAccessOptions;
  /** MSB registrations, written as an annotation on the ClusterIP Service; they need a port. @default none */
  readonly msbList?: readonly MsbRegistration[];
}

/**
 * One component: its Deployment and Services, in the plugin's order, every object in one namespace.
 *
 * Construct ids (part of the public contract): `Pod` (with `Deployment`), `ApplicationConfig` (with `ConfigMap`),
 * `ServiceAccount` (with `ServiceAccount` and `RoleBinding`), `Kafka` (with `Topic-<topic>` and `User`), `Filebeat`,
 * `PolicySync`, `TlsInit`,
 * `CertServiceClient`, `Certificate` (with `Resource`), `CertPostProcessor`, `Service` (with `ClusterIP`, `NodePort`, `NodePortIPv6`).
 */
export class ComponentChart extends Chart {
  /** The pod every other construct adds to. */
  public readonly pod: ComponentPod;
  /** The application configuration's ConfigMap, when there is one. */
  public readonly applicationConfig?: ApplicationConfig;
  /** The filebeat sidecar, when there is one. */
  public readonly filebeat?: FilebeatSidecar;
  /** The policy-sync sidecar, when there is one. */
  public readonly policySync?: PolicySyncSidecar;
  /** The TLS init container. */
  public readonly tlsInit: TlsInitContainer;
  /** The cert-service-client, with external certificates. */
  public readonly certServiceClient?: CertServiceClient;
  /** The cert-manager Certificate, in cert-manager mode. */
  public readonly certificate?: CertManagerCertificate;
  /** The cert-post-processor, with external certificates. */
  public readonly certPostProcessor?: CertPostProcessor;
  /** The ServiceAccount (and RoleBinding), when there is one. */
  public readonly serviceAccount?: ComponentServiceAccount;
  /** The Kafka topics and user, when there are any. */
  public readonly kafka?: KafkaAccess;
  /** The Services. */
  public readonly service: ComponentService;

  constructor(scope: Construct, id: string, props: ComponentChartProps) {
    super(scope, id, { namespace: props.namespace ?? PLATFORM_DEFAULTS.namespace, disableResourceNameHashes: true });
    if (props.certPostProcessor && !props.certServiceClient && !props.certManagerCertificate) {
      throw new Error(
        'ComponentChart: certPostProcessor is set without certServiceClient or certManagerCertificate; the post-processor processes their certificates',
      );
    }
    if (props.certServiceClient && props.certManagerCertificate) {
      throw new Error(
        'ComponentChart: certServiceClient and certManagerCertificate are both set; external certificates come from one of them',
      );
    }

    const pod = new ComponentPod(this, 'Pod', {
      main: props.main,
      replicas: props.replicas,
      labels: props.labels,
      imagePullSecrets: props.imagePullSecrets,
      podSecurity: props.podSecurity,
    });
    this.pod = pod;

    for (const v of props.volumes ?? []) {
      if ((v.hostPath === undefined) === (v.configMap === undefined)) {
        throw new Error(`ComponentChart: volume "${v.name}" needs exactly one of hostPath or configMap`);
      }
      pod.addVolume(
        v.hostPath !== undefined
          ? { name: v.name, hostPath: { path: v.hostPath } }
          : { name: v.name, configMap: { name: v.configMap, defaultMode: 420, optional: true } },
      );
      pod.mountOnMain(mount(v.name, v.mountPath, { readOnly: v.readOnly }));
    }

    if (props.applicationConfig) {
      this.applicationConfig = new ApplicationConfig(this, 'ApplicationConfig', { ...props.applicationConfig, pod });
    }

    if (props.serviceAccount) {
      this.serviceAccount = new ComponentServiceAccount(this, 'ServiceAccount', { ...props.serviceAccount, pod });
    }

    if (props.kafka) {
      this.kafka = new KafkaAccess(this, 'Kafka', { ...props.kafka, pod });
    }

    if (props.filebeat) {
      this.filebeat = new FilebeatSidecar(this, 'Filebeat', { ...props.filebeat, pod });
    }

    if (props.policySync) {
      this.policySync = new PolicySyncSidecar(this, 'PolicySync', { ...props.policySync, pod });
    }

    const tls = new TlsInitContainer(this, 'TlsInit', { ...props.tlsInit, pod });
    this.tlsInit = tls;

    if (props.certServiceClient) {
      this.certServiceClient = new CertServiceClient(this, 'CertServiceClient', { ...props.certServiceClient, tls });
    }
    if (props.certManagerCertificate) {
      this.certificate = new CertManagerCertificate(this, 'Certificate', { ...props.certManagerCertificate, tls });
    }
    const source = this.certServiceClient ?? this.certificate;
    if (source) this.certPostProcessor = new CertPostProcessor(this, 'CertPostProcessor', { ...props.certPostProcessor, source });

    this.service = new ComponentService(this, 'Service', {
      componentName: pod.componentName,
      labels: pod.labels,
      ports: props.main.ports ?? [],
      msbList: props.msbList,
    });
  }
}
