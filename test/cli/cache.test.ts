/**
 * The render cache through the command line (main() in this process, with a build hash as the bundle gives it):
 * where the cache file goes, that an unchanged component is not rendered again, that the output bytes are those
 * of a run without a cache, and that a hand edit, a new platform file or another build are never missed.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../src/cli/run';
import { fakeConsole, snapshotFolder, tmpdir, withComponents, withExamples } from '../helpers';

/** Runs the command line in `dir`, as the bundle of build `build` would. */
async function synth(dir: string, args: string[], build = 'build-a') {
  const io = fakeConsole(false);
  const status = await main(['--components', 'components', '--out', 'out', ...args], io, { cwd: dir, build });
  return { status, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

/** The cache files in a cache folder. */
const cacheFiles = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

describe('GIVEN the examples and a cache folder', () => {
  test('WHEN synth runs twice THEN the second run renders nothing again, says so, and the output is the bytes of a run without a cache', async () => {
    const dir = withExamples();
    const first = await synth(dir, ['--cache', '.cache']);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^compiled 4 components into out in \d+\.\d\d s; files: 5 new/);
    expect(cacheFiles(path.join(dir, '.cache'))).toEqual([expect.stringMatching(/^renders-[0-9a-f]{16}$/)]);
    const second = await synth(dir, ['--cache', '.cache']);
    expect(second.stdout).toMatch(/^compiled 4 components \(4 unchanged, not rendered again\) into out in \d+\.\d\d s; nothing changed/);
    const plain = withExamples();
    expect((await synth(plain, ['--cache', 'off'])).status).toBe(0);
    expect(snapshotFolder(path.join(dir, 'out'))).toEqual(snapshotFolder(path.join(plain, 'out')));
    expect(fs.existsSync(path.join(plain, 'off'))).toBe(false);
  });

  test('WHEN one spec changes THEN only it is rendered again, and the output equals a run without a cache', async () => {
    const dir = withExamples();
    await synth(dir, ['--cache', '.cache']);
    const ves = path.join(dir, 'components', 'ves.yaml');
    fs.writeFileSync(ves, fs.readFileSync(ves, 'utf8').replace(/^replicas: 1$/m, 'replicas: 2'));
    const r = await synth(dir, ['--cache', '.cache']);
    expect(r.stdout).toMatch(/^compiled 4 components \(3 unchanged, not rendered again\) into out .*files: 0 new, 1 changed/);
    const plain = withExamples();
    fs.copyFileSync(ves, path.join(plain, 'components', 'ves.yaml'));
    await synth(plain, ['--cache', 'off']);
    expect(snapshotFolder(path.join(dir, 'out'))).toEqual(snapshotFolder(path.join(plain, 'out')));
  });

  test('WHEN a manifest the cache took from the folder changes there before --check compares it THEN --check says so and exits 74, never a crash', async () => {
    // GIVEN an output folder and its render cache
    const dir = withExamples();
    await synth(dir, ['--cache', '.cache']);
    const manifest = path.join(dir, 'out', 'dcae-prh.k8s.yaml');
    // WHEN the manifest is edited right after the cache has read it (and found its hash)
    const realFs = require('fs') as typeof fs;
    const read = realFs.readFileSync;
    let reads = 0;
    const spy = jest.spyOn(realFs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, options?: unknown) => {
      const text = read(file, options as BufferEncoding);
      if (file === manifest && ++reads === 1) realFs.writeFileSync(manifest, String(text).replace('replicas: 1', 'replicas: 5'));
      return text;
    }) as typeof fs.readFileSync);
    try {
      const check = await synth(dir, ['--cache', '.cache', '--check']);
      // THEN --check says what happened, and that nothing was written
      expect(check.stderr).toBe(
        'error: checking out failed: dcae-prh.k8s.yaml changed in the output folder while the run was using it. Nothing was written; run --check again',
      );
      expect(check.status).toBe(74);
      expect(reads).toBe(3);
    } finally {
      spy.mockRestore();
    }
  });

  test('WHEN a manifest was edited by hand THEN --check still finds it (exit 1, its diff) and synth puts it back', async () => {
    const dir = withExamples();
    await synth(dir, ['--cache', '.cache']);
    const manifest = path.join(dir, 'out', 'dcae-prh.k8s.yaml');
    const original = fs.readFileSync(manifest, 'utf8');
    fs.writeFileSync(manifest, original.replace('replicas: 1', 'replicas: 3'));
    const check = await synth(dir, ['--cache', '.cache', '--check']);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('-  replicas: 3\n+  replicas: 1');
    const again = await synth(dir, ['--cache', '.cache']);
    expect(again.stdout).toMatch(/\(3 unchanged, not rendered again\).*1 changed/);
    expect(fs.readFileSync(manifest, 'utf8')).toBe(original);
  });

  test('WHEN the platform file changes THEN every component is rendered again', async () => {
    const dir = withExamples();
    await synth(dir, ['--cache', '.cache']);
    fs.appendFileSync(path.join(dir, 'components', 'platform.yaml'), '# a comment changes no setting\n');
    expect((await synth(dir, ['--cache', '.cache'])).stdout).toMatch(/^compiled 4 components \(4 unchanged/);
    const platform = path.join(dir, 'components', 'platform.yaml');
    fs.writeFileSync(platform, fs.readFileSync(platform, 'utf8').replace(/^namespace: onap$/m, 'namespace: other'));
    const r = await synth(dir, ['--cache', '.cache']);
    expect(r.stdout).toMatch(/^compiled 4 components into out in \d+\.\d\d s; files: 0 new, 4 changed/);
  });

  test('WHEN a spec is unchanged THEN its checks are taken from the cache (not read again), and never once a byte of it or of the platform file changes', async () => {
    const dir = withExamples();
    await synth(dir, ['--cache', '.cache']);
    const file = path.join(dir, '.cache', cacheFiles(path.join(dir, '.cache'))[0]);
    // A record forged to say replicas 5 for ves.yaml, its hash made to match: only a run that takes the record
    // instead of reading ves.yaml writes 5.
    const forge = () => {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const at = lines.findIndex((l) => l.startsWith('checked ') && l.includes('"file":"components/ves.yaml"'));
      expect(at).toBeGreaterThan(0);
      const json = lines[at].slice(8 + 65 + 65).replace('"replicas":1', '"replicas":5');
      lines[at] = `${lines[at].slice(0, 8 + 65)}${createHash('sha256').update(json).digest('hex')} ${json}`;
      fs.writeFileSync(file, lines.join('\n'));
    };
    const manifest = path.join(dir, 'out', 'dcae-ves-collector.k8s.yaml');
    forge();
    expect((await synth(dir, ['--cache', '.cache'])).status).toBe(0);
    expect(fs.readFileSync(manifest, 'utf8')).toContain('replicas: 5');
    const ves = path.join(dir, 'components', 'ves.yaml');
    fs.appendFileSync(ves, '# one byte more\n');
    await synth(dir, ['--cache', '.cache']);
    expect(fs.readFileSync(manifest, 'utf8')).toContain('replicas: 1');
    forge();
    fs.appendFileSync(path.join(dir, 'components', 'platform.yaml'), '# a comment changes no setting\n');
    await synth(dir, ['--cache', '.cache']);
    expect(fs.readFileSync(manifest, 'utf8')).toContain('replicas: 1');
  });

  test('WHEN another build of the compiler runs THEN it renders every component and keeps its own cache', async () => {
    const dir = withExamples();
    await synth(dir, ['--cache', '.cache']);
    const r = await synth(dir, ['--cache', '.cache'], 'build-b');
    expect(r.stdout).toMatch(/^compiled 4 components into out in \d+\.\d\d s; nothing changed/);
    const file = path.join(dir, '.cache', cacheFiles(path.join(dir, '.cache'))[0]);
    expect(fs.readFileSync(file, 'utf8').split('\n')[1]).toMatch(/^compiler \S+ build-b$/);
  });

  test('WHEN --check runs with a cache THEN it says how many it did not render again, and writes nothing to the output folder', async () => {
    const dir = withExamples();
    await synth(dir, ['--cache', '.cache']);
    const before = snapshotFolder(path.join(dir, 'out'));
    const r = await synth(dir, ['--cache', '.cache', '--check']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^out is up to date: 4 components, 5 files, checked in \d+\.\d\d s \(4 unchanged, not rendered again\)$/);
    expect(snapshotFolder(path.join(dir, 'out'))).toEqual(before);
  });
});

describe('GIVEN values that JSON does not tell apart', () => {
  test.each([
    ['null', '.nan', '.nan'],
    ['0', '-0', '-0'],
    ['.inf', '-.inf', '-.inf'],
  ])(
    'WHEN an application_config value changes from %s to %s THEN the cached run writes %s, as a run without a cache',
    async (before, after, written) => {
      const dir = withComponents({
        'platform.yaml': 'application_config:\n  source: configmap\n',
        'a.yaml': `name: a\nimage: repo/a:1.0\napplication_config:\n  x: ${before}\n`,
      });
      expect((await synth(dir, ['--cache', '.cache'])).status).toBe(0);
      fs.writeFileSync(path.join(dir, 'components', 'a.yaml'), `name: a\nimage: repo/a:1.0\napplication_config:\n  x: ${after}\n`);
      const r = await synth(dir, ['--cache', '.cache']);
      expect(r.stdout).toMatch(/^compiled 1 component into out .*1 changed/);
      expect(fs.readFileSync(path.join(dir, 'out', 'a.k8s.yaml'), 'utf8')).toContain(`    x: ${written}\n`);
    },
  );
});

describe('GIVEN a cache that cannot be used', () => {
  test('WHEN the cache file is garbage THEN every component is rendered, and the run succeeds and writes a good cache', async () => {
    const dir = withExamples();
    await synth(dir, ['--cache', '.cache']);
    const file = path.join(dir, '.cache', cacheFiles(path.join(dir, '.cache'))[0]);
    fs.writeFileSync(file, 'dcae-synth render cache 2\n\u0000garbage\n');
    const r = await synth(dir, ['--cache', '.cache']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^compiled 4 components into out/);
    // One line per component, then one per checked file: the three specs that read no other file.
    expect(fs.readFileSync(file, 'utf8')).toMatch(
      /^dcae-synth render cache 2\ncompiler \S+ build-a\n([0-9a-f]{64} [0-9a-f]{64}\n){4}(checked [0-9a-f]{64} [0-9a-f]{64} \{.+\}\n){3}$/,
    );
  });

  test('WHEN the cache folder cannot be made (a file is in the way) THEN the run succeeds with a warning that says why', async () => {
    const dir = withExamples();
    fs.writeFileSync(path.join(dir, '.cache'), 'not a folder');
    const r = await synth(dir, ['--cache', '.cache']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^warning: the render cache could not be written \(.+\); the next run renders every component$/);
    expect(r.stdout).toMatch(/^compiled 4 components into out/);
  });
});

describe('where the cache goes', () => {
  test('GIVEN a folder with node_modules WHEN synth runs there without --cache THEN the cache is in node_modules/.cache/dcae-synth', async () => {
    const dir = withExamples();
    fs.mkdirSync(path.join(dir, 'node_modules'));
    await synth(dir, []);
    expect(cacheFiles(path.join(dir, 'node_modules', '.cache', 'dcae-synth'))).toHaveLength(1);
    expect((await synth(dir, [])).stdout).toMatch(/\(4 unchanged, not rendered again\)/);
  });

  test('GIVEN no node_modules above the folder WHEN synth runs without --cache THEN there is no cache and nothing is written outside the output folder', async () => {
    const dir = withExamples();
    const before = fs.readdirSync(dir).sort();
    await synth(dir, []);
    expect(fs.readdirSync(dir).sort()).toEqual([...before, 'out'].sort());
    expect((await synth(dir, [])).stdout).toMatch(/^compiled 4 components into out/);
  });

  test('GIVEN cache: off in the options file WHEN synth runs beside node_modules THEN no cache is kept; --cache DIR on the command line wins', async () => {
    const dir = withExamples();
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.writeFileSync(path.join(dir, 'dcae-synth.yaml'), 'cache: off\n');
    await synth(dir, []);
    expect(fs.existsSync(path.join(dir, 'node_modules', '.cache'))).toBe(false);
    await synth(dir, ['--cache', 'elsewhere']);
    expect(cacheFiles(path.join(dir, 'elsewhere'))).toHaveLength(1);
  });

  test("GIVEN cache: DIR in an options file of another folder WHEN synth runs with --config THEN DIR is taken from the file's folder", async () => {
    const dir = withExamples();
    const conf = tmpdir();
    fs.writeFileSync(path.join(conf, 'dcae-synth.yaml'), 'cache: kept\n');
    await synth(dir, ['--config', path.join(conf, 'dcae-synth.yaml')]);
    expect(cacheFiles(path.join(conf, 'kept'))).toHaveLength(1);
  });

  test('GIVEN two output folders WHEN each is compiled with the same cache folder THEN each has its own cache file', async () => {
    const dir = withExamples();
    await synth(dir, ['--cache', '.cache']);
    const io = fakeConsole(false);
    await main(['--components', 'components', '--out', 'out2', '--cache', '.cache'], io, { cwd: dir, build: 'build-a' });
    expect(cacheFiles(path.join(dir, '.cache'))).toHaveLength(2);
  });

  test('GIVEN no build hash (the library, or the cdk8s app) WHEN synth runs with --cache THEN no cache is read or written', async () => {
    const dir = withExamples();
    const io = fakeConsole(false);
    expect(await main(['--components', 'components', '--out', 'out', '--cache', '.cache'], io, { cwd: dir })).toBe(0);
    expect(fs.existsSync(path.join(dir, '.cache'))).toBe(false);
  });
});
