/**
 * The project's own description of the DCAE component-spec format (src/input/dcae/format.ts): which
 * generation a spec fits, what each generation adds, and that every error about a missing key can say
 * what the key holds.
 */
import { checkDcaeSchema, errorsWithin } from '../../../src/input/dcae/dcae-schema';
import { DCAE_FORMAT_VERSIONS, dcaeFormatSchema } from '../../../src/input/dcae/format';
import { formatDiagnostic } from '../../../src/input/diagnostics';
import { SourceFile } from '../../../src/input/source';
import { dcae, json } from '../../helpers';

type Node = Record<string, any>;

/** Checks a spec given as a value, as the compiler does a file components/c.json. */
function check(spec: unknown): { version: number; errors: string[]; warnings: string[] } {
  const parsed = SourceFile.parse('components/c.json', json(spec));
  if (!parsed.source) throw new Error('the test spec does not parse');
  const result = checkDcaeSchema(parsed.source);
  return { version: result.version, errors: result.errors.map(formatDiagnostic), warnings: result.warnings.map(formatDiagnostic) };
}

/** Every schema node of a generation, with its place, references not followed. */
function nodes(root: Node): Array<[string, Node]> {
  const out: Array<[string, Node]> = [];
  const walk = (node: unknown, at: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`));
    if (typeof node !== 'object' || node === null) return;
    out.push([at, node as Node]);
    for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`);
  };
  walk(root, '#');
  return out;
}

describe("GIVEN the format's three generations", () => {
  test.each(DCAE_FORMAT_VERSIONS.map((v) => [v]))(
    'WHEN generation v%s is read THEN every key it requires has a description, which the "missing" error quotes',
    (version) => {
      const root = dcaeFormatSchema(version);
      const undescribed: string[] = [];
      for (const [at, node] of nodes(root)) {
        if (!Array.isArray(node.required) || typeof node.properties !== 'object') continue;
        for (const key of node.required as string[]) {
          if (typeof node.properties[key]?.description !== 'string') undescribed.push(`${at}: ${key}`);
        }
      }
      expect(undescribed).toEqual([]);
    },
  );

  test('WHEN a spec uses only what v3 has (helm, an upper-case HTTPS check with a port) THEN it fits v3', () => {
    const spec = dcae({
      healthcheck: { type: 'HTTPS', endpoint: '/health', port: 8443, initialDelaySeconds: 5 },
      helm: { service: { type: 'ClusterIP', name: 'my-comp', ports: [] } },
      tls_info: { cert_directory: '/opt/certs', use_tls: true },
    });
    expect(check(spec)).toEqual({ version: 3, errors: [], warnings: [] });
  });

  test('WHEN policy_info names a node label and no policy id THEN it fits v2 only (v3 wants policy_id)', () => {
    const spec = dcae(
      { tls_info: { cert_directory: '/opt/certs', use_tls: true } },
      {},
      { policy_info: { policy: [{ node_label: 'n1', policy_model_id: 'm1' }] } },
    );
    expect(check(spec)).toEqual({ version: 2, errors: [], warnings: [] });
    spec.policy_info = { policy: [{ policy_id: 'p1', policy_model_id: 'm1' }] };
    expect(check(spec).version).toBe(3);
  });

  test('WHEN auxilary.logging stands where later generations have log_info THEN it fits v1', () => {
    const spec = dcae({ logging: { log_directory: '/var/log/app' } });
    expect(check(spec)).toEqual({ version: 1, errors: [], warnings: [] });
  });

  test('WHEN a v1 spec also has tls_info THEN no generation fits: v1 refuses tls_info, later ones refuse logging', () => {
    const spec = dcae({ logging: { log_directory: '/var/log/app' }, tls_info: { cert_directory: '/opt/certs', use_tls: true } });
    const result = check(spec);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^components\/c\.json:\d+:\d+: auxilary\.(logging|tls_info): unknown key; expected one of: /);
  });

  test('WHEN self.version is not three numbers THEN the warning says what a version looks like', () => {
    expect(check(dcae({}, { version: '1.0' })).warnings).toEqual([
      'components/c.json:3:16: self.version: "1.0" is not a version of three numbers such as "1.0.0" (the last may be "*") (component-spec schema v3; the plugin ignored this, and so does the compiler)',
    ]);
    expect(check(dcae({}, { version: '2.1.*' })).warnings).toEqual([]);
  });

  test('WHEN a data-router subscriber lacks its config_key THEN the warning says what the key holds', () => {
    const spec = dcae(
      {},
      {},
      { streams: { publishes: [], subscribes: [{ format: 'f', version: '1.0.0', route: '/feed', type: 'data_router' }] } },
    );
    expect(check(spec).warnings).toEqual([
      'components/c.json:11:7: streams.subscribes[0].config_key: missing; this key is required: the key under which the component finds the settings of the feed it subscribes to (its delivery endpoint and credentials) (component-spec schema v3; the plugin ignored this, and so does the compiler)',
    ]);
  });

  test('WHEN auxilary fits neither variant THEN only the complaints of the docker variant are reported (the plugin deployed docker only)', () => {
    const result = check(dcae({}, {}, { auxilary: { ports: ['8080:0'] } }));
    expect([...result.errors, ...result.warnings].filter((e) => /streamname|programs|artifact_name|artifact_version/.test(e))).toEqual([]);
    expect(result.warnings).toEqual([
      'components/c.json:17:15: auxilary.healthcheck: missing; this key is required: the health check of the component: an HTTP(S) endpoint or a script (component-spec schema v3; the plugin ignored this, and so does the compiler)',
    ]);
  });

  test('WHEN auxilary is a complete CDAP variant THEN the format accepts it (the compiler then refuses the component type)', () => {
    expect(
      check(
        dcae(
          {},
          { component_type: 'cdap' },
          { auxilary: { streamname: 's', artifact_name: 'a', artifact_version: '1.0.0', programs: [] } },
        ),
      ),
    ).toEqual({ version: 3, errors: [], warnings: [] });
  });

  test('WHEN parameters take the CDAP shape (a mapping) with a mistake inside THEN the warning is about that mistake, not the docker shape\'s "a mapping is not a list"', () => {
    // Regression (found in review): the docker list and the CDAP lists of parameters were the same schema text, so the
    // docker branch's complaint passed for the CDAP branch's and was kept.
    const spec = dcae(
      {},
      {},
      {
        parameters: {
          app_config: [
            {
              name: 'a',
              value: 1,
              description: 'd',
              designer_editable: false,
              sourced_at_deployment: false,
              policy_editable: false,
              'type-x': 1,
            },
          ],
        },
      },
    );
    const { warnings } = check(spec);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toContain('a mapping is not a list');
    expect(warnings[0]).toMatch(/parameters\.app_config\[0\]\.type-x: unknown key/);
  });
});

describe('GIVEN the errors of a check, sorted by path', () => {
  const at = (instancePath: string) => ({ instancePath, keyword: 'k', schemaPath: '', params: {} });
  test('WHEN the errors at a value and inside it are looked up THEN a sibling whose name extends it (a-b) is left out and nothing inside is missed', () => {
    const within = errorsWithin([at('/a/x'), at('/a-b/x'), at('/a'), at('/a0'), at('/a/y/z'), at('/b')]);
    expect(within('/a').map((e) => e.instancePath)).toEqual(['/a', '/a/x', '/a/y/z']);
    expect(
      within('')
        .map((e) => e.instancePath)
        .sort(),
    ).toEqual(['/a', '/a-b/x', '/a/x', '/a/y/z', '/a0', '/b']);
    expect(within('/c')).toEqual([]);
  });
});
