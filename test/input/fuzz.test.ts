/**
 * The input side under random mutations of real specs (test/fuzz/fuzz.ts): a fixed seed and a few hundred
 * cases here; `npm run fuzz -- --cases N --seed S` runs as many as you like. Then regressions for what the
 * fuzzing (and the probing around it) found, each fixed in src/.
 */
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../src/cli/run';
import { compile } from '../../src/compile';
import { formatDiagnostic } from '../../src/input/diagnostics';
import { caseSeed, FuzzCase, loadSeeds, makeCase, MAX_LINE, Random, runCase } from '../fuzz/fuzz';
import { errorsOf, ROOT, snapshotFolder, tmpdir } from '../helpers';

const SEED = 20240601;
const CASES = 200;
const seeds = loadSeeds();

describe("GIVEN random mutations of the repository's specs and DCAE specs", () => {
  test(`WHEN ${CASES} cases of seed ${SEED} are compiled THEN none throws, none takes long, and every message is one short line with no stack trace`, () => {
    const findings = [];
    let compiled = 0;
    for (let id = 0; id < CASES; id++) {
      const result = runCase(makeCase(SEED, id, seeds));
      findings.push(
        ...result.findings.map((f) => `case ${f.id} (${f.steps}): ${f.problem} -- again: npm run fuzz -- --seed ${SEED} --case ${f.id}`),
      );
      if (result.compiled) compiled += 1;
    }
    expect(findings).toEqual([]);
    // The cases reach both ends: some still compile, most are refused.
    expect(compiled).toBeGreaterThan(0);
    expect(compiled).toBeLessThan(CASES);
  }, 60_000);

  test('WHEN a case is made twice THEN it is the same bytes (the PRNG is self-contained and seeded per case)', () => {
    const bytes = (c: FuzzCase) =>
      JSON.stringify(
        c.components.map((f) =>
          'bytes' in f ? Buffer.from(f.bytes).toString('base64') : 'text' in f ? f.text : 'oversize' in f ? f.oversize : f.unreadable,
        ),
      );
    expect(bytes(makeCase(SEED, 17, seeds))).toBe(bytes(makeCase(SEED, 17, loadSeeds())));
    const r = new Random(caseSeed(1, 0));
    expect([r.int(1000), r.int(1000), r.int(1000)]).toEqual([986, 958, 542]);
  });

  test('WHEN refused cases are compiled by the CLI over an earlier output THEN it exits 1 and the output folder is untouched', async () => {
    const refused: FuzzCase[] = [];
    for (let id = 0; refused.length < 5; id++) {
      const c = makeCase(SEED, id, seeds);
      if (compile({ components: c.components, platform: c.platform }).diagnostics.length > 0) refused.push(c);
    }
    for (const c of refused) {
      const dir = tmpdir('dcae-fuzz-cli-');
      try {
        const components = path.join(dir, 'components');
        fs.cpSync(path.join(ROOT, 'components'), components, { recursive: true });
        const quiet = { out: () => undefined, err: () => undefined };
        expect(await main(['--components', 'components', '--out', 'out', '--quiet'], quiet, { cwd: dir })).toBe(0);
        const before = snapshotFolder(path.join(dir, 'out'));
        for (const f of [...c.components, ...(c.platform ? [c.platform] : [])]) {
          const file = path.join(components, path.basename(f.name));
          fs.writeFileSync(file, 'bytes' in f ? f.bytes : 'text' in f ? f.text : '');
        }
        const err: string[] = [];
        const code = await main(
          ['--components', 'components', '--out', 'out'],
          { out: () => undefined, err: (l) => err.push(l) },
          { cwd: dir },
        );
        expect([c.id, code]).toEqual([c.id, 1]);
        expect(err[err.length - 1]).toMatch(/ in \d+ files?; nothing was written to out$/);
        for (const line of err) expect(line.length).toBeLessThanOrEqual(MAX_LINE);
        expect(snapshotFolder(path.join(dir, 'out'))).toEqual(before);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }, 60_000);
});

describe('Regressions found while fuzzing', () => {
  test('GIVEN a port entry with 2 000 digits WHEN compiled THEN the message cuts the digits (before: a line of 2 157 characters)', () => {
    const messages = errorsOf(`name: comp\nimage: repo/comp:1.0\nports: ["${'0'.repeat(2000)}99999:0"]\n`);
    expect(messages).toEqual([`components/c.yaml:3:9: ports[0]: container port 000000000... in "${'0'.repeat(77)}..." is not in 1-65535`]);
  });

  test('GIVEN a YAML override with a __proto__ key WHEN compiled THEN it is an unknown key like any other (before: it became the prototype of the merged spec, and was accepted)', () => {
    const enricher = fs
      .readFileSync(path.join(ROOT, 'test', 'fixtures', 'dcae', 'record-enricher.json'), 'utf8')
      .replace('"8300:8300"', '"8300:0"')
      .replace('"8743:8743"', '"8743:0"');
    const result = compile({
      components: [
        { name: 'components/enricher.json', text: enricher },
        { name: 'components/enricher.yaml', text: 'dcae_spec: enricher.json\n__proto__: {replicas: 3}\n' },
      ],
    });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'components/enricher.yaml:2:1: __proto__: unknown key; expected one of: dcae_spec, name, image, namespace, replicas, always_pull, labels, env, ports, volumes, resources, readiness, liveness, log_info, tls_info, external_cert, k8s_location, application_config, msb_list, pod_security, service_account, policy_ids, topics, streams',
    ]);
  });

  test("GIVEN a DCAE spec with a __proto__ key WHEN compiled THEN it is an unknown key (JSON keys are the object's own)", () => {
    const enricher = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'dcae', 'record-enricher.json'), 'utf8');
    const messages = compile({
      components: [{ name: 'components/enricher.json', text: enricher.replace('{', '{"__proto__": {"x": 1}, ') }],
    }).diagnostics.map(formatDiagnostic);
    expect(messages[0]).toBe(
      'components/enricher.json:1:2: __proto__: unknown key; expected one of: self, streams, services, parameters, auxilary, artifacts, policy_info (component-spec schema v3)',
    );
  });
});
