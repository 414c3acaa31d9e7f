/** Shared inputs and accessors of the Pod Security tests (not a test file: jest only runs *.test.ts). */
import { podOf } from '../helpers';

/** A spec with every container the compiler adds: main, filebeat, init-tls, cert-service-client, cert-post-processor; and a config_volume. */
export const EVERY_CONTAINER = {
  name: 'comp',
  image: 'repo/comp:1.0',
  ports: ['8080:30080', '8443:0'],
  volumes: [{ config_volume: { name: 'comp-config' }, container: { bind: '/opt/app/etc', mode: 'ro' } }],
  log_info: { log_directory: '/opt/app/logs' },
  tls_info: { use_tls: true, cert_directory: '/opt/app/certs/' },
  external_cert: {
    use_external_tls: true,
    external_cert_directory: '/opt/app/ext/',
    ca_name: 'RA',
    cert_type: 'P12',
    external_certificate_parameters: { common_name: 'comp', sans: 'comp' },
  },
};

/** The names of the containers of EVERY_CONTAINER, containers then init containers. */
export const EVERY_CONTAINER_NAMES = ['comp', 'filebeat', 'init-tls', 'cert-service-client', 'cert-post-processor'];

/** The platform file's settings with a restricted Pod Security (and any other pod_security keys). */
export function restrictedPlatform(extra: object = {}): object {
  return { pod_security: { profile: 'restricted', ...extra } };
}

/** Every container and init container of the (only) pod, in that order. */
export function allContainersOf(objects: any[]): any[] {
  const pod = podOf(objects);
  return [...pod.containers, ...(pod.initContainers ?? [])];
}

/** What the profile writes on each container, for a readOnlyRootFilesystem value. */
export function containerContext(readOnlyRootFilesystem: boolean): object {
  return { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem, runAsNonRoot: true };
}

/** What the profile writes on the pod, for a user and groups. */
export function podContext(user: number, group: number, fsGroup: number): object {
  return { runAsNonRoot: true, runAsUser: user, runAsGroup: group, fsGroup, seccompProfile: { type: 'RuntimeDefault' } };
}
