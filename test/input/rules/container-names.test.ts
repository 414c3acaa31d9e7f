/** The container-names rule: the component is not named like a container the compiler adds. */
import { containerNamesRule } from '../../../src/input/rules/container-names';
import { testRule, y } from './tester';

testRule(containerNamesRule, {
  valid: [{ title: 'a component named filebeat with no log_info (no sidecar is added)', spec: y('name: filebeat', 'image: x') }],
  invalid: [
    {
      title: 'a component named init-tls',
      spec: y('name: init-tls', 'image: x'),
      errors: [
        `components/c.yaml:1:7: name: "init-tls" is also the name of the TLS init container every pod gets, and a pod's containers need distinct names; expected another component name`,
      ],
    },
    {
      title: 'a component named filebeat with log_info',
      spec: y('name: filebeat', 'image: x', 'log_info: {log_directory: /logs}'),
      errors: [
        `components/c.yaml:1:7: name: "filebeat" is also the name of the filebeat sidecar that log_info adds, and a pod's containers need distinct names; expected another component name`,
      ],
    },
  ],
});
