/**
 * The memo of checked files (src/input/check-memo.ts, kept in the render cache file by src/output/cache.ts): a file
 * whose name, text and platform file passed before is not parsed or checked again, and a run through the memo
 * gives exactly what a run without it gives: the same files, errors and warnings, in every mode and for both
 * kinds of spec. Files that read another file (dcae_spec) and files that fail are never kept.
 */
import * as fs from 'fs';
import * as path from 'path';
import { compile, CompileInput, CompileOptions, CompileResult } from '../../src/compile';
import { CheckMemo, checkKey, platformKey } from '../../src/input/check-memo';
import { checkMemo, formatCache, parseCache } from '../../src/output/cache';
import { writeFleet } from '../bench/fleet';
import { dcae, DCAE_FIXTURES, EXAMPLES, json, tmpdir } from '../helpers';

const BUILD = '0.1.0 build-a';
const GOLDEN = path.join(__dirname, '..', 'golden', 'cases');

/** A memo that counts what it was asked and what it answered. */
function counted(inner: CheckMemo): CheckMemo & { asked: string[]; answered: number; kept: string[] } {
  const counts = { asked: [] as string[], answered: 0, kept: [] as string[] };
  return Object.assign(counts, {
    recall: (key: string) => {
      counts.asked.push(key);
      const file = inner.recall(key);
      if (file) counts.answered += 1;
      return file;
    },
    remember: (key: string, file: Parameters<CheckMemo['remember']>[1]) => {
      counts.kept.push(file.spec.file);
      inner.remember(key, file);
    },
  });
}

/**
 * Compiles `input` without a memo, then twice through one as the command does (an empty memo, kept as the cache
 * file's text, then read back from that text), and gives the three results and what the second run recalled.
 */
function throughMemo(input: CompileInput, options: Pick<CompileOptions, 'helm'> = {}) {
  const plain = compile(input, options) as CompileResult;
  const inner = checkMemo(parseCache(undefined, BUILD));
  const first = counted(inner);
  const remembered = compile(input, { ...options, memo: first }) as CompileResult;
  const text = formatCache({ compiler: BUILD, entries: new Map(), checked: inner.kept() });
  const second = counted(checkMemo(parseCache(text, BUILD)));
  const recalled = compile(input, { ...options, memo: second }) as CompileResult;
  return { plain, remembered, recalled, first, second };
}

const read = (file: string) => fs.readFileSync(file, 'utf8');
const platformOf = (dir: string) =>
  fs.existsSync(path.join(dir, 'platform.yaml'))
    ? { name: 'components/platform.yaml', text: read(path.join(dir, 'platform.yaml')) }
    : undefined;
const goldenCases = fs.readdirSync(GOLDEN).sort();
/** The platform files of the golden cases: every mode, alone and together. */
const platforms = [undefined, ...goldenCases.map((c) => platformOf(path.join(GOLDEN, c)))].filter(
  (p, i, all) => all.findIndex((q) => q?.text === p?.text) === i,
);

describe('GIVEN every golden case, every DCAE fixture under every golden platform, the examples and a fleet', () => {
  test.each(goldenCases)(
    'WHEN golden case %s runs through the memo THEN its result is that of a run without it, from recalled checks',
    (name) => {
      const dir = path.join(GOLDEN, name);
      const { plain, remembered, recalled, first, second } = throughMemo({
        components: [{ name: 'components/component.yaml', text: read(path.join(dir, 'component.yaml')) }],
        platform: platformOf(dir),
      });
      expect(plain.diagnostics).toEqual([]);
      expect(remembered).toEqual(plain);
      expect(recalled).toEqual(plain);
      expect(first.kept).toEqual(['components/component.yaml']);
      expect(second.answered).toBe(1);
    },
  );

  const dcaeFiles = fs
    .readdirSync(DCAE_FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort();
  test.each(dcaeFiles)(
    'WHEN DCAE spec %s runs through the memo under each platform THEN each result is that of a run without it',
    (file) => {
      for (const platform of platforms) {
        const { plain, recalled, first, second } = throughMemo({
          components: [{ name: `components/${file}`, text: read(path.join(DCAE_FIXTURES, file)) }],
          platform,
        });
        expect(recalled).toEqual(plain);
        // A file that fails is checked again each time; one that passes is recalled.
        expect(second.answered).toBe(plain.diagnostics.length === 0 ? 1 : 0);
        expect(first.kept.length).toBe(plain.diagnostics.length === 0 ? 1 : 0);
      }
    },
  );

  test('WHEN the examples run through the memo THEN the result is the same, and the files that name or are named by dcae_spec are never kept', () => {
    const names = fs.readdirSync(EXAMPLES).filter((f) => f !== 'platform.yaml');
    const { plain, recalled, first, second } = throughMemo({
      components: names.map((f) => ({ name: `components/${f}`, text: read(path.join(EXAMPLES, f)), path: path.join(EXAMPLES, f) })),
      platform: { name: 'components/platform.yaml', text: read(path.join(EXAMPLES, 'platform.yaml')) },
    });
    expect(plain.diagnostics).toEqual([]);
    expect(recalled).toEqual(plain);
    expect(first.kept.sort()).toEqual(['components/prh.yaml', 'components/snmptrap.yaml', 'components/ves.yaml']);
    // The YAML spec with dcae_spec is asked for (before it is parsed) but never kept; the DCAE spec it names is not asked for.
    expect(second.asked.length).toBe(4);
    expect(second.answered).toBe(3);
  });

  test('WHEN a generated fleet of 60 runs through the memo THEN the result is the same, every file recalled', () => {
    const dir = tmpdir();
    writeFleet(dir, 60);
    const { plain, recalled, second } = throughMemo({
      components: fs
        .readdirSync(dir)
        .filter((f) => f !== 'platform.yaml')
        .sort()
        .map((f) => ({ name: `components/${f}`, text: read(path.join(dir, f)) })),
      platform: { name: 'components/platform.yaml', text: read(path.join(dir, 'platform.yaml')) },
    });
    expect(plain.components).toBe(60);
    expect(recalled).toEqual(plain);
    expect(second.answered).toBe(60);
  });
});

describe('GIVEN files checked before', () => {
  const spec = (name: string, extra = '') => `name: ${name}\nimage: repo/${name}:1.0\n${extra}`;
  const input = (files: Record<string, string>, platform?: string): CompileInput => ({
    components: Object.entries(files).map(([name, text]) => ({ name: `components/${name}`, text })),
    platform: platform === undefined ? undefined : { name: 'components/platform.yaml', text: platform },
  });

  test('WHEN a file is recalled THEN it is not parsed: the component is the one the memo gives', () => {
    const first = checkMemo(parseCache(undefined, BUILD));
    const files = input({ 'a.yaml': spec('a') });
    compile(files, { memo: first });
    // A record for the same key that says another image: the run takes it without reading the file.
    const key = [...first.kept().keys()][0];
    const record = first.kept().get(key)!;
    const json = record.slice(65).replace('repo/a:1.0', 'repo/a:from-memo');
    const { createHash } = jest.requireActual<typeof import('crypto')>('crypto');
    const forged = `${createHash('sha256').update(json).digest('hex')} ${json}`;
    const memo = checkMemo(parseCache(formatCache({ compiler: BUILD, entries: new Map(), checked: new Map([[key, forged]]) }), BUILD));
    const r = compile(files, { memo }) as CompileResult;
    expect(r.files.find((f) => f.path === 'a.k8s.yaml')?.content).toContain('image: repo/a:from-memo');
    // A record whose hash does not match its JSON is damaged: the file is checked again.
    const damaged = checkMemo(
      parseCache(formatCache({ compiler: BUILD, entries: new Map(), checked: new Map([[key, `${'0'.repeat(64)} ${json}`]]) }), BUILD),
    );
    expect((compile(files, { memo: damaged }) as CompileResult).files.find((f) => f.path === 'a.k8s.yaml')?.content).toContain(
      'image: repo/a:1.0',
    );
  });

  test('WHEN the name, the text or the platform file differ THEN the key differs', () => {
    const base = platformKey({ name: 'components/platform.yaml', text: 'namespace: onap\n' });
    const key = checkKey(base, { name: 'components/a.yaml', text: spec('a') });
    expect(checkKey(base, { name: 'components/b.yaml', text: spec('a') })).not.toBe(key);
    expect(checkKey(base, { name: 'components/a.yaml', text: `${spec('a')}# a comment\n` })).not.toBe(key);
    expect(
      checkKey(platformKey({ name: 'components/platform.yaml', text: 'namespace: other\n' }), {
        name: 'components/a.yaml',
        text: spec('a'),
      }),
    ).not.toBe(key);
    expect(
      checkKey(platformKey({ name: 'components/platform.yml', text: 'namespace: onap\n' }), { name: 'components/a.yaml', text: spec('a') }),
    ).not.toBe(key);
    expect(checkKey(platformKey(undefined), { name: 'components/a.yaml', text: spec('a') })).not.toBe(key);
  });

  test('WHEN a file has an error THEN it is not kept, and a later run reports it again', () => {
    const memo = counted(checkMemo(parseCache(undefined, BUILD)));
    const files = input({ 'a.yaml': spec('a'), 'b.yaml': spec('b', 'replicas: -1\n') });
    const r = compile(files, { memo }) as CompileResult;
    expect(r.diagnostics.map((d) => d.file)).toEqual(['components/b.yaml']);
    expect(memo.kept).toEqual(['components/a.yaml']);
  });

  test('WHEN a recalled file had warnings THEN the run gives them again', () => {
    const files = input({ 'a.yaml': 'name: a\nimage: repo/a:latest\nalways_pull: true\n' });
    const { plain, recalled, second } = throughMemo(files);
    expect(plain.diagnostics).toEqual([]);
    expect(plain.warnings.map((w) => `${w.file}:${w.line}:${w.column}: ${w.path}`)).toEqual(['components/a.yaml:2:8: image']);
    expect(second.answered).toBe(1);
    expect(recalled).toEqual(plain);
  });

  test('WHEN recalled files share a name, an object or a NodePort THEN the checks across files say so as without the memo', () => {
    const files = input({
      'a.yaml': spec('same', 'ports: ["8080:30001"]\n'),
      'b.yaml': spec('same'),
      'c.yaml': spec('c', 'ports: ["8080:30001"]\n'),
    });
    const { plain, recalled, second } = throughMemo(files);
    expect(plain.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.path}`)).toEqual([
      'components/b.yaml:1:7: name',
      'components/c.yaml:3:9: ports[0]',
    ]);
    expect(second.answered).toBe(3);
    expect(recalled).toEqual(plain);
  });

  test('WHEN a recalled component uses a location a Helm run reserves THEN the error is the same, at k8s_location', () => {
    const files = input({ 'a.yaml': spec('a', 'k8s_location: helm\n') });
    const options: Pick<CompileOptions, 'helm'> = { helm: { name: 'fleet', version: '1.0.0' } };
    const { plain, recalled, second } = throughMemo(files, options);
    expect(plain.diagnostics.map((d) => `${d.line}:${d.column}: ${d.path}`)).toEqual(['3:15: k8s_location']);
    expect(second.answered).toBe(1);
    expect(recalled).toEqual(plain);
  });

  test('WHEN a component holds .nan or -0 THEN it is not kept (JSON would give back null or 0): its file is checked each time', () => {
    const platform = 'application_config:\n  source: configmap\n';
    const files = input(
      {
        'a.yaml': spec('a', 'application_config:\n  x: .nan\n'),
        'b.yaml': spec('b', 'application_config:\n  x: -0\n'),
        'c.yaml': spec('c', 'application_config:\n  x: 0\n'),
      },
      platform,
    );
    const kept = checkMemo(parseCache(undefined, BUILD));
    expect((compile(files, { memo: kept }) as CompileResult).diagnostics).toEqual([]);
    expect([...kept.kept().values()].map((r) => (JSON.parse(r.slice(65)) as { spec: { name: string } }).spec.name)).toEqual(['c']);
  });

  test.each([
    ['an escaped key', '"dcae\\x5fspec": x.json\n'],
    ['an alias of an escaped value', 'labels: {tier: &k "dcae\\u005fspec"}\n*k : x.json\n'],
  ])(
    'WHEN a YAML spec spells dcae_spec with %s THEN it is never kept (it reads its DCAE spec), so a change of that DCAE spec shows',
    (_, yaml) => {
      const withImage = (image: string) =>
        input({
          'a.yaml': yaml,
          'x.json': json(dcae({}, { name: 'x', version: '1.0.0' }, { artifacts: [{ type: 'docker image', uri: image }] })),
        });
      const memo = checkMemo(parseCache(undefined, BUILD));
      const first = compile(withImage('repo/one:1.0'), { memo }) as CompileResult;
      expect(first.diagnostics).toEqual([]);
      // The DCAE spec is compiled through the YAML spec only (not also on its own), and nothing is kept.
      expect(first.components).toBe(1);
      expect(memo.kept().size).toBe(0);
      const second = compile(withImage('repo/two:2.0'), { memo }) as CompileResult;
      expect(second.files.find((f) => f.path.endsWith('.k8s.yaml'))?.content).toContain('image: repo/two:2.0');
    },
  );

  test.each([
    ['has an error', 'namespace: [not, a, name]\n'],
    ['is not UTF-8', undefined],
  ])('WHEN the platform file %s THEN the memo is neither asked nor given anything', (_, platform) => {
    const files: CompileInput = {
      components: [{ name: 'components/a.yaml', text: spec('a') }],
      platform: {
        name: 'components/platform.yaml',
        ...(platform === undefined ? { bytes: Uint8Array.from([0xff, 0xfe, 0x41]) } : { text: platform }),
      },
    };
    const memo = counted(checkMemo(parseCache(undefined, BUILD)));
    expect((compile(files, { memo }) as CompileResult).diagnostics.length).toBeGreaterThan(0);
    expect(memo.asked).toEqual([]);
    expect(memo.kept).toEqual([]);
  });

  test('WHEN the files are bytes, as the command reads them THEN the run through the memo is the same, every file recalled', () => {
    const files: CompileInput = {
      components: ['a', 'b', 'c'].map((n) => ({ name: `components/${n}.yaml`, bytes: Buffer.from(spec(n, 'replicas: 2\n')) })),
    };
    const { plain, recalled, second } = throughMemo(files);
    expect(plain.components).toBe(3);
    expect(second.answered).toBe(3);
    expect(recalled).toEqual(plain);
  });
});
