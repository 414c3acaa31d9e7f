/** The mount-paths rule: the main container mounts each path once. */
import { mountPathsRule } from '../../../src/input/rules/mount-paths';
import { F, testRule, withHead } from './tester';

testRule(mountPathsRule, {
  valid: [
    {
      title: 'volumes, a log directory and a cert directory at paths of their own',
      spec: withHead(
        'volumes:',
        '  - host: {path: /a}',
        '    container: {bind: /a}',
        'log_info:',
        '  log_directory: /logs',
        'tls_info:',
        '  cert_directory: /certs',
      ),
    },
  ],
  invalid: [
    {
      title: 'two volumes mounted at one path',
      spec: withHead(
        'volumes:',
        '  - host: {path: /a}',
        '    container: {bind: /m}',
        '  - config_volume: {name: c}',
        '    container: {bind: /m}',
      ),
      errors: [`${F}:7:23: volumes[1].container.bind: "/m" is already mounted by volumes[0]; expected a mount path used once`],
    },
    {
      title: 'a volume mounted at log_info.log_directory',
      spec: withHead('volumes:', '  - host: {path: /a}', '    container: {bind: /logs}', 'log_info:', '  log_directory: /logs'),
      errors: [`${F}:7:18: log_info.log_directory: "/logs" is already mounted by volumes[0]; expected a mount path used once`],
    },
    {
      title: 'a volume mounted at tls_info.cert_directory',
      spec: withHead('volumes:', '  - host: {path: /a}', '    container: {bind: /certs}', 'tls_info:', '  cert_directory: /certs'),
      errors: [`${F}:7:19: tls_info.cert_directory: "/certs" is already mounted by volumes[0]; expected a mount path used once`],
    },
    {
      title: 'log_directory equal to cert_directory',
      spec: withHead('log_info:', '  log_directory: /x', 'tls_info:', '  cert_directory: /x'),
      errors: [`${F}:6:19: tls_info.cert_directory: "/x" is already mounted by log_info.log_directory; expected a mount path used once`],
    },
    // Regression (a bug found while writing these tests, since fixed): not caught. With no tls_info.cert_directory, the main
    // container mounts tls-info at the platform's tls.component_cert_dir (/opt/dcae/cacert); a user volume bound there gives
    // two mounts at one path, which the API server refuses.
    {
      title: 'a volume mounted at the default TLS cert directory',
      spec: withHead('volumes:', '  - host: {path: /a}', '    container: {bind: /opt/dcae/cacert}'),
      errors: [
        `${F}:5:23: volumes[0].container.bind: "/opt/dcae/cacert" is already mounted by tls-info (the platform's tls.component_cert_dir, as tls_info.cert_directory is not set); expected a mount path used once`,
      ],
    },
    // Regression (a bug found while writing these tests, since fixed): not caught, for the same reason (component-log and tls-info both at /opt/dcae/cacert).
    {
      title: 'log_info.log_directory at the default TLS cert directory',
      spec: withHead('log_info:', '  log_directory: /opt/dcae/cacert'),
      errors: [
        `${F}:4:18: log_info.log_directory: "/opt/dcae/cacert" is already mounted by tls-info (the platform's tls.component_cert_dir, as tls_info.cert_directory is not set); expected a mount path used once`,
      ],
    },
  ],
});
