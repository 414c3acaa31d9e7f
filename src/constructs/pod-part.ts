import { Construct } from 'constructs';
import type { ComponentPod } from './component-pod';

/**
 * A construct that adds to a {@link ComponentPod}: volumes, mounts, containers or objects that go with it.
 * The base of {@link FilebeatSidecar}, {@link PolicySyncSidecar}, {@link TlsInitContainer}, {@link ApplicationConfig} and the certificate sources.
 */
export abstract class PodPart extends Construct {
  /** The pod this construct adds to. */
  public readonly pod: ComponentPod;

  protected constructor(scope: Construct, id: string, pod: ComponentPod) {
    super(scope, id);
    this.pod = pod;
  }

  /** The metadata of an object that goes with the pod: its name, and the pod's labels. */
  protected metadataNamed(name: string): { name: string; labels: Record<string, string> } {
    return { name, labels: this.pod.labels };
  }

  /** Makes the pod's Deployment depend on an object, so that cdk8s writes the object before it; returns the object. */
  protected beforeDeployment<T extends Construct>(object: T): T {
    this.pod.deployment.node.addDependency(object);
    return object;
  }
}
