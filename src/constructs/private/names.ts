/**
 * The names the plugin derived from a component name, each cut to 63 characters. Private to the
 * constructs (not exported from the package); the compiler's input side imports them from here.
 */

/** The longest Kubernetes object name. */
export const MAX_NAME = 63;

/** The Deployment: `dep-<name>`. Also the value of the `k8sdeployment` label. */
export function deploymentName(name: string): string {
  return `dep-${name}`.slice(0, MAX_NAME);
}

/** The ClusterIP Service: `<name>`. */
export function serviceName(name: string): string {
  return name.slice(0, MAX_NAME);
}

/** The IPv4 NodePort Service: `x<name>`. */
export function nodePortServiceName(name: string): string {
  return `x${name}`.slice(0, MAX_NAME);
}

/** The IPv6 NodePort Service: `x<name>-ipv6`. */
export function ipv6NodePortServiceName(name: string): string {
  return `x${name}-ipv6`.slice(0, MAX_NAME);
}
