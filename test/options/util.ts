/** Small accessors shared by the option tests (not a test file: jest only runs *.test.ts). */
import { podOf } from '../helpers';

/** The Deployment. */
export function deploymentOf(objects: any[]): any {
  return objects.find((x) => x.kind === 'Deployment');
}

/** Every Service, in output order. */
export function servicesOf(objects: any[]): any[] {
  return objects.filter((x) => x.kind === 'Service');
}

/** `kind/name` of every object, in output order. */
export function kindsAndNames(objects: any[]): string[] {
  return objects.map((x) => `${x.kind}/${x.metadata.name}`);
}

/** An init container by name. */
export function initOf(objects: any[], name: string): any {
  const c = (podOf(objects).initContainers ?? []).find((x: any) => x.name === name);
  if (!c) throw new Error(`no init container ${name}`);
  return c;
}

/** A container (main or sidecar) by name. */
export function containerOf(objects: any[], name: string): any {
  const c = podOf(objects).containers.find((x: any) => x.name === name);
  if (!c) throw new Error(`no container ${name}`);
  return c;
}

/** The `POD_IP` variable every container carries after its own plain variables. */
export const POD_IP = { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } };

/** Plain env as NAME=value lines, for compact assertions (POD_IP and secret variables show as NAME=<from>). */
export function envLines(container: any): string[] {
  return (container.env ?? []).map((e: any) => (e.valueFrom ? `${e.name}=<from>` : `${e.name}=${e.value}`));
}

/** An external_cert block with the required keys (VES's directory, CA RA, its common name), plus overrides. */
export function ext(extra: object = {}, params: object = {}): object {
  return {
    use_external_tls: true,
    external_cert_directory: '/opt/app/dcae-certificate/',
    ca_name: 'RA',
    external_certificate_parameters: { common_name: 'dcae-ves-collector', ...params },
    ...extra,
  };
}
