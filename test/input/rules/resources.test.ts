/** The `resources` rule: resource names, and requests within limits when both are quantities. */
import { errorsOf, spec } from '../../helpers';

const F = 'components/c.yaml';

describe('GIVEN resources', () => {
  test('GIVEN a limit named with a space WHEN compiled THEN the error is at the key and says what a resource name looks like', () => {
    expect(errorsOf(spec({ resources: { limits: { 'Bad Key': 1 } } }))).toEqual([
      `${F}:5:5: resources.limits["Bad Key"]: "Bad Key" is not a resource name such as cpu, memory, ephemeral-storage or <domain>/<name>`,
    ]);
  });

  test('GIVEN a limit that is not a quantity and a request for it WHEN compiled THEN only the quantity is an error (they are not compared)', () => {
    expect(errorsOf(spec({ resources: { limits: { cpu: 'abc' }, requests: { cpu: '1' } } }))).toEqual([
      `${F}:5:10: resources.limits.cpu: "abc" is not a Kubernetes quantity such as 250m, 0.5, 128Mi or 1Gi`,
    ]);
  });

  test('GIVEN a limit that is a boolean and a request for it WHEN compiled THEN only the type is an error (they are not compared)', () => {
    expect(errorsOf(spec({ resources: { limits: { cpu: true }, requests: { cpu: '1' } } }))).toEqual([
      `${F}:5:10: resources.limits.cpu: true is not a Kubernetes quantity such as 250m, 0.5, 128Mi or 1Gi`,
    ]);
  });

  test.each([
    ['1e3', '2k', '"2k" is more than the limit "1e3"'],
    ['1E-3', '2m', '"2m" is more than the limit "1E-3"'],
  ])('GIVEN a limit %s with an exponent and a larger request %s WHEN compiled THEN the request is refused', (limit, request, said) => {
    expect(errorsOf(spec({ resources: { limits: { cpu: limit }, requests: { cpu: request } } }))).toEqual([
      `${F}:7:10: resources.requests.cpu: ${said}; expected a request at most its limit (the API server refuses it)`,
    ]);
  });
});
