import { ComponentChartProps } from '../constructs/component-chart';
import { PlatformSettings } from '../input/platform/settings';
import { ComponentSpec, ExternalCertSpec } from '../input/model';
import { applicationConfigText } from './application-config';

/**
 * The one place where the compiler's validated input (a component spec and the merged platform settings)
 * becomes the constructs' props. Every platform value is passed, so the constructs' own defaults never
 * apply here: a platform file that changes one changes the output.
 */
export function chartProps(spec: ComponentSpec, platform: PlatformSettings): ComponentChartProps {
  const { filebeat: fb, tls } = platform;
  const ps = spec.podSecurity;
  const ext = spec.externalCert;
  return {
    namespace: spec.namespace,
    main: {
      name: spec.name,
      image: spec.image,
      alwaysPull: spec.alwaysPull,
      env: spec.env,
      ports: spec.ports,
      resources: spec.resources,
      readiness: spec.readiness,
      liveness: spec.liveness,
    },
    replicas: spec.replicas,
    labels: spec.labels,
    imagePullSecrets: platform.image_pull_secrets,
    podSecurity: {
      profile: ps.profile,
      runAsUser: ps.run_as_user,
      runAsGroup: ps.run_as_group,
      fsGroup: ps.fs_group,
      readOnlyRootFilesystem: ps.read_only_root_filesystem,
    },
    volumes: spec.volumes,
    applicationConfig: spec.applicationConfig && { config: applicationConfigText(spec.applicationConfig) },
    filebeat: spec.logInfo && {
      logDirectory: spec.logInfo.logDirectory,
      alternateFbPath: spec.logInfo.alternateFbPath,
      image: fb.image,
      logPath: fb.log_path,
      dataPath: fb.data_path,
      configPath: fb.config_path,
      configSubPath: fb.config_subpath,
      configMap: fb.config_map,
    },
    policySync: spec.policyIds && {
      policyIds: spec.policyIds,
      image: platform.policy_sync.image,
      pdpUrl: platform.policy_sync.pdp_url,
      pdpSecret: platform.policy_sync.pdp_secret,
      interval: platform.policy_sync.interval,
    },
    tlsInit: {
      useTls: spec.tlsInfo.useTls,
      certDirectory: spec.tlsInfo.certDirectory,
      image: tls.image,
      certPath: tls.cert_path,
    },
    ...(ext && certificateSource(ext, platform)),
    certPostProcessor: ext && { image: platform.cert_post_processor.image_tag },
    serviceAccount: spec.serviceAccount && {
      automountToken: spec.serviceAccount.automountToken,
      role: platform.service_account.role,
    },
    kafka: spec.kafka && {
      publishes: spec.kafka.publishes.map((s) => s.topic),
      subscribes: spec.kafka.subscribes.map((s) => ({ topic: s.topic, consumerGroup: s.consumerGroup })),
      cluster: platform.kafka.cluster,
      bootstrapServers: platform.kafka.bootstrap_servers,
      retentionMs: platform.kafka.retention_ms,
      segmentBytes: platform.kafka.segment_bytes,
      apiVersion: platform.kafka.api_version,
    },
    msbList: spec.msbList.map((e) => ({
      serviceName: e.serviceName,
      port: e.port,
      version: e.version,
      url: e.url,
      protocol: e.protocol,
      enableSsl: e.enableSsl,
      visualRange: e.visualRange,
    })),
  };
}

/** External certificates: the cert-service-client, or in cert-manager mode a Certificate, with what both take. */
function certificateSource(
  ext: ExternalCertSpec,
  platform: PlatformSettings,
): Pick<ComponentChartProps, 'certServiceClient' | 'certManagerCertificate'> {
  const ec = platform.external_cert;
  const certificate = { externalCertDirectory: ext.externalCertDirectory, commonName: ext.commonName, certType: ext.certType };
  // The subject both write, from the platform.
  const subject = {
    country: ec.country,
    organization: ec.organization,
    state: ec.state,
    organizationalUnit: ec.organizational_unit,
    location: ec.location,
  };
  if (platform.cmpv2_issuer.enabled) {
    return { certManagerCertificate: { ...certificate, ...ext.subjectAltNames, issuerName: platform.cmpv2_issuer.name, ...subject } };
  }
  return {
    certServiceClient: {
      ...certificate,
      caName: ext.caName,
      sans: ext.sans,
      image: ec.image_tag,
      requestUrl: ec.request_url,
      timeout: ec.timeout,
      ...subject,
      certSecretName: ec.cert_secret_name,
      keystoreSecretKey: ec.keystore_secret_key,
      truststoreSecretKey: ec.truststore_secret_key,
      keystorePasswordSecretName: ec.keystore_password_secret_name,
      truststorePasswordSecretName: ec.truststore_password_secret_name,
      keystorePasswordSecretKey: ec.keystore_password_secret_key,
      truststorePasswordSecretKey: ec.truststore_password_secret_key,
    },
  };
}
