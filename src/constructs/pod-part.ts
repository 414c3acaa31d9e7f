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
}
