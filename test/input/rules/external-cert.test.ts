/** The external-cert rule: what use_external_tls needs. */
import { externalCertRule } from '../../../src/input/rules/external-cert';
import { F, testRule, withHead } from './tester';

testRule(externalCertRule, {
  valid: [
    {
      title: 'use_external_tls with a directory, a CA name and a common name',
      spec: withHead(
        'external_cert:',
        '  use_external_tls: true',
        '  external_cert_directory: /opt/app/certs',
        '  ca_name: RA',
        '  external_certificate_parameters: {common_name: comp}',
      ),
    },
    { title: 'use_external_tls false and nothing else', spec: withHead('external_cert:', '  use_external_tls: false') },
  ],
  invalid: [
    {
      title: 'use_external_tls with nothing else',
      spec: withHead('external_cert:', '  use_external_tls: true'),
      errors: [
        `${F}:4:3: external_cert.ca_name: missing; use_external_tls is true, so the CA name (for example RA) is required`,
        `${F}:4:3: external_cert.external_cert_directory: missing; use_external_tls is true, so the directory the certificates go to is required`,
        `${F}:4:3: external_cert.external_certificate_parameters.common_name: missing; use_external_tls is true, so the certificate's common name is required`,
      ],
    },
    {
      title: 'use_external_tls with no common_name',
      spec: withHead(
        'external_cert:',
        '  use_external_tls: true',
        '  external_cert_directory: /a',
        '  ca_name: RA',
        '  external_certificate_parameters:',
        '    sans: x',
      ),
      errors: [
        `${F}:8:5: external_cert.external_certificate_parameters.common_name: missing; use_external_tls is true, so the certificate's common name is required`,
      ],
    },
  ],
});
