import { KeyPath } from '../diagnostics';
import { PlatformSettings } from '../platform/settings';
import { isObj, Json, mergePatch } from '../values';
import { CBS_ENV, parametersConfig } from './parameters';

/** Where one key of the mapped spec came from in the DCAE spec (a path inside the JSON). */
export type Origins = ReadonlyArray<readonly [specPath: KeyPath, dcaePath: KeyPath]>;

/** A DCAE component spec turned into the compiler's spec format, with where each key came from. */
export interface MappedSpec {
  /** The spec, in the keys of the component schema. */
  readonly value: Record<string, unknown>;
  /** For each mapped key, its path in the DCAE spec; keys the mapping made up have none. */
  readonly origins: Origins;
  /**
   * Values the generator derived from another key of the final spec, and that key: a problem with the value
   * is that key's problem, and is reported there (once).
   */
  readonly derived: ReadonlyArray<readonly [specPath: KeyPath, fromPath: KeyPath]>;
  /** Keys of the DCAE spec that the plugin ignored and the mapping dropped, for a warning each. */
  readonly ignored: readonly IgnoredKey[];
  /** Whether the spec has an artifact of type "docker image" (its uri is the image, when it is there). */
  readonly hasImageArtifact: boolean;
  /** The `port` of each health check that has one: the port its http(s) probe asks for ({@link ProbePort}). */
  readonly probePorts: readonly ProbePort[];
  /** With the platform's policy_sync.enabled, the entries of `policy_info.policy` without a policy id (v2 names a node label instead). */
  readonly policiesWithoutId: readonly KeyPath[];
}

/** The `port` a DCAE health check names, which the compiler's probe format has no key for. */
export interface ProbePort {
  /** The probe the health check maps to. */
  readonly probe: 'readiness' | 'liveness';
  /** The value as the spec has it (the schema says it is an integer). */
  readonly port: unknown;
  /** Where it is in the DCAE spec. */
  readonly path: KeyPath;
}

/** The image, replicas, pull policy and resources the blueprint generator gave every component. */
export const BLUEPRINT_DEFAULTS = {
  replicas: 1,
  always_pull: true,
  resources: { limits: { cpu: '250m', memory: '128Mi' }, requests: { cpu: '250m', memory: '128Mi' } },
  ca_name: 'RA',
  common_name: 'sample.onap.org',
  sans: 'sample.onap.org,component.sample.onap.org',
} as const;

/**
 * Healthcheck keys the probe format has no key for, which the schemas list: dropped from the probe without a
 * word. `port` is read apart ({@link ProbePort}); the plugin ignored both.
 */
export const IGNORED_HEALTHCHECK_KEYS = ['port', 'initialDelaySeconds'];

/** The health checks of a DCAE spec and the probe each one maps to. */
const HEALTHCHECKS = [
  ['healthcheck', 'readiness'],
  ['livehealthcheck', 'liveness'],
] as const;

/**
 * The keys the plugin read in each map of a mapped value, where the schemas accept any other key. Any other
 * key is dropped with a warning (the component schema would refuse it, and the plugin never looked at it).
 */
const READ_KEYS = {
  probe: ['type', 'endpoint', 'script', 'interval', 'timeout'],
  volume: ['host', 'config_volume', 'container'],
  host: ['path'],
  config_volume: ['name'],
  container: ['bind', 'mode'],
} as const;

/** A key of the DCAE spec that the mapping dropped because the plugin ignored it: where it is, and what the plugin read beside it. */
export interface IgnoredKey {
  readonly path: KeyPath;
  readonly read: readonly string[];
}

/**
 * Maps a DCAE component spec the way ONAP's blueprint generator and the plugin's tasks did together.
 * Any shape is accepted (a spec the component-spec schema refused is still mapped, so that its other
 * problems are found in the same run): a value of the wrong shape is passed on as it is, for the
 * component rules to report, or left out. Values the generator derived (CBS_CONFIG_URL from the name,
 * DCAE_CA_CERTPATH and the external certificate directory from the TLS cert directory) follow the final
 * value of what they derive from, the override applied (a `null` that removes it included).
 */
export function mapDcaeSpec(dcae: Json, platform: PlatformSettings, override: Json = {}): MappedSpec {
  const value: Record<string, unknown> = {};
  const origins: Array<[KeyPath, KeyPath]> = [];
  const derived: Array<[KeyPath, KeyPath]> = [];
  const ignored: IgnoredKey[] = [];
  const set = (key: string, v: unknown, from?: KeyPath) => {
    if (v === undefined) return;
    value[key] = v;
    if (from) origins.push([[key], from]);
  };
  const self = isObj(dcae.self) ? dcae.self : {};
  const aux = isObj(dcae.auxilary) ? dcae.auxilary : {};

  set('name', typeof self.name === 'string' ? self.name.replace(/\./g, '-') : undefined, ['self', 'name']);
  const artifacts = Array.isArray(dcae.artifacts) ? dcae.artifacts : [];
  const imageIndex = artifacts.findIndex((a) => isObj(a) && a.type === 'docker image');
  if (imageIndex >= 0) set('image', (artifacts[imageIndex] as Json).uri, ['artifacts', imageIndex, 'uri']);
  value.replicas = BLUEPRINT_DEFAULTS.replicas;
  value.always_pull = BLUEPRINT_DEFAULTS.always_pull;
  value.resources = JSON.parse(JSON.stringify(BLUEPRINT_DEFAULTS.resources));

  set('ports', aux.ports, ['auxilary', 'ports']);
  set('volumes', volumes(aux.volumes, ['auxilary', 'volumes'], ignored), ['auxilary', 'volumes']);
  if (aux.log_info !== undefined) set('log_info', aux.log_info, ['auxilary', 'log_info']);
  else set('log_info', aux.logging, ['auxilary', 'logging']);
  const probePorts: ProbePort[] = [];
  for (const [check, key] of HEALTHCHECKS) {
    const hc = aux[check];
    set(key, probe(hc, ['auxilary', check], ignored), ['auxilary', check]);
    if (isObj(hc) && hc.port !== undefined) probePorts.push({ probe: key, port: hc.port, path: ['auxilary', check, 'port'] });
  }

  if (platform.kafka.enabled) set('streams', streams(dcae.streams, parametersConfig(dcae.parameters)), ['streams']);

  const configmap = platform.application_config.source === 'configmap';
  if (configmap) set('application_config', parametersConfig(dcae.parameters), ['parameters']);

  const tls = isObj(aux.tls_info) ? aux.tls_info : undefined;
  if (tls) {
    const tlsInfo: Json = {};
    if (tls.cert_directory !== undefined) tlsInfo.cert_directory = tls.cert_directory;
    if (tls.use_tls !== undefined) tlsInfo.use_tls = tls.use_tls;
    set('tls_info', tlsInfo, ['auxilary', 'tls_info']);
  }

  // With the policy-sync sidecar, the policies' ids (the plugin read none). An override's policy_ids replaces them.
  const policies = platform.policy_sync.enabled ? policyIds(dcae.policy_info) : { ids: [], withoutId: [] };
  if (policies.ids.length > 0 && policies.withoutId.length === 0) set('policy_ids', policies.ids, ['policy_info']);

  // What the generator derived, from the final values: the mapping with the override applied.
  const final = mergePatch(value, override);
  const certDir = certDirectory(final, platform);
  if (tls && tls.use_external_tls !== undefined) {
    set(
      'external_cert',
      {
        use_external_tls: tls.use_external_tls,
        ca_name: BLUEPRINT_DEFAULTS.ca_name,
        external_certificate_parameters: { common_name: BLUEPRINT_DEFAULTS.common_name, sans: BLUEPRINT_DEFAULTS.sans },
        external_cert_directory: certDir,
      },
      ['auxilary', 'tls_info', 'use_external_tls'],
    );
    // A directory that is the final tls_info.cert_directory is reported there (the platform's is valid).
    if (hasCertDirectory(final))
      derived.push([
        ['external_cert', 'external_cert_directory'],
        ['tls_info', 'cert_directory'],
      ]);
  }
  value.env = {
    CONSUL_HOST: platform.consul_dns_name,
    CONFIG_BINDING_SERVICE: 'config-binding-service',
    // The plugin joined the cert dir and the file name as plain text: a trailing / gives //.
    DCAE_CA_CERTPATH: `${certDir}/cacert.pem`,
    CBS_CONFIG_URL: `${platform.cbs.base_url}/${typeof final.name === 'string' ? final.name : ''}`,
  };
  // With a ConfigMap, the component reads its configuration from a file: nothing of the config binding service is
  // given. A component without a configuration (no parameters, or application_config: null in the override) gets
  // no ConfigMap, and keeps the config binding service's variables, as with source cbs.
  if (configmap && isObj(final.application_config)) for (const key of CBS_ENV) delete (value.env as Json)[key];
  return { value, origins, derived, ignored, hasImageArtifact: imageIndex >= 0, probePorts, policiesWithoutId: policies.withoutId };
}

/**
 * The ids of `policy_info.policy`, in order, each once, and the entries that have none (no non-empty string
 * `policy_id`). A `policy_info` of another shape has none of either (the DCAE schema warns about it).
 */
function policyIds(info: unknown): { ids: string[]; withoutId: KeyPath[] } {
  const list = isObj(info) && Array.isArray(info.policy) ? info.policy : [];
  const ids = new Set<string>();
  const withoutId: KeyPath[] = [];
  list.forEach((entry, i) => {
    const id = isObj(entry) ? entry.policy_id : undefined;
    if (typeof id !== 'string' || id === '') withoutId.push(['policy_info', 'policy', i]);
    else ids.add(id);
  });
  return { ids: [...ids], withoutId };
}

/**
 * Where tls-info is mounted, and what DCAE_CA_CERTPATH and the external certificate directory derive from:
 * the final tls_info.cert_directory, else (absent, removed by the override, or empty) the platform's.
 */
function certDirectory(final: Json, platform: PlatformSettings): string {
  return hasCertDirectory(final) ? ((final.tls_info as Json).cert_directory as string) : platform.tls.component_cert_dir;
}

/** Whether the final spec names a TLS cert directory of its own (a non-empty string). */
function hasCertDirectory(final: Json): boolean {
  const dir = isObj(final.tls_info) ? final.tls_info.cert_directory : undefined;
  return typeof dir === 'string' && dir !== '';
}

/** A v3 spec's `streams_publishes` / `streams_subscribes` parameter entry: the topic at the end of its topic_url, or its kafka_info.topic_name. */
const TOPIC_URL = /\/events\/([^/?#]+)$/;

/**
 * The streams with the platform's kafka.enabled: of each entry its `config_key` and `type`, and the topic the
 * configuration's entry for that config_key names (a v3 spec's `streams_publishes` / `streams_subscribes`
 * parameters), when it names one. Entries of another shape are passed on, for the component rules to report.
 */
function streams(value: unknown, config: Json | undefined): unknown {
  if (!isObj(value)) return value;
  const out: Json = {};
  for (const [list, key] of [
    ['publishes', 'streams_publishes'],
    ['subscribes', 'streams_subscribes'],
  ] as const) {
    const entries = value[list];
    if (!Array.isArray(entries)) continue;
    const known = config && isObj(config[key]) ? config[key] : {};
    out[list] = entries.map((entry) => {
      if (!isObj(entry)) return entry;
      const stream: Json = {};
      if (entry.config_key !== undefined) stream.config_key = entry.config_key;
      if (entry.type !== undefined) stream.type = entry.type;
      const topic = typeof entry.config_key === 'string' ? configuredTopic(known[entry.config_key]) : undefined;
      if (topic !== undefined) stream.topic = topic;
      return stream;
    });
  }
  return out;
}

/** The topic of a configuration's stream entry: its dmaap_info.topic_url's last part after /events/, or its kafka_info.topic_name. */
function configuredTopic(entry: unknown): string | undefined {
  if (!isObj(entry)) return undefined;
  if (isObj(entry.kafka_info) && typeof entry.kafka_info.topic_name === 'string' && entry.kafka_info.topic_name !== '')
    return entry.kafka_info.topic_name;
  const url = isObj(entry.dmaap_info) ? entry.dmaap_info.topic_url : undefined;
  const m = typeof url === 'string' ? TOPIC_URL.exec(url) : null;
  return m ? m[1] : undefined;
}

/** A healthcheck as the compiler's probe: the keys the plugin read, without those it ignored. */
function probe(hc: unknown, at: KeyPath, ignored: IgnoredKey[]): unknown {
  if (!isObj(hc)) return hc;
  return only(hc, READ_KEYS.probe, at, ignored, IGNORED_HEALTHCHECK_KEYS);
}

/** The volumes, each with only the keys the plugin read; entries of another shape are passed on, for the component rules to report. */
function volumes(list: unknown, at: KeyPath, ignored: IgnoredKey[]): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((entry, i) => {
    if (!isObj(entry)) return entry;
    const out = only(entry, READ_KEYS.volume, [...at, i], ignored);
    for (const key of ['host', 'config_volume', 'container'] as const) {
      if (isObj(out[key])) out[key] = only(out[key] as Json, READ_KEYS[key], [...at, i, key], ignored);
    }
    return out;
  });
}

/** A map with only the keys the plugin read: the others are recorded as ignored, except those dropped silently. */
function only(map: Json, read: readonly string[], at: KeyPath, ignored: IgnoredKey[], silent: readonly string[] = []): Json {
  const out: Json = {};
  for (const [key, v] of Object.entries(map)) {
    if (read.includes(key)) out[key] = v;
    else if (!silent.includes(key)) ignored.push({ path: [...at, key], read });
  }
  return out;
}
