/**
 * `npm run fuzz`: the input-side fuzzer (test/fuzz/fuzz.ts) for as long as you like. Prints each finding with
 * the case that makes it, and how to run that case again; exits 1 when there is any.
 *
 *   npm run fuzz [-- --cases 5000 --seed 42]
 *   npm run fuzz -- --seed 42 --case 1234        (one case again, with its messages)
 */
import { loadSeeds, makeCase, MAX_CASE_MS, MAX_LINE, runCase } from './fuzz';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const number = (name: string, fallback: number): number => {
  const v = arg(name);
  if (v === undefined) return fallback;
  if (!/^[0-9]+$/.test(v)) {
    console.error(`--${name} "${v}" is not a whole number`);
    process.exit(2);
  }
  return Number(v);
};

function main(): number {
  const seed = number('seed', 1);
  const seeds = loadSeeds();
  const single = arg('case');
  if (single !== undefined) {
    const c = makeCase(seed, number('case', 0), seeds);
    const r = runCase(c);
    console.log(
      `case ${c.id} of seed ${seed}: ${c.steps.join(' + ')} (${r.ms.toFixed(0)} ms, ${r.compiled ? 'compiled' : `${r.lines.length} messages`})`,
    );
    for (const line of r.lines) console.log(`  ${line.length > 400 ? `${line.slice(0, 400)}...` : line}`);
    for (const f of r.findings) console.log(`FINDING: ${f.problem}`);
    return r.findings.length > 0 ? 1 : 0;
  }
  const cases = number('cases', 1000);
  console.log(
    `fuzzing ${cases} cases from seed ${seed} (${seeds.specs.length} seed files; limits: ${MAX_LINE} characters a line, ${MAX_CASE_MS} ms a case)`,
  );
  let findings = 0;
  let compiled = 0;
  let slowest = { ms: 0, id: -1 };
  let longest = { length: 0, id: -1 };
  const started = Date.now();
  for (let id = 0; id < cases; id++) {
    const r = runCase(makeCase(seed, id, seeds));
    if (r.compiled) compiled += 1;
    if (r.ms > slowest.ms) slowest = { ms: r.ms, id };
    for (const line of r.lines) if (line.length > longest.length) longest = { length: line.length, id };
    for (const f of r.findings) {
      findings += 1;
      console.log(`case ${f.id} (${f.steps}): ${f.problem}\n  again: npm run fuzz -- --seed ${seed} --case ${f.id}`);
    }
    if ((id + 1) % 500 === 0) console.log(`  ${id + 1} cases, ${findings} findings, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  console.log(
    `${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s: ${compiled} compiled, ${cases - compiled} refused; ` +
      `slowest case ${slowest.id} (${slowest.ms.toFixed(0)} ms), longest line ${longest.length} characters (case ${longest.id}); ${findings} findings`,
  );
  return findings > 0 ? 1 : 0;
}

process.exitCode = main();
