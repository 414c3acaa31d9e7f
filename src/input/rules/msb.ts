/** MSB registrations: the msb.onap.org/service-info entries and their defaults. */
import { COMPONENT_DEFAULTS } from '../../contract/defaults';
import { MsbEntry, PortMapping } from '../model';
import { isObj, Report, str } from '../values';
import { ComponentRule } from './rule';

/** The `msb` rule: the spec's MSB registrations, with their defaults. */
export const msbRule: ComponentRule<'msb', 'ports'> = {
  name: 'msb',
  description: 'A component registered with MSB has a port, for its ClusterIP Service.',
  after: ['ports'],
  check: ({ value, read: { ports }, report }) => readMsb(value.msb_list, str(value.name) ?? '', ports, report),
};

function readMsb(value: unknown, name: string, ports: PortMapping[], err: Report): MsbEntry[] {
  if (!Array.isArray(value) || value.length === 0) return [];
  if (ports.length === 0) {
    err(
      ['msb_list'],
      'registers the component with MSB through its ClusterIP Service, and the component has no ports; expected a port in ports',
    );
    return [];
  }
  const d = COMPONENT_DEFAULTS.msb;
  return value.filter(isObj).map((e) => ({
    serviceName: str(e.serviceName) ?? name,
    port: e.port === undefined ? d.port : String(e.port),
    version: str(e.version) ?? d.version,
    url: str(e.url) ?? d.url,
    protocol: str(e.protocol) ?? d.protocol,
    enableSsl: typeof e.enable_ssl === 'boolean' ? e.enable_ssl : d.enableSsl,
    visualRange: e.visualRange === undefined ? d.visualRange : String(e.visualRange),
  }));
}
