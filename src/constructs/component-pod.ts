import { Lazy } from 'cdk8s';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { PLATFORM_DEFAULTS, COMPONENT_DEFAULTS, PodSecurityDefaults } from '../contract/defaults';
import { EnvValue, MainContainerProps } from './main-container';
import { PodSecurityOptions } from './pod-security';
import { podSecurityOf, podSecurityProblems, withPodSecurity } from './private/pod-security';
import { nonEmpty } from './private/container';
import { buildMainContainer } from './private/main-container';
import { deploymentName, SELECTOR_LABELS } from '../contract/names';
import { CONTAINER_OWNERS, VOLUME_OWNERS } from './private/parts';
import { Deployment } from './private/api-objects';

/** Props of {@link ComponentPod}. */
export interface ComponentPodProps {
  /** The main container; its name is also the component name. */
  readonly main: MainContainerProps;
  /** Deployment replicas. @default 1 */
  readonly replicas?: number;
  /** Extra labels, beside `app` and `k8sdeployment`, which the pod's selector owns (giving either is a validation error). @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Image pull Secret names. @default [] (platform image_pull_secrets) */
  readonly imagePullSecrets?: readonly string[];
  /**
   * The Pod Security Standards profile: with `restricted`, the pod and every container and init container (whichever
   * construct added them) get their securityContext when the pod renders. @default {profile: "none"}: no securityContext
   */
  readonly podSecurity?: PodSecurityOptions;
}

/**
 * The component's pod and the Deployment `dep-<name>` that runs it. Other constructs add their
 * containers, init containers, volumes and main-container mounts to it; the Deployment is rendered at
 * synthesis time, in the order the pieces were added.
 *
 * At synthesis (`app.synth()`, `chart.toJson()`, `Testing.synth()`) the pod checks that every mount of
 * every container names one of its volumes, that volume names and container names are unique, and, with
 * `podSecurity: {profile: "restricted"}`, that nothing in the pod breaks that profile (a hostPath volume, for one).
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
  private readonly mainEnv: Array<readonly [string, EnvValue]> = [];
  private readonly templateAnnotations: Record<string, string> = {};
  /** The ServiceAccount the pod runs as, and whether it mounts its token. */
  private serviceAccount?: { readonly name: string; readonly automountToken: boolean };
  /** The Pod Security options, every default filled in once. */
  private readonly security: PodSecurityDefaults;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ComponentPodProps,
  ) {
    super(scope, id);
    this.security = podSecurityOf(props.podSecurity);
    this.componentName = props.main.name;
    this.deploymentName = deploymentName(this.componentName);
    this.labels = { ...props.labels, app: this.componentName, k8sdeployment: this.deploymentName };
    this.deployment = new Deployment(this, 'Deployment', {
      metadata: { name: this.deploymentName, labels: this.labels },
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    this.node.addValidation({ validate: () => this.validatePod() });
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

  /** Adds a variable to the main container (plain, or a key of a Secret), after its own and those added before, before POD_IP. */
  public addMainEnv(name: string, value: EnvValue): void {
    this.mainEnv.push([name, value]);
  }

  /** Sets an annotation of the pod template (`spec.template.metadata.annotations`). */
  public annotateTemplate(key: string, value: string): void {
    this.templateAnnotations[key] = value;
  }

  /**
   * Runs the pod as a ServiceAccount: `serviceAccountName`, and `automountServiceAccountToken: true` when the pod
   * mounts its token (otherwise the ServiceAccount's own setting applies).
   */
  public runAs(serviceAccountName: string, automountToken: boolean): void {
    this.serviceAccount = { name: serviceAccountName, automountToken };
  }

  private mainContainer(): k8s.Container {
    const env = this.mainEnv.length > 0 ? [...(this.props.main.env ?? []), ...this.mainEnv] : this.props.main.env;
    return buildMainContainer({ ...this.props.main, env }, this.mainMounts);
  }

  private renderSpec(): k8s.DeploymentSpec {
    const secrets = this.props.imagePullSecrets ?? PLATFORM_DEFAULTS.imagePullSecrets;
    return {
      replicas: this.props.replicas ?? COMPONENT_DEFAULTS.replicas,
      selector: { matchLabels: this.labels },
      template: {
        metadata: {
          labels: this.labels,
          annotations: Object.keys(this.templateAnnotations).length > 0 ? { ...this.templateAnnotations } : undefined,
        },
        spec: withPodSecurity(
          {
            hostname: this.componentName,
            containers: [this.mainContainer(), ...this.sidecars],
            initContainers: nonEmpty(this.initContainers),
            volumes: nonEmpty(this.volumes),
            imagePullSecrets: nonEmpty(secrets.map((name) => ({ name }))),
            serviceAccountName: this.serviceAccount?.name,
            automountServiceAccountToken: this.serviceAccount?.automountToken ? true : undefined,
          },
          this.security,
        ),
      },
    };
  }

  /** What is wrong with the pod as it stands: mounts of missing volumes, and names used twice. */
  private validatePod(): string[] {
    const errors: string[] = [];
    for (const key of SELECTOR_LABELS) {
      if (this.props.labels?.[key] !== undefined) {
        errors.push(
          `labels.${key} is "${this.props.labels[key]}", but the pod's selector owns the label "${key}" (app: <component name>, k8sdeployment: dep-<component name>); remove it from labels`,
        );
      }
    }
    const onePerPod = (owner: string | undefined, unique: string) => (owner ? `a ${owner} adds it: add one ${owner} per pod` : unique);

    const volumes = new Set<string>();
    for (const v of this.volumes) {
      if (volumes.has(v.name)) {
        errors.push(
          `the pod has two volumes named "${v.name}"; ${onePerPod(VOLUME_OWNERS[v.name], 'volume names must be unique in a pod')}`,
        );
      }
      volumes.add(v.name);
    }

    // Kubernetes wants every container and init container of a pod to have its own name.
    const spec = this.renderSpec().template!.spec!;
    const main = spec.containers[0];
    const containers = [...spec.containers, ...(spec.initContainers ?? [])];
    const names = new Set<string>();
    for (const c of containers) {
      if (names.has(c.name)) {
        const owner = CONTAINER_OWNERS[c.name];
        errors.push(
          `the pod has two containers named "${c.name}"; ${
            owner && c.name === main.name
              ? `the main container and the one a ${owner} adds: give the component another name`
              : onePerPod(owner, 'container names must be unique across containers and init containers')
          }`,
        );
      }
      names.add(c.name);
    }

    // Two variables of one name: Kubernetes keeps the last, so one of them would silently not apply.
    const env = new Set<string>();
    for (const e of main.env ?? []) {
      if (env.has(e.name)) {
        errors.push(
          `the main container has two variables named "${e.name}"; POD_IP and the variables other constructs add ` +
            `(CBS_CLIENT_CONFIG_PATH with an ApplicationConfig) are set by the pod: give each name once, and none of those in main.env`,
        );
      }
      env.add(e.name);
    }

    for (const c of containers) {
      for (const m of c.volumeMounts ?? []) {
        if (volumes.has(m.name)) continue;
        const owner = VOLUME_OWNERS[m.name];
        errors.push(
          `container "${c.name}" mounts volume "${m.name}", which the pod does not have; ${
            owner ? `add a ${owner} to the pod` : 'add the volume with addVolume()'
          }`,
        );
      }
    }
    errors.push(...podSecurityProblems(this.security, spec));
    return errors;
  }
}
