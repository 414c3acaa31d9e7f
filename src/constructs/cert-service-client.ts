import { Construct } from 'constructs';
import { CertificateSource, CertificateSourceProps } from './certificate-source';
import { COMPONENT_DEFAULTS, PLATFORM_DEFAULTS } from '../contract/defaults';
import { TlsInitContainer } from './tls-init-container';
import { helperContainer, mount, withSlash } from './private/container';
import { CERT_SERVICE_CLIENT_CONTAINER, CERT_SERVICE_MOUNT_PATH } from '../contract/names';
import { TLS_INFO_VOLUME, TLS_SECRET_VOLUME } from './private/parts';

/** Where the cert-service-client sees its own keystore and truststore. */

/** Options of {@link CertServiceClient}: its props without the TLS init container. */
export interface CertServiceClientOptions {
  /** Where the certificates go, in the `tls-info` volume; `external` is appended for OUTPUT_PATH. */
  readonly externalCertDirectory: string;
  /** CA_NAME, for example `RA`. */
  readonly caName: string;
  /** COMMON_NAME. */
  readonly commonName: string;
  /** OUTPUT_TYPE: P12, JKS or PEM, in any case, written as given. @default "P12" */
  readonly certType?: string;
  /** SANS. @default "" */
  readonly sans?: string;
  /** The cert-service-client image. @default "nexus3.onap.org:10001/onap/org.onap.oom.platform.cert-service.oom-certservice-client:2.1.0" (platform external_cert.image_tag) */
  readonly image?: string;
  /** REQUEST_URL. @default "https://oom-cert-service:8443/v1/certificate/" (platform external_cert.request_url) */
  readonly requestUrl?: string;
  /** REQUEST_TIMEOUT, in milliseconds. @default "30000" (platform external_cert.timeout) */
  readonly timeout?: string;
  /** COUNTRY. @default "US" (platform external_cert.country) */
  readonly country?: string;
  /** ORGANIZATION. @default "Linux-Foundation" (platform external_cert.organization) */
  readonly organization?: string;
  /** STATE. @default "California" (platform external_cert.state) */
  readonly state?: string;
  /** ORGANIZATION_UNIT. @default "ONAP" (platform external_cert.organizational_unit) */
  readonly organizationalUnit?: string;
  /** LOCATION. @default "San-Francisco" (platform external_cert.location) */
  readonly location?: string;
  /** The Secret holding the client's own keystore and truststore. @default "oom-cert-service-client-tls-secret" (platform external_cert.cert_secret_name) */
  readonly certSecretName?: string;
  /** The keystore's key in that Secret. @default "keystore.jks" (platform external_cert.keystore_secret_key) */
  readonly keystoreSecretKey?: string;
  /** The truststore's key in that Secret. @default "truststore.jks" (platform external_cert.truststore_secret_key) */
  readonly truststoreSecretKey?: string;
  /** The Secret holding the keystore password. @default "oom-cert-service-keystore-password" (platform external_cert.keystore_password_secret_name) */
  readonly keystorePasswordSecretName?: string;
  /** The Secret holding the truststore password. @default "oom-cert-service-truststore-password" (platform external_cert.truststore_password_secret_name) */
  readonly truststorePasswordSecretName?: string;
  /** The keystore password's key in its Secret. @default "password" (platform external_cert.keystore_password_secret_key) */
  readonly keystorePasswordSecretKey?: string;
  /** The truststore password's key in its Secret. @default "password" (platform external_cert.truststore_password_secret_key) */
  readonly truststorePasswordSecretKey?: string;
}

/** Props of {@link CertServiceClient}. */
export interface CertServiceClientProps extends CertServiceClientOptions, CertificateSourceProps {
  /** The TLS init container, whose `tls-info` volume the certificates go to; the client joins its pod. */
  readonly tls: TlsInitContainer;
}

/**
 * The `cert-service-client` init container, which requests certificates from the OOM cert service, and
 * its `tls-volume` projected from the client's Secret. Passwords come from Secrets, never as values.
 */
export class CertServiceClient extends CertificateSource {
  constructor(scope: Construct, id: string, props: CertServiceClientProps) {
    super(scope, id, props);
    const d = PLATFORM_DEFAULTS.certServiceClient;
    const keystoreKey = props.keystoreSecretKey ?? d.keystoreSecretKey;
    const truststoreKey = props.truststoreSecretKey ?? d.truststoreSecretKey;
    this.pod.addVolume({
      name: TLS_SECRET_VOLUME,
      projected: {
        sources: [
          {
            secret: {
              name: props.certSecretName ?? d.certSecretName,
              items: [
                { key: keystoreKey, path: keystoreKey },
                { key: truststoreKey, path: truststoreKey },
              ],
            },
          },
        ],
      },
    });
    this.pod.addInitContainer(
      helperContainer({
        name: CERT_SERVICE_CLIENT_CONTAINER,
        image: props.image ?? d.image,
        env: [
          ['REQUEST_URL', props.requestUrl ?? d.requestUrl],
          ['REQUEST_TIMEOUT', props.timeout ?? d.timeout],
          ['OUTPUT_PATH', `${withSlash(props.externalCertDirectory)}external`],
          ['OUTPUT_TYPE', this.certType],
          ['CA_NAME', props.caName],
          ['COMMON_NAME', props.commonName],
          ['ORGANIZATION', props.organization ?? d.organization],
          ['ORGANIZATION_UNIT', props.organizationalUnit ?? d.organizationalUnit],
          ['LOCATION', props.location ?? d.location],
          ['STATE', props.state ?? d.state],
          ['COUNTRY', props.country ?? d.country],
          ['SANS', props.sans ?? COMPONENT_DEFAULTS.sans],
          ['KEYSTORE_PATH', CERT_SERVICE_MOUNT_PATH + keystoreKey],
          ['TRUSTSTORE_PATH', CERT_SERVICE_MOUNT_PATH + truststoreKey],
        ],
        afterPodIp: [
          [
            'KEYSTORE_PASSWORD',
            {
              secret: props.keystorePasswordSecretName ?? d.keystorePasswordSecretName,
              key: props.keystorePasswordSecretKey ?? d.keystorePasswordSecretKey,
            },
          ],
          [
            'TRUSTSTORE_PASSWORD',
            {
              secret: props.truststorePasswordSecretName ?? d.truststorePasswordSecretName,
              key: props.truststorePasswordSecretKey ?? d.truststorePasswordSecretKey,
            },
          ],
        ],
        mounts: [mount(TLS_INFO_VOLUME, props.externalCertDirectory), mount(TLS_SECRET_VOLUME, CERT_SERVICE_MOUNT_PATH)],
      }),
    );
  }
}
