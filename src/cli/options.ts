import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { ALLOW_EMPTY_FLAG } from '../compile';
import { CHART_NAME, HelmOptions, SEMVER } from '../output/helm';
import { Console } from './report';

/** The compiler's version, as its package.json says (the nearest one above this file, built or not). */
export function version(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
    if (dir === path.dirname(dir)) return 'unknown';
  }
}

/** Exit codes, as sysexits.h numbers them where it has one: 70 EX_SOFTWARE, 74 EX_IOERR. */
export const EXIT = { ok: 0, input: 1, usage: 2, internal: 70, io: 74 } as const;

export const USAGE = `Usage: npm run synth -- [options]
       (or: dcae-synth [options], npx cdk8s synth)

Compiles every component spec in the components folder into Kubernetes manifests in the
output folder, with a kustomization.yaml in each output folder. Nothing is written when any
file has an error. Relative folders are taken from where you run the command, also through npm.

Options:
  --components DIR          folder of component specs and the optional platform.yaml
                            (default: components)
  --out DIR                 output folder (default: dist)
  --check                   write nothing; print a diff of every file that is stale, missing or
                            extra, and exit 1 if there is any (default: off)
  ${ALLOW_EMPTY_FLAG}             accept a components folder with no component spec and remove every
                            manifest from the output folder (default: off, such a folder is an error)
  --helm-chart NAME         also write a Helm chart for each output folder, into <out>/helm/<chart>/
                            (default: no chart)
  --chart-version SEMVER    the Helm chart's version (required with --helm-chart; no default)
  --quiet                   print only errors (and, with --check, the diffs) (default: off)
  --jobs N                  threads that render components (default: 2, or fewer cores)
  --version                 print the version and exit
  -h, --help                show this help and exit

Exit codes: 0 done (or up to date), 1 errors in the input (or, with --check, differences),
2 wrong options, 70 a bug in the compiler, 74 the output folder could not be written.`;

/** What the command line asked for. */
export interface Options {
  /** The components folder, as typed. */
  readonly componentsDir: string;
  /** The output folder, as typed. */
  readonly outDir: string;
  /** The folder relative paths are taken from: where the user ran the command. */
  readonly base: string;
  readonly check: boolean;
  readonly quiet: boolean;
  readonly allowEmpty: boolean;
  readonly jobs: number;
  readonly helm?: HelmOptions;
}

/** Where the process runs, injectable for tests. */
export interface Invocation {
  /** @default process.cwd() */
  readonly cwd?: string;
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The folder the user ran the command in. `npm run` starts scripts in the package root and says where the
 * user was in INIT_CWD; only a process that npm started in the package root takes it (a process started
 * elsewhere, such as a test's child, keeps its own working directory).
 */
export function userFolder(invocation: Invocation = {}): string {
  const cwd = invocation.cwd ?? process.cwd();
  const env = invocation.env ?? process.env;
  const init = env.INIT_CWD;
  const pkg = env.npm_package_json;
  if (init && env.npm_lifecycle_event && pkg && path.resolve(path.dirname(pkg)) === path.resolve(cwd)) return init;
  return cwd;
}

/** The options, or the exit code when they are wrong (or --help or --version was asked for). */
export function parseOptions(argv: readonly string[], io: Console, invocation: Invocation = {}): Options | number {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      options: {
        components: { type: 'string', default: 'components' },
        out: { type: 'string', default: 'dist' },
        check: { type: 'boolean', default: false },
        'allow-empty': { type: 'boolean', default: false },
        'helm-chart': { type: 'string' },
        'chart-version': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        jobs: { type: 'string' },
        version: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    io.err(`error: ${(e as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (args.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (args.version) {
    io.out(version());
    return EXIT.ok;
  }
  const usage = (message: string) => {
    io.err(`error: ${message}`);
    return EXIT.usage;
  };
  const chartName = args['helm-chart'];
  const chartVersion = args['chart-version'];
  if (chartName !== undefined && !CHART_NAME.test(chartName))
    return usage(`--helm-chart "${chartName}" is not a chart name: lower-case letters, digits and "-", starting with a letter`);
  if (chartName !== undefined && chartVersion === undefined)
    return usage('--helm-chart needs --chart-version, for example --chart-version 1.0.0');
  if (chartVersion !== undefined && chartName === undefined) return usage('--chart-version is only used with --helm-chart NAME');
  if (chartVersion !== undefined && !SEMVER.test(chartVersion))
    return usage(`--chart-version "${chartVersion}" is not a SemVer 2 version such as 1.2.3`);
  const jobs = args.jobs === undefined ? Math.min(2, os.availableParallelism?.() ?? os.cpus().length) : Number(args.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) return usage(`--jobs "${args.jobs}" is not a whole number of threads from 1 to 64`);
  const base = userFolder(invocation);
  const outDir = args.out as string;
  for (let dir = path.resolve(base, outDir); ; dir = path.dirname(dir)) {
    if (fs.existsSync(dir)) {
      if (!fs.statSync(dir).isDirectory()) return usage(`--out ${outDir}: ${dir} is a file, not a folder; expected an output folder`);
      break;
    }
    if (dir === path.dirname(dir)) break;
  }
  return {
    componentsDir: args.components as string,
    outDir,
    base,
    check: args.check === true,
    quiet: args.quiet === true,
    allowEmpty: args['allow-empty'] === true,
    jobs,
    helm: chartName !== undefined && chartVersion !== undefined ? { name: chartName, version: chartVersion } : undefined,
  };
}
