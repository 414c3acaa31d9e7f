/** parseOptions in this process: what only child-process tests reached before (--version). */
import * as fs from 'fs';
import * as path from 'path';
import { HELP_HINT, OPTIONS_FILE, USAGE_LINE } from '../../src/cli/usage';
import { EXIT, parseOptions, userFolder, version } from '../../src/cli/options';
import { Console } from '../../src/cli/report';
import { folderWith, ROOT } from '../helpers';

/** A console that keeps what is printed. */
function recorder(): { io: Console; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s) => out.push(s), err: (s) => err.push(s) }, out, err };
}

describe('GIVEN --version', () => {
  test("WHEN the options are parsed (with no invocation given) THEN the version of the project's package.json is printed and the exit code is 0", () => {
    const { io, out, err } = recorder();
    const expected = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(parseOptions(['--version'], io)).toBe(EXIT.ok);
    expect(out).toEqual([expected]);
    expect(err).toEqual([]);
  });

  test('WHEN version() is asked THEN it is the nearest package.json above the module, a SemVer version', () => {
    expect(version()).toMatch(/^\d+\.\d+\.\d+/);
    expect(version()).toBe((JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });
});

describe('GIVEN no invocation', () => {
  test("WHEN the user's folder is asked THEN it is worked out from this process's own folder and environment", () => {
    expect(userFolder()).toBe(userFolder({ cwd: process.cwd(), env: process.env }));
  });
});

/** The usage lines every wrong option ends with. */
const TAIL = `\n${USAGE_LINE}\n${HELP_HINT}`;

/** parseOptions in a fresh folder holding `files` (relative path → text); what it gave and printed. */
function parseIn(argv: string[], files: Record<string, string> = {}, dir = folderWith(files)) {
  const { io, out, err } = recorder();
  const result = parseOptions(argv, io, { cwd: dir, env: {} });
  return { result, out, err, dir };
}

describe('GIVEN a wrong chart option', () => {
  test.each([['Dcae'], ['dcae_x'], ['1dcae'], ['dcae-'], ['dc/ae'], ['']])(
    'GIVEN --helm-chart %p WHEN parsed THEN exit 2, the name refused with what a chart name is, then the usage',
    (name) => {
      const r = parseIn(['--helm-chart', name, '--chart-version', '1.0.0']);
      expect(r.result).toBe(EXIT.usage);
      expect(r.err).toEqual([
        `error: --helm-chart ${JSON.stringify(name)} is not a chart name; expected lower-case letters, digits and "-", starting with a letter${TAIL}`,
      ]);
    },
  );

  test.each([['1.0'], ['v1.0.0'], ['01.0.0'], ['1.0.0-'], ['1.0.0+'], ['latest'], ['1.0.0-01'], ['']])(
    'GIVEN --chart-version %p WHEN parsed THEN exit 2 naming the version, then the usage',
    (v) => {
      const r = parseIn(['--helm-chart', 'dcae', '--chart-version', v]);
      expect(r.result).toBe(EXIT.usage);
      expect(r.err).toEqual([
        `error: --chart-version ${JSON.stringify(v)} is not a SemVer 2 version; expected a version such as 1.2.3${TAIL}`,
      ]);
    },
  );

  test('GIVEN --helm-chart without a version WHEN parsed THEN exit 2: it needs one, from the flag or the options file', () => {
    expect(parseIn(['--helm-chart', 'dcae']).err).toEqual([
      `error: --helm-chart needs a chart version: --chart-version SEMVER, or chart-version in dcae-synth.yaml${TAIL}`,
    ]);
  });

  test('GIVEN --chart-version without a chart WHEN parsed THEN exit 2: it is only used with a chart name', () => {
    expect(parseIn(['--chart-version', '1.0.0']).err).toEqual([
      `error: --chart-version is only used with a chart name: --helm-chart NAME, or helm-chart in dcae-synth.yaml${TAIL}`,
    ]);
  });

  test('GIVEN --helm-chart with no value WHEN parsed THEN exit 2 with the parser message and the usage', () => {
    const r = parseIn(['--helm-chart']);
    expect(r.result).toBe(EXIT.usage);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^error: Option '--helm-chart <value>' argument missing/);
    expect(r.err[0].endsWith(TAIL)).toBe(true);
  });
});

describe('GIVEN a mistyped option', () => {
  test.each([
    [['--helmchart', 'dcae'], 'unknown option --helmchart (did you mean --helm-chart?)'],
    [['--chart-verison=1.0.0'], 'unknown option --chart-verison (did you mean --chart-version?)'],
    [['--outt', 'x'], 'unknown option --outt (did you mean --out?)'],
    [['--components', 'c', '--chek'], 'unknown option --chek (did you mean --check?)'],
    [['--colour'], 'unknown option --colour'],
    [['-q'], 'unknown option -q'],
  ])('GIVEN %j WHEN parsed THEN exit 2: %s, then the usage', (argv, message) => {
    const r = parseIn(argv);
    expect(r.result).toBe(EXIT.usage);
    expect(r.err).toEqual([`error: ${message}${TAIL}`]);
  });

  test('GIVEN a value that looks like an option (--out --helmchart) WHEN parsed THEN the value is not taken for an option', () => {
    const r = parseIn(['--out=--helmchart', '--quiet']);
    expect(r.err).toEqual([]);
    expect(r.result).toMatchObject({ outDir: '--helmchart', quiet: true });
  });

  test('GIVEN words after -- WHEN parsed THEN they are not checked as options (the parser refuses positionals itself)', () => {
    const r = parseIn(['--', '--helmchart']);
    expect(r.result).toBe(EXIT.usage);
    expect(r.err[0]).toMatch(/^error: Unexpected argument '--helmchart'/);
  });
});

describe('GIVEN an options file, dcae-synth.yaml, in the folder the command runs in', () => {
  const FILE = [
    'components: specs',
    'out: manifests',
    'helm-chart: dcae',
    'chart-version: 1.2.0',
    'quiet: true',
    'jobs: 1',
    'allow-empty: true',
    '',
  ].join('\n');

  test('WHEN parsed with no flag THEN every setting comes from the file', () => {
    const r = parseIn([], { [OPTIONS_FILE]: FILE });
    expect(r.err).toEqual([]);
    expect(r.result).toEqual({
      componentsDir: 'specs',
      outDir: 'manifests',
      base: r.dir,
      check: false,
      quiet: true,
      allowEmpty: true,
      jobs: 1,
      helm: { name: 'dcae', version: '1.2.0' },
    });
  });

  test('WHEN flags are given too THEN each flag wins over its key, and the other keys stay', () => {
    const r = parseIn(['--out', 'elsewhere', '--chart-version', '2.0.0', '--jobs', '2', '--check'], { [OPTIONS_FILE]: FILE });
    expect(r.result).toMatchObject({
      componentsDir: 'specs',
      outDir: 'elsewhere',
      jobs: 2,
      check: true,
      helm: { name: 'dcae', version: '2.0.0' },
    });
  });

  test('WHEN the file names only the chart THEN the message names the key and the file', () => {
    const r = parseIn([], { [OPTIONS_FILE]: 'helm-chart: dcae\n' });
    expect(r.err).toEqual([
      `error: helm-chart in dcae-synth.yaml needs a chart version: --chart-version SEMVER, or chart-version in dcae-synth.yaml${TAIL}`,
    ]);
  });

  test('WHEN --config names a file in another folder THEN its relative folders are taken from that folder, shown from where the command runs', () => {
    const r = parseIn(['--config', 'repo/settings.yaml'], { 'repo/settings.yaml': 'components: specs\nout: ../dist-out\n' });
    expect(r.err).toEqual([]);
    expect(r.result).toMatchObject({ componentsDir: 'repo/specs', outDir: 'dist-out' });
  });

  test('WHEN --config names no file THEN exit 2 naming it', () => {
    expect(parseIn(['--config', 'nope.yaml']).err).toEqual([`error: --config nope.yaml: no such file; expected an options file${TAIL}`]);
    expect(parseIn(['--config', 'sub'], { 'sub/x': '' }).err).toEqual([
      `error: --config sub: is not a file; expected an options file${TAIL}`,
    ]);
  });

  test('WHEN there is no options file THEN the defaults apply', () => {
    const r = parseIn([]);
    expect(r.result).toMatchObject({ componentsDir: 'components', outDir: 'dist', quiet: false, allowEmpty: false, helm: undefined });
  });

  test('WHEN the file has several mistakes THEN every one is reported at its line and column, sorted, then the count and the usage; exit 2', () => {
    const text = [
      'componnets: specs',
      'out: ""',
      'quiet: "yes"',
      'jobs: 0',
      'helm-chart: Dcae',
      'chart-version: 1',
      'allow-empty: 1',
      'helmchart: x',
      'components: 7',
      '',
    ].join('\n');
    const r = parseIn([], { [OPTIONS_FILE]: text });
    expect(r.result).toBe(EXIT.usage);
    expect(r.err).toEqual([
      'dcae-synth.yaml:1:1: componnets: unknown key (did you mean "components"?); expected one of: components, out, allow-empty, helm-chart, chart-version, quiet, cache, jobs',
      'dcae-synth.yaml:2:6: out: "" is empty; expected an output folder',
      'dcae-synth.yaml:3:8: quiet: "yes" is not a boolean; expected true or false (unquoted)',
      'dcae-synth.yaml:4:7: jobs: 0 is not a whole number of threads from 1 to 64',
      'dcae-synth.yaml:5:13: helm-chart: "Dcae" is not a chart name; expected lower-case letters, digits and "-", starting with a letter',
      'dcae-synth.yaml:6:16: chart-version: 1 is not a string; expected a SemVer 2 version',
      'dcae-synth.yaml:7:14: allow-empty: 1 is not a boolean; expected true or false (unquoted)',
      'dcae-synth.yaml:8:1: helmchart: unknown key (did you mean "helm-chart"?); expected one of: components, out, allow-empty, helm-chart, chart-version, quiet, cache, jobs',
      'dcae-synth.yaml:9:13: components: 7 is not a string; expected a folder of component specs',
      `error: 9 errors in the options file dcae-synth.yaml; nothing was written${TAIL}`,
    ]);
  });

  test('WHEN the file is not YAML (or not a mapping) THEN the parse error has its position', () => {
    expect(parseIn([], { [OPTIONS_FILE]: 'out: [dist\n' }).err[0]).toMatch(/^dcae-synth\.yaml:\d+:\d+: /);
    expect(parseIn([], { [OPTIONS_FILE]: '- out\n' }).err[0]).toMatch(/^dcae-synth\.yaml:1:1: .*mapping/);
  });
});

describe('GIVEN a components folder and an output folder that overlap', () => {
  test.each([
    [
      ['--components', 'x', '--out', 'x'],
      'the components folder and the output folder are the same (x); expected an output folder apart from the specs, such as --out dist',
    ],
    [
      ['--components', 'x/', '--out', './x'],
      'the components folder and the output folder are the same (x/); expected an output folder apart from the specs, such as --out dist',
    ],
    [
      ['--components', 'dist/specs'],
      'the components folder dist/specs is inside the output folder dist, which the compiler owns; expected two separate folders',
    ],
    [
      ['--out', 'components/out'],
      'the output folder components/out is inside the components folder components; expected two separate folders (a folder of specs holds only specs)',
    ],
    [
      ['--components', '.'],
      'the output folder dist is inside the components folder .; expected two separate folders (a folder of specs holds only specs)',
    ],
  ])('GIVEN %j WHEN parsed THEN exit 2: %s', (argv, message) => {
    const r = parseIn(argv);
    expect(r.result).toBe(EXIT.usage);
    expect(r.err).toEqual([`error: ${message}${TAIL}`]);
  });

  test('GIVEN an output folder that is a link to the components folder WHEN parsed THEN they are the same folder', () => {
    const dir = folderWith({ 'components/a.yaml': 'name: a\n' });
    fs.symlinkSync(path.join(dir, 'components'), path.join(dir, 'dist'));
    const r = parseIn([], {}, dir);
    expect(r.err[0]).toMatch(/^error: the components folder and the output folder are the same \(components\)/);
  });

  test('GIVEN sibling folders whose names share a start (dist, dist-specs) WHEN parsed THEN they are apart', () => {
    expect(parseIn(['--components', 'dist-specs']).err).toEqual([]);
  });
});
