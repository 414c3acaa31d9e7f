/** Readiness and liveness probes: types, their needs, intervals and timeouts. */
import { describeValue, KeyPath } from '../diagnostics';
import { PortMapping, ProbeSpec } from '../model';
import { isObj, Json, MAX_INT32, Report, str } from '../values';

const INTERVAL = /^([0-9]+)(s|m|h)?$/;
const FACTORS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600 };

export function readProbe(v: Json, key: 'readiness' | 'liveness', ports: PortMapping[], hasPorts: boolean, err: Report): ProbeSpec | undefined {
  const p = v[key];
  if (!isObj(p) || typeof p.type !== 'string') return undefined;
  const type = p.type.toLowerCase();
  const periodSeconds = readInterval(p.interval, 15, [key, 'interval'], err);
  const timeoutSeconds = readInterval(p.timeout, 1, [key, 'timeout'], err);
  if (type === 'http' || type === 'https') {
    const endpoint = str(p.endpoint);
    if (p.endpoint === undefined) err([key, 'endpoint'], `missing; an ${type} probe needs the path to request, for example /healthcheck`);
    if (ports.length === 0) {
      if (!hasPorts) err([key, 'type'], `${describeValue(p.type)} probes the first container port, and the component has no ports; expected a port in ports, or a script probe`);
      return undefined;
    }
    if (endpoint === undefined || periodSeconds === undefined || timeoutSeconds === undefined) return undefined;
    return { periodSeconds, timeoutSeconds, httpGet: { path: endpoint, port: ports[0].containerPort, scheme: type === 'https' ? 'HTTPS' : 'HTTP' } };
  }
  if (type === 'script' || type === 'docker') {
    if (p.script === undefined) err([key, 'script'], `missing; a ${type} probe needs the command to run`);
    const script = str(p.script);
    if (script === undefined || periodSeconds === undefined || timeoutSeconds === undefined) return undefined;
    return { periodSeconds, timeoutSeconds, exec: { command: script.trim().split(/\s+/) } };
  }
  return undefined; // another type is reported by the schema
}

export function readInterval(value: unknown, fallback: number, path: KeyPath, err: Report): number | undefined {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value > MAX_INT32) {
    err(path, `${value} is more than ${MAX_INT32} seconds; expected at most ${MAX_INT32}`);
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
