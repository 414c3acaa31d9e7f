/** The cert-manager rule: in cert-manager mode, the Certificate's mount and its SANs. */
import { certManagerRule } from '../../../src/input/rules/cert-manager';
import { externalCert, testRule, withHead, y } from './tester';

const CMPV2 = y('cmpv2_issuer: {enabled: true}');

testRule(certManagerRule, {
  valid: [
    {
      title: 'SANs of every kind in cert-manager mode',
      spec: withHead(...externalCert('/opt/app/certs', 'comp.example.com, *.example.com, 10.0.0.1, ::1, a@example.com, https://comp')),
      platform: CMPV2,
    },
    {
      title: 'a SAN of no kind outside cert-manager mode (the cert-service-client takes it as it is)',
      spec: withHead(...externalCert('/opt/app/certs', 'host:80')),
    },
  ],
  invalid: [
    {
      title: 'a host and port as a SAN',
      spec: withHead(...externalCert('/opt/app/certs', 'comp,host:80')),
      platform: CMPV2,
      errors: [
        `components/c.yaml:7:62: external_cert.external_certificate_parameters.sans: item 2 (counting from 1), "host:80", is not an e-mail address, an IPv4 or IPv6 address, a DNS name or an absolute URI (a host and port is not a URI; write the host as a DNS name, or a URI with a scheme such as https://host:port); expected SANs of those kinds, separated by commas, as cert-manager files each one by its kind (cmpv2_issuer.enabled)`,
      ],
    },
    {
      title: 'the Certificate mounted where a volume is',
      spec: withHead(
        'volumes:',
        '  - config_volume: {name: c}',
        '    container: {bind: /opt/app/certs/external/}',
        ...externalCert('/opt/app/certs', 'comp'),
      ),
      platform: CMPV2,
      errors: [
        `components/c.yaml:8:28: external_cert.external_cert_directory: "/opt/app/certs/external/" (where the main container mounts the Certificate's Secret, external_cert_directory + "external/") is already mounted by volumes[0]; expected a mount path used once`,
      ],
    },
    {
      title: 'the Certificate mounted where a volume is, written without the trailing "/"',
      spec: withHead(
        'volumes:',
        '  - config_volume: {name: c}',
        '    container: {bind: /opt/app/certs/external}',
        ...externalCert('/opt/app/certs', 'comp'),
      ),
      platform: CMPV2,
      errors: [],
      warnings: [
        `components/c.yaml:8:28: external_cert.external_cert_directory: "/opt/app/certs/external/" is the same path as "/opt/app/certs/external", which volumes[0] mounts in the main container: the API server accepts both, as it compares mount paths as written, and the container runtime then mounts both volumes at that one path, one hiding the other; expected each path mounted once`,
      ],
    },
  ],
});
