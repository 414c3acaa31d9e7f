/**
 * The platform defaults are written once, in src/contract/defaults.ts: the compiler's DEFAULT_PLATFORM is
 * built from them, and every `@default ... (platform x.y)` in the constructs' docs names the value it falls
 * back to.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PLATFORM_DEFAULTS } from '../../src/contract/defaults';
import { DEFAULT_PLATFORM } from '../../src/input/platform/settings';

const CONSTRUCTS = path.resolve(__dirname, '..', '..', 'src', 'constructs');

/** Every `@default <value> (platform <key path>)` in the constructs' files. */
function documentedDefaults(): Array<{ file: string; value: string; key: string }> {
  const out: Array<{ file: string; value: string; key: string }> = [];
  for (const file of fs.readdirSync(CONSTRUCTS).filter((f) => f.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(CONSTRUCTS, file), 'utf8');
    for (const m of text.matchAll(/@default (.+?) \(platform ([\w.]+)\)/g)) out.push({ file, value: m[1], key: m[2] });
  }
  return out;
}

/** Every leaf of an object, as [key path, value]. */
function leaves(value: unknown, prefix = ''): Array<[string, unknown]> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [[prefix, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** The platform keys only the compiler reads: no construct has a default for them. */
const COMPILER_ONLY = [
  'node_port_range',
  'consul_dns_name',
  'cbs.base_url',
  'application_config.source',
  'cmpv2_issuer.enabled',
  'service_account.enabled',
  'policy_sync.enabled',
  'kafka.enabled',
  // Derived from kafka.cluster (names.ts), not a construct default of its own.
  'kafka.bootstrap_servers',
];

describe('platform defaults', () => {
  test('GIVEN the constructs\' docs WHEN every "@default <value> (platform <key>)" is read THEN the value is DEFAULT_PLATFORM\'s at that key', () => {
    const documented = documentedDefaults();
    const platform = new Map(leaves(DEFAULT_PLATFORM));
    for (const d of documented) {
      expect({ file: d.file, key: d.key, value: JSON.parse(d.value) }).toEqual({ file: d.file, key: d.key, value: platform.get(d.key) });
    }
    // Every platform value a construct uses is documented on some prop.
    const keys = new Set(documented.map((d) => d.key));
    const used = [...platform.keys()].filter((k) => !COMPILER_ONLY.includes(k));
    expect(used.filter((k) => !keys.has(k))).toEqual([]);
    expect(used).toHaveLength(41);
  });

  test("GIVEN PLATFORM_DEFAULTS WHEN DEFAULT_PLATFORM is built THEN each construct value comes from it, and the compiler's own keys are added", () => {
    const fromConstructs = leaves(PLATFORM_DEFAULTS)
      .map(([, v]) => JSON.stringify(v))
      .sort();
    const platformValues = leaves(DEFAULT_PLATFORM)
      .filter(([k]) => !COMPILER_ONLY.includes(k))
      .map(([, v]) => JSON.stringify(v))
      .sort();
    expect(platformValues).toEqual(fromConstructs);
    expect(DEFAULT_PLATFORM.filebeat.image).toBe(PLATFORM_DEFAULTS.filebeat.image);
    expect(DEFAULT_PLATFORM.tls.component_cert_dir).toBe(PLATFORM_DEFAULTS.tlsInit.certDirectory);
    expect(DEFAULT_PLATFORM.external_cert.organizational_unit).toBe(PLATFORM_DEFAULTS.certServiceClient.organizationalUnit);
    expect(DEFAULT_PLATFORM.cert_post_processor.image_tag).toBe(PLATFORM_DEFAULTS.certPostProcessor.image);
    expect(DEFAULT_PLATFORM.node_port_range).toBe('30000-32767');
  });

  test('GIVEN PLATFORM_DEFAULTS WHEN a caller tries to change them THEN they are frozen at every depth', () => {
    expect(Object.isFrozen(PLATFORM_DEFAULTS)).toBe(true);
    expect(Object.isFrozen(PLATFORM_DEFAULTS.filebeat)).toBe(true);
    expect(Object.isFrozen(PLATFORM_DEFAULTS.imagePullSecrets)).toBe(true);
    expect(() => {
      (PLATFORM_DEFAULTS.filebeat as { image: string }).image = 'x';
    }).toThrow(TypeError);
    expect(Array.isArray(DEFAULT_PLATFORM.image_pull_secrets) && !Object.isFrozen(DEFAULT_PLATFORM.image_pull_secrets)).toBe(true);
  });
});
