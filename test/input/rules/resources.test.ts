/** The resources rule: resource names, and requests within their limits. */
import { resourcesRule } from '../../../src/input/rules/resources';
import { testRule, withHead } from './tester';

const over = (at: string, request: string, limit: string) =>
  `components/c.yaml:${at}: ${request} is more than the limit ${limit}; expected a request at most its limit (the API server refuses it)`;

testRule(resourcesRule, {
  valid: [
    { title: 'requests equal to limits (1Gi and 1024Mi, 1 and 1000m)', spec: withHead('resources:', '  limits: {cpu: "1", memory: 1Gi}', '  requests: {cpu: 1000m, memory: 1024Mi}') },
  ],
  invalid: [
    { title: 'cpu "2" over "250m"', spec: withHead('resources:', '  limits: {cpu: 250m}', '  requests: {cpu: "2"}'),
      errors: [over('5:19: resources.requests.cpu', '"2"', '"250m"')] },
    { title: 'memory 2Gi over 1024Mi', spec: withHead('resources:', '  limits: {memory: 1024Mi}', '  requests: {memory: 2Gi}'),
      errors: [over('5:22: resources.requests.memory', '"2Gi"', '"1024Mi"')] },
    { title: 'a number request over a string limit', spec: withHead('resources:', '  limits: {cpu: 500m}', '  requests: {cpu: 1}'),
      errors: [over('5:19: resources.requests.cpu', '1', '"500m"')] },
  ],
});
