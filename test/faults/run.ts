/**
 * `npm run faults`: the output folder under faults, with the real CLI (the shipped bundle) on 500 components.
 * The folder holds the output of input A, plus files of the user's own; each trial runs input B into it (every
 * manifest different, some removed, some added, locations included) and something goes wrong:
 * - kill -9 at a random one of the run's file-system changes (test/faults/child.ts), and at random moments;
 * - two runs at once (B and C) on the one folder;
 * - the disk full (a small tmpfs, where this machine lets the suite mount one; otherwise it says so and injects
 *   ENOSPC through the writer's file-system interface).
 * After each: every file whole (A's or B's bytes), the user's files untouched, no kustomization.yaml naming a file
 * that is not there, and the folder equal to A or B or reported unfinished by `--check` (exit 1); then the next
 * run leaves exactly B and `--check` says up to date. Any miss is listed and the script exits 1. Run by .ci/run,
 * not by npm test (it takes minutes).
 *
 *   npm run faults [-- --kills 50 --timed 10 --races 20 --full 8 --components 500 --seed 1]
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readComponentsFolder } from '../../src/cli/read-folder';
import { main } from '../../src/cli/run';
import { compile } from '../../src/compile';
import { OutputFile } from '../../src/output/output-file';
import { diffFolder, FileSystem, readJournal, STATE_FOLDER, syncFolder, WriteFailure } from '../../src/output/write';
import { prng, writeFleet } from '../bench/fleet';
import { snapshotFolder } from '../helpers';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const KILLS = arg('kills', 50);
const TIMED = arg('timed', 10);
const RACES = arg('races', 20);
const FULL = arg('full', 8);
const COMPONENTS = arg('components', 500);
const random = prng(arg('seed', 1));

const CHILD = path.join(__dirname, 'child.js');
const CLI = path.resolve(__dirname, '..', '..', 'bundle', 'cli.js');
const USER_FILES: Record<string, string> = {
  'README.md': '# our GitOps repository\n',
  '.notes.synth-1.tmp': 'a file of ours that looks like an old temporary file\n',
  'mine/values.yaml': 'ours: true\n',
};

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dcae-faults-'));
const failures: string[] = [];
const fail = (trial: string, what: string) => failures.push(`${trial}: ${what}`);

/** Every file under a folder with its bytes, by relative path; the writer's own folder left out unless `withState`. */
function snapshot(dir: string, withState = false): Record<string, string> {
  const all = snapshotFolder(dir);
  return withState ? all : Object.fromEntries(Object.entries(all).filter(([f]) => !f.startsWith(`${STATE_FOLDER}/`)));
}

/** How a folder's snapshot differs from the expected one, in a few words: the paths extra, missing and changed. */
function difference(now: Record<string, string>, expected: Record<string, string>): string {
  const list = (paths: string[]) => (paths.length > 3 ? `${paths.slice(0, 3).join(', ')} and ${paths.length - 3} more` : paths.join(', '));
  const extra = Object.keys(now)
    .filter((f) => !(f in expected))
    .sort();
  const missing = Object.keys(expected)
    .filter((f) => !(f in now))
    .sort();
  const changed = Object.keys(now)
    .filter((f) => f in expected && now[f] !== expected[f])
    .sort();
  return [
    extra.length > 0 ? `extra: ${list(extra)}` : '',
    missing.length > 0 ? `missing: ${list(missing)}` : '',
    changed.length > 0 ? `changed: ${list(changed)}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

const same = (a: Record<string, string>, b: Record<string, string>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** Input B: A's specs with another image tag each, every tenth removed, and new ones from another seed. */
function makeInputs(): { a: string; b: string; c: string } {
  const a = path.join(work, 'input-a');
  writeFleet(a, COMPONENTS, 7);
  const extra = path.join(work, 'extra');
  writeFleet(extra, Math.ceil(COMPONENTS / 10), 99);
  const variant = (name: string, tag: string) => {
    const dir = path.join(work, name);
    fs.mkdirSync(dir);
    const files = fs.readdirSync(a).sort();
    files.forEach((f, i) => {
      if (i % 10 === 3 && f !== 'platform.yaml') return;
      fs.writeFileSync(path.join(dir, f), fs.readFileSync(path.join(a, f), 'utf8').replace(/^image: (.*)$/m, `image: $1-${tag}`));
    });
    for (const f of fs.readdirSync(extra).filter((n) => n !== 'platform.yaml')) {
      // New components with no NodePort of their own: the fleet's host ports would clash with A's.
      const text = fs
        .readFileSync(path.join(extra, f), 'utf8')
        .replace(/^name: (.*)$/m, `name: $1-new`)
        .replace(/"(\d+)", ":", "\d+"/g, '"$1", ":", "0"')
        .replace(/"(\d+(?:\/tcp|\/udp)?):\d+"/g, '"$1:0"');
      fs.writeFileSync(path.join(dir, `new-${f}`), text.replace(/^image: (.*)$/m, `image: $1-${tag}`));
    }
    return dir;
  };
  return { a, b: variant('input-b', 'b'), c: variant('input-c', 'c') };
}

/** main() in this process: the verification runs (synth and --check), quiet. */
async function runHere(args: string[]): Promise<{ status: number; err: string }> {
  const err: string[] = [];
  const status = await main(['--quiet', ...args], { out: () => undefined, err: (s) => err.push(s) }, { cwd: work, env: {} });
  return { status, err: err.join('\n') };
}

/** What a finished run of an input writes (compiled once, in this process). */
function desiredOf(input: string): readonly OutputFile[] {
  const result = compile(readComponentsFolder(input, work));
  if (result.diagnostics.length > 0) throw new Error(`${input} does not compile`);
  return result.files;
}

/** How many trials check with the real CLI (in this process); the rest check through the writer itself, which is faster. */
const REAL_CHECKS = 3;
let realChecks = 0;

/** The reference folders: what a finished run of each input leaves (with the user's files). */
async function reference(input: string, name: string): Promise<Record<string, string>> {
  const r = await runHere(['--components', input, '--out', name]);
  if (r.status !== 0) throw new Error(`reference run for ${input} failed:\n${r.err}`);
  return { ...snapshot(path.join(work, name)), ...USER_FILES };
}

/** A fresh output folder holding A's output and the user's files. */
function prepare(out: string, refA: Record<string, string>): void {
  fs.rmSync(out, { recursive: true, force: true });
  for (const [f, text] of Object.entries(refA)) {
    fs.mkdirSync(path.dirname(path.join(out, f)), { recursive: true });
    fs.writeFileSync(path.join(out, f), text);
  }
}

/** What must hold after any fault: whole files, the user's files, no dangling kustomization entry; A, B or unfinished. */
async function checkAfterFault(
  trial: string,
  out: string,
  input: string,
  refs: Array<Record<string, string>>,
  names: string[],
): Promise<void> {
  const now = snapshot(out);
  for (const [f, text] of Object.entries(USER_FILES)) if (now[f] !== text) fail(trial, `the user's file ${f} was changed or removed`);
  for (const [f, text] of Object.entries(now)) {
    if (f in USER_FILES) continue;
    if (!refs.some((r) => r[f] === text)) fail(trial, `${f} is not whole (neither ${names.join(' nor ')}'s bytes)`);
    if (path.posix.basename(f) === 'kustomization.yaml') {
      for (const line of text.split('\n').filter((l) => l.startsWith('  - ') || l.startsWith('- '))) {
        const listed = path.posix.join(path.posix.dirname(f), line.replace(/^\s*- /, ''));
        if (!(listed in now)) fail(trial, `${f} lists ${listed}, which is not there`);
      }
    }
  }
  if (!refs.some((r) => same(now, r))) {
    // What --check reports: an unfinished run (its journal), exit 1.
    if (readJournal(out) === undefined)
      fail(trial, `the folder is neither ${names.join(' nor ')}, and no journal says the last run did not finish`);
    if (realChecks < REAL_CHECKS) {
      realChecks++;
      const check = await runHere(['--components', input, '--out', path.relative(work, out), '--check']);
      if (check.status !== 1 || !/did not finish/.test(check.err))
        fail(
          trial,
          `the folder is neither ${names.join(' nor ')}, and --check did not say the last run did not finish (exit ${check.status})`,
        );
    }
  }
}

/** The next run into the folder leaves exactly B, and a check then finds it up to date (the first few through the real CLI). */
let realRecoveries = 0;
async function checkRecovery(
  trial: string,
  out: string,
  input: string,
  refB: Record<string, string>,
  filesB: readonly OutputFile[],
): Promise<void> {
  const rel = path.relative(work, out);
  if (realRecoveries < REAL_CHECKS) {
    realRecoveries++;
    const again = await runHere(['--components', input, '--out', rel]);
    if (again.status !== 0) {
      fail(trial, `the next run failed (exit ${again.status}): ${again.err}`);
      return;
    }
    const check = await runHere(['--components', input, '--out', rel, '--check']);
    if (check.status !== 0) fail(trial, `--check after the next run: exit ${check.status}`);
  } else {
    syncFolder(out, filesB);
    if (readJournal(out) !== undefined || diffFolder(out, filesB).length > 0) fail(trial, 'a check after the next run finds differences');
  }
  const left = snapshot(out, true);
  if (!same(left, refB)) fail(trial, `the next run did not leave exactly B (${difference(left, refB)})`);
}

/** Runs the CLI child (counting or killing itself at a change), or the plain CLI; resolves to its exit code or signal. */
function start(args: string[], env: Record<string, string> = {}, script = CHILD): { done: Promise<string>; kill(): void } {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: work,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  let err = '';
  child.stderr.on('data', (d) => (err += String(d)));
  const done = new Promise<string>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? `exit ${code}${code ? `: ${err.trim()}` : ''}`)),
  );
  return { done, kill: () => child.kill('SIGKILL') };
}

async function kills(
  inputs: { b: string },
  refA: Record<string, string>,
  refB: Record<string, string>,
  filesB: readonly OutputFile[],
): Promise<void> {
  const out = path.join(work, 'out-kill');
  prepare(out, refA);
  const counted = spawnSync(process.execPath, [CHILD, '--components', inputs.b, '--out', out, '--quiet'], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, FAULT_AT: '0' },
  });
  const calls = Number(/calls (\d+)/.exec(counted.stderr)?.[1]);
  if (!(calls > 0)) throw new Error(`could not count the run's file-system changes:\n${counted.stderr}`);
  console.log(`kill -9: a run from A to B makes ${calls} file-system changes; ${KILLS} trials at random ones, ${TIMED} at random moments`);
  for (let t = 0; t < KILLS + TIMED; t++) {
    prepare(out, refA);
    const timed = t >= KILLS;
    const at = timed ? 0 : 1 + Math.floor(random() * calls);
    const run = start(['--components', inputs.b, '--out', out, '--quiet'], timed ? { FAULT_AT: '-1' } : { FAULT_AT: String(at) });
    if (timed) setTimeout(run.kill, Math.floor(random() * 2500));
    const how = await run.done;
    const trial = timed ? `kill at a random moment #${t - KILLS + 1} (${how})` : `kill -9 before change ${at} of ${calls}`;
    if (how !== 'SIGKILL' && how !== 'exit 0') fail(trial, `the run ended with ${how}`);
    await checkAfterFault(trial, out, inputs.b, [refA, refB], ['A', 'B']);
    await checkRecovery(trial, out, inputs.b, refB, filesB);
  }
}

async function races(
  inputs: { b: string; c: string },
  refA: Record<string, string>,
  refB: Record<string, string>,
  refC: Record<string, string>,
  filesB: readonly OutputFile[],
  filesC: readonly OutputFile[],
): Promise<void> {
  const out = path.join(work, 'out-race');
  console.log(`two runs at once: ${RACES} trials, B and C started together on a folder holding A`);
  let refused = 0;
  for (let t = 0; t < RACES; t++) {
    prepare(out, refA);
    const first = start(['--components', inputs.b, '--out', out, '--quiet'], {}, CLI);
    await new Promise((r) => setTimeout(r, Math.floor(random() * 150)));
    const second = start(['--components', inputs.c, '--out', out, '--quiet'], {}, CLI);
    const [b, c] = await Promise.all([first.done, second.done]);
    const trial = `race #${t + 1} (B: ${b.split('\n')[0]}; C: ${c.split('\n')[0]})`;
    for (const how of [b, c]) if (how !== 'exit 0' && !/being written by another run/.test(how)) fail(trial, `a run ended with ${how}`);
    if (b !== 'exit 0' && c !== 'exit 0') fail(trial, 'neither run wrote the folder');
    if (b !== 'exit 0' || c !== 'exit 0') refused++;
    const now = snapshot(out, true);
    if (!same(now, refB) && !same(now, refC)) fail(trial, 'the folder is neither B nor C after both runs ended');
    if (readJournal(out) !== undefined) fail(trial, 'a journal is left after both runs ended');
    // Exactly one of the inputs is now up to date.
    const winner = same(now, refB) ? filesB : filesC;
    if (diffFolder(out, winner).length > 0) fail(trial, 'a check with the input that won finds differences');
  }
  console.log(`  ${refused} of ${RACES} trials had a run refused by the lock (the others ran one after the other)`);
}

/** Mounts a tmpfs of `size` at `dir`; false when this machine does not allow it. */
function mountTmpfs(dir: string, size: string): boolean {
  fs.mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status === 0;
}

async function diskFull(
  inputs: { b: string },
  refA: Record<string, string>,
  refB: Record<string, string>,
  filesB: readonly OutputFile[],
): Promise<void> {
  const mount = path.join(work, 'full');
  const bytes = (ref: Record<string, string>) => Object.values(ref).reduce((n, t) => n + Buffer.byteLength(t) + 4096, 0);
  const size = bytes(refA) + bytes(refB) + 4 * 1024 * 1024;
  if (!mountTmpfs(mount, String(size))) {
    console.log('disk full: this machine does not let the suite mount a tmpfs; the trials inject ENOSPC through the writer instead');
    return diskFullInjected(inputs, refA, refB, filesB);
  }
  console.log(`disk full: ${FULL} trials on a tmpfs of ${size} bytes, filled to a random point of the run`);
  try {
    const out = path.join(mount, 'out');
    for (let t = 0; t < FULL; t++) {
      prepare(out, refA);
      // Ballast: leave room for a random part of what the run writes.
      const free = Number(spawnSync('df', ['--output=avail', '-B1', mount], { encoding: 'utf8' }).stdout.split('\n')[1]);
      const room = Math.floor(random() * bytes(refB));
      const ballast = path.join(mount, 'ballast');
      spawnSync('fallocate', ['-l', String(Math.max(0, free - room)), ballast]);
      const r = await runHere(['--components', inputs.b, '--out', path.relative(work, out)]);
      const trial = `disk full with ${room} bytes free`;
      if (r.status !== 74 && r.status !== 0) fail(trial, `exit ${r.status}, expected 74 (or 0 when it fitted): ${r.err}`);
      if (r.status === 74 && !/^error: writing \S+ failed: ENOSPC/.test(r.err))
        fail(trial, `the message does not name the file and the cause: ${r.err}`);
      await checkAfterFault(trial, out, inputs.b, [refA, refB], ['A', 'B']);
      fs.rmSync(ballast, { force: true });
      await checkRecovery(trial, out, inputs.b, refB, filesB);
    }
  } finally {
    spawnSync('umount', [mount]);
  }
}

/** Disk full through the writer's file-system interface: writes fail with ENOSPC after a random number of bytes. */
async function diskFullInjected(
  inputs: { b: string },
  refA: Record<string, string>,
  refB: Record<string, string>,
  filesB: readonly OutputFile[],
): Promise<void> {
  const out = path.join(work, 'out-full');
  for (let t = 0; t < FULL; t++) {
    prepare(out, refA);
    let room = Math.floor(random() * Object.values(refB).reduce((n, s) => n + s.length, 0));
    const full: FileSystem = {
      ...fs,
      writeSync: ((fd: number, data: string) => {
        room -= data.length;
        if (room < 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        return fs.writeSync(fd, data);
      }) as typeof fs.writeSync,
    };
    const trial = `injected disk full #${t + 1}`;
    try {
      syncFolder(out, filesB, full);
    } catch (e) {
      if (!(e instanceof WriteFailure)) fail(trial, `not a WriteFailure: ${(e as Error).message}`);
    }
    await checkAfterFault(trial, out, inputs.b, [refA, refB], ['A', 'B']);
    await checkRecovery(trial, out, inputs.b, refB, filesB);
  }
}

async function suite(): Promise<void> {
  const started = Date.now();
  const inputs = makeInputs();
  const refA = await reference(inputs.a, 'ref-a');
  const refB = await reference(inputs.b, 'ref-b');
  const refC = await reference(inputs.c, 'ref-c');
  console.log(
    `faults: ${COMPONENTS} components; A ${Object.keys(refA).length} files, B ${Object.keys(refB).length}, C ${Object.keys(refC).length}`,
  );
  const filesB = desiredOf(inputs.b);
  const filesC = desiredOf(inputs.c);
  await kills(inputs, refA, refB, filesB);
  await races(inputs, refA, refB, refC, filesB, filesC);
  await diskFull(inputs, refA, refB, filesB);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (failures.length > 0) {
    console.log(`faults: ${failures.length} problems in ${seconds} s:`);
    for (const f of failures) console.log(`  ${f}`);
    process.exitCode = 1;
  } else {
    console.log(
      `faults: every trial held (0 folders neither A nor B without --check saying so, 0 user files lost, 0 dangling kustomization entries, 0 hangs, 0 crashes) in ${seconds} s`,
    );
  }
}

suite()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(work, { recursive: true, force: true }));
