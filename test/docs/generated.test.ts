/**
 * The generated parts of docs/ are what `npm run docs` makes from the sources today: it is run into a temporary
 * folder, and every file must be the same as the committed one (none missing, none extra).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, snapshotFolder, tmpdir } from '../helpers';

/** The generated docs, made once for this file into a temporary folder (the build must be there: npm test builds). */
let regenerated = '';
beforeAll(() => {
  regenerated = tmpdir('dcae-docs-');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'docs.mjs'), '--out', regenerated], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 120_000);

describe('GIVEN the committed docs/api and docs/examples', () => {
  test.each(['api', 'examples'])(
    'WHEN npm run docs regenerates docs/%s THEN every file is the same (else: run npm run docs and commit the result)',
    (folder) => {
      const fresh = snapshotFolder(path.join(regenerated, folder));
      const committed = snapshotFolder(path.join(ROOT, 'docs', folder));
      expect(Object.keys(fresh).length).toBeGreaterThan(4);
      expect(Object.keys(committed).sort()).toEqual(Object.keys(fresh).sort());
      for (const file of Object.keys(fresh)) expect({ file, text: committed[file] }).toEqual({ file, text: fresh[file] });
    },
  );

  test('WHEN read THEN the constructs and compile each have a page, with their props', () => {
    const api = snapshotFolder(path.join(ROOT, 'docs', 'api'));
    for (const c of ['ComponentChart', 'FilebeatSidecar', 'TlsInitContainer', 'CertServiceClient', 'CertPostProcessor', 'ComponentService'])
      expect(api[`classes/${c}.md`]).toMatch(new RegExp(`^# Class: ${c}\\n`));
    expect(api['functions/compile.md']).toContain('CompileInput');
    expect(api['interfaces/FilebeatSidecarProps.md']).toContain('logDirectory');
  });
});

describe('GIVEN the drawing of the HV-VES example', () => {
  const page = snapshotFolder(path.join(ROOT, 'docs', 'examples'))['dcae-hv-ves-collector.md'];
  const diagram = /```mermaid\n([\s\S]*?)```/.exec(page)?.[1] ?? '';

  test('WHEN read THEN it shows the init containers in their order, the main container and the sidecar', () => {
    expect(diagram).toContain('init0["1. init-tls"]');
    expect(diagram).toContain('init1["2. cert-post-processor"]');
    expect(diagram).toContain('init0 --> init1');
    expect(diagram).toContain('c0["dcae-hv-ves-collector (main)"]');
    expect(diagram).toContain('c1["filebeat (sidecar)"]');
  });

  test('WHEN read THEN each mount is an arrow from its container to its volume, labelled with the path', () => {
    expect(diagram).toMatch(/v(\d)\[\("tls-info<br\/>emptyDir"\)\]/);
    const tls = /v(\d)\[\("tls-info/.exec(diagram)![1];
    expect(diagram).toContain(`init0 -- "/opt/app/osaaf" --> v${tls}`);
    expect(diagram).toContain(`c0 -- "/etc/ves-hv/ssl/" --> v${tls}`);
  });

  test('WHEN read THEN each Service is there with its type and ports, and the Certificate is linked to the volume of its Secret', () => {
    expect(diagram).toContain('svc0{{"Service dcae-hv-ves-collector<br/>ClusterIP: 6061/TCP"}}');
    expect(diagram).toMatch(/svc1\{\{"Service xdcae-hv-ves-collector<br\/>NodePort: 6061 → node \d+\/TCP"\}\}/);
    expect(diagram).toMatch(/o\d\["Certificate dcae-hv-ves-collector-cert"\]\n {2}o\d -\.-> v\d/);
  });
});

describe('GIVEN the README', () => {
  test("WHEN its picture is read THEN it is the HV-VES example's drawing in docs/examples, as npm run docs makes it", () => {
    const block = (text: string) => /```mermaid\n[\s\S]*?```\n/.exec(text)?.[0];
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const page = fs.readFileSync(path.join(ROOT, 'docs', 'examples', 'dcae-hv-ves-collector.md'), 'utf8');
    expect(block(readme)).toBeDefined();
    expect(block(readme)).toBe(block(page));
  });
});
