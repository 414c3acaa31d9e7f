/**
 * Platform settings: the plugin's `k8sconfig`. Keys keep the file's (and the plugin's) names, so that
 * `components/platform.yaml`, this type and docs/reference.md read the same.
 */
export interface PlatformSettings {
  /** Namespace of every object whose spec names none. */
  readonly namespace: string;
  /** Image pull Secret names, written to every pod. */
  readonly image_pull_secrets: readonly string[];
  /** The cluster's NodePort range, `<first>-<last>`. */
  readonly node_port_range: string;
  /** CONSUL_HOST of components imported from DCAE component specs. */
  readonly consul_dns_name: string;
  /** The config binding service. */
  readonly cbs: { readonly base_url: string };
  /** The filebeat logging sidecar. */
  readonly filebeat: FilebeatSettings;
  /** The TLS init container. */
  readonly tls: TlsSettings;
  /** The cert-service-client init container. */
  readonly external_cert: ExternalCertSettings;
  /** The cert-post-processor init container. */
  readonly cert_post_processor: { readonly image_tag: string };
}

/** Settings of the filebeat sidecar. */
export interface FilebeatSettings {
  readonly log_path: string;
  readonly data_path: string;
  readonly config_path: string;
  readonly config_subpath: string;
  readonly config_map: string;
  readonly image: string;
}

/** Settings of the TLS init container. */
export interface TlsSettings {
  readonly cert_path: string;
  readonly component_cert_dir: string;
  readonly image: string;
}

/** Settings of the cert-service-client init container. */
export interface ExternalCertSettings {
  readonly image_tag: string;
  readonly request_url: string;
  readonly timeout: string;
  readonly country: string;
  readonly organization: string;
  readonly state: string;
  readonly organizational_unit: string;
  readonly location: string;
  readonly cert_secret_name: string;
  readonly keystore_secret_key: string;
  readonly truststore_secret_key: string;
  readonly keystore_password_secret_name: string;
  readonly truststore_password_secret_name: string;
  readonly keystore_password_secret_key: string;
  readonly truststore_password_secret_key: string;
}

/** The built-in defaults, as docs/reference.md lists them. */
export const DEFAULT_PLATFORM: PlatformSettings = {
  namespace: 'dcae',
  image_pull_secrets: [],
  node_port_range: '30000-32767',
  consul_dns_name: 'consul',
  cbs: { base_url: 'https://config-binding-service:10443/service_component_all' },
  filebeat: {
    log_path: '/var/log/onap',
    data_path: '/usr/share/filebeat/data',
    config_path: '/usr/share/filebeat/filebeat.yml',
    config_subpath: 'filebeat.yml',
    config_map: 'filebeat-conf',
    image: 'docker.elastic.co/beats/filebeat:5.5.0',
  },
  tls: {
    cert_path: '/opt/app/osaaf',
    component_cert_dir: '/opt/dcae/cacert',
    image: 'nexus3.onap.org:10001/onap/org.onap.dcaegen2.deployments.tls-init-container:2.1.0',
  },
  external_cert: {
    image_tag: 'nexus3.onap.org:10001/onap/org.onap.oom.platform.cert-service.oom-certservice-client:2.1.0',
    request_url: 'https://oom-cert-service:8443/v1/certificate/',
    timeout: '30000',
    country: 'US',
    organization: 'Linux-Foundation',
    state: 'California',
    organizational_unit: 'ONAP',
    location: 'San-Francisco',
    cert_secret_name: 'oom-cert-service-client-tls-secret',
    keystore_secret_key: 'keystore.jks',
    truststore_secret_key: 'truststore.jks',
    keystore_password_secret_name: 'oom-cert-service-keystore-password',
    truststore_password_secret_name: 'oom-cert-service-truststore-password',
    keystore_password_secret_key: 'password',
    truststore_password_secret_key: 'password',
  },
  cert_post_processor: {
    image_tag: 'nexus3.onap.org:10001/onap/org.onap.oom.platform.cert-service.oom-certservice-post-processor:2.1.0',
  },
};

/** The NodePort range as numbers. */
export function nodePortRange(settings: PlatformSettings): { readonly min: number; readonly max: number } {
  const [min, max] = settings.node_port_range.split('-').map(Number);
  return { min, max };
}

/**
 * Where the filebeat sidecar mounts the component's logs: `alternate_fb_path` when the spec sets one, else
 * `<filebeat.log_path>/<name>`.
 */
export function filebeatLogPath(logPath: string, name: string, alternateFbPath?: string): string {
  return alternateFbPath || `${logPath}/${name}`;
}
