/**
 * An object larger than the API server stores is refused: 1 MiB (1048576 bytes) per object, serialised as
 * compact JSON. It is an error in the input (a value too large), reported at the component's `name`, with
 * exit 1 and nothing written, on the one-thread path, the render-thread path and through `cdk8s synth`.
 *
 * An input file is itself at most 1 MiB (MAX_FILE_BYTES), so the large objects here come from files below
 * that limit whose values are repeated through YAML aliases: `BIG: &v <value>` then `BIG_2: *v` ...
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { compile as compileFiles } from '../../src/compile';
import { formatDiagnostic } from '../../src/input/diagnostics';
import { MAX_OBJECT_BYTES, oversizedMessage, oversizedObjects } from '../../src/output/limits';
import { PARALLEL_THRESHOLD } from '../../src/output/parallel';
import { childEnv, compile, ROOT, runMain, runReal, tmpdir } from '../helpers';

const MIB = 1024 * 1024;

/** A component spec with one env value. */
function withEnv(name: string, value: string): string {
  return `name: ${name}\nimage: repo/${name}:1.0\nenv:\n  SMALL: x\n  BIG: ${value}\n`;
}

/**
 * A component spec whose env value `BIG` is `value`, written once under an anchor and repeated as `BIG_2` ...
 * `BIG_<copies>` through aliases: an object of `copies` times the value from a file of about one value.
 */
function withCopies(name: string, value: string, copies: number): string {
  const aliases = Array.from({ length: copies - 1 }, (_, i) => `  BIG_${i + 2}: *v\n`).join('');
  return `name: ${name}\nimage: repo/${name}:1.0\nenv:\n  SMALL: x\n  BIG: &v ${value}\n${aliases}`;
}

/** The size of a component's Deployment as compact JSON when its spec is `text`. */
function bytesOf(text: string): number {
  const deployment = compile(text).objects.find((o) => o.kind === 'Deployment');
  return Buffer.byteLength(JSON.stringify(deployment), 'utf8');
}

/** The size of a component's Deployment as compact JSON when its BIG env value is `value`. */
function deploymentBytes(name: string, value: string): number {
  return bytesOf(withEnv(name, value));
}

/** The Deployment's size with `copies` copies of a value of `bytes` bytes (measured with one-byte values). */
function copiesBytes(name: string, bytes: number, copies: number): number {
  return bytesOf(withCopies(name, 'x', copies)) - copies + copies * bytes;
}

/** The message for the component `name`'s Deployment with a BIG env value of `bytes` bytes. */
function tooLarge(file: string, name: string, bytes: number, total: number): string {
  return (
    `${file}:1:7: name: the Deployment "dep-${name}" would be ${total} bytes as JSON; expected at most 1048576 bytes (1 MiB) per object, ` +
    `as the API server refuses objects that etcd cannot store. Its largest value is spec.template.spec.containers[0].env[1].value (of "BIG"), ${bytes} bytes`
  );
}

function compileOne(text: string) {
  return compileFiles({ components: [{ name: 'components/c.yaml', text }] });
}

describe('the size limit', () => {
  test('GIVEN the limit WHEN read THEN it is 1 MiB', () => {
    expect(MAX_OBJECT_BYTES).toBe(1048576);
  });

  test("GIVEN a 512 KiB env value repeated 10 times through aliases (a 5 MiB Deployment from a file under 1 MiB) WHEN compiled THEN one error at the component's name gives the object, its size, the limit and the largest value, and no file is produced", () => {
    const text = withCopies('comp', 'a'.repeat(MIB / 2), 10);
    expect(Buffer.byteLength(text)).toBeLessThan(MIB);
    const r = compileOne(text);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([tooLarge('components/c.yaml', 'comp', MIB / 2, copiesBytes('comp', MIB / 2, 10))]);
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

  test('GIVEN two copies of a value of 300000 two-byte characters (600 000 characters, 1.2 MB in UTF-8) WHEN compiled THEN it is refused: the size is counted in bytes, not characters', () => {
    const value = 'é'.repeat(300000);
    expect(compileOne(withCopies('comp', value, 2)).diagnostics.map(formatDiagnostic)).toEqual([
      tooLarge('components/c.yaml', 'comp', 600000, copiesBytes('comp', 600000, 2)),
    ]);
  });

  test('GIVEN two components each with an object too large, and a valid one WHEN compiled THEN both are reported together, sorted by file', () => {
    const r = compileFiles({
      components: [
        { name: 'components/b.yaml', text: withCopies('comp-b', 'b'.repeat(MIB / 2), 4) },
        { name: 'components/a.yaml', text: withCopies('comp-a', 'a'.repeat(MIB / 2), 6) },
        { name: 'components/ok.yaml', text: withEnv('comp-ok', 'fine') },
      ],
    });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      tooLarge('components/a.yaml', 'comp-a', MIB / 2, copiesBytes('comp-a', MIB / 2, 6)),
      tooLarge('components/b.yaml', 'comp-b', MIB / 2, copiesBytes('comp-b', MIB / 2, 4)),
    ]);
    expect(r.files).toEqual([]);
  });

  test("GIVEN a YAML override of a DCAE spec that adds a large env value WHEN compiled THEN the error points at the DCAE spec's self.name, with no hint about the name", () => {
    const json = fs.readFileSync(path.join(ROOT, 'test/fixtures/dcae/file-gatherer.json'), 'utf8');
    const r = compileFiles({
      components: [
        { name: 'components/gatherer.json', text: json },
        { name: 'components/over.yaml', text: `dcae_spec: gatherer.json\nenv:\n  BIG: &v ${'a'.repeat(600000)}\n  BIG_2: *v\n` },
      ],
    });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(
        /^components\/gatherer\.json:4:13: self\.name: the Deployment "dep-file-gatherer" would be \d+ bytes as JSON; expected at most 1048576 bytes \(1 MiB\) per object, as the API server refuses objects that etcd cannot store\. Its largest value is spec\.template\.spec\.containers\[0\]\.env\[\d+\]\.value \(of "BIG"\), 600000 bytes$/,
      ),
    ]);
  });
});

describe('the command line', () => {
  /** A folder with `count` small components and, last in file order, one with four copies of a 512 KiB env value (a 2 MiB Deployment). */
  function folder(count: number): { dir: string; message: string } {
    const dir = tmpdir('dcae-limits-');
    fs.mkdirSync(path.join(dir, 'components'));
    for (let i = 0; i < count; i++) {
      const name = `comp-${String(i).padStart(3, '0')}`;
      fs.writeFileSync(path.join(dir, 'components', `${name}.yaml`), withEnv(name, 'x'));
    }
    fs.writeFileSync(path.join(dir, 'components', 'z-big.yaml'), withCopies('z-big', 'z'.repeat(MIB / 2), 4));
    return { dir, message: tooLarge('components/z-big.yaml', 'z-big', MIB / 2, copiesBytes('z-big', MIB / 2, 4)) };
  }

  test('GIVEN a component with a 2 MiB Deployment (aliases) WHEN npm run synth runs THEN exit 1, the error and the count, and nothing is written', async () => {
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
      cwd: dir,
      encoding: 'utf8',
      env: childEnv(dir, { DCAE_COMPONENTS: 'components', DCAE_OUT: 'out', CDK8S_OUTDIR: path.join(dir, 'cdk8s.out') }),
    });
    expect(r.stderr).toBe(`${message}\n1 error in 1 file; nothing was written to out\n`);
    expect(r.status).toBe(1);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'cdk8s.out'))).toBe(false);
  });
});

describe('GIVEN an oversized object with no kind, no name and no string value', () => {
  test('WHEN measured THEN it is named by placeholders, and the message names no largest value', () => {
    const found = oversizedObjects([{ data: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }], 10);
    expect(found).toEqual([{ object: '(no kind) "(no name)"', bytes: 31, largest: undefined }]);
    const message = oversizedMessage(found[0], 10);
    expect(message.startsWith('the (no kind) "(no name)" would be 31 bytes as JSON; expected at most 10 bytes')).toBe(true);
    expect(message).not.toContain('largest value');
  });
});
