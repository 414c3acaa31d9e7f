import { KeyPath } from '../diagnostics';
import { PlatformSettings } from '../platform/settings';
import { isObj, Json } from '../values';

/** Where one key of the mapped spec came from in the DCAE spec (a path inside the JSON). */
export type Origins = ReadonlyArray<readonly [specPath: KeyPath, dcaePath: KeyPath]>;

/** A DCAE component spec turned into the compiler's spec format, with where each key came from. */
export interface MappedSpec {
  /** The spec, in the keys of the component schema. */
  readonly value: Record<string, unknown>;
  /** For each mapped key, its path in the DCAE spec; keys the mapping made up have none. */
  readonly origins: Origins;
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

/** Healthcheck keys the plugin ignored. */
export const IGNORED_HEALTHCHECK_KEYS = ['port', 'initialDelaySeconds'];


/**
 * Maps a DCAE component spec the way ONAP's blueprint generator and the plugin's tasks did together.
 * The spec must already have passed the component-spec schema (so its shapes are known). Values the
 * generator derived (CBS_CONFIG_URL from the name, DCAE_CA_CERTPATH and the external certificate directory
 * from the TLS cert directory) follow an override of what they derive from.
 */
export function mapDcaeSpec(dcae: Json, platform: PlatformSettings, override: Json = {}): MappedSpec {
  const value: Record<string, unknown> = {};
  const origins: Array<[KeyPath, KeyPath]> = [];
  const set = (key: string, v: unknown, from?: KeyPath) => {
    if (v === undefined) return;
    value[key] = v;
    if (from) origins.push([[key], from]);
  };
  const self = isObj(dcae.self) ? dcae.self : {};
  const aux = isObj(dcae.auxilary) ? dcae.auxilary : {};

  const name = typeof self.name === 'string' ? self.name.replace(/\./g, '-') : undefined;
  set('name', name, ['self', 'name']);
  const finalName = typeof override.name === 'string' ? override.name : name;
  const overrideTls = isObj(override.tls_info) ? override.tls_info : {};
  const artifacts = Array.isArray(dcae.artifacts) ? dcae.artifacts : [];
  const imageIndex = artifacts.findIndex((a) => isObj(a) && a.type === 'docker image');
  if (imageIndex >= 0) set('image', (artifacts[imageIndex] as Json).uri, ['artifacts', imageIndex, 'uri']);
  value.replicas = BLUEPRINT_DEFAULTS.replicas;
  value.always_pull = BLUEPRINT_DEFAULTS.always_pull;
  value.resources = JSON.parse(JSON.stringify(BLUEPRINT_DEFAULTS.resources));

  set('ports', aux.ports, ['auxilary', 'ports']);
  set('volumes', aux.volumes, ['auxilary', 'volumes']);
  if (aux.log_info !== undefined) set('log_info', aux.log_info, ['auxilary', 'log_info']);
  else set('log_info', aux.logging, ['auxilary', 'logging']);
  set('readiness', probe(aux.healthcheck), ['auxilary', 'healthcheck']);
  set('liveness', probe(aux.livehealthcheck), ['auxilary', 'livehealthcheck']);

  const tls = isObj(aux.tls_info) ? aux.tls_info : undefined;
  const certDirectory = typeof overrideTls.cert_directory === 'string' ? overrideTls.cert_directory : tls?.cert_directory;
  if (tls) {
    const tlsInfo: Json = {};
    if (tls.cert_directory !== undefined) tlsInfo.cert_directory = tls.cert_directory;
    if (tls.use_tls !== undefined) tlsInfo.use_tls = tls.use_tls;
    set('tls_info', tlsInfo, ['auxilary', 'tls_info']);
    if (tls.use_external_tls !== undefined) {
      const externalCert: Json = {
        use_external_tls: tls.use_external_tls,
        ca_name: BLUEPRINT_DEFAULTS.ca_name,
        external_certificate_parameters: { common_name: BLUEPRINT_DEFAULTS.common_name, sans: BLUEPRINT_DEFAULTS.sans },
      };
      if (certDirectory !== undefined) externalCert.external_cert_directory = certDirectory;
      set('external_cert', externalCert, ['auxilary', 'tls_info', 'use_external_tls']);
      origins.push([['external_cert', 'external_cert_directory'], ['auxilary', 'tls_info', 'cert_directory']]);
    }
  }

  // The plugin joined the cert dir and the file name as plain text: a trailing / gives //.
  const certDir = (typeof certDirectory === 'string' && certDirectory) || platform.tls.component_cert_dir;
  value.env = {
    CONSUL_HOST: platform.consul_dns_name,
    CONFIG_BINDING_SERVICE: 'config-binding-service',
    DCAE_CA_CERTPATH: `${certDir}/cacert.pem`,
    CBS_CONFIG_URL: `${platform.cbs.base_url}/${finalName ?? ''}`,
  };
  return { value, origins };
}

/** A healthcheck as the compiler's probe: the keys the plugin read, without those it ignored. */
function probe(hc: unknown): Json | undefined {
  if (!isObj(hc)) return undefined;
  return Object.fromEntries(Object.entries(hc).filter(([k]) => !IGNORED_HEALTHCHECK_KEYS.includes(k)));
}
