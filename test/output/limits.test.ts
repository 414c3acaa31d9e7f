/**
 * An object larger than the API server stores is refused: 1 MiB (1048576 bytes) per object, serialised as
 * compact JSON. It is an error in the input (a value too large), reported at the component's `name`, with
 * exit 1 and nothing written, on the one-thread path, the render-thread path and through `cdk8s synth`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { compile as compileFiles } from '../../src/compile';
import { formatDiagnostic } from '../../src/input/diagnostics';
import { MAX_OBJECT_BYTES } from '../../src/output/limits';
import { PARALLEL_THRESHOLD } from '../../src/output/parallel';
import { childEnv, compile, ROOT, runMain, tmpdir } from '../helpers';
import { runReal } from '../gitops/util';

const MIB = 1024 * 1024;

/** A component spec with one env value. */
function withEnv(name: string, value: string): string {
  return `name: ${name}\nimage: repo/${name}:1.0\nenv:\n  SMALL: x\n  BIG: ${value}\n`;
}

/** The size of a component's Deployment as compact JSON when its BIG env value is `value`. */
function deploymentBytes(name: string, value: string): number {
  const deployment = compile(withEnv(name, value)).objects.find((o) => o.kind === 'Deployment');
  return Buffer.byteLength(JSON.stringify(deployment), 'utf8');
}

/** The message for the component `name`'s Deployment with a BIG env value of `bytes` bytes. */
function tooLarge(file: string, name: string, bytes: number, total: number): string {
  return `${file}:1:7: name: the Deployment "dep-${name}" would be ${total} bytes as JSON; expected at most 1048576 bytes (1 MiB) per object, ` +
    `as the API server refuses objects that etcd cannot store. Its largest value is spec.template.spec.containers[0].env[1].value (of "BIG"), ${bytes} bytes`;
}

function compileOne(text: string) {
  return compileFiles({ components: [{ name: 'components/c.yaml', text }] });
}

describe('the size limit', () => {
  test('GIVEN the limit WHEN read THEN it is 1 MiB', () => {
    expect(MAX_OBJECT_BYTES).toBe(1048576);
  });

  test('GIVEN a 5 MiB env value WHEN compiled THEN one error at the component\'s name gives the object, its size, the limit and the largest value, and no file is produced', () => {
    const overhead = deploymentBytes('comp', 'x') - 1;
    const r = compileOne(withEnv('comp', 'a'.repeat(5 * MIB)));
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([tooLarge('components/c.yaml', 'comp', 5 * MIB, overhead + 5 * MIB)]);
    expect(r.files).toEqual([]);
    expect(r.invalid).toEqual([]);
  });

  test('GIVEN a Deployment of exactly 1048576 bytes WHEN compiled THEN it compiles; GIVEN one byte more THEN it is refused', () => {
    const overhead = deploymentBytes('comp', 'x') - 1;
    const fits = 'a'.repeat(MAX_OBJECT_BYTES - overhead);
    expect(deploymentBytes('comp', fits)).toBe(MAX_OBJECT_BYTES);
    expect(compileOne(withEnv('comp', fits)).diagnostics).toEqual([]);
    const r = compileOne(withEnv('comp', `${fits}a`));
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([tooLarge('components/c.yaml', 'comp', fits.length + 1, MAX_OBJECT_BYTES + 1)]);
  });

  test('GIVEN a value of 600000 two-byte characters (1.2 MB in UTF-8) WHEN compiled THEN it is refused: the size is counted in bytes, not characters', () => {
    const value = 'é'.repeat(600000);
    const overhead = deploymentBytes('comp', 'x') - 1;
    expect(compileOne(withEnv('comp', value)).diagnostics.map(formatDiagnostic)).toEqual([tooLarge('components/c.yaml', 'comp', 1200000, overhead + 1200000)]);
  });

  test('GIVEN two components each with an object too large, and a valid one WHEN compiled THEN both are reported together, sorted by file', () => {
    const overheadA = deploymentBytes('comp-a', 'x') - 1;
    const overheadB = deploymentBytes('comp-b', 'x') - 1;
    const r = compileFiles({
      components: [
        { name: 'components/b.yaml', text: withEnv('comp-b', 'b'.repeat(2 * MIB)) },
        { name: 'components/a.yaml', text: withEnv('comp-a', 'a'.repeat(3 * MIB)) },
        { name: 'components/ok.yaml', text: withEnv('comp-ok', 'fine') },
      ],
    });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      tooLarge('components/a.yaml', 'comp-a', 3 * MIB, overheadA + 3 * MIB),
      tooLarge('components/b.yaml', 'comp-b', 2 * MIB, overheadB + 2 * MIB),
    ]);
    expect(r.files).toEqual([]);
  });

  test('GIVEN a YAML override of a DCAE spec that adds a large env value WHEN compiled THEN the error points at the DCAE spec\'s self.name, with no hint about the name', () => {
    const json = fs.readFileSync(path.join(ROOT, 'test/fixtures/dcae-component-specs/dcaegen2-collectors-datafile__datafile-component-spec.json'), 'utf8');
    const r = compileFiles({
      components: [
        { name: 'components/datafile.json', text: json },
        { name: 'components/over.yaml', text: `dcae_spec: datafile.json\nenv:\n  BIG: ${'a'.repeat(1100000)}\n` },
      ],
    });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(
      /^components\/datafile\.json:3:13: self\.name: the Deployment "dep-datafile-collector" would be \d+ bytes as JSON; expected at most 1048576 bytes \(1 MiB\) per object, as the API server refuses objects that etcd cannot store\. Its largest value is spec\.template\.spec\.containers\[0\]\.env\[\d+\]\.value \(of "BIG"\), 1100000 bytes$/,
    )]);
  });
});

describe('the command line', () => {
  /** A folder with `count` small components and, last in file order, one with a 2 MiB env value. */
  function folder(count: number): { dir: string; message: string } {
    const dir = tmpdir('dcae-limits-');
    fs.mkdirSync(path.join(dir, 'components'));
    for (let i = 0; i < count; i++) {
      const name = `comp-${String(i).padStart(3, '0')}`;
      fs.writeFileSync(path.join(dir, 'components', `${name}.yaml`), withEnv(name, 'x'));
    }
    fs.writeFileSync(path.join(dir, 'components', 'z-big.yaml'), withEnv('z-big', 'z'.repeat(2 * MIB)));
    const overhead = deploymentBytes('z-big', 'x') - 1;
    return { dir, message: tooLarge('components/z-big.yaml', 'z-big', 2 * MIB, overhead + 2 * MIB) };
  }

  test('GIVEN a component with a 2 MiB env value WHEN npm run synth runs THEN exit 1, the error and the count, and nothing is written', async () => {
    const { dir, message } = folder(2);
    const r = await runMain(['--components', 'components', '--out', 'out'], dir);
    expect(r.stderr).toBe(`${message}\n1 error in 1 file; nothing was written to out\n`);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(1);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test(`GIVEN ${PARALLEL_THRESHOLD} components and the large one rendered on a render thread (--jobs 2) WHEN npm run synth runs THEN the same error, exit 1, nothing written`, () => {
    const { dir, message } = folder(PARALLEL_THRESHOLD);
    const r = runReal(dir, '--components', 'components', '--out', 'out', '--jobs', '2');
    expect(r.stderr).toBe(`${message}\n1 error in 1 file; nothing was written to out\n`);
    expect(r.status).toBe(1);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test('GIVEN the same folder WHEN the app that cdk8s synth runs runs THEN the same error, exit 1, nothing written to DCAE_OUT nor to CDK8S_OUTDIR', () => {
    const { dir, message } = folder(1);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'build', 'src', 'cdk8s-app.js')], {
      cwd: dir, encoding: 'utf8',
      env: childEnv(dir, { DCAE_COMPONENTS: 'components', DCAE_OUT: 'out', CDK8S_OUTDIR: path.join(dir, 'cdk8s.out') }),
    });
    expect(r.stderr).toBe(`${message}\n1 error in 1 file; nothing was written to out\n`);
    expect(r.status).toBe(1);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'cdk8s.out'))).toBe(false);
  });
});
