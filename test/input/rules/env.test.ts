/** The env rule: environment variable names, values from Secrets, and none the compiler sets (the shape of a value is the schema's: test/compile/env.test.ts). */
import { envRule } from '../../../src/input/rules/env';
import { F, testRule, withHead } from './tester';

testRule(envRule, {
  valid: [
    { title: 'strings, a number and a boolean', spec: withHead('env:', '  A: b', '  my.var-1: 2', '  _B: true') },
    {
      title: 'a value from a Secret between plain ones',
      spec: withHead('env:', '  A: b', '  DB_PASSWORD: {secret: my-db, key: password}', '  C: d'),
    },
    {
      title: 'a Secret key of 253 characters, with dots, dashes and underscores',
      spec: withHead('env:', `  P: {secret: a.b-c, key: ._-${'k'.repeat(250)}}`),
    },
  ],
  invalid: [
    {
      title: 'an env POD_IP',
      spec: withHead('env:', '  A: b', '  POD_IP: 1.2.3.4'),
      errors: [`${F}:5:3: env.POD_IP: POD_IP is set by the compiler from the pod's IP (status.podIP); remove it`],
    },
    {
      title: 'an env POD_IP from a Secret',
      spec: withHead('env:', '  POD_IP: {secret: s, key: k}'),
      errors: [`${F}:4:3: env.POD_IP: POD_IP is set by the compiler from the pod's IP (status.podIP); remove it`],
    },
    {
      title: 'an env name starting with a digit',
      spec: withHead('env:', '  1A: b'),
      errors: [
        `${F}:4:3: env["1A"]: "1A" is not an environment variable name: letters, digits, "_", "-" or ".", not starting with a digit`,
      ],
    },
  ],
});
