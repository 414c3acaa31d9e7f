/** The application-config rule: application_config only with a ConfigMap source, and nothing in its place. */
import { applicationConfigRule } from '../../../src/input/rules/application-config';
import { testRule, withHead, y } from './tester';

const CONFIGMAP = y('application_config: {source: configmap}');

testRule(applicationConfigRule, {
  valid: [
    { title: 'application_config with the platform source configmap', spec: withHead('application_config: {a: 1}'), platform: CONFIGMAP },
  ],
  invalid: [
    {
      title: 'application_config with the default source cbs',
      spec: withHead('application_config: {a: 1}'),
      errors: [
        `components/c.yaml:3:1: application_config: is set, and the platform's application_config.source is "cbs": the component reads its configuration from the config binding service, which this key cannot reach; expected no application_config, or application_config: {source: configmap} in platform.yaml to write it into a ConfigMap <name>-application-config (key application_config.yaml)`,
      ],
    },
    {
      title: 'an own CBS_CLIENT_CONFIG_PATH',
      spec: withHead('env: {CBS_CLIENT_CONFIG_PATH: /x}', 'application_config: {a: 1}'),
      platform: CONFIGMAP,
      errors: [
        `components/c.yaml:3:7: env.CBS_CLIENT_CONFIG_PATH: CBS_CLIENT_CONFIG_PATH is set by the compiler to /app-config-input/application_config.yaml, where the main container reads the application configuration; remove it`,
      ],
    },
    {
      title: 'a volume at /app-config-input',
      spec: withHead('volumes:', '  - config_volume: {name: c}', '    container: {bind: /app-config-input}', 'application_config: {a: 1}'),
      platform: CONFIGMAP,
      errors: [
        `components/c.yaml:5:23: volumes[0].container.bind: "/app-config-input" is where the main container mounts application-config (the application configuration); the API server refuses two mounts at one path; expected another path`,
      ],
    },
    {
      title: 'a whole number beyond 2^53 - 1',
      spec: withHead('application_config: {big: 9007199254740993}'),
      platform: CONFIGMAP,
      errors: [],
      warnings: [
        `components/c.yaml:3:27: application_config.big: is a whole number beyond 2^53 - 1 (9007199254740991), which a JavaScript number does not hold exactly: it is written as 9007199254740992; put it in quotes to keep it as written`,
      ],
    },
  ],
});
