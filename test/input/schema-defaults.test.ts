/**
 * Each default of a component's own settings is written once in code (COMPONENT_DEFAULTS, beside the platform
 * defaults). The published JSON Schema repeats them as `default` annotations, for editors; this test keeps the
 * two in agreement, and fails on a default added to the schema that the code does not know.
 */
import { COMPONENT_DEFAULTS } from '../../src/contract/defaults';
import { schemaOf } from '../../src/input/schema';
import { compile, find, mainOf } from '../helpers';

/** Every `default` in a schema, by its JSON pointer. */
function defaultsIn(node: unknown, pointer = ''): Record<string, unknown> {
  if (typeof node !== 'object' || node === null) return {};
  const out: Record<string, unknown> = {};
  if (!Array.isArray(node) && 'default' in node) out[pointer] = (node as { default: unknown }).default;
  for (const [k, v] of Object.entries(node)) Object.assign(out, defaultsIn(v, `${pointer}/${k}`));
  return out;
}

describe("the component schema's default annotations", () => {
  test('GIVEN the published component schema WHEN its defaults are listed THEN each equals the value the code applies', () => {
    const m = COMPONENT_DEFAULTS.msb;
    expect(defaultsIn(schemaOf('component'))).toEqual({
      '/properties/replicas': COMPONENT_DEFAULTS.replicas,
      '/properties/always_pull': false,
      '/properties/ports/items/properties/ipv6': false,
      '/properties/tls_info/properties/use_tls': false,
      '/properties/external_cert/properties/use_external_tls': false,
      '/properties/external_cert/properties/cert_type': COMPONENT_DEFAULTS.certType,
      '/properties/external_cert/properties/external_certificate_parameters/properties/sans': COMPONENT_DEFAULTS.sans,
      '/properties/msb_list/items/properties/port': m.port,
      '/properties/msb_list/items/properties/version': m.version,
      '/properties/msb_list/items/properties/url': m.url,
      '/properties/msb_list/items/properties/protocol': m.protocol,
      '/properties/msb_list/items/properties/enable_ssl': m.enableSsl,
      '/properties/msb_list/items/properties/visualRange': m.visualRange,
      '/definitions/probe/properties/interval': COMPONENT_DEFAULTS.probePeriodSeconds,
      '/definitions/probe/properties/timeout': COMPONENT_DEFAULTS.probeTimeoutSeconds,
    });
  });

  test("GIVEN a spec that sets none of them WHEN compiled THEN the objects carry the code's defaults", () => {
    const { objects } = compile({
      name: 'comp',
      image: 'r/c:1',
      ports: ['8080:0'],
      readiness: { type: 'http', endpoint: '/h' },
      external_cert: {
        use_external_tls: true,
        external_cert_directory: '/c',
        ca_name: 'RA',
        external_certificate_parameters: { common_name: 'c' },
      },
      msb_list: [{}],
    });
    const dep = find(objects, 'Deployment', 'dep-comp');
    expect(dep.spec.replicas).toBe(1);
    expect(mainOf(objects).readinessProbe).toMatchObject({ periodSeconds: 15, timeoutSeconds: 1 });
    const client = dep.spec.template.spec.initContainers.find((c: any) => c.name === 'cert-service-client');
    const env = Object.fromEntries(client.env.filter((e: any) => 'value' in e).map((e: any) => [e.name, e.value]));
    expect([env.OUTPUT_TYPE, env.SANS]).toEqual(['P12', '']);
    expect(JSON.parse(find(objects, 'Service', 'comp').metadata.annotations['msb.onap.org/service-info'])).toEqual([
      { serviceName: 'comp', port: '80', version: 'v1', url: '/', protocol: 'REST', enable_ssl: false, visualRange: '1' },
    ]);
  });
});
