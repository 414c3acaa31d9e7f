/** Shared helpers of the construct tests (not a test file: jest only runs *.test.ts). */
import { App, Chart, Testing } from 'cdk8s';
import { ComponentPod } from '../../src/constructs/component-pod';

/** A plain chart, as a user's own cdk8s app would make one. */
export function chart(id = 'standalone'): Chart {
  return new Chart(new App(), id, { namespace: 'test', disableResourceNameHashes: true });
}

/** A pod whose main container is `solo`. */
export function soloPod(scope: Chart): ComponentPod {
  return new ComponentPod(scope, 'Pod', { main: { name: 'solo', image: 'repo/solo:1' } });
}

/** The pod spec of the chart's (only) Deployment, synthesised. */
export function podSpecOf(c: Chart): any {
  const dep = Testing.synth(c).find((o) => o.kind === 'Deployment');
  if (!dep) throw new Error('no Deployment');
  return dep.spec.template.spec;
}

/** The validation errors, as cdk8s reports them, or [] when synthesis succeeds. */
export function validationErrors(synth: () => unknown): string[] {
  try {
    synth();
    return [];
  } catch (e) {
    const message = (e as Error).message;
    expect(message).toMatch(/^Validation failed with the following errors:\n/);
    return message
      .split('\n')
      .slice(1)
      .map((l) => l.trim());
  }
}

/** The names of a list of containers or volumes. */
export function names(list: Array<{ name: string }> | undefined): string[] {
  return (list ?? []).map((x) => x.name);
}

/** A container or init container of a pod spec, by name. */
export function containerNamed(podSpec: any, name: string): any {
  const c = [...podSpec.containers, ...(podSpec.initContainers ?? [])].find((x: any) => x.name === name);
  if (!c) throw new Error(`no container ${name}`);
  return c;
}

/** A container's env as NAME=value lines (secret-sourced ones as NAME=<secret>/<key>, POD_IP as POD_IP=<podIP>). */
export function envLines(container: any): string[] {
  return (container.env ?? []).map((e: any) => {
    if (e.valueFrom?.secretKeyRef) return `${e.name}=<${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}>`;
    if (e.valueFrom?.fieldRef) return `${e.name}=<${e.valueFrom.fieldRef.fieldPath}>`;
    return `${e.name}=${e.value}`;
  });
}

/** The `POD_IP` variable every container carries after its own plain variables. */
export const POD_IP = { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } };
