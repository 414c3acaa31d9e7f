/** The helper-mounts rule: the filebeat sidecar's and the cert-service-client's mounts. */
import { helperMountsRule } from '../../../src/input/rules/helper-mounts';
import { externalCert, testRule, withHead } from './tester';

testRule(helperMountsRule, {
  valid: [
    {
      title: 'a log directory and an external certificate at paths of their own',
      spec: withHead('log_info: {log_directory: /logs}', ...externalCert('/opt/app/certs')),
    },
  ],
  invalid: [
    {
      title: 'alternate_fb_path at the filebeat data path',
      spec: withHead('log_info: {log_directory: /logs, alternate_fb_path: /usr/share/filebeat/data}'),
      errors: [
        `components/c.yaml:3:53: log_info.alternate_fb_path: "/usr/share/filebeat/data" is already mounted in the filebeat sidecar by filebeat-data (the platform's filebeat.data_path); the API server refuses two mounts at one path; expected another path`,
      ],
    },
    {
      title: "external_cert_directory at the cert-service-client's keystore mount",
      spec: withHead(...externalCert('/etc/onap/oom/certservice/certs/')),
      errors: [
        `components/c.yaml:5:28: external_cert.external_cert_directory: "/etc/onap/oom/certservice/certs/" is already mounted in the cert-service-client by tls-volume (its keystore and truststore); the API server refuses two mounts at one path; expected another directory`,
      ],
    },
    {
      title: 'external_cert_directory at the keystore mount written without its trailing "/"',
      spec: withHead(...externalCert('/etc/onap/oom/certservice/certs')),
      errors: [],
      warnings: [
        `components/c.yaml:5:28: external_cert.external_cert_directory: "/etc/onap/oom/certservice/certs" is the same path as "/etc/onap/oom/certservice/certs/", which tls-volume (its keystore and truststore) mounts in the cert-service-client: the API server accepts both, as it compares mount paths as written, and the container runtime then mounts both volumes at that one path, one hiding the other; expected each path mounted once`,
      ],
    },
  ],
});
