/**
 * cert-manager mode (platform cmpv2_issuer.enabled, plugin 3.9.0): the external certificates come from a
 * cert-manager Certificate, whose Secret the main container mounts at `<external_cert_directory>/external/`.
 * Its SANs are filed by kind (./sans.ts), and that mount may not land where the main container already mounts
 * something: the API server refuses two mounts at one path.
 */
import { certManagerMountPath } from '../../contract/names';
import { describeValue, KeyPath } from '../diagnostics';
import { ExternalCertSpec, VolumeSpec } from '../model';
import { Report } from '../values';
import { checkMounts, Mount, sameDirectoryWarning } from './mounts';
import { certDirectoryOf, ComponentRule, logDirectoryOf } from './rule';
import { readSubjectAltNames } from './sans';

/** The main container's mounts before the Certificate's, as the pod lists them. */
interface MainMounts {
  readonly volumes: readonly VolumeSpec[];
  readonly logDirectory?: string;
  /** Where tls-info is mounted: tls_info.cert_directory, else the platform's default. */
  readonly certDirectory: string;
}

/**
 * The `cert-manager` rule: the external certificate as the pod gets it. In cert-manager mode, with its SANs
 * filed by kind, after checking the Certificate's mount in the main container; otherwise as the spec asks for it.
 */
export const certManagerRule: ComponentRule<'cert-manager', 'volumes' | 'external-cert'> = {
  name: 'cert-manager',
  description:
    "In cert-manager mode, the Certificate's mount is at a path of its own in the main container, and each SAN is of a kind cert-manager knows.",
  after: ['volumes', 'external-cert'],
  check: ({ value, platform, read, report, warn }) => {
    const requested = read['external-cert'];
    if (!requested || !platform.certManager) return requested;
    const main = {
      volumes: read.volumes,
      logDirectory: logDirectoryOf(value),
      certDirectory: certDirectoryOf(value) || platform.defaultCertDirectory,
    };
    return readCertManager(requested, main, report, warn);
  },
};

/** The external certificate with its SANs filed by kind, after checking the Certificate's mount in the main container. */
function readCertManager(cert: ExternalCertSpec, main: MainMounts, err: Report, warn: Report): ExternalCertSpec {
  const mountPath = certManagerMountPath(cert.externalCertDirectory);
  const mounts: Array<Mount<KeyPath>> = [
    ...main.volumes.map((v) => ({ path: v.mountPath, who: `volumes[${v.entry}]` })),
    ...(main.logDirectory !== undefined ? [{ path: main.logDirectory, who: 'log_info.log_directory' }] : []),
    { path: main.certDirectory, who: 'tls-info (the TLS cert directory)' },
    { path: mountPath, who: 'certmanager-certs-volume', at: ['external_cert', 'external_cert_directory'] },
  ];
  checkMounts(mounts, (later, earlier, how) => {
    const what = `${describeValue(later.path)} (where the main container mounts the Certificate's Secret, external_cert_directory + "external/")`;
    if (how === 'exact') err(later.at, `${what} is already mounted by ${earlier.who}; expected a mount path used once`);
    else warn(later.at, sameDirectoryWarning(later.path, earlier.path, earlier.who, 'the main container'));
  });
  return { ...cert, subjectAltNames: readSubjectAltNames(cert.sans, err) };
}
