/**
 * The volumes and containers the constructs add to a pod, by name, and which construct adds each, so that
 * the pod's validation can say what is missing. Private to the constructs.
 */
import {
  CERT_POST_PROCESSOR_CONTAINER,
  CERT_SERVICE_CLIENT_CONTAINER,
  FILEBEAT_CONTAINER,
  POLICY_SYNC_CONTAINER,
  TLS_INIT_CONTAINER,
} from '../../contract/names';

/** Volume of {@link TlsInitContainer}: the certificates, shared by every TLS container. */
export const TLS_INFO_VOLUME = 'tls-info';
/** Volume of {@link CertServiceClient}: its own keystore and truststore, from a Secret. */
export const TLS_SECRET_VOLUME = 'tls-volume';
/** Volume of {@link CertManagerCertificate}: the certificate files from its Secret. */
export const CERT_MANAGER_VOLUME = 'certmanager-certs-volume';
/** Volumes of {@link FilebeatSidecar}. */
export const COMPONENT_LOG_VOLUME = 'component-log';
export const FILEBEAT_DATA_VOLUME = 'filebeat-data';
export const FILEBEAT_CONF_VOLUME = 'filebeat-conf';
/** Volume of {@link ApplicationConfig}: the component's configuration, from its ConfigMap. */
export const APPLICATION_CONFIG_VOLUME = 'application-config';
/** Volume of {@link PolicySyncSidecar}: the policies it writes and the main container reads. */
export const POLICY_SHARED_VOLUME = 'policy-shared';

/** The construct that adds each of those volumes. */
export const VOLUME_OWNERS: Readonly<Record<string, string>> = {
  [TLS_INFO_VOLUME]: 'TlsInitContainer',
  [TLS_SECRET_VOLUME]: 'CertServiceClient',
  [CERT_MANAGER_VOLUME]: 'CertManagerCertificate',
  [COMPONENT_LOG_VOLUME]: 'FilebeatSidecar',
  [FILEBEAT_DATA_VOLUME]: 'FilebeatSidecar',
  [FILEBEAT_CONF_VOLUME]: 'FilebeatSidecar',
  [APPLICATION_CONFIG_VOLUME]: 'ApplicationConfig',
  [POLICY_SHARED_VOLUME]: 'PolicySyncSidecar',
};

/** The construct that adds each of those containers. */
export const CONTAINER_OWNERS: Readonly<Record<string, string>> = {
  [FILEBEAT_CONTAINER]: 'FilebeatSidecar',
  [TLS_INIT_CONTAINER]: 'TlsInitContainer',
  [CERT_SERVICE_CLIENT_CONTAINER]: 'CertServiceClient',
  [CERT_POST_PROCESSOR_CONTAINER]: 'CertPostProcessor',
  [POLICY_SYNC_CONTAINER]: 'PolicySyncSidecar',
};
