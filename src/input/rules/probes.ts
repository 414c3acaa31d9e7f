/** Readiness and liveness probes: types, their needs, intervals and timeouts. */
import { COMPONENT_DEFAULTS } from '../../contract/defaults';
import { describeValue, KeyPath } from '../diagnostics';
import { PortMapping, ProbeSpec } from '../model';
import { schemaOf } from '../schema';
import { SpecSource } from '../source';
import { isObj, Json, MAX_INT32, Report, str } from '../values';
import { ComponentRule } from './rule';

const INTERVAL = /^([0-9]+)(s|m|h)?$/;
const FACTORS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600 };
/** What a probe time looks like, as the published schema says it. */
const INTERVAL_EXPECTED = (schemaOf('component') as { definitions: { probe: { properties: { interval: Record<string, string> } } } })
  .definitions.probe.properties.interval['x-expected'];

/** The `probes` rule: the readiness and liveness probes, each with what its type needs. */
export const probesRule: ComponentRule<'probes', 'ports'> = {
  name: 'probes',
  description:
    'An http(s) probe has an endpoint and a port to probe, a script probe a command; probe times are positive seconds within 32 bits.',
  after: ['ports'],
  check: ({ value, source, read: { ports }, report, warn }) => {
    // A spec whose port entries are all wrong, or whose ports are not a list, still has ports: its probes are not also "without a port".
    const hasPorts = value.ports !== undefined && !(Array.isArray(value.ports) && value.ports.length === 0);
    const readiness = readProbe(value, 'readiness', ports, hasPorts, source, report, warn);
    const liveness = readProbe(value, 'liveness', ports, hasPorts, source, report, warn);
    return { readiness, liveness };
  },
};

function readProbe(
  v: Json,
  key: 'readiness' | 'liveness',
  ports: PortMapping[],
  hasPorts: boolean,
  source: SpecSource,
  err: Report,
  warn: Report,
): ProbeSpec | undefined {
  const p = v[key];
  if (!isObj(p) || typeof p.type !== 'string') return undefined;
  const type = p.type.toLowerCase();
  const time = (name: 'interval' | 'timeout', fallback: number) =>
    readInterval(p[name], fallback, [key, name], source.rawScalar([key, name]), err);
  const periodSeconds = time('interval', COMPONENT_DEFAULTS.probePeriodSeconds);
  const timeoutSeconds = time('timeout', COMPONENT_DEFAULTS.probeTimeoutSeconds);
  if (type === 'http' || type === 'https') {
    const endpoint = str(p.endpoint);
    if (p.endpoint === undefined) err([key, 'endpoint'], `missing; an ${type} probe needs the path to request, for example /healthcheck`);
    if (ports.length === 0) {
      if (!hasPorts)
        err(
          [key, 'type'],
          `${describeValue(p.type)} probes the first container port, and the component has no ports; expected a port in ports, or a script probe`,
        );
      return undefined;
    }
    if (endpoint === undefined || periodSeconds === undefined || timeoutSeconds === undefined) return undefined;
    return {
      periodSeconds,
      timeoutSeconds,
      httpGet: { path: endpoint, port: ports[0].containerPort, scheme: type === 'https' ? 'HTTPS' : 'HTTP' },
    };
  }
  if (type === 'script' || type === 'docker') {
    if (p.script === undefined) err([key, 'script'], `missing; a ${type} probe needs the command to run`);
    const script = str(p.script);
    if (script === undefined) return undefined;
    // Split as the plugin split it (Python's str.split()): no shell, so quotes stay inside the arguments.
    const command = script.trim().split(/\s+/);
    if (/["']/.test(script)) {
      warn(
        [key, 'script'],
        `contains quotes, which are not interpreted: the command is [${command.map((c) => JSON.stringify(c)).join(', ')}]; ` +
          'to run a shell command, put it in a script in the image and name that script here (the script is split on whitespace and run without a shell)',
      );
    }
    if (periodSeconds === undefined || timeoutSeconds === undefined) return undefined;
    return { periodSeconds, timeoutSeconds, exec: { command } };
  }
  return undefined; // another type is reported by the schema
}

/**
 * A probe time in seconds. The plugin matched `str(value)` against `^[0-9]+(s|m|h)?$`, so it refused `30.0`
 * and `10E0`, which YAML 1.2 reads as the number 30 and 10. A number therefore counts only when written as
 * digits (any other spelling, such as `0x1E`, is refused too); `raw` is the scalar as written, to tell them apart.
 */
function readInterval(value: unknown, fallback: number, path: KeyPath, raw: string | undefined, err: Report): number | undefined {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value > MAX_INT32) {
    err(path, `${value} is more than ${MAX_INT32} seconds; expected at most ${MAX_INT32}`);
    return undefined;
  }
  // A negative number or a fraction is reported by the schema.
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && raw !== undefined && !/^[0-9]+$/.test(raw)) {
    err(path, `${raw} is not ${INTERVAL_EXPECTED}`);
    return undefined;
  }
  const m = typeof value === 'number' || typeof value === 'string' ? INTERVAL.exec(String(value)) : null;
  if (!m) return undefined; // reported by the schema
  const seconds = Number(m[1]) * FACTORS[m[2] ?? ''];
  if (seconds === 0) {
    err(path, `${describeValue(value)} is not a positive number of seconds (the API server refuses 0)`);
    return undefined;
  }
  if (seconds > MAX_INT32) {
    err(path, `${describeValue(value)} is ${seconds} seconds; expected at most ${MAX_INT32}`);
    return undefined;
  }
  return seconds;
}
