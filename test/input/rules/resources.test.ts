/** The resources rule: resource names, and requests within their limits. */
import { resourcesRule } from '../../../src/input/rules/resources';
import { testRule, withHead } from './tester';

const over = (at: string, request: string, limit: string) =>
  `components/c.yaml:${at}: ${request} is more than the limit ${limit}; expected a request at most its limit (the API server refuses it)`;

testRule(resourcesRule, {
  valid: [
    {
      title: 'requests equal to limits (1Gi and 1024Mi, 1 and 1000m)',
      spec: withHead('resources:', '  limits: {cpu: "1", memory: 1Gi}', '  requests: {cpu: 1000m, memory: 1024Mi}'),
    },
  ],
  invalid: [
    {
      title: 'cpu "2" over "250m"',
      spec: withHead('resources:', '  limits: {cpu: 250m}', '  requests: {cpu: "2"}'),
      errors: [over('5:19: resources.requests.cpu', '"2"', '"250m"')],
    },
    {
      title: 'memory 2Gi over 1024Mi',
      spec: withHead('resources:', '  limits: {memory: 1024Mi}', '  requests: {memory: 2Gi}'),
      errors: [over('5:22: resources.requests.memory', '"2Gi"', '"1024Mi"')],
    },
    {
      title: 'a number request over a string limit',
      spec: withHead('resources:', '  limits: {cpu: 500m}', '  requests: {cpu: 1}'),
      errors: [over('5:19: resources.requests.cpu', '1', '"500m"')],
    },
    {
      title: 'a request over a limit written with an exponent (2k over 1e3)',
      spec: withHead('resources:', '  limits: {cpu: "1e3"}', '  requests: {cpu: 2k}'),
      errors: [over('5:19: resources.requests.cpu', '"2k"', '"1e3"')],
    },
    {
      title: 'a resource name with a space',
      spec: withHead('resources:', '  limits: {"Bad Key": 1}'),
      errors: [
        'components/c.yaml:4:12: resources.limits["Bad Key"]: "Bad Key" is not a resource name such as cpu, memory, ephemeral-storage or <domain>/<name>',
      ],
    },
    // A limit that is no quantity is the schema's error; the rule does not compare a request with it.
    {
      title: 'a limit that is not a quantity, with a request',
      spec: withHead('resources:', '  limits: {cpu: abc}', '  requests: {cpu: "1"}'),
      errors: [],
      compiled: ['components/c.yaml:4:17: resources.limits.cpu: "abc" is not a Kubernetes quantity such as 250m, 0.5, 128Mi or 1Gi'],
    },
    {
      title: 'a limit that is a boolean, with a request',
      spec: withHead('resources:', '  limits: {cpu: true}', '  requests: {cpu: "1"}'),
      errors: [],
      compiled: ['components/c.yaml:4:17: resources.limits.cpu: true is not a Kubernetes quantity such as 250m, 0.5, 128Mi or 1Gi'],
    },
  ],
});
