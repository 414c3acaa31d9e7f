import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { closest, formatDiagnostic, sortDiagnostics } from '../input/diagnostics';
import { HelmOptions } from '../output/helm';
import { FileSettings, readOptionsFile } from './options-file';
import { readFileIfAny } from './read-folder';
import { Console, plural } from './report';
import { cacheFolderAbove } from './cache-folder';
import { CACHE_OFF, DEFAULTS, Setting, SETTING_NAMES, SettingName, SETTINGS } from './settings';
import { HELP_HINT, OPTIONS_FILE, USAGE, USAGE_LINE } from './usage';

/** The compiler's package: its folder, name, version and the major Node.js version it needs. */
export interface PackageInfo {
  readonly root: string;
  readonly name: string;
  readonly version: string;
  /** The lowest major version of Node.js that `engines` allows. */
  readonly node: number;
}

/** The compiler's package, from the nearest package.json above this file (built, bundled or not). */
export function packageInfo(): PackageInfo {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name: string; version: string; engines: { node: string } };
      return { root: dir, name: pkg.name, version: pkg.version, node: Number(/\d+/.exec(pkg.engines.node)![0]) };
    }
    if (dir === path.dirname(dir)) throw new Error(`no package.json above ${__dirname}`);
  }
}

/** The compiler's version, as its package.json says. */
export function version(): string {
  return packageInfo().version;
}

/** Exit codes, as sysexits.h numbers them where it has one: 70 EX_SOFTWARE, 74 EX_IOERR. */
export const EXIT = { ok: 0, input: 1, usage: 2, internal: 70, io: 74 } as const;

/** What the command line and the options file asked for. */
export interface Options {
  /** The components folder, relative to {@link base} (as typed, for a flag). */
  readonly componentsDir: string;
  /** The output folder, relative to {@link base} (as typed, for a flag). */
  readonly outDir: string;
  /** The folder relative paths are taken from: where the user ran the command. */
  readonly base: string;
  readonly check: boolean;
  readonly quiet: boolean;
  readonly allowEmpty: boolean;
  readonly jobs: number;
  readonly helm?: HelmOptions;
  /** The render cache's folder (absolute), or undefined for none. */
  readonly cacheDir?: string;
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

/** The flags: each setting, then the flags that are not settings. */
const FLAGS = {
  components: { type: 'string' },
  out: { type: 'string' },
  'allow-empty': { type: 'boolean' },
  'helm-chart': { type: 'string' },
  'chart-version': { type: 'string' },
  quiet: { type: 'boolean' },
  cache: { type: 'string' },
  jobs: { type: 'string' },
  check: { type: 'boolean' },
  config: { type: 'string' },
  version: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Record<SettingName, unknown> & Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** Prints a wrong option's message, then the one-line usage and the --help hint; gives exit code 2. */
export function usageError(io: Console, message: string, usage: readonly [string, string] = [USAGE_LINE, HELP_HINT]): number {
  io.err(`error: ${message}\n${usage.join('\n')}`);
  return EXIT.usage;
}

/** How parseArgs describes flags. */
type FlagTable = Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly short?: string }>>;

/** The first option that is not in `flags`, with the nearest known one, or undefined. A string flag's value is skipped. */
export function unknownOption(argv: readonly string[], flags: FlagTable): string | undefined {
  const known = Object.keys(flags);
  const shorts = known.map((k) => flags[k].short).filter((s) => s !== undefined);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return undefined;
    let name: string;
    if (arg.startsWith('--')) name = arg.slice(2).split('=')[0];
    else if (/^-[^-]/.test(arg)) name = arg.slice(1);
    else continue;
    if (arg.startsWith('--') ? known.includes(name) : shorts.includes(name)) {
      if (arg.startsWith('--') && !arg.includes('=') && flags[name].type === 'string') i++;
      continue;
    }
    const guess = closest(name, known);
    return `unknown option ${arg.split('=')[0]}${guess ? ` (did you mean --${guess}?)` : ''}`;
  }
  return undefined;
}

/** The options, or the exit code when they are wrong (or --help or --version was asked for). */
export function parseOptions(argv: readonly string[], io: Console, invocation: Invocation = {}): Options | number {
  const unknown = unknownOption(argv, FLAGS);
  if (unknown) return usageError(io, unknown);
  let args;
  try {
    args = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (e) {
    return usageError(io, (e as Error).message);
  }
  if (args.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (args.version) {
    io.out(version());
    return EXIT.ok;
  }
  const base = userFolder(invocation);
  const file = optionsFile(args.config, base, io);
  if (typeof file === 'number') return file;

  /** A setting's value and where it came from (for messages): the flag, else the options file. */
  const given = (name: SettingName): { value: string | number | boolean; from: string } | undefined => {
    const flag = args[name];
    if (flag !== undefined) return { value: flag, from: `--${name}` };
    const value = file?.settings[name];
    return value === undefined ? undefined : { value, from: `${name} in ${file!.name}` };
  };
  for (const name of SETTING_NAMES) {
    const flag = args[name];
    const problem = typeof flag === 'string' ? (SETTINGS[name] as Setting).check?.(flag) : undefined;
    if (problem) return usageError(io, `--${name} ${JSON.stringify(flag)} ${problem}`);
  }
  /** A folder setting, relative to the user's folder (the options file's are relative to the file's own folder). */
  const folder = <D extends string | undefined>(name: 'components' | 'out' | 'cache', fallback: D): string | D => {
    const flag = args[name];
    if (flag !== undefined) return flag;
    const value = file?.settings[name];
    if (value === undefined) return fallback;
    return (
      path
        .relative(base, path.resolve(file!.folder, String(value)))
        .split(path.sep)
        .join('/') || '.'
    );
  };
  const flagOrFile = (name: 'allow-empty' | 'quiet'): boolean => (given(name)?.value ?? DEFAULTS[name]) === true;

  const chartName = given('helm-chart');
  const chartVersion = given('chart-version');
  if (chartName !== undefined && chartVersion === undefined)
    return usageError(io, `${chartName.from} needs a chart version: --chart-version SEMVER, or chart-version in ${OPTIONS_FILE}`);
  if (chartVersion !== undefined && chartName === undefined)
    return usageError(io, `${chartVersion.from} is only used with a chart name: --helm-chart NAME, or helm-chart in ${OPTIONS_FILE}`);
  const jobs = given('jobs')?.value ?? Math.min(2, os.availableParallelism?.() ?? os.cpus().length);

  const componentsDir = folder('components', DEFAULTS.components);
  const outDir = folder('out', DEFAULTS.out);
  const cache = folder('cache', undefined);
  const overlap = folderOverlap(base, componentsDir, outDir);
  if (overlap) return usageError(io, overlap);
  for (let dir = path.resolve(base, outDir); ; dir = path.dirname(dir)) {
    if (fs.existsSync(dir)) {
      if (!fs.statSync(dir).isDirectory())
        return usageError(io, `--out ${outDir}: ${dir} is a file, not a folder; expected an output folder`);
      break;
    }
    if (dir === path.dirname(dir)) break;
  }
  return {
    componentsDir,
    outDir,
    base,
    check: args.check === true,
    quiet: flagOrFile('quiet'),
    allowEmpty: flagOrFile('allow-empty'),
    jobs: Number(jobs),
    cacheDir: given('cache')?.value === CACHE_OFF ? undefined : cache === undefined ? cacheFolderAbove(base) : path.resolve(base, cache),
    helm:
      chartName !== undefined && chartVersion !== undefined
        ? { name: String(chartName.value), version: String(chartVersion.value) }
        : undefined,
  };
}

/** The options file read: its name for messages, its folder, and its settings. */
interface ReadOptionsFile {
  readonly name: string;
  readonly folder: string;
  readonly settings: FileSettings;
}

/**
 * Reads the options file: the one --config names (which must exist), else `dcae-synth.yaml` in the user's folder
 * when there is one. Prints its errors, each with file, line and column, and gives exit code 2 when it has any.
 */
function optionsFile(config: string | undefined, base: string, io: Console): ReadOptionsFile | undefined | number {
  const name = config ?? OPTIONS_FILE;
  const file = path.resolve(base, name);
  const contents = readFileIfAny(file);
  if (contents === undefined) {
    if (config === undefined) return undefined;
    return usageError(io, `--config ${config}: ${fs.existsSync(file) ? 'is not a file' : 'no such file'}; expected an options file`);
  }
  const read = readOptionsFile(name, contents);
  if (read.diagnostics.length > 0) {
    for (const d of sortDiagnostics(read.diagnostics)) io.err(formatDiagnostic(d));
    return usageError(io, `${plural(read.diagnostics.length, 'error')} in the options file ${name}; nothing was written`);
  }
  return { name, folder: path.dirname(file), settings: read.settings };
}

/** Whether `inner` is `outer` or a folder inside it (both absolute). */
function within(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith(path.sep) ? outer : outer + path.sep);
}

/** An absolute folder with its links resolved as far as it exists. */
function realFolder(dir: string): string {
  const missing: string[] = [];
  let at = dir;
  while (!fs.existsSync(at) && at !== path.dirname(at)) {
    missing.unshift(path.basename(at));
    at = path.dirname(at);
  }
  return path.join(fs.realpathSync(at), ...missing);
}

/**
 * Why the components folder and the output folder cannot be used together, or undefined: the compiler owns
 * the output folder, so specs inside it would be read back as its own output, and an output inside the specs
 * would be read as specs.
 */
function folderOverlap(base: string, componentsDir: string, outDir: string): string | undefined {
  const components = realFolder(path.resolve(base, componentsDir));
  const out = realFolder(path.resolve(base, outDir));
  if (components === out)
    return `the components folder and the output folder are the same (${componentsDir}); expected an output folder apart from the specs, such as --out dist`;
  if (within(components, out))
    return `the components folder ${componentsDir} is inside the output folder ${outDir}, which the compiler owns; expected two separate folders`;
  if (within(out, components))
    return `the output folder ${outDir} is inside the components folder ${componentsDir}; expected two separate folders (a folder of specs holds only specs)`;
  return undefined;
}
