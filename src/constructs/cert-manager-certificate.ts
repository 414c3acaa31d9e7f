import { ApiObject } from 'cdk8s';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { CertificateSource, CertificateSourceProps } from './certificate-source';
import { PLATFORM_DEFAULTS } from '../contract/defaults';
import { mount, nonEmpty } from './private/container';
import {
  CERTIFICATE_PASSWORD_KEY,
  certificateName,
  certificatePasswordSecretName,
  certificateSecretName,
  certManagerMountPath,
} from '../contract/names';
import { CERT_MANAGER_VOLUME } from './private/parts';
import { TlsInitContainer } from './tls-init-container';

/** The issuer every Certificate names, as plugin 3.9.0 wrote it: the ONAP CMPv2 issuer's group and kind. */
export const CMPV2_ISSUER_GROUP = 'certmanager.onap.org';
/** The kind of the issuer every Certificate names. */
export const CMPV2_ISSUER_KIND = 'CMPv2Issuer';

/** Options of {@link CertManagerCertificate}: its props without the TLS init container. */
export interface CertManagerCertificateOptions {
  /** Where the main container sees the certificates: `external/` is appended, with one `/` between. */
  readonly externalCertDirectory: string;
  /** The certificate's commonName. */
  readonly commonName: string;
  /** P12, JKS or PEM, in any case: the keystore cert-manager writes (pkcs12, jks, or none for PEM). @default "P12" */
  readonly certType?: string;
  /** DNS subject alternative names, in order; `*.` wildcards allowed. @default none */
  readonly dnsNames?: readonly string[];
  /** IP address subject alternative names, in order. @default none */
  readonly ipAddresses?: readonly string[];
  /** E-mail subject alternative names, in order. @default none */
  readonly emailAddresses?: readonly string[];
  /** URI subject alternative names, in order. @default none */
  readonly uris?: readonly string[];
  /** The CMPv2Issuer that signs the certificate (issuerRef.name). @default "cmpv2-issuer-onap" (platform cmpv2_issuer.name) */
  readonly issuerName?: string;
  /** subject.countries. @default "US" (platform external_cert.country) */
  readonly country?: string;
  /** subject.organizations. @default "Linux-Foundation" (platform external_cert.organization) */
  readonly organization?: string;
  /** subject.provinces. @default "California" (platform external_cert.state) */
  readonly state?: string;
  /** subject.organizationalUnits. @default "ONAP" (platform external_cert.organizational_unit) */
  readonly organizationalUnit?: string;
  /** subject.localities. @default "San-Francisco" (platform external_cert.location) */
  readonly location?: string;
}

/** Props of {@link CertManagerCertificate}. */
export interface CertManagerCertificateProps extends CertManagerCertificateOptions, CertificateSourceProps {
  /** The TLS init container: the Certificate's volume joins its pod, mounted in the main container after `tls-info`. */
  readonly tls: TlsInitContainer;
}

/** The keystore cert-manager writes per certificate type (none for PEM), and the file names in the Secret. */
const KEYSTORES: Record<string, { keystore?: string; files: Array<[string, string]> }> = {
  p12: {
    keystore: 'pkcs12',
    files: [
      ['keystore.p12', 'keystore.p12'],
      ['truststore.p12', 'truststore.p12'],
    ],
  },
  jks: {
    keystore: 'jks',
    files: [
      ['keystore.jks', 'keystore.jks'],
      ['truststore.jks', 'truststore.jks'],
    ],
  },
  pem: {
    files: [
      ['tls.crt', 'keystore.pem'],
      ['ca.crt', 'truststore.pem'],
      ['tls.key', 'key.pem'],
    ],
  },
};

/**
 * cert-manager mode (plugin 3.9.0's `cmpv2_issuer`): a `cert-manager.io/v1` Certificate `<name>-cert`, signed by a
 * CMPv2Issuer, written before the Deployment; and the projected volume `certmanager-certs-volume` with the
 * certificate from its Secret `<name>-secret` (and, for P12 and JKS, the keystore password as `keystore.pass` and
 * `truststore.pass`), mounted in the main container at the external certificate directory plus `external/`.
 *
 * For P12 and JKS the keystores are protected by the password in the Secret `<name>-cert-password`, key
 * `password`, which this construct does not write: a password in a manifest would be a leak. Create it in the
 * cluster (kubectl, Sealed Secrets, External Secrets).
 *
 * Construct id of the Certificate: `Resource`.
 */
export class CertManagerCertificate extends CertificateSource {
  /** The Certificate. */
  public readonly certificate: ApiObject;

  constructor(scope: Construct, id: string, props: CertManagerCertificateProps) {
    super(scope, id, props);
    const d = PLATFORM_DEFAULTS.certServiceClient;
    const type = this.certType.toLowerCase();
    const name = this.pod.componentName;
    const secretName = certificateSecretName(name);
    const passwordSecret = certificatePasswordSecretName(name);
    const { keystore, files } = KEYSTORES[type];

    this.certificate = new ApiObject(this, 'Resource', {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: certificateName(name) },
      spec: {
        secretName,
        commonName: props.commonName,
        issuerRef: {
          group: CMPV2_ISSUER_GROUP,
          kind: CMPV2_ISSUER_KIND,
          name: props.issuerName ?? PLATFORM_DEFAULTS.certManagerCertificate.issuerName,
        },
        subject: {
          organizations: [props.organization ?? d.organization],
          countries: [props.country ?? d.country],
          localities: [props.location ?? d.location],
          provinces: [props.state ?? d.state],
          organizationalUnits: [props.organizationalUnit ?? d.organizationalUnit],
        },
        ipAddresses: nonEmpty(props.ipAddresses),
        dnsNames: nonEmpty(props.dnsNames),
        emailAddresses: nonEmpty(props.emailAddresses),
        uris: nonEmpty(props.uris),
        keystores: keystore && { [keystore]: { create: true, passwordSecretRef: { name: passwordSecret, key: CERTIFICATE_PASSWORD_KEY } } },
      },
    });
    // The plugin created the Certificate before the Deployment; the output keeps that order.
    this.pod.deployment.node.addDependency(this.certificate);

    const sources: k8s.VolumeProjection[] = [{ secret: { name: secretName, items: files.map(([key, path]) => ({ key, path })) } }];
    if (keystore) {
      sources.push({
        secret: {
          name: passwordSecret,
          items: [
            { key: CERTIFICATE_PASSWORD_KEY, path: 'keystore.pass' },
            { key: CERTIFICATE_PASSWORD_KEY, path: 'truststore.pass' },
          ],
        },
      });
    }
    this.pod.addVolume({ name: CERT_MANAGER_VOLUME, projected: { sources } });
    this.pod.mountOnMain(mount(CERT_MANAGER_VOLUME, certManagerMountPath(props.externalCertDirectory)));
  }

  /** The Certificate's volume, at the TLS certificate directory plus `external/` (as plugin 3.9.0 did), one `/` between. */
  public override postProcessorMounts(): k8s.VolumeMount[] {
    return [mount(CERT_MANAGER_VOLUME, certManagerMountPath(this.tls.certDirectory))];
  }
}
