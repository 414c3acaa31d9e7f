import { Construct } from 'constructs';
import { CertificateSource } from './certificate-source';
import { PLATFORM_DEFAULTS } from '../contract/defaults';
import { helperContainer, mount, withSlash } from './private/container';
import { CERT_POST_PROCESSOR_CONTAINER } from '../contract/names';
import { TLS_INFO_VOLUME } from './private/parts';

/** Options of {@link CertPostProcessor}: its props without the construct whose certificates it processes. */
export interface CertPostProcessorOptions {
  /** The cert-post-processor image. @default "nexus3.onap.org:10001/onap/org.onap.oom.platform.cert-service.oom-certservice-post-processor:2.1.0" (platform cert_post_processor.image_tag) */
  readonly image?: string;
}

/** Props of {@link CertPostProcessor}. */
export interface CertPostProcessorProps extends CertPostProcessorOptions {
  /**
   * The construct whose certificates it processes: the post-processor joins its pod, runs after it, reads its
   * certificate type, and mounts its TLS init container's `tls-info` volume at the TLS certificate directory.
   * Either a {@link CertServiceClient}, or in cert-manager mode a {@link CertManagerCertificate}, whose volume it
   * also mounts at the TLS certificate directory plus `external/` (as plugin 3.9.0 did).
   */
  readonly source: CertificateSource;
}

/** File names per certificate type, from the plugin. */
const LAYOUT: Record<string, { truststore: string; truststorePass: boolean; keystore: [string, string]; destination: [string, string] }> = {
  p12: {
    truststore: 'truststore.p12',
    truststorePass: true,
    keystore: ['keystore.p12', 'keystore.pass'],
    destination: ['cert.p12', 'p12.pass'],
  },
  jks: {
    truststore: 'truststore.jks',
    truststorePass: true,
    keystore: ['keystore.jks', 'keystore.pass'],
    destination: ['cert.jks', 'jks.pass'],
  },
  pem: { truststore: 'truststore.pem', truststorePass: false, keystore: ['keystore.pem', 'key.pem'], destination: ['cert.pem', 'key.pem'] },
};

/**
 * The `cert-post-processor` init container, which merges the TLS and external truststores and copies the
 * external keystore into the TLS certificate directory.
 */
export class CertPostProcessor extends Construct {
  constructor(scope: Construct, id: string, props: CertPostProcessorProps) {
    super(scope, id);
    const source = props.source;
    const layout = LAYOUT[source.certType.toLowerCase()];
    const tls = withSlash(source.tls.certDirectory);
    const ext = `${tls}external/`;
    source.pod.addInitContainer(
      helperContainer({
        name: CERT_POST_PROCESSOR_CONTAINER,
        image: props.image ?? PLATFORM_DEFAULTS.certPostProcessor.image,
        env: [
          ['TRUSTSTORES_PATHS', `${tls}trust.jks:${ext}${layout.truststore}`],
          ['TRUSTSTORES_PASSWORDS_PATHS', `${tls}trust.pass:${layout.truststorePass ? `${ext}truststore.pass` : ''}`],
          ['KEYSTORE_SOURCE_PATHS', `${ext}${layout.keystore[0]}:${ext}${layout.keystore[1]}`],
          ['KEYSTORE_DESTINATION_PATHS', `${tls}${layout.destination[0]}:${tls}${layout.destination[1]}`],
        ],
        mounts: [mount(TLS_INFO_VOLUME, tls), ...source.postProcessorMounts()],
      }),
    );
  }
}
