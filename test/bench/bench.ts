/**
 * `npm run bench`: compiles seeded fleets of 1, 100, 1000 and 10000 varied specs with the real CLI, as
 * whole processes: fresh (an empty output folder, no render cache), up to date (nothing changed, with the render
 * cache of the run before) and `--check` of that folder. It prints wall times, specs per second and peak RSS (of
 * any of those runs)
 * beside the floor (node's start-up, plus parsing the same spec files, serialising the same output objects with
 * the same YAML library and writing them: test/bench/floor.ts; run after each fresh run, median of its runs), and `--version` and one spec against `node -e 0`.
 * Then one spec of 4000 env keys against one of 40000 (parsing and checking must grow linearly: at most 11x),
 * and six shapes of growing input at 1000 and 20000 entries (test/bench/growth.ts: at most 60x, else the
 * bench exits 1). Writes the figures to build/bench/. Timings are judged here, never in npm test.
 *
 * Then the cost of durability (every file and folder flushed to the disk before the record is replaced): fresh
 * runs of 1000 and 10000 specs with and without the flushes (test/bench/no-fsync.ts); above 15 % the bench exits 1.
 *
 *   npm run bench [-- --sizes 1,100,1000 --runs 3 --keys 4000,40000 --labels 1000,10000 --growth off --durability 1000,10000]   (--sizes "" or --keys "" skips a part)
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { compile } from '../../src/compile';
import { loadProject } from '../../src/input/project';
import { writeFleet } from './fleet';
import { benchGrowth, GROWTH } from './growth';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'build', 'bundle', 'cli.js');
const FLOOR = path.join(__dirname, 'floor.js');
const TIME = '/usr/bin/time';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const SIZES = arg('sizes', '1,100,1000,10000').split(',').filter(Boolean).map(Number);
const KEYS = arg('keys', '4000,40000').split(',').filter(Boolean).map(Number);
const LABELS = arg('labels', '1000,10000').split(',').filter(Boolean).map(Number);
const GROWTH_ENABLED = arg('growth', 'on') !== 'off';
const DURABILITY = arg('durability', '1000,10000').split(',').filter(Boolean).map(Number);
/** The most that flushing every file and folder may add to a fresh run. */
const MAX_DURABILITY_COST = 0.15;
const NO_FSYNC = path.join(__dirname, 'no-fsync.js');
const RUNS = Number(arg('runs', '3'));
/** Rounds of the many-keys timing (each well under a second): the machine's noise is large beside one run. */
const KEY_ROUNDS = 9;

interface Run {
  seconds: number;
  maxRssMiB: number;
}

/** Runs a command as a whole process; wall time from here, peak RSS from GNU time (or the kernel's rusage of children). */
function measure(cmd: string, args: string[]): Run {
  const useTime = fs.existsSync(TIME);
  const t0 = process.hrtime.bigint();
  const r = useTime ? spawnSync(TIME, ['-f', '%M', cmd, ...args], { encoding: 'utf8' }) : spawnSync(cmd, args, { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  const kib = useTime ? Number(r.stderr.trim().split('\n').pop()) : process.resourceUsage().maxRSS;
  return { seconds, maxRssMiB: kib / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** What one run of the floor took, by part (test/bench/floor.ts). */
interface FloorParts {
  parseSeconds: number;
  serialiseSeconds: number;
  writeSeconds: number;
}

/** Runs the floor once on a fleet and the output objects of a run, writing into `out` (removed after). */
function runFloor(components: string, objectsFile: string, out: string): FloorParts {
  const run = spawnSync(process.execPath, [FLOOR, components, objectsFile, out], { encoding: 'utf8' });
  fs.rmSync(out, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as FloorParts;
}

function outputObjects(dir: string): unknown[][] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith('.k8s.yaml')) files.push(path.join(d, e.name));
    }
  };
  walk(dir);
  return files.map((f) => parseAllDocuments(fs.readFileSync(f, 'utf8')).map((d) => (d as { toJS(): unknown }).toJS()));
}

function main(): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dcae-bench-'));
  const startups = Array.from({ length: 5 }, () => measure(process.execPath, ['-e', '0']).seconds);
  const startup = median(startups);
  const results: Array<Record<string, number>> = [];
  console.log(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
  );
  console.log(`node start-up (node -e 0): ${startup.toFixed(3)} s (median of 5)`);
  const version = median(Array.from({ length: 5 }, () => measure(process.execPath, [CLI, '--version']).seconds));
  console.log(`dcae-synth --version: ${version.toFixed(3)} s, ${(version / startup).toFixed(2)}x node's start-up (target: at most 1.5x)\n`);
  console.log('fresh: an empty output folder, no render cache; up to date: nothing changed since the last run, with its render cache;');
  console.log(
    '--check: the same folder checked. Ratios are to the floor (node start-up + parse the specs + serialise and write the output).\n',
  );
  console.log('specs   fresh s   specs/s   peak RSS MiB   floor s   ratio   up to date s   ratio   --check s   ratio');
  for (const n of SIZES) {
    const components = path.join(work, `fleet-${n}`);
    writeFleet(components, n);
    const out = path.join(work, `out-${n}`);
    const cache = path.join(work, `cache-${n}`);
    const cli = (...extra: string[]) => measure(process.execPath, [CLI, '--components', components, '--out', out, '--quiet', ...extra]);
    const runs: Run[] = [];
    const rounds = n >= 10000 ? 1 : RUNS;
    // The floor (and node's start-up, part of it) runs right after each fresh run, so that both see the machine as it
    // is then (a shared machine's speed drifts from one minute to the next); each is the median of its runs.
    const objectsFile = path.join(work, `objects-${n}.json`);
    const floorRuns: FloorParts[] = [];
    const startupRuns: number[] = [];
    for (let i = 0; i < rounds; i++) {
      fs.rmSync(out, { recursive: true, force: true });
      runs.push(cli('--cache', 'off'));
      if (i === 0) fs.writeFileSync(objectsFile, JSON.stringify(outputObjects(out)));
      floorRuns.push(runFloor(components, objectsFile, path.join(work, `floor-out-${n}`)));
      startupRuns.push(measure(process.execPath, ['-e', '0']).seconds);
    }
    const startupNow = median(startupRuns);
    const seconds = median(runs.map((r) => r.seconds));
    let rss = Math.max(...runs.map((r) => r.maxRssMiB));
    // Nothing changed: a first run fills the render cache, then the timed runs render nothing and write nothing.
    cli('--cache', cache);
    const upToDate = Array.from({ length: rounds }, () => cli('--cache', cache));
    const check = Array.from({ length: rounds }, () => cli('--cache', cache, '--check'));
    // The peak of every run of this size: a run with nothing to render holds the render cache and reads every file.
    rss = Math.max(rss, ...[...upToDate, ...check].map((r) => r.maxRssMiB));

    const floorTotal = (p: FloorParts) => p.parseSeconds + p.serialiseSeconds + p.writeSeconds;
    const floorParts = [...floorRuns].sort((a, b) => floorTotal(a) - floorTotal(b))[Math.floor(floorRuns.length / 2)];
    const floor = startupNow + floorTotal(floorParts);
    const row = {
      specs: n,
      seconds,
      specsPerSecond: n / seconds,
      maxRssMiB: rss,
      floorSeconds: floor,
      floorParseSeconds: floorParts.parseSeconds,
      floorSerialiseSeconds: floorParts.serialiseSeconds,
      floorWriteSeconds: floorParts.writeSeconds,
      ratioToFloor: seconds / floor,
      upToDateSeconds: median(upToDate.map((r) => r.seconds)),
      upToDateRatio: median(upToDate.map((r) => r.seconds)) / floor,
      checkSeconds: median(check.map((r) => r.seconds)),
      checkRatio: median(check.map((r) => r.seconds)) / floor,
      startupSeconds: startupNow,
      oneSpecToStartup: n === 1 ? seconds / startupNow : Number.NaN,
    };
    results.push(row);
    const f = (x: number, w: number, d = 2) => x.toFixed(d).padStart(w);
    console.log(
      `${String(n).padStart(5)}   ${f(seconds, 7)}   ${f(n / seconds, 7, 0)}   ${f(rss, 12, 0)}   ${f(floor, 7)}   ${f(row.ratioToFloor, 5)}   ${f(row.upToDateSeconds, 12)}   ${f(row.upToDateRatio, 5)}   ${f(row.checkSeconds, 9)}   ${f(row.checkRatio, 5)}`,
    );
  }
  const one = results.find((r) => r.specs === 1);
  if (one)
    console.log(
      `\none spec, fresh: ${one.oneSpecToStartup.toFixed(2)}x node's start-up, measured after each run (${one.startupSeconds.toFixed(3)} s; target: at most 2.2x)`,
    );
  const at = (n: number) => results.find((r) => r.specs === n);
  const growth =
    at(1000) && at(10000) ? (at(10000) as Record<string, number>).seconds / (at(1000) as Record<string, number>).seconds : undefined;
  if (growth !== undefined) console.log(`\ngrowth from 1000 to 10000 specs: ${growth.toFixed(2)}x (linear would be 10x)`);
  const keys = benchKeys(work);
  const labels = benchLabels();
  const entries = GROWTH_ENABLED ? benchGrowth((line) => console.log(line)) : undefined;
  const durability = benchDurability(work);
  const report = {
    date: new Date().toISOString(),
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    startupSeconds: startup,
    versionSeconds: version,
    results,
    growth1000to10000: growth,
    labels,
    keys,
    entries: entries?.rows,
    durability,
  };
  const dir = path.join(ROOT, 'build', 'bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${report.date.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nfigures written to ${path.relative(process.cwd(), file)} (and build/bench/latest.json)`);
  fs.rmSync(work, { recursive: true, force: true });
  const costly = durability.filter((d) => d.cost > MAX_DURABILITY_COST);
  if (costly.length > 0) {
    console.log(
      `\ndurability costs more than ${MAX_DURABILITY_COST * 100} % of a fresh run: ${costly.map((d) => `${d.specs} specs ${(d.cost * 100).toFixed(1)} %`).join('; ')}`,
    );
    process.exitCode = 1;
  }
  if (entries && entries.failed.length > 0) {
    console.log(`\nabove the growth threshold (${GROWTH.maxRatio}x): ${entries.failed.join('; ')}`);
    process.exitCode = 1;
  }
}

/**
 * What durability costs a fresh run: the same fleet compiled into an empty folder by the CLI and by the CLI with
 * its flushes made no-ops, in turns (five rounds at 1000 specs, three at 10000), medians compared.
 */
function benchDurability(work: string): Array<{ specs: number; seconds: number; withoutFsyncSeconds: number; cost: number }> {
  if (DURABILITY.length === 0) return [];
  console.log('\ndurability: fresh runs with and without flushing files and folders to the disk\n specs   with s   without s   cost');
  return DURABILITY.map((n) => {
    const components = path.join(work, `durable-${n}`);
    writeFleet(components, n);
    const out = path.join(work, `durable-out-${n}`);
    const times = { with: [] as number[], without: [] as number[] };
    for (let round = 0; round < (n >= 10000 ? 3 : 5); round++) {
      for (const [key, script] of [
        ['with', CLI],
        ['without', NO_FSYNC],
      ] as const) {
        fs.rmSync(out, { recursive: true, force: true });
        times[key].push(measure(process.execPath, [script, '--components', components, '--out', out, '--quiet']).seconds);
      }
    }
    const row = { specs: n, seconds: median(times.with), withoutFsyncSeconds: median(times.without), cost: 0 };
    row.cost = row.seconds / row.withoutFsyncSeconds - 1;
    console.log(
      `${String(n).padStart(6)}   ${row.seconds.toFixed(2).padStart(6)}   ${row.withoutFsyncSeconds.toFixed(2).padStart(9)}   ${(row.cost * 100).toFixed(1).padStart(5)} %`,
    );
    return row;
  });
}

/**
 * One spec with many env keys. Its input side (reading, parsing and checking, in this process: loadProject)
 * must grow linearly with the keys. Every key and value has the same length (`VAR_00042: v00042`), so that ten
 * times the keys is ten times the bytes. The whole CLI run is timed too: 40 000 env entries make a Deployment
 * above the 1 MiB the API server stores per object, so that run ends in that error after rendering, where
 * the run of 4 000 also serialises and writes its files.
 */
function benchKeys(work: string): Record<string, unknown> | undefined {
  if (KEYS.length === 0) return undefined;
  console.log('\none spec with many env keys\n keys     bytes   parse+check s   CLI wall s   CLI outcome');
  const rows: Array<{ keys: number; bytes: number; inputSeconds: number; cliSeconds: number; outcome: string }> = [];
  const texts = KEYS.map(
    (n) =>
      `name: many-keys\nimage: repo/many-keys:1.0\nenv:\n${Array.from({ length: n }, (_, i) => `  VAR_${String(i).padStart(5, '0')}: v${String(i).padStart(5, '0')}\n`).join('')}`,
  );
  // The sizes take turns, round after round, so that each is timed in the same state of the heap and the JIT;
  // the first round (which loads the schema validators) is left out, and each size keeps its fastest run.
  const inputs: number[][] = KEYS.map(() => []);
  for (let round = 0; round < Math.max(RUNS, KEY_ROUNDS) + 1; round++) {
    texts.forEach((text, k) => {
      const t0 = process.hrtime.bigint();
      const project = loadProject({ components: [{ name: 'many-keys.yaml', text }] });
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (project.diagnostics.length > 0) throw new Error(`the spec of ${KEYS[k]} keys does not load`);
      if (round > 0) inputs[k].push(seconds);
    });
  }
  KEYS.forEach((n, k) => {
    const text = texts[k];
    const dir = path.join(work, `keys-${n}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'many-keys.yaml'), text);
    const out = path.join(work, `keys-out-${n}`);
    const cli: number[] = [];
    let outcome = '';
    for (let i = 0; i < RUNS; i++) {
      fs.rmSync(out, { recursive: true, force: true });
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [CLI, '--components', dir, '--out', out, '--quiet'], { encoding: 'utf8' });
      cli.push(Number(process.hrtime.bigint() - t0) / 1e9);
      if (r.status !== 0 && r.status !== 1) throw new Error(`the CLI failed:\n${r.stderr}`);
      outcome = r.status === 0 ? 'compiled' : `refused: ${(/would be \d+ bytes as JSON/.exec(r.stderr) ?? [r.stderr.split('\n')[0]])[0]}`;
    }
    const row = { keys: n, bytes: Buffer.byteLength(text), inputSeconds: Math.min(...inputs[k]), cliSeconds: median(cli), outcome };
    rows.push(row);
    console.log(
      `${String(n).padStart(6)}   ${String(row.bytes).padStart(7)}   ${row.inputSeconds.toFixed(3).padStart(13)}   ${row.cliSeconds.toFixed(2).padStart(10)}   ${outcome}`,
    );
  });
  const first = rows[0];
  const last = rows[rows.length - 1];
  const ratio = last.inputSeconds / first.inputSeconds;
  const target = (last.keys / first.keys) * 1.1;
  if (rows.length > 1)
    console.log(
      `parsing and checking ${last.keys} keys took ${ratio.toFixed(2)}x as long as ${first.keys} (target: at most ${target.toFixed(0)}x); the CLI run ${(last.cliSeconds / first.cliSeconds).toFixed(2)}x`,
    );
  return { rows, inputRatio: ratio, cliRatio: last.cliSeconds / first.cliSeconds };
}

/**
 * One spec with many labels, compiled whole in this process (compile(): parse, check, build, render and
 * serialise). Labels are written three times in the Deployment and twice in each Service, through
 * cdk8s-plus-27's generated converters, which copy a map once per key; the compiler's Deployment and
 * Service classes keep that linear.
 */
function benchLabels(): Record<string, unknown> | undefined {
  if (LABELS.length === 0) return undefined;
  console.log('\none spec with many labels, compiled whole in process\n labels     bytes   compile s');
  const rows: Array<{ labels: number; bytes: number; seconds: number }> = [];
  for (const n of LABELS) {
    const text = `name: many-labels\nimage: repo/many-labels:1.0\nports: ["8080:30080"]\nlabels:\n${Array.from({ length: n }, (_, i) => `  l${i}: v${i}\n`).join('')}`;
    const times: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const t0 = process.hrtime.bigint();
      const r = compile({ components: [{ name: 'many-labels.yaml', text }] });
      times.push(Number(process.hrtime.bigint() - t0) / 1e9);
      if ('then' in r || r.diagnostics.length > 0) throw new Error(`the spec of ${n} labels does not compile`);
    }
    const row = { labels: n, bytes: Buffer.byteLength(text), seconds: Math.min(...times.slice(1)) };
    rows.push(row);
    console.log(`${String(n).padStart(7)}   ${String(row.bytes).padStart(7)}   ${row.seconds.toFixed(3).padStart(9)}`);
  }
  const ratio = rows[rows.length - 1].seconds / rows[0].seconds;
  if (rows.length > 1)
    console.log(`compiling ${rows[rows.length - 1].labels} labels took ${ratio.toFixed(2)}x as long as ${rows[0].labels}`);
  return { rows, ratio };
}

main();
