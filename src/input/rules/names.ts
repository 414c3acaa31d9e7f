/** The object names derived from a component name, cut to 63 characters. */
import { deploymentName, ipv6NodePortServiceName, MAX_NAME, nodePortServiceName, serviceName } from '../../spec/names';
import { PortMapping } from '../model';
import { Report } from '../values';

/** Derived object names are cut to 63 characters; a cut name must still be valid and distinct. */
export function checkDerivedNames(name: string, ports: PortMapping[], err: Report): void {
  const names: Array<[string, string]> = [['Deployment', deploymentName(name)]];
  if (ports.length > 0) names.push(['ClusterIP Service', serviceName(name)]);
  const ipv4 = ports.some((p) => !p.ipv6 && p.hostPort !== 0);
  const ipv6 = ports.some((p) => p.ipv6 && p.hostPort !== 0);
  if (ipv4) names.push(['NodePort Service', nodePortServiceName(name)]);
  if (ipv6) names.push(['IPv6 NodePort Service', ipv6NodePortServiceName(name)]);
  const seen = new Map<string, string>();
  for (const [what, derived] of names) {
    if (derived.endsWith('-')) {
      err(['name'], `gives the ${what} name "${derived}" once cut to ${MAX_NAME} characters, which ends in "-"; expected a shorter name`);
    }
    const other = seen.get(derived);
    if (other) {
      const longest = what.startsWith('IPv6') ? MAX_NAME - '-ipv6'.length - 1 : MAX_NAME - 1;
      err(['name'], `gives the same name "${derived}" to the ${other} and the ${what} once cut to ${MAX_NAME} characters; expected a name of at most ${longest} characters`);
    }
    seen.set(derived, what);
  }
}
