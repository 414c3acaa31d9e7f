import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PodPart } from './pod-part';
import { ComponentPod } from './component-pod';
import { RBAC_API_GROUP, serviceAccountName } from '../contract/names';
import { RoleBinding, ServiceAccount } from './private/api-objects';

/** Options of {@link ComponentServiceAccount}: its props without the pod. */
export interface ComponentServiceAccountOptions {
  /**
   * Whether the pod mounts the ServiceAccount's token: the pod's `automountServiceAccountToken: true`.
   * @default false: the pod sets nothing, and the ServiceAccount's `automountServiceAccountToken: false` applies
   */
  readonly automountToken?: boolean;
  /** A Role of the namespace to bind the ServiceAccount to, with a RoleBinding named like it. @default none: no RoleBinding */
  readonly role?: string;
}

/** Props of {@link ComponentServiceAccount}. */
export interface ComponentServiceAccountProps extends ComponentServiceAccountOptions {
  /** The pod that runs as the ServiceAccount. */
  readonly pod: ComponentPod;
}

/**
 * The component's own ServiceAccount `<name>` (the pod's labels, `automountServiceAccountToken: false`), the pod's
 * `serviceAccountName`, and with a `role` a RoleBinding `<name>` (apiVersion `rbac.authorization.k8s.io/v1`) of that
 * ServiceAccount to the Role. Both are written before the Deployment, which depends on them.
 *
 * Construct ids: `ServiceAccount`, `RoleBinding`.
 */
export class ComponentServiceAccount extends PodPart {
  /** The ServiceAccount. */
  public readonly serviceAccount: k8s.KubeServiceAccount;
  /** The RoleBinding, when a role is given. */
  public readonly roleBinding?: k8s.KubeRoleBinding;

  constructor(scope: Construct, id: string, props: ComponentServiceAccountProps) {
    super(scope, id, props.pod);
    const pod = this.pod;
    const name = serviceAccountName(pod.componentName);
    // The ServiceAccount (and RoleBinding) come before the Deployment.
    this.serviceAccount = this.beforeDeployment(
      new ServiceAccount(this, 'ServiceAccount', { metadata: this.metadataNamed(name), automountServiceAccountToken: false }),
    );
    if (props.role !== undefined) {
      const namespace = Chart.of(this).namespace;
      this.roleBinding = new RoleBinding(this, 'RoleBinding', {
        metadata: this.metadataNamed(name),
        subjects: [{ kind: 'ServiceAccount', name, ...(namespace !== undefined ? { namespace } : {}) }],
        roleRef: { apiGroup: RBAC_API_GROUP, kind: 'Role', name: props.role },
      });
      this.roleBinding.node.addDependency(this.serviceAccount);
      this.beforeDeployment(this.roleBinding);
    }
    pod.runAs(name, props.automountToken === true);
  }
}
