import { Lazy } from 'cdk8s';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { PLATFORM_DEFAULTS } from './defaults';
import { MainContainerProps } from './main-container';
import { buildMainContainer } from './private/main-container';
import { deploymentName } from './private/names';

/** Props of {@link ComponentPod}. */
export interface ComponentPodProps {
  /** The main container; its name is also the component name. */
  readonly main: MainContainerProps;
  /** Deployment replicas. @default 1 */
  readonly replicas?: number;
  /** Extra labels, beside `app` and `k8sdeployment`. @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Image pull Secret names. @default [] (platform image_pull_secrets) */
  readonly imagePullSecrets?: readonly string[];
}

/**
 * The component's pod and the Deployment `dep-<name>` that runs it. Other constructs add their
 * containers, init containers, volumes and main-container mounts to it; the Deployment is rendered at
 * synthesis time, in the order the pieces were added.
 *
 * Construct id of the Deployment: `Deployment`.
 */
export class ComponentPod extends Construct {
  /** The component name. */
  public readonly componentName: string;
  /** The Deployment's name: `dep-<name>`, cut to 63 characters. */
  public readonly deploymentName: string;
  /** The one label map used on the Deployment, its selector, the pod and every Service. */
  public readonly labels: Readonly<Record<string, string>>;
  /** The Deployment. */
  public readonly deployment: k8s.KubeDeployment;

  private readonly volumes: k8s.Volume[] = [];
  private readonly mainMounts: k8s.VolumeMount[] = [];
  private readonly sidecars: k8s.Container[] = [];
  private readonly initContainers: k8s.Container[] = [];

  constructor(scope: Construct, id: string, private readonly props: ComponentPodProps) {
    super(scope, id);
    this.componentName = props.main.name;
    this.deploymentName = deploymentName(this.componentName);
    this.labels = { ...props.labels, app: this.componentName, k8sdeployment: this.deploymentName };
    this.deployment = new k8s.KubeDeployment(this, 'Deployment', {
      metadata: { name: this.deploymentName, labels: this.labels },
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
  }

  /** Adds a volume to the pod, after those added before. */
  public addVolume(volume: k8s.Volume): void {
    this.volumes.push(volume);
  }

  /** Mounts a volume in the main container, after the mounts added before. */
  public mountOnMain(mount: k8s.VolumeMount): void {
    this.mainMounts.push(mount);
  }

  /** Adds a container after the main container and the containers added before. */
  public addSidecar(container: k8s.Container): void {
    this.sidecars.push(container);
  }

  /** Adds an init container, after those added before. */
  public addInitContainer(container: k8s.Container): void {
    this.initContainers.push(container);
  }

  private mainContainer(): k8s.Container {
    return buildMainContainer(this.props.main, this.mainMounts);
  }

  private renderSpec(): k8s.DeploymentSpec {
    const secrets = this.props.imagePullSecrets ?? PLATFORM_DEFAULTS.imagePullSecrets;
    const nonEmpty = <T>(list: readonly T[]) => (list.length > 0 ? [...list] : undefined);
    return {
      replicas: this.props.replicas ?? 1,
      selector: { matchLabels: this.labels },
      template: {
        metadata: { labels: this.labels },
        spec: {
          hostname: this.componentName,
          containers: [this.mainContainer(), ...this.sidecars],
          initContainers: nonEmpty(this.initContainers),
          volumes: nonEmpty(this.volumes),
          imagePullSecrets: nonEmpty(secrets.map((name) => ({ name }))),
        },
      },
    };
  }
}
