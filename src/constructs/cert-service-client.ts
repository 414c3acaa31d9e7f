import { Construct } from 'constructs';
import { ExternalCertSettings } from '../input/platform/settings';
import { ComponentPod } from './component-pod';
import { helperContainer, mount, withSlash } from './container';

/** Where the cert-service-client sees its own keystore and truststore. */
export const CERT_SERVICE_MOUNT_PATH = '/etc/onap/oom/certservice/certs/';

/** Props of {@link CertServiceClient}. */
export interface CertServiceClientProps {
  /** The pod to add the init container to. */
  readonly pod: ComponentPod;
  /** Where the certificates go; `external` is appended for OUTPUT_PATH. */
  readonly externalCertDirectory: string;
  /** CA_NAME, for example `RA`. */
  readonly caName: string;
  /** OUTPUT_TYPE, as given. @default "P12" */
  readonly certType?: string;
  /** COMMON_NAME. */
  readonly commonName: string;
  /** SANS. @default "" */
  readonly sans?: string;
  /** The platform's external_cert settings. */
  readonly settings: ExternalCertSettings;
}

/**
 * The `cert-service-client` init container, which requests certificates from the OOM cert service, and
 * its `tls-volume` projected from the client's Secret. Passwords come from Secrets, never as values.
 */
export class CertServiceClient extends Construct {
  constructor(scope: Construct, id: string, props: CertServiceClientProps) {
    super(scope, id);
    const { pod, settings: s } = props;
    pod.addVolume({
      name: 'tls-volume',
      projected: {
        sources: [{
          secret: {
            name: s.cert_secret_name,
            items: [
              { key: s.keystore_secret_key, path: s.keystore_secret_key },
              { key: s.truststore_secret_key, path: s.truststore_secret_key },
            ],
          },
        }],
      },
    });
    pod.addInitContainer(helperContainer({
      name: 'cert-service-client',
      image: s.image_tag,
      env: [
        ['REQUEST_URL', s.request_url],
        ['REQUEST_TIMEOUT', s.timeout],
        ['OUTPUT_PATH', `${withSlash(props.externalCertDirectory)}external`],
        ['OUTPUT_TYPE', props.certType ?? 'P12'],
        ['CA_NAME', props.caName],
        ['COMMON_NAME', props.commonName],
        ['ORGANIZATION', s.organization],
        ['ORGANIZATION_UNIT', s.organizational_unit],
        ['LOCATION', s.location],
        ['STATE', s.state],
        ['COUNTRY', s.country],
        ['SANS', props.sans ?? ''],
        ['KEYSTORE_PATH', CERT_SERVICE_MOUNT_PATH + s.keystore_secret_key],
        ['TRUSTSTORE_PATH', CERT_SERVICE_MOUNT_PATH + s.truststore_secret_key],
      ],
      secretEnv: [
        { name: 'KEYSTORE_PASSWORD', valueFrom: { secretKeyRef: { name: s.keystore_password_secret_name, key: s.keystore_password_secret_key } } },
        { name: 'TRUSTSTORE_PASSWORD', valueFrom: { secretKeyRef: { name: s.truststore_password_secret_name, key: s.truststore_password_secret_key } } },
      ],
      mounts: [mount('tls-info', props.externalCertDirectory), mount('tls-volume', CERT_SERVICE_MOUNT_PATH)],
    }));
  }
}
