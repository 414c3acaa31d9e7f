import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { PodPart } from './pod-part';
import { COMPONENT_DEFAULTS } from '../contract/defaults';
import { CERT_TYPES } from '../contract/certificates';
import { TlsInitContainer } from './tls-init-container';

/** What every certificate source takes: the TLS init container of its pod and the certificate type. */
export interface CertificateSourceProps {
  /** The TLS init container: the source joins its pod, and the cert-post-processor works in its directory. */
  readonly tls: TlsInitContainer;
  /** P12, JKS or PEM, in any case. @default "P12" */
  readonly certType?: string;
}

/**
 * Where a pod's external certificates come from: the cert-service-client init container
 * ({@link CertServiceClient}) or, in cert-manager mode, a cert-manager Certificate ({@link CertManagerCertificate}).
 * The {@link CertPostProcessor} takes either as its `source`.
 */
export abstract class CertificateSource extends PodPart {
  /** The TLS init container, whose directory the cert-post-processor works in. */
  public readonly tls: TlsInitContainer;
  /** The certificate type, as given. */
  public readonly certType: string;

  /** Errors name the concrete construct (the CLI never gets here: its input checks refuse such a type first). */
  protected constructor(scope: Construct, id: string, props: CertificateSourceProps) {
    // The pod the certificates are for: the TLS init container's.
    super(scope, id, props.tls.pod);
    this.tls = props.tls;
    this.certType = props.certType ?? COMPONENT_DEFAULTS.certType;
    if (!CERT_TYPES.includes(this.certType.toLowerCase()))
      throw new Error(`${new.target.name}: certType "${this.certType}" is not P12, JKS or PEM`);
  }

  /**
   * What the cert-post-processor mounts besides `tls-info`: none when the certificates reach the TLS certificate
   * directory through `tls-info`.
   */
  public postProcessorMounts(): k8s.VolumeMount[] {
    return [];
  }
}
