/**
 * `npm run corpus -- DIR` on specs this test writes (never on the real corpus, which lives outside the repository):
 * the line per file, the summary, the hash of what `npm run synth` writes, --platform, --verbose, --out, usage
 * errors and crashes, exit codes, and that it leaves nothing behind.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { CompileInput } from '../../src/compile';
import { Console } from '../../src/cli/report';
import { childEnv, ROOT, runCli, snapshotFolder, tmpdir } from '../helpers';
import { hashFiles, runCorpus } from './corpus';
// The module object itself (not an import's namespace copy), so that jest.spyOn replaces what corpus.ts calls.

const compileModule: typeof import('../../src/compile') = require('../../src/compile');

const SCRIPT = path.join(ROOT, 'build', 'test', 'corpus', 'run.js');

/** A small DCAE spec of our own: one http port, an http health check. */
const spec = (name: string, ports: string[]): string =>
  `${JSON.stringify(
    {
      self: { version: '1.0.0', name, description: 'a spec written for this test', component_type: 'docker' },
      streams: { publishes: [], subscribes: [] },
      services: { calls: [], provides: [] },
      parameters: [],
      auxilary: { healthcheck: { type: 'http', endpoint: '/health' }, ports },
      artifacts: [{ type: 'docker image', uri: `repo/${name}:1.0.0` }],
    },
    null,
    2,
  )}\n`;

/** A folder of three specs (one compiles, one refused for its host port, one not JSON) and two files that are not specs. */
function corpus(): string {
  const dir = tmpdir('dcae-corpus-test-');
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.writeFileSync(path.join(dir, 'ok.json'), spec('tiny-svc', ['8080:0']));
  fs.writeFileSync(path.join(dir, 'sub', 'host-port.json'), spec('host-port', ['80:80']));
  fs.writeFileSync(path.join(dir, 'broken.json'), '{ "self": \n');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a spec\n');
  fs.writeFileSync(path.join(dir, 'other.yaml'), 'name: not-read\nimage: repo/x:1\n');
  return dir;
}

/** Runs the built command as `npm run corpus` runs it, in `cwd`. */
function runScript(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd, encoding: 'utf8', env: childEnv(cwd) });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** What `npm run synth` writes for one spec alone: its hash as the command computes it. */
function synthHash(specFile: string, platform?: string): string {
  const dir = tmpdir();
  fs.mkdirSync(path.join(dir, 'components'));
  fs.copyFileSync(specFile, path.join(dir, 'components', path.basename(specFile)));
  if (platform !== undefined) fs.writeFileSync(path.join(dir, 'components', 'platform.yaml'), platform);
  const r = runCli([], dir);
  expect(r.status).toBe(0);
  return hashFiles(Object.entries(snapshotFolder(path.join(dir, 'dist'))).map(([p, content]) => ({ path: p, content })));
}

/** Runs the command in this process, with its temporary files in a folder of their own (returned). */
function runHere(args: string[], base: string): { status: number; out: string[]; err: string[]; tmp: string } {
  const out: string[] = [];
  const err: string[] = [];
  const io: Console = { out: (s) => out.push(...s.split('\n')), err: (s) => err.push(...s.split('\n')) };
  const tmp = tmpdir('dcae-corpus-tmp-');
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    return { status: runCorpus(args, io, base), out, err, tmp };
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

const HOST_PORT =
  'components/host-port.json:23:7: auxilary.ports[0]: host port 80 in "80:80" is not 0 or inside the node port range 30000-32767';

describe('GIVEN a folder of three DCAE specs written for this test (one compiles, one has a host port, one is not JSON)', () => {
  test('WHEN npm run corpus runs over it THEN it prints one line per *.json file in sorted order, then the summary, and exits 0', () => {
    const dir = corpus();
    const r = runScript([dir], ROOT);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^refused broken\.json \(1 error\): components\/broken\.json:2:1: /);
    expect(lines[1]).toBe(`compiled ok.json: 2 objects, sha256 ${synthHash(path.join(dir, 'ok.json'))}`);
    expect(lines[2]).toMatch(/^refused sub\/host-port\.json \(1 error\): /);
    expect(lines[2]).toContain(HOST_PORT);
    expect(lines[3]).toBe('corpus: 1 compiled, 2 refused, 0 crashed');
    expect(lines[4]).toBe('');
  });

  test('WHEN run twice, from another folder with a relative DIR THEN the output is the same, and the folder and the temporary folder are untouched', () => {
    const dir = corpus();
    const before = snapshotFolder(dir);
    const first = runHere([dir], ROOT);
    const second = runHere([path.basename(dir)], path.dirname(dir));
    expect(first.status).toBe(0);
    expect(second.out).toEqual(first.out);
    expect(snapshotFolder(dir)).toEqual(before);
    expect(fs.readdirSync(first.tmp)).toEqual([]);
    expect(fs.readdirSync(second.tmp)).toEqual([]);
  });

  test('WHEN run with --platform THEN each spec compiles with that platform file, as npm run synth would with it beside the spec', () => {
    const dir = corpus();
    const platform = 'namespace: corpus-test\n';
    fs.writeFileSync(path.join(dir, 'platform.txt'), platform);
    const r = runHere([dir, '--platform', path.join(dir, 'platform.txt')], ROOT);
    expect(r.status).toBe(0);
    const plain = runHere([dir], ROOT);
    expect(r.out[1]).toBe(`compiled ok.json: 2 objects, sha256 ${synthHash(path.join(dir, 'ok.json'), platform)}`);
    expect(r.out[1]).not.toBe(plain.out[1]);
  });

  test('WHEN run with --verbose and --out THEN it lists every error and output file under its line, and --out also holds the produced YAML', () => {
    const dir = corpus();
    const outFile = path.join(tmpdir(), 'all.txt');
    const r = runHere([dir, '--verbose', '--out', outFile], ROOT);
    expect(r.status).toBe(0);
    const ok = r.out.indexOf(r.out.find((l) => l.startsWith('compiled ok.json'))!);
    expect(r.out.slice(ok + 1, ok + 4).map((l) => l.replace(/sha256 [0-9a-f]{16}$/, 'sha256 H'))).toEqual([
      '  file .dcae-synth-files sha256 H',
      '  file kustomization.yaml sha256 H',
      '  file tiny-svc.k8s.yaml sha256 H',
    ]);
    expect(r.out).toContain(
      `  error: ${r.out.find((l) => l.startsWith('refused sub/'))!.replace(/^refused sub\/host-port\.json \(1 error\): /, '')}`,
    );
    const written = fs.readFileSync(outFile, 'utf8');
    expect(written).toContain('==> ok.json: tiny-svc.k8s.yaml <==\napiVersion: apps/v1\nkind: Deployment\n');
    expect(written.endsWith('corpus: 1 compiled, 2 refused, 0 crashed\n')).toBe(true);
  });

  test('WHEN the compiler throws on one spec THEN that line says crashed with the exception, the others still run, and the exit code is 70', () => {
    const dir = corpus();
    const real = compileModule.compile;
    const spy = jest.spyOn(compileModule, 'compile').mockImplementation(((input: CompileInput) => {
      if (input.components.some((c) => c.name === 'components/ok.json')) throw new TypeError('a planted bug');
      return real(input);
    }) as typeof real);
    try {
      const r = runHere([dir], ROOT);
      expect(r.out).toEqual([
        expect.stringMatching(/^refused broken\.json /),
        'crashed ok.json: TypeError: a planted bug',
        expect.stringMatching(/^refused sub\/host-port\.json /),
        'corpus: 0 compiled, 2 refused, 1 crashed',
      ]);
      expect(r.status).toBe(70);
      expect(fs.readdirSync(r.tmp)).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('GIVEN wrong arguments to npm run corpus', () => {
  test('WHEN DIR does not exist THEN it says so in one line, without a stack trace, and exits 2', () => {
    const dir = tmpdir();
    const r = runScript(['no-such-folder'], dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('corpus: no-such-folder: no such folder; expected a folder of DCAE component specs (*.json)\n');
  });

  test.each([
    [[], 'corpus: expected one folder of DCAE specs (DIR), got none'],
    [['a', 'b'], 'corpus: expected one folder of DCAE specs (DIR), got a, b'],
    [['.', '--bogus'], "corpus: Unknown option '--bogus'"],
    [
      ['.', '--platform', 'missing.yaml'],
      'corpus: --platform missing.yaml: no such file; expected a platform settings file (platform.yaml)',
    ],
    [['.'], 'corpus: .: no *.json file in this folder or below; expected DCAE component specs'],
    [['.', '--out', 'no-such/out.txt'], 'corpus: --out no-such/out.txt: no such folder no-such; expected a file in an existing folder'],
  ])('WHEN run with %j THEN it exits 2 and says: %s', (args, message) => {
    const r = runHere(args, tmpdir());
    expect(r.status).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err[0]).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(r.err.join('\n')).not.toMatch(/\n\s+at /);
  });

  test('WHEN run with --help THEN it prints the usage with the exit codes and exits 0', () => {
    const r = runHere(['--help'], tmpdir());
    expect(r.status).toBe(0);
    expect(r.out[0]).toBe('Usage: npm run corpus -- DIR [options]');
    expect(r.out.join('\n')).toContain('Exit codes: 0 every file compiled or was refused');
  });
});
