/** Ports: the string and concat forms, their ranges, keying by (port, protocol, ipv6), NodePort reuse. */
import { cut, describeValue, KeyPath } from '../diagnostics';
import { PortMapping, Protocol } from '../model';
import { isObj, Report } from '../values';
import { ComponentRule } from './rule';
import { PortContext } from './context';

/** The port string form, as the plugin matched it (after trimming). */
export const PORT_PATTERN = /^([0-9]+)(\/(udp|UDP|tcp|TCP))?:([0-9]+)$/;
const PORT_FORM = '"<port>[/tcp|/udp]:<host port>"';

/** The `ports` rule: the spec's port mappings. */
export const portsRule: ComponentRule<'ports'> = {
  name: 'ports',
  description: 'Port entries are "<port>[/tcp|/udp]:<host port>" (or a concat that joins to one), in range, each NodePort used once.',
  check: (context) => readPorts(context.value.ports, context.platform, context.report),
};

/** Parses port entries, de-duplicates them by (port, protocol, ipv6), and checks ranges and NodePort reuse. */
function readPorts(value: unknown, context: PortContext, err: Report): PortMapping[] {
  if (!Array.isArray(value)) return [];
  const range = context.nodePortRange;
  const byKey = new Map<string, { mapping: PortMapping; hostIndex: number }>();
  value.forEach((entry, i) => {
    let text: string | undefined;
    let ipv6 = false;
    let where: KeyPath = ['ports', i];
    if (typeof entry === 'string') {
      text = entry;
    } else if (isObj(entry) && Array.isArray(entry.concat)) {
      if (entry.concat.length === 0 || !entry.concat.every((p) => typeof p === 'string' || typeof p === 'number')) return;
      text = entry.concat.map(String).join('');
      ipv6 = entry.ipv6 === true;
      where = ['ports', i, 'concat'];
    }
    if (text === undefined) return;
    const m = PORT_PATTERN.exec(text.trim());
    if (!m) {
      // A plain string that does not match is reported by the schema's pattern; a concat only here.
      if (typeof entry !== 'string') err(where, `joins to ${describeValue(text)}, which is not ${PORT_FORM}`);
      return;
    }
    const containerPort = Number(m[1]);
    const hostPort = Number(m[4]);
    const protocol = (m[3] ? m[3].toUpperCase() : 'TCP') as Protocol;
    if (containerPort < 1 || containerPort > 65535) {
      err(where, `container port ${cut(m[1], 12)} in ${describeValue(text)} is not in 1-65535`);
      return;
    }
    if (range && hostPort !== 0 && (hostPort < range.min || hostPort > range.max)) {
      err(where, `host port ${cut(m[4], 12)} in ${describeValue(text)} is not 0 or inside the node port range ${range.min}-${range.max}`);
      return;
    }
    const key = `${containerPort}/${protocol}/${ipv6}`;
    // Same key again: a Map keeps the first position, and the last host port wins, as the plugin's dict did.
    byKey.set(key, { mapping: { containerPort, protocol, hostPort, ipv6, entry: i }, hostIndex: i });
  });
  const mappings = [...byKey.values()];
  const usedNodePorts = new Map<number, { index: number; protocol: Protocol; ipv6: boolean }>();
  for (const { mapping, hostIndex } of mappings) {
    if (mapping.hostPort === 0) continue;
    const other = usedNodePorts.get(mapping.hostPort);
    if (other && (other.ipv6 !== mapping.ipv6 || other.protocol === mapping.protocol)) {
      err(
        ['ports', hostIndex],
        `host port ${mapping.hostPort} is already the NodePort of ports[${other.index}]; ` +
          'expected each NodePort once per protocol, on one Service (the API server refuses the second)',
      );
    } else if (!other) {
      usedNodePorts.set(mapping.hostPort, { index: hostIndex, protocol: mapping.protocol, ipv6: mapping.ipv6 });
    }
  }
  return mappings.map((m) => m.mapping);
}
