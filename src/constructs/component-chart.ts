import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PlatformSettings } from '../input/platform/settings';
import { ComponentSpec } from '../input/model';
import { CertPostProcessor } from './cert-post-processor';
import { CertServiceClient } from './cert-service-client';
import { ComponentPod } from './component-pod';
import { ComponentService } from './component-service';
import { mount } from './container';
import { FilebeatSidecar } from './filebeat-sidecar';
import { TlsInitContainer } from './tls-init-container';

/** Props of {@link ComponentChart}. */
export interface ComponentChartProps {
  /** The validated component spec. */
  readonly spec: ComponentSpec;
  /** The merged platform settings. */
  readonly platform: PlatformSettings;
}

/**
 * One component: its Deployment and Services, in the plugin's order, every object in the spec's
 * namespace (else the platform's).
 *
 * Construct ids (part of the public contract): `Pod` (with `Deployment`), `Filebeat`, `TlsInit`,
 * `CertServiceClient`, `CertPostProcessor`, `Service` (with `ClusterIP`, `NodePort`, `NodePortIPv6`).
 */
export class ComponentChart extends Chart {
  /** The pod every other construct adds to. */
  public readonly pod: ComponentPod;
  /** The Services. */
  public readonly service: ComponentService;

  constructor(scope: Construct, id: string, props: ComponentChartProps) {
    const { spec, platform } = props;
    super(scope, id, { namespace: spec.namespace ?? platform.namespace, disableResourceNameHashes: true });

    const pod = new ComponentPod(this, 'Pod', {
      main: {
        name: spec.name,
        image: spec.image,
        alwaysPull: spec.alwaysPull,
        env: spec.env,
        ports: spec.ports,
        resources: spec.resources,
        readiness: spec.readiness,
        liveness: spec.liveness,
      },
      replicas: spec.replicas,
      labels: spec.labels,
      imagePullSecrets: platform.image_pull_secrets,
    });
    this.pod = pod;

    for (const v of spec.volumes) {
      pod.addVolume(v.hostPath !== undefined
        ? { name: v.name, hostPath: { path: v.hostPath } }
        : { name: v.name, configMap: { name: v.configMap, defaultMode: 420, optional: true } });
      pod.mountOnMain(mount(v.name, v.mountPath, { readOnly: v.readOnly }));
    }

    if (spec.logInfo) {
      new FilebeatSidecar(this, 'Filebeat', {
        pod,
        logDirectory: spec.logInfo.logDirectory,
        alternateFbPath: spec.logInfo.alternateFbPath,
        settings: platform.filebeat,
      });
    }

    const tls = new TlsInitContainer(this, 'TlsInit', {
      pod,
      useTls: spec.tlsInfo.useTls,
      certDirectory: spec.tlsInfo.certDirectory,
      settings: platform.tls,
    });

    if (spec.externalCert) {
      new CertServiceClient(this, 'CertServiceClient', { pod, ...spec.externalCert, settings: platform.external_cert });
      new CertPostProcessor(this, 'CertPostProcessor', {
        pod,
        certDirectory: tls.certDirectory,
        certType: spec.externalCert.certType,
        image: platform.cert_post_processor.image_tag,
      });
    }

    this.service = new ComponentService(this, 'Service', {
      componentName: spec.name,
      labels: pod.labels,
      ports: spec.ports,
      msbList: spec.msbList,
    });
  }
}
