import { ComponentChartProps } from '../constructs/component-chart';
import { PlatformSettings } from '../input/platform/settings';
import { ComponentSpec } from '../input/model';
import { applicationConfigText } from './application-config';
import { effectivePodSecurity } from '../input/rules/pod-security';

/**
 * The one place where the compiler's validated input (a component spec and the merged platform settings)
 * becomes the constructs' props. Every platform value is passed, so the constructs' own defaults never
 * apply here: a platform file that changes one changes the output.
 */
export function chartProps(spec: ComponentSpec, platform: PlatformSettings): ComponentChartProps {
  const { filebeat: fb, tls, external_cert: ec } = platform;
  const ps = effectivePodSecurity(platform.pod_security, spec.podSecurity);
  return {
    namespace: spec.namespace ?? platform.namespace,
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
    tlsInit: {
      useTls: spec.tlsInfo.useTls,
      certDirectory: spec.tlsInfo.certDirectory || tls.component_cert_dir,
      image: tls.image,
      certPath: tls.cert_path,
    },
    certServiceClient: spec.externalCert && !platform.cmpv2_issuer.enabled ? {
      externalCertDirectory: spec.externalCert.externalCertDirectory,
      caName: spec.externalCert.caName,
      commonName: spec.externalCert.commonName,
      certType: spec.externalCert.certType,
      sans: spec.externalCert.sans,
      image: ec.image_tag,
      requestUrl: ec.request_url,
      timeout: ec.timeout,
      country: ec.country,
      organization: ec.organization,
      state: ec.state,
      organizationalUnit: ec.organizational_unit,
      location: ec.location,
      certSecretName: ec.cert_secret_name,
      keystoreSecretKey: ec.keystore_secret_key,
      truststoreSecretKey: ec.truststore_secret_key,
      keystorePasswordSecretName: ec.keystore_password_secret_name,
      truststorePasswordSecretName: ec.truststore_password_secret_name,
      keystorePasswordSecretKey: ec.keystore_password_secret_key,
      truststorePasswordSecretKey: ec.truststore_password_secret_key,
    } : undefined,
    certManagerCertificate: spec.externalCert && platform.cmpv2_issuer.enabled ? {
      externalCertDirectory: spec.externalCert.externalCertDirectory,
      commonName: spec.externalCert.commonName,
      certType: spec.externalCert.certType,
      ...spec.externalCert.subjectAltNames,
      issuerName: platform.cmpv2_issuer.name,
      country: ec.country,
      organization: ec.organization,
      state: ec.state,
      organizationalUnit: ec.organizational_unit,
      location: ec.location,
    } : undefined,
    certPostProcessor: spec.externalCert && { image: platform.cert_post_processor.image_tag },
    msbList: spec.msbList.map((e) => ({
      serviceName: e.serviceName,
      port: e.port,
      version: e.version,
      url: e.url,
      protocol: e.protocol,
      enableSsl: e.enable_ssl,
      visualRange: e.visualRange,
    })),
  };
}
