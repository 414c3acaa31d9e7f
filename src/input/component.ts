import { createHash } from 'crypto';
import { describeValue, Diagnostic, KeyPath } from './diagnostics';
import { isEnvName, labelKeyProblem, labelValueProblem } from './rules/kubernetes';
import { deploymentName, ipv6NodePortServiceName, MAX_NAME, nodePortServiceName, serviceName } from '../spec/names';
import { checkSchema } from './schema';
import { SpecSource, Target } from './source';
import { ComponentSpec, ExternalCertSpec, MsbEntry, PortMapping, ProbeSpec, Protocol, ResourcesSpec, VolumeSpec } from './model';

/** What a component file became: a spec when nothing was wrong, and every diagnostic otherwise. */
export interface ComponentResult {
  readonly spec?: ComponentSpec;
  readonly diagnostics: Diagnostic[];
  /** Where the spec's values came from, for later checks that point at them. */
  readonly source: SpecSource;
}

/** The platform facts that validation needs. */
export interface ValidationContext {
  /** Host ports other than 0 must lie in this range. Undefined when the platform's range is itself invalid (not checked then). */
  readonly nodePortRange?: { readonly min: number; readonly max: number };
  /** Where tls-info is mounted when the spec sets no tls_info.cert_directory. */
  readonly defaultCertDirectory: string;
}

/** The port string form, as the plugin matched it (after trimming). */
export const PORT_PATTERN = /^([0-9]+)(\/(udp|UDP|tcp|TCP))?:([0-9]+)$/;
const PORT_FORM = '"<port>[/tcp|/udp]:<host port>"';
const INTERVAL = /^([0-9]+)(s|m|h)?$/;
const FACTORS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600 };
const MAX_INT32 = 2147483647;
const RESERVED_LABELS = ['app', 'k8sdeployment'];

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Validates a parsed component file into a typed spec: first against the published schema, then the rules a
 * schema cannot say (port ranges, derived names, probe ports, cross-field requirements). All problems are
 * reported; a spec is returned only when there are none.
 */
export function readComponent(source: SpecSource, context: ValidationContext): ComponentResult {
  const diagnostics = checkSchema('component', source);
  const v = isObj(source.value) ? source.value : {};
  const err = (path: KeyPath, message: string, target?: Target) => diagnostics.push(source.error(path, message, target));

  const name = str(v.name);
  const ports = readPorts(v.ports, context, err);
  const volumes = readVolumes(v.volumes, err);
  // A spec whose port entries are all wrong still has ports: its probes are not also "without a port".
  const hasPorts = Array.isArray(v.ports) && v.ports.length > 0;
  const readiness = readProbe(v, 'readiness', ports, hasPorts, err);
  const liveness = readProbe(v, 'liveness', ports, hasPorts, err);
  const labels = readLabels(v.labels, err);
  const env = readEnv(v.env, source, err);
  const externalCert = readExternalCert(v.external_cert, err);
  const logDirectory = isObj(v.log_info) ? str(v.log_info.log_directory) : undefined;
  const tlsInfo = isObj(v.tls_info) ? v.tls_info : {};
  const certDirectory = str(tlsInfo.cert_directory);
  checkMountPaths(volumes, logDirectory, certDirectory, context.defaultCertDirectory, err);
  if (name !== undefined && /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name)) checkDerivedNames(name, ports, err);
  checkResourceNames(v.resources, err);
  checkRequestsWithinLimits(v.resources, err);
  const msbList = readMsb(v.msb_list, name ?? '', ports, err);

  if (diagnostics.length > 0 || name === undefined) return { diagnostics, source };
  const spec: ComponentSpec = {
    file: source.file,
    name,
    image: v.image as string,
    namespace: str(v.namespace),
    replicas: typeof v.replicas === 'number' ? v.replicas : 1,
    alwaysPull: v.always_pull === true,
    labels,
    env,
    ports,
    volumes,
    resources: readResources(v.resources),
    readiness,
    liveness,
    logInfo: logDirectory
      ? { logDirectory, alternateFbPath: isObj(v.log_info) ? str(v.log_info.alternate_fb_path) : undefined }
      : undefined,
    tlsInfo: { useTls: tlsInfo.use_tls === true, certDirectory },
    externalCert,
    k8sLocation: str(v.k8s_location),
    msbList,
  };
  return { spec, diagnostics, source };
}

type Report = (path: KeyPath, message: string, target?: Target) => void;

/** Parses port entries, de-duplicates them by (port, protocol, ipv6), and checks ranges and NodePort reuse. */
function readPorts(value: unknown, context: ValidationContext, err: Report): PortMapping[] {
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
      err(where, `container port ${m[1]} in ${describeValue(text)} is not in 1-65535`);
      return;
    }
    if (range && hostPort !== 0 && (hostPort < range.min || hostPort > range.max)) {
      err(where, `host port ${m[4]} in ${describeValue(text)} is not 0 or inside the node port range ${range.min}-${range.max}`);
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
      err(['ports', hostIndex], `host port ${mapping.hostPort} is already the NodePort of ports[${other.index}]; ` +
        'expected each NodePort once per protocol, on one Service (the API server refuses the second)');
    } else if (!other) {
      usedNodePorts.set(mapping.hostPort, { index: hostIndex, protocol: mapping.protocol, ipv6: mapping.ipv6 });
    }
  }
  return mappings.map((m) => m.mapping);
}

/** The deterministic name of a user volume: its kind and a hash of its source and mount point. */
export function volumeName(kind: 'host' | 'config', source: string, bind: string): string {
  const hash = createHash('sha256').update(`${kind}\0${source}\0${bind}`).digest('hex').slice(0, 10);
  return `${kind}-${hash}`;
}

function readVolumes(value: unknown, err: Report): VolumeSpec[] {
  if (!Array.isArray(value)) return [];
  const out: VolumeSpec[] = [];
  value.forEach((entry, i) => {
    if (!isObj(entry)) return;
    const host = isObj(entry.host) ? str(entry.host.path) : undefined;
    const config = isObj(entry.config_volume) ? str(entry.config_volume.name) : undefined;
    const hasHost = entry.host !== undefined;
    const hasConfig = entry.config_volume !== undefined;
    if (hasHost && hasConfig) {
      err(['volumes', i], 'has both host and config_volume; expected exactly one source');
      return;
    }
    if (!hasHost && !hasConfig) {
      err(['volumes', i], 'has no source; expected exactly one of host: {path} or config_volume: {name}');
      return;
    }
    const bind = isObj(entry.container) ? str(entry.container.bind) : undefined;
    if (bind === undefined || (host === undefined && config === undefined)) return;
    const readOnly = isObj(entry.container) && entry.container.mode === 'ro';
    out.push(host !== undefined
      ? { name: volumeName('host', host, bind), mountPath: bind, readOnly, hostPath: host }
      : { name: volumeName('config', config as string, bind), mountPath: bind, readOnly, configMap: config });
  });
  return out;
}

/** The main container may not mount two volumes at one path: the API server refuses it. */
function checkMountPaths(volumes: VolumeSpec[], logDirectory: string | undefined, certDirectory: string | undefined, defaultCertDirectory: string, err: Report): void {
  const seen = new Map<string, string>();
  // The TLS volume is mounted last, but at the platform's directory when the spec names none: a clash is then the user's mount.
  if (certDirectory === undefined) seen.set(defaultCertDirectory, 'tls-info (the platform\'s tls.component_cert_dir, as tls_info.cert_directory is not set)');
  volumes.forEach((vol, i) => {
    const first = seen.get(vol.mountPath);
    if (first) err(['volumes', i, 'container', 'bind'], `${describeValue(vol.mountPath)} is already mounted by ${first}; expected a mount path used once`);
    else seen.set(vol.mountPath, `volumes[${i}]`);
  });
  if (logDirectory !== undefined) {
    const first = seen.get(logDirectory);
    if (first) err(['log_info', 'log_directory'], `${describeValue(logDirectory)} is already mounted by ${first}; expected a mount path used once`);
    else seen.set(logDirectory, 'log_info.log_directory');
  }
  if (certDirectory !== undefined) {
    const first = seen.get(certDirectory);
    if (first) err(['tls_info', 'cert_directory'], `${describeValue(certDirectory)} is already mounted by ${first}; expected a mount path used once`);
  }
}

/** Derived object names are cut to 63 characters; a cut name must still be valid and distinct. */
function checkDerivedNames(name: string, ports: PortMapping[], err: Report): void {
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

function readProbe(v: Json, key: 'readiness' | 'liveness', ports: PortMapping[], hasPorts: boolean, err: Report): ProbeSpec | undefined {
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

function readInterval(value: unknown, fallback: number, path: KeyPath, err: Report): number | undefined {
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

function readLabels(value: unknown, err: Report): Record<string, string> {
  if (!isObj(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, label] of Object.entries(value)) {
    if (RESERVED_LABELS.includes(key)) {
      err(['labels', key], `the label "${key}" is set by the compiler (app: <name>, k8sdeployment: dep-<name>); remove it`, 'key');
      continue;
    }
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) err(['labels', key], `${describeValue(key)} is not ${keyProblem}`, 'key');
    if (typeof label !== 'string') continue; // reported by the schema
    const valueProblem = labelValueProblem(label);
    if (valueProblem) err(['labels', key], `${describeValue(label)} is not ${valueProblem}`);
    else if (!keyProblem) out[key] = label;
  }
  return out;
}

function readEnv(value: unknown, source: SpecSource, err: Report): Array<[string, string]> {
  if (!isObj(value)) return [];
  const out: Array<[string, string]> = [];
  for (const [key, raw] of Object.entries(value)) {
    if (key === 'POD_IP') {
      err(['env', key], 'POD_IP is set by the compiler from the pod\'s IP (status.podIP); remove it', 'key');
      continue;
    }
    if (!isEnvName(key)) {
      err(['env', key], `${describeValue(key)} is not an environment variable name: letters, digits, "_", "-" or ".", not starting with a digit`, 'key');
      continue;
    }
    if (typeof raw === 'string') out.push([key, raw]);
    else if (typeof raw === 'number' || typeof raw === 'boolean') out.push([key, source.rawScalar(['env', key]) ?? String(raw)]);
  }
  return out;
}

/** Resource names as Kubernetes accepts them: `cpu`, `memory`, `ephemeral-storage`, `hugepages-2Mi`, `<domain>/<name>`. */
const RESOURCE_NAME = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

function checkResourceNames(value: unknown, err: Report): void {
  if (!isObj(value)) return;
  for (const list of ['limits', 'requests']) {
    const entries = value[list];
    if (!isObj(entries)) continue;
    for (const key of Object.keys(entries)) {
      if (!RESOURCE_NAME.test(key) || key.length > 253) {
        err(['resources', list, key], `${describeValue(key)} is not a resource name such as cpu, memory, ephemeral-storage or <domain>/<name>`, 'key');
      }
    }
  }
}

/** A Kubernetes quantity as a number (`250m` is 0.25, `1Gi` is 2^30), or undefined when it is not one. */
export function quantityValue(q: string | number): number | undefined {
  if (typeof q === 'number') return q;
  const m = /^([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/.exec(q);
  if (!m) return undefined;
  const SUFFIX: Record<string, number> = {
    Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
    n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  };
  const suffix = m[2] ?? '';
  const factor = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : suffix ? SUFFIX[suffix] : 1;
  return Number(m[1]) * factor;
}

/** A request above its limit is refused by the API server ("must be less than or equal to ... limit"). */
function checkRequestsWithinLimits(value: unknown, err: Report): void {
  if (!isObj(value) || !isObj(value.limits) || !isObj(value.requests)) return;
  for (const [name, request] of Object.entries(value.requests)) {
    const limit = value.limits[name];
    if ((typeof request !== 'string' && typeof request !== 'number') || (typeof limit !== 'string' && typeof limit !== 'number')) continue;
    const r = quantityValue(request);
    const l = quantityValue(limit);
    if (r !== undefined && l !== undefined && r > l) {
      err(['resources', 'requests', name], `${describeValue(request)} is more than the limit ${describeValue(limit)}; expected a request at most its limit (the API server refuses it)`);
    }
  }
}

function readResources(value: unknown): ResourcesSpec | undefined {
  if (!isObj(value)) return undefined;
  const pick = (v: unknown) => (isObj(v) && Object.keys(v).length > 0 ? (v as Record<string, string | number>) : undefined);
  const limits = pick(value.limits);
  const requests = pick(value.requests);
  return limits || requests ? { limits, requests } : undefined;
}

function readExternalCert(value: unknown, err: Report): ExternalCertSpec | undefined {
  if (!isObj(value) || value.use_external_tls !== true) return undefined;
  const params = isObj(value.external_certificate_parameters) ? value.external_certificate_parameters : {};
  const need = (path: KeyPath, present: unknown, what: string) => {
    if (present === undefined) err(path, `missing; use_external_tls is true, so ${what} is required`);
  };
  need(['external_cert', 'external_cert_directory'], value.external_cert_directory, 'the directory the certificates go to');
  need(['external_cert', 'ca_name'], value.ca_name, 'the CA name (for example RA)');
  need(['external_cert', 'external_certificate_parameters', 'common_name'], params.common_name, 'the certificate\'s common name');
  const directory = str(value.external_cert_directory);
  const caName = str(value.ca_name);
  const commonName = str(params.common_name);
  if (directory === undefined || caName === undefined || commonName === undefined) return undefined;
  return {
    externalCertDirectory: directory,
    caName,
    certType: str(value.cert_type) ?? 'P12',
    commonName,
    sans: str(params.sans) ?? '',
  };
}

function readMsb(value: unknown, name: string, ports: PortMapping[], err: Report): MsbEntry[] {
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
