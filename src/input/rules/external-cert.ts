/** External certificates: what use_external_tls needs. */
import { COMPONENT_DEFAULTS } from '../../contract/defaults';
import { KeyPath } from '../diagnostics';
import { ExternalCertSpec } from '../model';
import { isObj, Report, str } from '../values';
import { ComponentRule } from './rule';

/** The `external-cert` rule: the external certificate the spec asks for, when use_external_tls is true. */
export const externalCertRule: ComponentRule<'external-cert'> = {
  name: 'external-cert',
  description: 'With use_external_tls, the certificate directory, the CA name and the common name are set.',
  check: (context) => readExternalCert(context.value.external_cert, context.report),
};

function readExternalCert(value: unknown, err: Report): ExternalCertSpec | undefined {
  if (!isObj(value) || value.use_external_tls !== true) return undefined;
  const params = isObj(value.external_certificate_parameters) ? value.external_certificate_parameters : {};
  const need = (path: KeyPath, present: unknown, what: string) => {
    if (present === undefined) err(path, `missing; use_external_tls is true, so ${what} is required`);
  };
  need(['external_cert', 'external_cert_directory'], value.external_cert_directory, 'the directory the certificates go to');
  need(['external_cert', 'ca_name'], value.ca_name, 'the CA name (for example RA)');
  need(['external_cert', 'external_certificate_parameters', 'common_name'], params.common_name, "the certificate's common name");
  const directory = str(value.external_cert_directory);
  const caName = str(value.ca_name);
  const commonName = str(params.common_name);
  if (directory === undefined || caName === undefined || commonName === undefined) return undefined;
  return {
    externalCertDirectory: directory,
    caName,
    certType: str(value.cert_type) ?? COMPONENT_DEFAULTS.certType,
    commonName,
    sans: str(params.sans) ?? COMPONENT_DEFAULTS.sans,
  };
}
