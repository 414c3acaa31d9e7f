/**
 * Every DCAE component specification the team wrote for the tests (test/fixtures/dcae, whose README says
 * what each one exercises), compiled alone (one spec in the components folder). Each one either compiles to
 * exactly the bytes of its expected file, test/input/dcae/expected/<file name without .json>/expected.k8s.yaml
 * (checked by hand against docs/reference.md and against the reference plugin: see CHECKED.md beside each),
 * or is refused with exactly these messages. Warnings (schema complaints about what the plugin ignored) are
 * asserted too, for every spec.
 */
import * as fs from 'fs';
import * as path from 'path';
import { compileProject, DCAE_FIXTURES, runMain, snapshotFolder, stderrLines, tmpdir } from '../../helpers';

const EXPECTED_DIR = path.join(__dirname, 'expected');

/** Every .json file of the fixtures folder. */
function fixtureFiles(): string[] {
  return fs
    .readdirSync(DCAE_FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

/** Compiles one fixture alone, as components/<basename>, as the CLI would from a folder holding only it. */
function compileAlone(rel: string): { errors: string[]; warnings: string[]; files: Array<{ path: string; content: string }> } {
  const name = `components/${path.basename(rel)}`;
  const r = compileProject({ components: [{ name, text: fs.readFileSync(path.join(DCAE_FIXTURES, rel), 'utf8') }] });
  return { errors: r.errors, warnings: r.warnings, files: r.manifests.map((m) => ({ path: m.path, content: m.yaml })) };
}

const RANGE = 'is not 0 or inside the node port range 30000-32767';
const PORT_HINT = (file: string, ports: string) =>
  `. Host ports in component specs stood for blueprint inputs; to give the real ones, write a YAML spec beside it with dcae_spec: ${file} and ports: ${ports} (0 means no NodePort)`;
const NO_PORT = (type: string) =>
  `auxilary.healthcheck.type: "${type}" probes the first container port, and the component has no ports; expected a port in ports, or a script probe`;
const PROBE_HINT = (file: string) =>
  `. To fix it, write a YAML spec beside it with dcae_spec: ${file} and the component's ports (for example ports: ["8080:0"]), or a readiness probe of type script`;
const IGNORED = '(component-spec schema v3; the plugin ignored this, and so does the compiler)';
const AUX_KEYS = 'expected one of: helm, healthcheck, ports, log_info, tls_info, databases, policy, volumes';

interface Compiles {
  readonly golden: string;
  readonly output: string;
  readonly warnings?: string[];
}
interface Refused {
  readonly errors: string[];
  readonly warnings?: string[];
}

const INGEST = 'stream-ingest.json';
const LISTENER = 'config-listener.json';
const SINK = 'alarm-sink.json';
const ENRICHER = 'record-enricher.json';
const TUNER = 'cell-tuner.json';
const TRACKER = 'session-tracker.json';
const FEEDER = 'lake-feeder.json';
const WIDGET = 'widget-v1.json';
const SECURE = 'secure-probe.json';
const CDAP = 'batch-counter-cdap.json';
const GATHERER = 'file-gatherer.json';
const KEEPER = 'subscription-keeper.json';

/** What each fixture gives, keyed by its file name. */
const EXPECTED: Record<string, Compiles | Refused> = {
  'sample-collector.json': { golden: 'sample-collector', output: 'dcae-sample-collector.k8s.yaml' },
  'sample-collector-v3.json': { golden: 'sample-collector-v3', output: 'dcae-sample-collector.k8s.yaml' },
  'metrics-relay-v2.json': { golden: 'metrics-relay-v2', output: 'metrics-relay.k8s.yaml' },
  'metrics-relay-v3.json': { golden: 'metrics-relay-v3', output: 'metrics-relay.k8s.yaml' },
  [GATHERER]: {
    golden: 'file-gatherer',
    output: 'file-gatherer.k8s.yaml',
    warnings: [
      `components/${GATHERER}:58:5: parameters[3].value: missing; this key is required: the value of the parameter, which the application configuration holds; write null for none ${IGNORED}`,
    ],
  },
  'counter-mapper.json': { golden: 'counter-mapper', output: 'counter-mapper.k8s.yaml' },
  [KEEPER]: {
    golden: 'subscription-keeper',
    output: 'subscription-keeper.k8s.yaml',
    warnings: [
      `components/${KEEPER}:116:15: auxilary.healthcheck: missing; this key is required: the health check of the component: an HTTP(S) endpoint or a script ${IGNORED}`,
    ],
  },
  'store-collector.json': { golden: 'store-collector', output: 'store-collector.k8s.yaml' },
  'event-logger-v1.json': { golden: 'event-logger-v1', output: 'event-logger.k8s.yaml' },
  [INGEST]: {
    errors: [
      `components/${INGEST}:74:7: auxilary.ports[0]: host port 7070 in "7070:7070" ${RANGE}${PORT_HINT(INGEST, '["7070:0", "7071:0"]')}`,
      `components/${INGEST}:75:7: auxilary.ports[1]: host port 7071 in "7071:7071" ${RANGE}${PORT_HINT(INGEST, '["7070:0", "7071:0"]')}`,
    ],
  },
  [LISTENER]: { errors: [`components/${LISTENER}:36:15: ${NO_PORT('https')}${PROBE_HINT(LISTENER)}`] },
  [SINK]: {
    errors: [`components/${SINK}:87:7: auxilary.ports[0]: host port 200 in "6200/udp:200" ${RANGE}${PORT_HINT(SINK, '["6200/udp:0"]')}`],
    warnings: [`components/${SINK}:83:5: auxilary.reconfigs: unknown key; ${AUX_KEYS} ${IGNORED}`],
  },
  [ENRICHER]: {
    errors: [
      `components/${ENRICHER}:74:7: auxilary.ports[0]: host port 8300 in "8300:8300" ${RANGE}${PORT_HINT(ENRICHER, '["8300:0", "8743:0"]')}`,
      `components/${ENRICHER}:75:7: auxilary.ports[1]: host port 8743 in "8743:8743" ${RANGE}${PORT_HINT(ENRICHER, '["8300:0", "8743:0"]')}`,
    ],
    warnings: [
      `components/${ENRICHER}:9:18: streams.publishes: a list is not valid: expected to NOT have duplicate items (items ## 2 and 3 are identical) ${IGNORED}`,
    ],
  },
  [TUNER]: {
    errors: [`components/${TUNER}:120:7: auxilary.ports[0]: host port 8080 in "8080:8080" ${RANGE}${PORT_HINT(TUNER, '["8080:0"]')}`],
  },
  [TRACKER]: { errors: [`components/${TRACKER}:75:15: ${NO_PORT('http')}${PROBE_HINT(TRACKER)}`] },
  [FEEDER]: { errors: [`components/${FEEDER}:38:15: ${NO_PORT('http')}${PROBE_HINT(FEEDER)}`] },
  [WIDGET]: {
    errors: [
      `components/${WIDGET}:67:7: auxilary.ports[0]: host port 8080 in "8080:8080" ${RANGE}${PORT_HINT(WIDGET, '["8080:0"]')}`,
      `components/${WIDGET}:76:14: artifacts[0].uri: "the widget image, ask the widget team" is not a container image reference with no spaces, for example "repo/image:1.0". To fix it, write a YAML spec beside it with dcae_spec: ${WIDGET} that sets image`,
    ],
  },
  [SECURE]: {
    errors: [
      `components/${SECURE}:25:7: auxilary.ports[0]: host port 81 in "8081:81" ${RANGE}${PORT_HINT(SECURE, '["8081:0", "8099:0"]')}`,
      `components/${SECURE}:26:7: auxilary.ports[1]: host port 99 in "8099:99" ${RANGE}${PORT_HINT(SECURE, '["8081:0", "8099:0"]')}`,
    ],
  },
  [CDAP]: {
    errors: [
      `components/${CDAP}:6:23: self.component_type: "cdap" components were not deployed by the Kubernetes plugin; expected "docker"`,
    ],
  },
};

const isCompiles = (e: Compiles | Refused): e is Compiles => 'golden' in e;

describe('GIVEN the DCAE spec fixtures the team wrote', () => {
  test('WHEN listed THEN there are 19 specs and this test covers every one of them, and nothing else', () => {
    expect(fixtureFiles()).toHaveLength(19);
    expect(Object.keys(EXPECTED).sort()).toEqual(fixtureFiles());
  });

  test('WHEN the expected folders are listed THEN each one belongs to a spec that compiles, is named after it, and has its CHECKED.md', () => {
    const folders = fs
      .readdirSync(EXPECTED_DIR, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    const goldens = Object.values(EXPECTED)
      .filter(isCompiles)
      .map((e) => e.golden)
      .sort();
    expect(folders).toEqual(goldens);
    for (const [rel, e] of Object.entries(EXPECTED)) if (isCompiles(e)) expect(e.golden).toBe(rel.replace(/\.json$/, ''));
    for (const g of goldens) {
      expect(fs.readdirSync(path.join(EXPECTED_DIR, g)).sort()).toEqual(['CHECKED.md', 'expected.k8s.yaml']);
    }
  });
});

describe.each(Object.entries(EXPECTED).filter(([, e]) => isCompiles(e)) as Array<[string, Compiles]>)(
  'GIVEN the fixture %s alone in the components folder',
  (rel, expected) => {
    test(`WHEN compiled THEN it gives one manifest, ${expected.output}, byte for byte the hand-checked expected/${expected.golden}/expected.k8s.yaml`, () => {
      const result = compileAlone(rel);
      expect(result.errors).toEqual([]);
      expect(result.files.map((f) => f.path)).toEqual([expected.output]);
      expect(result.files[0].content).toBe(fs.readFileSync(path.join(EXPECTED_DIR, expected.golden, 'expected.k8s.yaml'), 'utf8'));
    });

    test(`WHEN compiled THEN its warnings are exactly ${expected.warnings ? expected.warnings.length : 'none'}`, () => {
      expect(compileAlone(rel).warnings).toEqual(expected.warnings ?? []);
    });
  },
);

describe.each(Object.entries(EXPECTED).filter(([, e]) => !isCompiles(e)) as Array<[string, Refused]>)(
  'GIVEN the fixture %s, which the plugin would have deployed wrong (or never deployed), alone in the components folder',
  (rel, expected) => {
    test('WHEN compiled THEN it is refused with exactly these errors, each naming the JSON file, the line and column, the path inside it and the fix', () => {
      const result = compileAlone(rel);
      expect(result.errors).toEqual(expected.errors);
      expect(result.files).toEqual([]);
    });

    test(`WHEN compiled THEN its warnings are exactly ${expected.warnings ? expected.warnings.length : 'none'}`, () => {
      expect(compileAlone(rel).warnings).toEqual(expected.warnings ?? []);
    });
  },
);

describe('GIVEN the fixtures that compile, each copied alone into a components folder', () => {
  test('WHEN the CLI (main()) compiles each folder THEN it writes the expected bytes, and prints the warnings of file-gatherer and subscription-keeper on stderr', async () => {
    for (const [rel, expected] of Object.entries(EXPECTED).filter(([, e]) => isCompiles(e)) as Array<[string, Compiles]>) {
      const dir = tmpdir();
      fs.mkdirSync(path.join(dir, 'components'));
      fs.copyFileSync(path.join(DCAE_FIXTURES, rel), path.join(dir, 'components', path.basename(rel)));
      const r = await runMain(['--components', 'components', '--out', 'out', '--quiet'], dir);
      expect({ rel, status: r.status, stderr: stderrLines(r.stderr) }).toEqual({ rel, status: 0, stderr: [] });
      const out = snapshotFolder(path.join(dir, 'out'));
      expect(out[expected.output]).toBe(fs.readFileSync(path.join(EXPECTED_DIR, expected.golden, 'expected.k8s.yaml'), 'utf8'));
      if (expected.warnings) {
        const loud = await runMain(['--components', 'components', '--out', 'out'], dir);
        expect(stderrLines(loud.stderr)).toEqual(expected.warnings.map((w) => `warning: ${w}`));
      }
    }
  }, 60_000);
});
