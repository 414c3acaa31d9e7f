/**
 * The package as another project uses it: `npm pack`, a new TypeScript cdk8s app that installs the
 * tarball and builds charts from the constructs (imported by the package name), type-checked and
 * synthesised, and its YAML compared with what the compiler writes for the same components.
 *
 * Offline and quick: the app's peers and the package's dependencies are `file:` links to this project's
 * installed copies, so npm reads no registry and downloads nothing (about 3 s to install, 10 s in all).
 * Uses the build (`npm test` builds first).
 */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { INIT_EXAMPLES } from '../src/cli/init';
import { compile } from '../src/compile';
import { MANIFEST_EXTENSION } from '../src/output/output-file';
import { dcae, json } from './helpers';

const ROOT = path.resolve(__dirname, '..');
const NAME = 'dcae-gitops-compiler';
/** Every package the app needs beside the tarball: the peers and the package's own dependencies. */
const LINKED = ['cdk8s', 'cdk8s-plus-27', 'constructs', 'ajv', 'diff', 'kubernetes-models', '@kubernetes-models/cert-manager', 'yaml'];

/** The example app, as docs/guide/constructs.md shows it: one chart by hand from the constructs, one ComponentChart. */
const APP = `import { App, Chart } from 'cdk8s';
import {
  CertPostProcessor, CertServiceClient, ComponentChart, ComponentPod, ComponentService, FilebeatSidecar, TlsInitContainer,
} from '${NAME}';

const app = new App();

// ves: the constructs one by one, each given the construct whose pod or volume it uses.
const chart = new Chart(app, 'ves', { namespace: 'onap', disableResourceNameHashes: true });
const ports = [{ containerPort: 8443, hostPort: 30417 }];
const pod = new ComponentPod(chart, 'Pod', {
  main: { name: 'ves', image: 'nexus3.onap.org:10001/onap/ves:1.12', ports },
});
new FilebeatSidecar(chart, 'Filebeat', { pod, logDirectory: '/opt/app/VESCollector/logs' });
const tls = new TlsInitContainer(chart, 'TlsInit', { pod, useTls: true, certDirectory: '/opt/app/dcae-certificate' });
const client = new CertServiceClient(chart, 'CertServiceClient', {
  tls, externalCertDirectory: '/opt/app/dcae-certificate/', caName: 'RA', commonName: 'ves', certType: 'JKS',
});
new CertPostProcessor(chart, 'CertPostProcessor', { source: client });
new ComponentService(chart, 'Service', { componentName: pod.componentName, labels: pod.labels, ports });

// pmsh: the whole component in one ComponentChart.
new ComponentChart(app, 'pmsh', {
  main: { name: 'pmsh', image: 'nexus3.onap.org:10001/onap/pmsh:2.2', env: [['LOG_LEVEL', 'info']] },
  replicas: 2,
  filebeat: { logDirectory: '/var/log/ONAP/pmsh' },
  tlsInit: { certDirectory: '/opt/app/pmsh/etc/certs' },
});

app.synth();
`;

/** The same components as YAML specs, for the compiler. */
const SPECS: Record<string, string> = {
  ves: `name: ves
image: nexus3.onap.org:10001/onap/ves:1.12
namespace: onap
ports: ["8443:30417"]
log_info: {log_directory: /opt/app/VESCollector/logs}
tls_info: {use_tls: true, cert_directory: /opt/app/dcae-certificate}
external_cert:
  use_external_tls: true
  external_cert_directory: /opt/app/dcae-certificate/
  ca_name: RA
  cert_type: JKS
  external_certificate_parameters: {common_name: ves}
`,
  pmsh: `name: pmsh
image: nexus3.onap.org:10001/onap/pmsh:2.2
replicas: 2
env: {LOG_LEVEL: info}
log_info: {log_directory: /var/log/ONAP/pmsh}
tls_info: {cert_directory: /opt/app/pmsh/etc/certs}
`,
};

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022'],
    module: 'node16',
    moduleResolution: 'node16',
    strict: true,
    skipLibCheck: true,
    types: [],
    outDir: 'build',
    rootDir: '.',
  },
  files: ['main.ts', 'wrong.ts'],
};

/** A mistake the package's types must catch: a CertPostProcessor without the source it processes. */
const WRONG = `import { App, Chart } from 'cdk8s';
import { CertPostProcessor } from '${NAME}';
new CertPostProcessor(new Chart(new App(), 'c'), 'Post', { image: 'x' });
`;

let tmp: string;
let app: string;
let packed: { filename: string; files: Array<{ path: string }> };
let install: SpawnSyncReturns<string>;
let typeCheck: SpawnSyncReturns<string>;

/** Runs a command; the result, with its output. */
function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });
}

function ok(r: SpawnSyncReturns<string>): string {
  if (r.status !== 0) throw new Error(`exit ${r.status}${r.error ? ` (${r.error.message})` : ''}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  for (const built of ['build/src/index.js', 'build/src/index.d.ts', 'build/bundle/cli.js']) {
    if (!fs.existsSync(path.join(ROOT, built))) throw new Error(`${built} is missing: run npm run build first (npm test does)`);
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dcae-package-'));
  const pack = path.join(tmp, 'pack');
  app = path.join(tmp, 'app');
  fs.mkdirSync(pack);
  fs.mkdirSync(app);

  // --ignore-scripts: the build is there already; `prepare` would build again.
  [packed] = JSON.parse(ok(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', pack], ROOT)));

  const deps: Record<string, string> = { [NAME]: `file:${path.join(pack, packed.filename)}` };
  for (const name of LINKED) deps[name] = `file:${fs.realpathSync(path.join(ROOT, 'node_modules', name))}`;
  fs.writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify({ name: 'my-cdk8s-app', version: '0.0.0', private: true, dependencies: deps }, null, 2),
  );
  fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  fs.writeFileSync(path.join(app, 'main.ts'), APP);
  fs.writeFileSync(path.join(app, 'wrong.ts'), WRONG);
  // --legacy-peer-deps: the app lists the peers itself (as a cdk8s app does); npm 11's peer placement
  // crashes on peers that are links ("Cannot read properties of null (reading 'matches')").
  install = run('npm', ['install', '--offline', '--ignore-scripts', '--no-package-lock', '--legacy-peer-deps'], app);
  // One tsc run (it takes seconds) type-checks both files, with this project's TypeScript, and emits main.js.
  typeCheck = run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', app], app);
}, 60_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the npm package', () => {
  test('GIVEN npm pack WHEN its files are listed THEN it has the built library with types, the component and platform JSON Schemas and the CLI bundle, and no tests or TypeScript sources', () => {
    const files = packed.files.map((f) => f.path).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'build/src/index.js',
        'build/src/index.d.ts',
        'build/src/constructs/component-chart.js',
        'build/src/constructs/component-chart.d.ts',
        'build/src/input/generated/validators.js',
        'build/src/input/schemas/component.schema.json',
        'build/bundle/cli.js',
        'build/bundle/compiler.js',
        'build/bundle/compiler.js.map',
        'build/bundle/dcae-validators.js',
        'src/input/schemas/component.schema.json',
        'src/input/schemas/platform.schema.json',
        'build/src/input/dcae/format.js',
        'build/src/input/dcae/generated/dcae-validators.js',
        // What `dcae-synth init` copies into a new repository.
        ...INIT_EXAMPLES.map((f) => `components/${f}`),
      ]),
    );
    const unexpected = files.filter(
      (f) =>
        !(
          f === 'package.json' ||
          f === 'README.md' ||
          /^build\/src\/.+\.(js|js\.map|d\.ts|json)$/.test(f) ||
          /^build\/bundle\/(cli|compiler|usage|dcae-validators)\.js$/.test(f) ||
          f === 'build/bundle/compiler.js.map' ||
          /^src\/input\/schemas\/[^/]+\.json$/.test(f) ||
          INIT_EXAMPLES.map((e) => `components/${e}`).includes(f)
        ),
    );
    expect(unexpected).toEqual([]);
    expect(files.filter((f) => /(^|\/)test\/|precompile|\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    // Nothing left over from an earlier build: every module has its source (or is a generated validator).
    const stale = files.filter(
      (f) =>
        /^build\/src\/.+\.js$/.test(f) &&
        !/\/generated\/(dcae-)?validators\.js$/.test(f) &&
        !fs.existsSync(path.join(ROOT, f.replace(/^build\//, '').replace(/\.js$/, '.ts'))),
    );
    expect(stale).toEqual([]);
  });

  test('GIVEN the package.json in the tarball WHEN read THEN cdk8s, constructs and cdk8s-plus-27 are peers, and exports point at the built index', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(app, 'node_modules', NAME, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(['cdk8s', 'cdk8s-plus-27', 'constructs']);
    expect(Object.keys(manifest.dependencies)).not.toEqual(expect.arrayContaining(['cdk8s']));
    expect(manifest.exports['.']).toEqual({ types: './build/src/index.d.ts', default: './build/src/index.js' });
  });

  test('GIVEN a new TypeScript cdk8s app WHEN it installs the tarball offline and is type-checked against the package THEN main.ts compiles', () => {
    ok(install);
    expect(fs.lstatSync(path.join(app, 'node_modules', NAME)).isDirectory()).toBe(true);
    expect(fs.lstatSync(path.join(app, 'node_modules', 'cdk8s')).isSymbolicLink()).toBe(true);
    expect(typeCheck.error).toBeUndefined();
    // The only errors are wrong.ts's (the next test): none in main.ts, none in the package's declarations.
    const filesWithErrors = typeCheck.stdout
      .split('\n')
      .map((l) => /^(\S+?)\(\d+,\d+\): error/.exec(l)?.[1])
      .filter((f) => f !== undefined);
    expect([...new Set(filesWithErrors)]).toEqual(['wrong.ts']);
    expect(fs.existsSync(path.join(app, 'build', 'main.js'))).toBe(true);
  });

  test('GIVEN an app file that gives CertPostProcessor no source WHEN type-checked against the package THEN tsc refuses it', () => {
    expect(typeCheck.status).not.toBe(0);
    expect(typeCheck.stdout).toMatch(/^wrong\.ts\(3,\d+\): error TS2345: [^\n]*\n\s+Property 'source' is missing in type/m);
    expect(typeCheck.stderr).toBe('');
  });

  test("GIVEN the app synthesised WHEN its YAML is compared with the compiler's for the same specs THEN they are the same bytes", () => {
    ok(run(process.execPath, [path.join(app, 'build', 'main.js')], app));
    const out = path.join(app, 'dist');
    expect(fs.readdirSync(out).sort()).toEqual(['pmsh.k8s.yaml', 'ves.k8s.yaml']);
    const result = compile({ components: Object.entries(SPECS).map(([name, text]) => ({ name: `components/${name}.yaml`, text })) });
    expect([...result.diagnostics, ...result.invalid]).toEqual([]);
    const manifests = result.files.filter((f) => f.path.endsWith(MANIFEST_EXTENSION));
    expect(manifests.map((f) => f.path).sort()).toEqual(['pmsh.k8s.yaml', 'ves.k8s.yaml']);
    for (const manifest of manifests) {
      expect({ file: manifest.path, yaml: fs.readFileSync(path.join(out, manifest.path), 'utf8') }).toEqual({
        file: manifest.path,
        yaml: manifest.content,
      });
    }
    expect(fs.readFileSync(path.join(out, 'ves.k8s.yaml'), 'utf8')).toContain('name: cert-post-processor');
  });
});

/** The build's identity as scripts/build.mjs makes it: the SHA-256 of the compiler bundle and of its DCAE validators. */
function buildHash(): string {
  const file = (f: string) => fs.readFileSync(path.join(ROOT, 'build', 'bundle', f));
  return createHash('sha256').update(file('compiler.js')).update(file('dcae-validators.js')).digest('hex');
}

describe('the CLI bundle', () => {
  const bundle = fs.readFileSync(path.join(ROOT, 'build', 'bundle', 'compiler.js'), 'utf8');

  test('GIVEN the built command WHEN read THEN it is the start-up file made from src/cli/launch.ts, holding the hash of the compiler bundle, whose map leads to the TypeScript sources', () => {
    const cli = fs.readFileSync(path.join(ROOT, 'build', 'bundle', 'cli.js'), 'utf8');
    expect(cli.split('\n').slice(0, 2)).toEqual(['#!/usr/bin/env node', '// Made by scripts/build.mjs from src/cli/launch.ts.']);
    const build = buildHash();
    expect(cli).toContain(`"${build}"`);
    expect(cli).not.toContain('cdk8s');
    expect(bundle.trimEnd().split('\n').pop()).toBe('//# sourceMappingURL=compiler.js.map');
    // The command reads the bundle as latin1: it must hold nothing but ASCII.
    expect([...bundle].filter((c) => c.charCodeAt(0) > 0x7f)).toEqual([]);
    const map = JSON.parse(fs.readFileSync(path.join(ROOT, 'build', 'bundle', 'compiler.js.map'), 'utf8')) as { sources: string[] };
    expect(map.sources).toEqual(
      expect.arrayContaining(['../../src/cli/run.ts', '../../src/constructs/certificate-source.ts', '../../src/input/dcae/format.ts']),
    );
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      bin: Record<string, string>;
    };
    expect(pkg.scripts.synth).toBe('node build/bundle/cli.js');
    expect(pkg.bin['dcae-synth']).toBe('build/bundle/cli.js');
  });

  describe("GIVEN cdk8s-plus-27's Kubernetes types trimmed to those the compiler uses (scripts/k8s-imports-used.mjs)", () => {
    test('WHEN the bundle is read THEN it has the types the compiler builds, and not the others', () => {
      for (const used of ['KubeDeployment', 'KubeService', 'KubeConfigMap', 'KubeServiceAccount', 'KubeRoleBinding', 'toJson_PodSpec'])
        expect([used, bundle.includes(used)]).toEqual([used, true]);
      for (const unused of ['KubeMutatingWebhookConfiguration', 'KubeCronJob', 'toJson_KubeIngressProps'])
        expect([unused, bundle.includes(unused)]).toEqual([unused, false]);
    });

    test.each(['all-modes', 'all-new-modes', 'service-account', 'service-account-role'])(
      'WHEN the command compiles golden case %s (Deployments, Services, ConfigMaps, ServiceAccounts, RoleBindings) THEN it writes the expected manifest, byte for byte',
      (name) => {
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dcae-bundle-golden-'));
        try {
          const cases = path.join(ROOT, 'test', 'golden', 'cases', name);
          fs.mkdirSync(path.join(tmp, 'components'));
          for (const f of ['component.yaml', 'platform.yaml'])
            if (fs.existsSync(path.join(cases, f))) fs.copyFileSync(path.join(cases, f), path.join(tmp, 'components', f));
          const r = spawnSync(
            process.execPath,
            [path.join(ROOT, 'build', 'bundle', 'cli.js'), '--components', 'components', '--out', 'out', '--cache', 'off', '--quiet'],
            {
              cwd: tmp,
              encoding: 'utf8',
            },
          );
          expect(r.stderr).toBe('');
          expect(r.status).toBe(0);
          const manifests: string[] = [];
          const walk = (dir: string) => {
            for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
              if (e.isDirectory()) walk(path.join(dir, e.name));
              else if (e.name.endsWith(MANIFEST_EXTENSION)) manifests.push(path.join(dir, e.name));
            }
          };
          walk(path.join(tmp, 'out'));
          expect(manifests).toHaveLength(1);
          expect(fs.readFileSync(manifests[0], 'utf8')).toBe(fs.readFileSync(path.join(cases, 'expected.k8s.yaml'), 'utf8'));
        } finally {
          fs.rmSync(tmp, { recursive: true, force: true });
        }
      },
    );

    test('WHEN a compiled file takes the module under another name than k8s THEN the build refuses (a type it reads could be left out)', () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dcae-k8s-used-'));
      try {
        fs.writeFileSync(path.join(tmp, 'a.js'), 'const kube = __importStar(require("cdk8s-plus-27/lib/imports/k8s"));\nkube.KubeJob;\n');
        const script = pathToFileURL(path.join(ROOT, 'scripts', 'k8s-imports-used.mjs')).href;
        const r = spawnSync(
          process.execPath,
          ['--input-type=module', '-e', `import { usedNames } from ${JSON.stringify(script)}; usedNames(${JSON.stringify(tmp)});`],
          {
            encoding: 'utf8',
          },
        );
        expect(r.status).not.toBe(0);
        expect(r.stderr).toContain('a.js takes cdk8s-plus-27/lib/imports/k8s as kube');
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  });

  describe("GIVEN @kubernetes-models/validate's formats of ajv-formats-draft2019 and is-cidr, given to it by stand-ins that load them at first use (scripts/kubernetes-formats-lazy.cjs)", () => {
    const LAZY = path.join(ROOT, 'scripts', 'kubernetes-formats-lazy.cjs');
    /** Runs a script with Node (an ES module with --input-type=module); its stdout, parsed as JSON. */
    const nodeJson = (script: string, ...flags: string[]): unknown => {
      const r = spawnSync(process.execPath, [...flags, '-e', script], { cwd: ROOT, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return JSON.parse(r.stdout) as unknown;
    };

    test('WHEN each format is asked THEN it answers as the real one, for valid and invalid values', () => {
      const values = {
        iri: ['http://example.com/a', 'mailto:ops@example.com', 'urn:isbn:0451450523', 'not an iri', '', 'http://exa mple.com'],
        'iri-reference': ['/a/b?c#d', 'http://example.com', '#frag', '[::1'],
        'idn-email': ['ops@example.com', 'müller@bücher.de', 'no-at-sign', 'a@@b'],
        'idn-hostname': ['example.com', 'bücher.de', 'ex ample.com', 'a'.repeat(300)],
        duration: ['P1D', 'PT1H30M', 'P', '1D'],
      };
      const cidrs = ['10.0.0.0/8', '192.168.1.0/33', '2001:db8::/32', '::1/129', '10.0.0.0', 'text'];
      const script = `
        const lazy = require(${JSON.stringify(LAZY)});
        const real = require('ajv-formats-draft2019/formats/index.js');
        const isCidr = require('is-cidr');
        const values = ${JSON.stringify(values)};
        const answer = (f, v) => (f instanceof RegExp ? f.test(v) : f(v));
        const out = { draft2019: {}, cidr: {} };
        for (const [name, vs] of Object.entries(values))
          out.draft2019[name] = vs.map((v) => [answer(lazy.draft2019[name], v), answer(real[name], v)]);
        for (const v of ${JSON.stringify(cidrs)})
          out.cidr[v] = [[lazy.isCidr(v), isCidr(v)], [lazy.isCidr.v4(v), isCidr.v4(v)], [lazy.isCidr.v6(v), isCidr.v6(v)]];
        console.log(JSON.stringify(out));`;
      const out = nodeJson(script) as {
        draft2019: Record<string, Array<[boolean, boolean]>>;
        cidr: Record<string, Array<[unknown, unknown]>>;
      };
      expect(Object.keys(out.draft2019)).toEqual(Object.keys(values));
      for (const [name, pairs] of Object.entries(out.draft2019))
        for (const [stand, real] of pairs) expect([name, stand]).toEqual([name, real]);
      for (const [v, pairs] of Object.entries(out.cidr)) for (const [stand, real] of pairs) expect([v, stand]).toEqual([v, real]);
      // The values cover both answers of every format (a format that always says the same would pass otherwise).
      for (const [name, pairs] of Object.entries(out.draft2019))
        expect([name, new Set(pairs.map(([, real]) => real)).size]).toEqual([name, 2]);
      expect(new Set(Object.values(out.cidr).map(([[, real]]) => real))).toEqual(new Set([0, 4, 6]));
    });

    test('WHEN the stand-ins are loaded THEN the real modules are not, until a format is first asked', () => {
      const script = `
        const loaded = () => Object.keys(require.cache).filter((f) => /[\\/]node_modules[\\/](ajv-formats-draft2019|is-cidr|cidr-regex|uri-js|smtp-address-parser|schemes)[\\/]/.test(f) && !/duration\\.js$/.test(f)).length;
        const lazy = require(${JSON.stringify(LAZY)});
        const before = loaded();
        lazy.draft2019.iri('http://example.com');
        lazy.isCidr('10.0.0.0/8');
        console.log(JSON.stringify([before, loaded() > 0]));`;
      expect(nodeJson(script)).toEqual([0, true]);
    });

    test('WHEN a stand-in no longer matches the real module (a name missing or added, another kind, not its own value) THEN the build check says what differs', () => {
      const check = pathToFileURL(path.join(ROOT, 'scripts', 'lazy-formats-check.mjs')).href;
      const script = `
        import { lazyFormatProblems } from ${JSON.stringify(check)};
        import { createRequire } from 'node:module';
        const lazy = createRequire(${JSON.stringify(LAZY)})(${JSON.stringify(LAZY)});
        const { iri, ...rest } = lazy.draft2019;
        console.log(JSON.stringify([
          lazyFormatProblems(lazy),
          lazyFormatProblems({ draft2019: { ...rest, extra: 1 }, isCidr: lazy.isCidr }),
          lazyFormatProblems({ draft2019: { ...lazy.draft2019, duration: /^P/ }, isCidr: () => 0 }),
        ]));`;
      const [good, names, kinds] = nodeJson(script, '--input-type=module') as string[][];
      expect(good).toEqual([]);
      expect(names).toEqual([
        'ajv-formats-draft2019: the module has object iri:function duration:RegExp idn-email:function idn-hostname:function iri-reference:function; ' +
          'the stand-in has object duration:RegExp idn-email:function idn-hostname:function iri-reference:function extra:number',
      ]);
      expect(kinds).toEqual([
        "ajv-formats-draft2019: duration is not the module's own value",
        'is-cidr: the module has function v4:function v6:function; the stand-in has function',
      ]);
    });

    test("WHEN the command compiles a spec THEN it never loads them, not even Node's punycode module (deprecated, and a warning in newer Node.js); nor any file but its own (ajv's runtime helpers are bundled)", () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dcae-lazy-formats-'));
      try {
        const cases = path.join(ROOT, 'test', 'golden', 'cases', 'all-modes');
        fs.mkdirSync(path.join(tmp, 'components'));
        for (const f of ['component.yaml', 'platform.yaml'])
          if (fs.existsSync(path.join(cases, f))) fs.copyFileSync(path.join(cases, f), path.join(tmp, 'components', f));
        const preload = path.join(tmp, 'modules.js');
        fs.writeFileSync(
          preload,
          "process.on('exit', () => require('fs').writeFileSync(__dirname + '/modules.json', JSON.stringify([process.moduleLoadList, Object.keys(require.cache)])));\n",
        );
        const r = spawnSync(
          process.execPath,
          [
            '-r',
            preload,
            path.join(ROOT, 'build', 'bundle', 'cli.js'),
            '--components',
            'components',
            '--out',
            'out',
            '--cache',
            'off',
            '--quiet',
          ],
          { cwd: tmp, encoding: 'utf8' },
        );
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        const [modules, files] = JSON.parse(fs.readFileSync(path.join(tmp, 'modules.json'), 'utf8')) as string[][];
        expect(files).toEqual([preload, path.join(ROOT, 'build', 'bundle', 'cli.js')]);
        expect(modules).toContain('NativeModule crypto'); // the list is the run's
        expect(modules).not.toContain('NativeModule punycode');
        expect(
          fs.readFileSync(
            path.join(
              tmp,
              'out',
              fs.readdirSync(path.join(tmp, 'out')).find((f) => f.endsWith(MANIFEST_EXTENSION))!,
            ),
            'utf8',
          ),
        ).toBe(fs.readFileSync(path.join(cases, 'expected.k8s.yaml'), 'utf8'));
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  });

  test('GIVEN a compiler bug inside the bundle (exit 70), source maps off WHEN its stack trace is printed THEN it names the src/ file, line and function', () => {
    // A number as the entry makes path.dirname throw inside the bundle: an internal error, as a bug would be.
    const compiler = JSON.stringify(path.join(ROOT, 'build', 'bundle', 'compiler.js'));
    const r = spawnSync(process.execPath, ['-e', `require(${compiler}).start(123)`], { encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(70);
    expect(r.stderr).toMatch(/at warnIfStale \(.*src[/\\]cli[/\\]run\.ts:\d+:\d+\)/);
    expect(r.stderr).toMatch(/at main \(.*src[/\\]cli[/\\]run\.ts:\d+:\d+\)/);
    expect(r.stderr).not.toMatch(/compiler\.js:\d+/);
  });

  describe('GIVEN the bundle installed in a project of its own (a copy, with node_modules)', () => {
    /** A copy of the built command in <tmp>/pkg/build/bundle, with a package.json and node_modules, and a components folder. */
    function installed(): { pkg: string; cli: string; cacheDir: string; run: (...args: string[]) => SpawnSyncReturns<string> } {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dcae-launch-'));
      cleanup.push(tmp);
      const pkg = path.join(tmp, 'pkg');
      fs.mkdirSync(path.join(pkg, 'build', 'bundle'), { recursive: true });
      for (const f of ['cli.js', 'compiler.js', 'compiler.js.map', 'dcae-validators.js', 'usage.js'])
        fs.copyFileSync(path.join(ROOT, 'build', 'bundle', f), path.join(pkg, 'build', 'bundle', f));
      fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(pkg, 'package.json'));
      fs.mkdirSync(path.join(pkg, 'node_modules'));
      for (const dep of ['ajv', 'diff']) fs.symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(pkg, 'node_modules', dep));
      fs.mkdirSync(path.join(tmp, 'components'));
      fs.writeFileSync(path.join(tmp, 'components', 'c.yaml'), 'name: c\nimage: repo/c:1.0\n');
      const cli = path.join(pkg, 'build', 'bundle', 'cli.js');
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [cli, '--components', 'components', '--out', 'out', ...args], { cwd: tmp, encoding: 'utf8' });
      return { pkg, cli, cacheDir: path.join(pkg, 'node_modules', '.cache', 'dcae-synth'), run };
    }
    const cleanup: string[] = [];
    afterAll(() => cleanup.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
    const codeCaches = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith('code-')) : []);

    test("WHEN it runs THEN it keeps a V8 code cache of the compiler in the project's node_modules/.cache/dcae-synth, named by build, Node.js and architecture", () => {
      const { cacheDir, run } = installed();
      expect(run().status).toBe(0);
      const build = buildHash();
      expect(codeCaches(cacheDir)).toEqual([`code-${build.slice(0, 16)}-${process.version}-${process.arch}`]);
      const second = run();
      expect(second.status).toBe(0);
      expect(second.stderr).toBe('');
    });

    test("WHEN it runs again THEN V8 takes the code cache the first run made: V8's interrupt budget and heap growth are set before every load, as node's --interrupt-budget=1000000 --heap-growing-percent=25 sets them; a value given to node is kept", () => {
      const { pkg, cli, cacheDir, run } = installed();
      const first = run('--cache', 'off');
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/^compiled 1 component into out in [0-9.]+ s; files: 2 new/);
      expect(first.stderr).toBe('');
      const file = path.join(cacheDir, codeCaches(cacheDir)[0]);
      const old = new Date('2020-01-01T00:00:00Z');
      const node = (...flags: string[]) =>
        spawnSync(process.execPath, [...flags, cli, '--components', 'components', '--out', 'out', '--cache', 'off'], {
          cwd: path.dirname(pkg),
          encoding: 'utf8',
        });
      // A cache V8 refuses (its flags differ from those of the run that made it) is written again when the run ends.
      for (const r of [
        () => run('--cache', 'off'),
        () => node('--interrupt-budget=1000000'),
        () => node('--heap-growing-percent=25', '--interrupt-budget=1000000'),
      ]) {
        fs.utimesSync(file, old, old);
        expect(r().status).toBe(0);
        expect(fs.statSync(file).mtime).toEqual(old);
      }
      // Another value given to node is kept: V8's flags differ from a default run's, and the cache is made again.
      // (So a default run sets both: without the heap growth of 25 %, its flags would be those of
      // --heap-growing-percent=0, V8's default.)
      for (const flag of ['--interrupt-budget=50000', '--heap-growing-percent=0', '--heap_growing_percent=50']) {
        expect(run('--cache', 'off').status).toBe(0); // a default run's cache again
        fs.utimesSync(file, old, old);
        const other = node(flag);
        expect(other.stderr).toBe('');
        expect(other.status).toBe(0);
        expect([flag, fs.statSync(file).mtime.getTime() > old.getTime()]).toEqual([flag, true]);
      }
    });

    test('WHEN it compiles a DCAE spec THEN it loads the DCAE validators from their file beside the bundle (they are not in the bundle)', () => {
      const { pkg, run } = installed();
      expect(bundle).not.toContain('DCAE component spec, format v3');
      expect(fs.readFileSync(path.join(pkg, 'build', 'bundle', 'dcae-validators.js'), 'utf8')).toContain('DCAE component spec, format v3');
      const components = path.join(path.dirname(pkg), 'components');
      fs.writeFileSync(path.join(components, 'relay.json'), json(dcae({}, { name: 'relay' })));
      const r = run();
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(fs.readdirSync(path.join(path.dirname(pkg), 'out')).filter((f) => f.endsWith('.k8s.yaml'))).toEqual([
        'c.k8s.yaml',
        'relay.k8s.yaml',
      ]);
      // The file is loaded at the first DCAE spec, and only then: a file that throws fails a run with a DCAE spec,
      // and no run without one.
      fs.writeFileSync(path.join(pkg, 'build', 'bundle', 'dcae-validators.js'), 'throw new Error("loaded the DCAE validators");\n');
      fs.rmSync(path.join(path.dirname(pkg), 'out'), { recursive: true });
      const loaded = run('--cache', 'off');
      expect(loaded.status).toBe(70);
      expect(loaded.stderr).toContain('loaded the DCAE validators');
      fs.rmSync(path.join(components, 'relay.json'));
      expect(run('--cache', 'off').status).toBe(0);
    });

    test('WHEN its code cache is garbage THEN it runs as well, and replaces the cache with a good one', () => {
      const { cacheDir, run } = installed();
      expect(run().status).toBe(0);
      const file = path.join(cacheDir, codeCaches(cacheDir)[0]);
      fs.writeFileSync(file, 'garbage');
      // A check without the render cache renders the component again: a run that renders keeps the code cache.
      const r = run('--check', '--cache', 'off');
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(fs.statSync(file).size).toBeGreaterThan(1000);
    });

    test('WHEN a run renders nothing (an error in its input, or everything from the render cache) THEN it keeps no code cache; the next run that renders makes it', () => {
      const { pkg, cacheDir, run } = installed();
      const spec = path.join(pkg, '..', 'components', 'c.yaml');
      const good = fs.readFileSync(spec, 'utf8');
      fs.writeFileSync(spec, 'name: Not_A_Name\nimage: repo/c:1.0\n');
      expect(run().status).toBe(1);
      expect(codeCaches(cacheDir)).toEqual([]);
      fs.writeFileSync(spec, good);
      expect(run('--cache', '.cache').status).toBe(0);
      const made = codeCaches(cacheDir);
      expect(made).toHaveLength(1);
      // Served by the render cache, a run renders nothing, and leaves the code cache as it was.
      fs.rmSync(path.join(cacheDir, made[0]));
      expect(run('--cache', '.cache').stdout).toMatch(/\(1 unchanged, not rendered again\)/);
      expect(codeCaches(cacheDir)).toEqual([]);
      expect(run('--cache', 'off').status).toBe(0);
      expect(codeCaches(cacheDir)).toEqual(made);
    });

    test('WHEN the cache folder cannot be made (a file is in the way) THEN it runs as well, and says nothing about it', () => {
      const { pkg, run } = installed();
      fs.writeFileSync(path.join(pkg, 'node_modules', '.cache'), 'a file');
      const r = run();
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });

    test('WHEN it runs twice THEN the second run renders nothing again (the render cache knows this build)', () => {
      const { run } = installed();
      expect(run('--cache', '.cache').stdout).toMatch(/^compiled 1 component into out/);
      expect(run('--cache', '.cache').stdout).toMatch(/^compiled 1 component \(1 unchanged, not rendered again\) into out/);
    });

    test('WHEN --version or --help is asked THEN it answers without loading the compiler (no code cache is made)', () => {
      const { cli, cacheDir, run } = installed();
      const version = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
      expect(version.stdout).toBe(`${JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
      const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
      expect(help.stdout).toMatch(/^Usage: dcae-synth \[options\]/);
      expect(codeCaches(cacheDir)).toEqual([]);
      expect(run().status).toBe(0);
    });
  });

  test("GIVEN the minified bundle WHEN read THEN it holds one copy of yaml (cdk8s shares the compiler's) and the English messages of ajv-i18n only", () => {
    const count = (text: string) => bundle.split(text).length - 1;
    expect(count('Implicit keys need to be on a single line')).toBe(1);
    expect(count('must be equal to constant')).toBeGreaterThan(0);
    expect(count('muss gleich der Konstanten sein')).toBe(0);
  });

  test('GIVEN a quiet run of one YAML spec WHEN it has finished THEN it never loaded child_process or net (cdk8s gets a child_process that loads at its first call)', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'dcae-modules-'));
    try {
      const probe = path.join(out, 'probe.js');
      fs.writeFileSync(
        probe,
        `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(path.join(out, 'loaded.json'))}, JSON.stringify(process.moduleLoadList)));\n`,
      );
      fs.mkdirSync(path.join(out, 'components'));
      fs.writeFileSync(path.join(out, 'components', 'c.yaml'), 'name: c\nimage: repo/c:1.0\n');
      const cli = path.join(ROOT, 'build', 'bundle', 'cli.js');
      const r = spawnSync(process.execPath, ['-r', probe, cli, '--components', 'components', '--out', 'out', '--cache', 'off', '--quiet'], {
        cwd: out,
        encoding: 'utf8',
      });
      expect(r.status).toBe(0);
      const loaded = JSON.parse(fs.readFileSync(path.join(out, 'loaded.json'), 'utf8')) as string[];
      expect(loaded.filter((m) => /^NativeModule (child_process|net|dgram)$/.test(m))).toEqual([]);
      // The stand-in loads the real module at a call.
      const lazy = require(path.join(ROOT, 'scripts', 'child-process-lazy.cjs')) as typeof import('child_process');
      expect(lazy.spawnSync(process.execPath, ['-e', 'process.exit(3)']).status).toBe(3);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  test("GIVEN the minified bundle WHEN read THEN it does not name its functions again as they are made (esbuild's keepNames): a crash's trace takes the names from the source map", () => {
    // keepNames would set each class's name in its static block (`static{<helper>(this,"Name")}`) and each
    // function's with a call of its helper: about 3700 calls in a run of one spec.
    expect(bundle).not.toMatch(/static\{[\w$]+\(this,"(CertServiceClient|ComponentPod)"\)\}/);
    expect(bundle).not.toMatch(/[\w$]+\([\w$]+,"(warnIfStale|runAsProcess|contentHash)"\)/);
    expect(bundle).not.toMatch(/function (warnIfStale|runAsProcess|contentHash)\(/);
  });
});
