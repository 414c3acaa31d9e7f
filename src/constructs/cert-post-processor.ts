import { Construct } from 'constructs';
import { ComponentPod } from './component-pod';
import { helperContainer, mount, withSlash } from './container';

/** Props of {@link CertPostProcessor}. */
export interface CertPostProcessorProps {
  /** The pod to add the init container to. */
  readonly pod: ComponentPod;
  /** The TLS certificate directory (the main container's `tls-info` mount), not the external one. */
  readonly certDirectory: string;
  /** The external certificate type, P12, JKS or PEM in any case. @default "P12" */
  readonly certType?: string;
  /** The cert-post-processor image. */
  readonly image: string;
}

/** File names per certificate type, from the plugin. */
const LAYOUT: Record<string, { truststore: string; truststorePass: boolean; keystore: [string, string]; destination: [string, string] }> = {
  p12: { truststore: 'truststore.p12', truststorePass: true, keystore: ['keystore.p12', 'keystore.pass'], destination: ['cert.p12', 'p12.pass'] },
  jks: { truststore: 'truststore.jks', truststorePass: true, keystore: ['keystore.jks', 'keystore.pass'], destination: ['cert.jks', 'jks.pass'] },
  pem: { truststore: 'truststore.pem', truststorePass: false, keystore: ['keystore.pem', 'key.pem'], destination: ['cert.pem', 'key.pem'] },
};

/**
 * The `cert-post-processor` init container, which merges the TLS and external truststores and copies the
 * external keystore into the TLS certificate directory.
 */
export class CertPostProcessor extends Construct {
  constructor(scope: Construct, id: string, props: CertPostProcessorProps) {
    super(scope, id);
    const type = (props.certType ?? 'P12').toLowerCase();
    const layout = LAYOUT[type];
    if (!layout) throw new Error(`CertPostProcessor: certType "${props.certType}" is not P12, JKS or PEM`);
    const tls = withSlash(props.certDirectory);
    const ext = `${tls}external/`;
    props.pod.addInitContainer(helperContainer({
      name: 'cert-post-processor',
      image: props.image,
      env: [
        ['TRUSTSTORES_PATHS', `${tls}trust.jks:${ext}${layout.truststore}`],
        ['TRUSTSTORES_PASSWORDS_PATHS', `${tls}trust.pass:${layout.truststorePass ? `${ext}truststore.pass` : ''}`],
        ['KEYSTORE_SOURCE_PATHS', `${ext}${layout.keystore[0]}:${ext}${layout.keystore[1]}`],
        ['KEYSTORE_DESTINATION_PATHS', `${tls}${layout.destination[0]}:${tls}${layout.destination[1]}`],
      ],
      mounts: [mount('tls-info', tls)],
    }));
  }
}
