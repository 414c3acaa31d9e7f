/**
 * main() in this process with what only the real launchers pass (the compiled entry script, the cdk8s mirror
 * folder): the stale-build warning and the copy into CDK8S_OUTDIR.
 */
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../src/cli/run';
import { Console } from '../../src/cli/report';
import { snapshotFolder, tmpdir } from '../helpers';

const STALE = 'warning: src/ changed after the last build; run `npm run build` first, or this run uses the old compiler';

/**
 * A checkout of the compiler as its developers have it: package.json, src/ with the TypeScript sources (src/cli/run.ts
 * among them), a built entry script, and one component.
 */
function project(): { dir: string; entry: string; source: string } {
  const dir = tmpdir();
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name": "p", "version": "1.0.0"}\n');
  fs.mkdirSync(path.join(dir, 'src', 'cli'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'src', 'cli', 'run.ts'), '// the source\n');
  fs.utimesSync(path.join(dir, 'src', 'cli', 'run.ts'), 500_000, 500_000); // older than every entry below
  const source = path.join(dir, 'src', 'cli', 'bin.ts');
  fs.writeFileSync(source, '// the source\n');
  fs.mkdirSync(path.join(dir, 'build', 'src', 'cli'), { recursive: true });
  const entry = path.join(dir, 'build', 'src', 'cli', 'bin.js');
  fs.writeFileSync(entry, '// the build\n');
  fs.mkdirSync(path.join(dir, 'components'));
  fs.writeFileSync(path.join(dir, 'components', 'c.yaml'), 'name: comp\nimage: repo/comp:1.0\n');
  return { dir, entry, source };
}

/** Sets a file's modification time, in seconds since the epoch. */
const touch = (file: string, seconds: number) => fs.utimesSync(file, seconds, seconds);

/** Runs main() in `cwd` with the given context; what it printed, by stream. */
async function run(args: string[], cwd: string, context: { entry?: string; mirror?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Console = { out: (s) => out.push(s), err: (s) => err.push(s) };
  const status = await main(args, io, { cwd, env: {}, ...context });
  return { status, out, err };
}

describe('GIVEN the compiled entry script of a project', () => {
  test('GIVEN a file in src/ (in a subfolder) newer than the entry WHEN main runs THEN it warns that the build is stale, and still compiles', async () => {
    const { dir, entry, source } = project();
    touch(entry, 1_000_000);
    touch(source, 2_000_000);
    const r = await run([], dir, { entry });
    expect(r.status).toBe(0);
    expect(r.err).toEqual([STALE]);
    expect(Object.keys(snapshotFolder(path.join(dir, 'dist')))).toEqual(['.dcae-synth-files', 'comp.k8s.yaml', 'kustomization.yaml']);
  });

  test('GIVEN an entry newer than everything in src/ WHEN main runs THEN there is no warning', async () => {
    const { dir, entry, source } = project();
    touch(source, 1_000_000);
    touch(entry, 2_000_000);
    const r = await run([], dir, { entry });
    expect(r.status).toBe(0);
    expect(r.err).toEqual([]);
  });

  test('GIVEN a stale build and --quiet WHEN main runs THEN there is no warning (quiet prints only errors)', async () => {
    const { dir, entry, source } = project();
    touch(entry, 1_000_000);
    touch(source, 2_000_000);
    const r = await run(['--quiet'], dir, { entry });
    expect(r).toEqual({ status: 0, out: [], err: [] });
  });

  test('GIVEN an entry that is not compiled JavaScript (the TypeScript itself) WHEN main runs THEN there is no warning (it cannot be stale)', async () => {
    const { dir, source } = project();
    touch(source, 2_000_000);
    const r = await run([], dir, { entry: source });
    expect(r.status).toBe(0);
    expect(r.err).toEqual([]);
  });

  test('GIVEN an installed package (src/ holds only the published schemas, newer than the entry) WHEN main runs THEN there is no warning', async () => {
    const { dir, entry } = project();
    fs.rmSync(path.join(dir, 'src'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'src', 'input', 'schemas'), { recursive: true });
    const schema = path.join(dir, 'src', 'input', 'schemas', 'component.schema.json');
    fs.writeFileSync(schema, '{}\n');
    touch(entry, 1_000_000);
    touch(schema, 2_000_000);
    const r = await run([], dir, { entry });
    expect(r.status).toBe(0);
    expect(r.err).toEqual([]);
  });

  test('GIVEN a package with no src/ folder WHEN main runs THEN there is no warning', async () => {
    const { dir, entry } = project();
    fs.rmSync(path.join(dir, 'src'), { recursive: true });
    const r = await run([], dir, { entry });
    expect(r.status).toBe(0);
    expect(r.err).toEqual([]);
  });
});

describe('GIVEN a mirror folder (CDK8S_OUTDIR under cdk8s synth)', () => {
  test('WHEN main runs THEN the mirror holds exactly the files of the output folder', async () => {
    const { dir } = project();
    const r = await run([], dir, { mirror: 'build/cdk8s.out' });
    expect(r.status).toBe(0);
    const out = snapshotFolder(path.join(dir, 'dist'));
    expect(Object.keys(out)).toEqual(['.dcae-synth-files', 'comp.k8s.yaml', 'kustomization.yaml']);
    expect(snapshotFolder(path.join(dir, 'build', 'cdk8s.out'))).toEqual(out);
  });

  test('GIVEN the mirror is the output folder itself WHEN main runs THEN the folder is written once, as without a mirror', async () => {
    const { dir } = project();
    const r = await run(['--out', 'out'], dir, { mirror: path.join(dir, 'out') });
    const plain = project();
    await run(['--out', 'out'], plain.dir);
    expect(r.status).toBe(0);
    expect(snapshotFolder(path.join(dir, 'out'))).toEqual(snapshotFolder(path.join(plain.dir, 'out')));
  });
});
