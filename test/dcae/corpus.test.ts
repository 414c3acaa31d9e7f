/**
 * Every real DCAE component specification of the corpus (18 files in test/fixtures/dcae-component-specs,
 * whose README names each file's source), compiled alone (one spec in the components folder). Each one
 * either compiles to exactly the bytes of its golden file, test/dcae/corpus/<short-name>/expected.k8s.yaml
 * (checked by hand against docs/reference.md and the mapping rules: see CHECKED.md beside each), or
 * is refused with exactly these messages. Warnings (schema complaints about what the plugin ignored) are
 * asserted too, for every spec.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadProject } from '../../src/input/project';
import { formatDiagnostic, sortDiagnostics } from '../../src/input/diagnostics';
import { renderAll } from '../../src/output/synthesize';
import { runMain, snapshotFolder, tmpdir } from '../helpers';
import { stderrLines } from './util';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'dcae-component-specs');
const GOLDEN = path.join(__dirname, 'corpus');

/** Every .json file of the corpus, relative to its folder. */
function corpusFiles(): string[] {
  const top = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.json'));
  const fixtures = fs.readdirSync(path.join(CORPUS, 'fixtures')).filter((f) => f.endsWith('.json')).map((f) => `fixtures/${f}`);
  return [...top, ...fixtures].sort();
}

/** Compiles one corpus file alone, as components/<basename>, as the CLI would from a folder holding only it. */
function compileAlone(rel: string): { errors: string[]; warnings: string[]; files: Array<{ path: string; content: string }> } {
  const name = `components/${path.basename(rel)}`;
  const project = loadProject({ components: [{ name, text: fs.readFileSync(path.join(CORPUS, rel), 'utf8') }] });
  const errors = sortDiagnostics(project.diagnostics).map(formatDiagnostic);
  const warnings = sortDiagnostics(project.warnings).map(formatDiagnostic);
  return { errors, warnings, files: errors.length > 0 ? [] : renderAll(project.components, project.platform) };
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
const IMAGE_ERROR = (file: string, line: number) =>
  `components/${file}:${line}:14: artifacts[0].uri: "some docker image path" is not a container image reference with no spaces, for example "repo/image:1.0". To fix it, write a YAML spec beside it with dcae_spec: ${file} that sets image`;

interface Compiles { readonly golden: string; readonly output: string; readonly warnings?: string[] }
interface Refused { readonly errors: string[]; readonly warnings?: string[] }

const HV = 'dcaegen2-collectors-hv-ves__hv-ves-collector.componentspec.json';
const RCC = 'dcaegen2-collectors-restconf__rcc_spec.json';
const SNMP = 'dcaegen2-collectors-snmptrap__snmptrap-collector-component-spec.json';
const PRH = 'dcaegen2-services-prh__prh.componentspec.json';
const SON = 'dcaegen2-services-son-handler__sonhandler-componentspec.json';
const BBS = 'dcaegen2-services__bbs-event-processor-spec.json';
const LAKE = 'dcaegen2-services__datalake_spec.json';
const PMSH = 'dcaegen2-services__pmsh-component-spec.json';
const DOCKER = 'dcaegen2-platform__component-spec-docker.json';
const LOGGING = 'dcaegen2-platform__component-spec-logging.json';
const TLS = 'dcaegen2-platform__testComponentSpec_withTlsTrueAndExternalTlsTrue.json';

/** What each corpus file gives, keyed by its path under dcae-component-specs/. */
const EXPECTED: Record<string, Compiles | Refused> = {
  'dcaegen2-analytics-tca-gen2__tcagen2-componentspec-v2.json': { golden: 'tcagen2-v2', output: 'docker-tcagen2.k8s.yaml' },
  'dcaegen2-analytics-tca-gen2__tcagen2-componentspec-v3.json': { golden: 'tcagen2-v3', output: 'dcae-tcagen2.k8s.yaml' },
  'dcaegen2-collectors-datafile__datafile-component-spec.json': { golden: 'datafile', output: 'datafile-collector.k8s.yaml' },
  [HV]: {
    errors: [
      `components/${HV}:124:7: auxilary.ports[0]: host port 6060 in "6060:6060" ${RANGE}${PORT_HINT(HV, '["6060:0", "6061:0"]')}`,
      `components/${HV}:125:7: auxilary.ports[1]: host port 6061 in "6061:6061" ${RANGE}${PORT_HINT(HV, '["6060:0", "6061:0"]')}`,
    ],
  },
  [RCC]: { errors: [`components/${RCC}:162:15: ${NO_PORT('https')}${PROBE_HINT(RCC)}`] },
  [SNMP]: {
    errors: [`components/${SNMP}:162:7: auxilary.ports[0]: host port 162 in "6162/udp:162" ${RANGE}${PORT_HINT(SNMP, '["6162/udp:0"]')}`],
    warnings: [`components/${SNMP}:158:5: auxilary.reconfigs: unknown key; ${AUX_KEYS} ${IGNORED}`],
  },
  'dcaegen2-collectors-ves__vescollector-componentspec-v3.json': { golden: 'ves-v3', output: 'dcae-ves-collector.k8s.yaml' },
  'dcaegen2-collectors-ves__vescollector-componentspec.json': { golden: 'ves', output: 'dcae-ves-collector.k8s.yaml' },
  'dcaegen2-services-pm-mapper__pmmapper-component-spec.json': { golden: 'pm-mapper', output: 'dcae-pm-mapper.k8s.yaml' },
  [PRH]: {
    errors: [
      `components/${PRH}:128:7: auxilary.ports[0]: host port 8100 in "8100:8100" ${RANGE}${PORT_HINT(PRH, '["8100:0", "8433:0"]')}`,
      `components/${PRH}:129:7: auxilary.ports[1]: host port 8433 in "8433:8433" ${RANGE}${PORT_HINT(PRH, '["8100:0", "8433:0"]')}`,
    ],
    warnings: [`components/${PRH}:17:18: streams.publishes: a list is not valid: expected to NOT have duplicate items (items ## 2 and 3 are identical) ${IGNORED}`],
  },
  [SON]: { errors: [`components/${SON}:382:7: auxilary.ports[0]: host port 8080 in "8080:8080" ${RANGE}${PORT_HINT(SON, '["8080:0"]')}`] },
  [BBS]: { errors: [`components/${BBS}:295:17: ${NO_PORT('http')}${PROBE_HINT(BBS)}`] },
  [LAKE]: { errors: [`components/${LAKE}:23:15: ${NO_PORT('http')}${PROBE_HINT(LAKE)}`] },
  [PMSH]: {
    golden: 'pmsh',
    output: 'dcae-pmsh.k8s.yaml',
    warnings: [`components/${PMSH}:36:15: auxilary.healthcheck: missing; this key is required: the health check of the component: an HTTP(S) endpoint or a script ${IGNORED}`],
  },
  [`fixtures/${DOCKER}`]: {
    errors: [
      `components/${DOCKER}:102:15: auxilary.ports[0]: host port 8080 in "8080:8080" ${RANGE}${PORT_HINT(DOCKER, '["8080:0"]')}`,
      IMAGE_ERROR(DOCKER, 106),
    ],
  },
  [`fixtures/${LOGGING}`]: {
    errors: [
      `components/${LOGGING}:102:15: auxilary.ports[0]: host port 8080 in "8080:8080" ${RANGE}${PORT_HINT(LOGGING, '["8080:0"]')}`,
      IMAGE_ERROR(LOGGING, 110),
    ],
  },
  [`fixtures/${TLS}`]: {
    errors: [
      `components/${TLS}:25:7: auxilary.ports[0]: host port 80 in "80:80" ${RANGE}${PORT_HINT(TLS, '["80:0", "99:0"]')}`,
      `components/${TLS}:26:7: auxilary.ports[1]: host port 99 in "99:99" ${RANGE}${PORT_HINT(TLS, '["80:0", "99:0"]')}`,
    ],
  },
  'fixtures/dcaegen2-platform__vesWithDb.json': { golden: 'fixture-ves-with-db', output: 'dcae-ves-collector.k8s.yaml' },
};

const isCompiles = (e: Compiles | Refused): e is Compiles => 'golden' in e;

describe('GIVEN the corpus of real DCAE component specifications', () => {
  test('WHEN listed THEN it holds 18 specs and this test covers every one of them, and nothing else', () => {
    expect(corpusFiles()).toHaveLength(18);
    expect(Object.keys(EXPECTED).sort()).toEqual(corpusFiles());
  });

  test('WHEN the golden folders are listed THEN each one belongs to a spec that compiles, and has its CHECKED.md', () => {
    const folders = fs.readdirSync(GOLDEN, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const goldens = Object.values(EXPECTED).filter(isCompiles).map((e) => e.golden).sort();
    expect(folders).toEqual(goldens);
    for (const g of goldens) {
      expect(fs.readdirSync(path.join(GOLDEN, g)).sort()).toEqual(['CHECKED.md', 'expected.k8s.yaml']);
    }
  });
});

describe.each(Object.entries(EXPECTED).filter(([, e]) => isCompiles(e)) as Array<[string, Compiles]>)(
  'GIVEN the corpus spec %s alone in the components folder',
  (rel, expected) => {
    test(`WHEN compiled THEN it gives one manifest, ${expected.output}, byte for byte the hand-checked golden ${expected.golden}/expected.k8s.yaml`, () => {
      const result = compileAlone(rel);
      expect(result.errors).toEqual([]);
      expect(result.files.map((f) => f.path)).toEqual([expected.output]);
      expect(result.files[0].content).toBe(fs.readFileSync(path.join(GOLDEN, expected.golden, 'expected.k8s.yaml'), 'utf8'));
    });

    test(`WHEN compiled THEN its warnings are exactly ${expected.warnings ? expected.warnings.length : 'none'}`, () => {
      expect(compileAlone(rel).warnings).toEqual(expected.warnings ?? []);
    });
  },
);

describe.each(Object.entries(EXPECTED).filter(([, e]) => !isCompiles(e)) as Array<[string, Refused]>)(
  'GIVEN the corpus spec %s, which the plugin would have deployed wrong, alone in the components folder',
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

describe('GIVEN the corpus specs that compile, each copied alone into a components folder', () => {
  test('WHEN the CLI (main()) compiles each folder THEN it writes the golden bytes, and prints the warnings of pmsh on stderr', async () => {
    for (const [rel, expected] of Object.entries(EXPECTED).filter(([, e]) => isCompiles(e)) as Array<[string, Compiles]>) {
      const dir = tmpdir();
      fs.mkdirSync(path.join(dir, 'components'));
      fs.copyFileSync(path.join(CORPUS, rel), path.join(dir, 'components', path.basename(rel)));
      const r = await runMain(['--components', 'components', '--out', 'out', '--quiet'], dir);
      expect({ rel, status: r.status, stderr: stderrLines(r.stderr) }).toEqual({ rel, status: 0, stderr: [] });
      const out = snapshotFolder(path.join(dir, 'out'));
      expect(out[expected.output]).toBe(fs.readFileSync(path.join(GOLDEN, expected.golden, 'expected.k8s.yaml'), 'utf8'));
      if (expected.warnings) {
        const loud = await runMain(['--components', 'components', '--out', 'out'], dir);
        expect(stderrLines(loud.stderr)).toEqual(expected.warnings.map((w) => `warning: ${w}`));
      }
    }
  }, 60_000);
});
