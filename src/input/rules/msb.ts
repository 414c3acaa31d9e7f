/** MSB registrations: the msb.onap.org/service-info entries and their defaults. */
import { MsbEntry, PortMapping } from '../model';
import { isObj, Report, str } from '../values';

export function readMsb(value: unknown, name: string, ports: PortMapping[], err: Report): MsbEntry[] {
  if (!Array.isArray(value) || value.length === 0) return [];
  if (ports.length === 0) {
    err(['msb_list'], 'registers the component with MSB through its ClusterIP Service, and the component has no ports; expected a port in ports');
    return [];
  }
  return value.filter(isObj).map((e) => ({
    serviceName: str(e.serviceName) ?? name,
    port: e.port === undefined ? '80' : String(e.port),
    version: str(e.version) ?? 'v1',
    url: str(e.url) ?? '/',
    protocol: str(e.protocol) ?? 'REST',
    enable_ssl: e.enable_ssl === true,
    visualRange: e.visualRange === undefined ? '1' : String(e.visualRange),
  }));
}
