/** The platform-mounts rule: mounts that the platform file alone makes wrong. */
import { platformMountsRule } from '../../../src/input/rules/platform-mounts';
import { testRule, y } from './tester';

testRule(platformMountsRule, {
  valid: [
    {
      title: 'filebeat paths and Secret keys of their own',
      spec: y(
        'filebeat: {data_path: /data, config_path: /conf/filebeat.yml}',
        'external_cert: {keystore_secret_key: k, truststore_secret_key: t}',
      ),
    },
  ],
  invalid: [
    {
      title: 'filebeat.config_path at filebeat.data_path',
      spec: y('filebeat: {data_path: /x, config_path: /x}'),
      errors: [
        `components/platform.yaml:1:40: filebeat.config_path: "/x" is already mounted in the filebeat sidecar by filebeat-data (filebeat.data_path); the API server refuses two mounts at one path; expected another path`,
      ],
    },
    {
      title: 'one key for the keystore and the truststore',
      spec: y('external_cert: {truststore_secret_key: keystore.p12, keystore_secret_key: keystore.p12}'),
      errors: [
        `components/platform.yaml:1:40: external_cert.truststore_secret_key: "keystore.p12" is also external_cert.keystore_secret_key, so the cert-service-client's tls-volume would project that key of the Secret to the path "keystore.p12" twice; the API server refuses it ("conflicting duplicate paths"); expected two different keys`,
      ],
    },
    {
      title: 'filebeat.data_path written as filebeat.config_path with a trailing "/"',
      spec: y('filebeat: {data_path: /x/, config_path: /x}'),
      errors: [],
      warnings: [
        `components/platform.yaml:1:41: filebeat.config_path: "/x" is the same path as "/x/", which filebeat-data (filebeat.data_path) mounts in the filebeat sidecar: the API server accepts both, as it compares mount paths as written, and the container runtime then mounts both volumes at that one path, one hiding the other; expected each path mounted once`,
      ],
    },
  ],
});
