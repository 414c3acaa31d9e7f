/** The probes rule: what each probe type needs, and probe times. */
import { probesRule } from '../../../src/input/rules/probes';
import { F, testRule, withHead } from './tester';

testRule(probesRule, {
  valid: [
    {
      title: 'an http probe of the first port',
      spec: withHead('ports: ["80:0"]', 'readiness:', '  type: http', '  endpoint: /healthcheck', '  interval: 15s', '  timeout: 1m'),
    },
    {
      title: 'script and docker probes with no port',
      spec: withHead('readiness: {type: script, script: /bin/check}', 'liveness: {type: DOCKER, script: /bin/check, interval: 2h}'),
    },
  ],
  invalid: [
    {
      title: 'an http probe and no port',
      spec: withHead('readiness:', '  type: http', '  endpoint: /healthcheck'),
      errors: [
        `${F}:4:9: readiness.type: "http" probes the first container port, and the component has no ports; expected a port in ports, or a script probe`,
      ],
    },
    {
      title: 'an HTTPS probe and no port',
      spec: withHead('liveness:', '  type: HTTPS', '  endpoint: /healthcheck'),
      errors: [
        `${F}:4:9: liveness.type: "HTTPS" probes the first container port, and the component has no ports; expected a port in ports, or a script probe`,
      ],
    },
    {
      title: 'an http probe with no endpoint',
      spec: withHead('ports: ["80:0"]', 'readiness:', '  type: http'),
      errors: [`${F}:5:3: readiness.endpoint: missing; an http probe needs the path to request, for example /healthcheck`],
    },
    {
      title: 'a script probe with no script',
      spec: withHead('liveness:', '  type: script'),
      errors: [`${F}:4:3: liveness.script: missing; a script probe needs the command to run`],
    },
    {
      title: 'a zero interval',
      spec: withHead('liveness:', '  type: script', '  script: /bin/check', '  interval: 0s'),
      errors: [`${F}:6:13: liveness.interval: "0s" is not a positive number of seconds (the API server refuses 0)`],
    },
    {
      title: 'a zero timeout',
      spec: withHead('readiness:', '  type: docker', '  script: /bin/check', '  timeout: 0'),
      errors: [`${F}:6:12: readiness.timeout: 0 is not a positive number of seconds (the API server refuses 0)`],
    },
    {
      title: 'an interval beyond 32 bits',
      spec: withHead('liveness:', '  type: script', '  script: /bin/check', '  interval: 999999999h'),
      errors: [`${F}:6:13: liveness.interval: "999999999h" is 3599999996400 seconds; expected at most 2147483647`],
    },
    {
      title: 'interval: 1e21, a huge integer (refused, not dropped)',
      spec: withHead('readiness: {type: script, script: x, interval: 1e21}'),
      errors: [`${F}:3:48: readiness.interval: 1e+21 is more than 2147483647 seconds; expected at most 2147483647`],
    },
  ],
});
