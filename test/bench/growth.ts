/**
 * Inputs that grow: one spec with many entries of one shape, at two sizes. Reading, parsing and checking
 * must grow linearly with the entries (twenty times the entries: about twenty times as long; quadratic work
 * would take about 400 times). `npm run bench` times them against its threshold; the tests only check that
 * the large inputs load with the right diagnostics (a test never asserts a time).
 */
import { InputFile, loadProject } from '../../src/input/project';

/** One shape of input at a size, and how many errors it must give. */
export interface GrowthCase {
  readonly title: string;
  readonly make: (n: number) => InputFile[];
  readonly errors: (n: number) => number;
}

const YAML_FILE = 'components/c.yaml';
const HEAD = 'name: comp\nimage: repo/comp:1.0\n';

const env = (n: number, line: (i: number) => string): InputFile[] => [
  { name: YAML_FILE, text: `${HEAD}env:\n${Array.from({ length: n }, (_, i) => line(i)).join('\n')}\n` },
];

/**
 * A DCAE spec (format v1, whose parameters need only name, value and description, so that 20 000 fit in the
 * 1 MiB input limit) with `n` distinct parameters: the format wants them unique, and the check hashes them.
 */
function dcaeParameters(n: number): InputFile[] {
  const spec = {
    self: { version: '1.0.0', name: 'growth', description: 'many parameters', component_type: 'docker' },
    streams: { publishes: [], subscribes: [] },
    services: { calls: [], provides: [] },
    parameters: Array.from({ length: n }, (_, i) => ({ name: `p${i}`, value: i, description: 'd' })),
    auxilary: { healthcheck: { type: 'http', endpoint: '/health' }, ports: ['8080:0'] },
    artifacts: [{ type: 'docker image', uri: 'repo/growth:1.0.0' }],
  };
  return [{ name: 'components/c.json', text: JSON.stringify(spec) }];
}

/** The shapes, each with the errors it gives at `n` entries. */
export const GROWTH_CASES: readonly GrowthCase[] = [
  { title: 'env entries', make: (n) => env(n, (i) => `  VAR_${i}: value${i}`), errors: () => 0 },
  { title: 'env entries with numbers (read again as written)', make: (n) => env(n, (i) => `  VAR_${i}: ${i}.10`), errors: () => 0 },
  { title: 'env names that are all wrong (one error each)', make: (n) => env(n, (i) => `  ${i}bad: x`), errors: (n) => n },
  { title: 'duplicate env names (one error each)', make: (n) => env(n, (i) => `  VAR_${i % (n / 2)}: x`), errors: (n) => n / 2 },
  { title: 'YAML errors (one each)', make: (n) => env(n, (i) => `  VAR_${i}: @x`), errors: (n) => n },
  { title: 'DCAE parameters (the format wants them unique)', make: dcaeParameters, errors: () => 0 },
];

/** The sizes compared, and the largest ratio of their times that still counts as linear. */
export const GROWTH = { small: 1000, large: 20000, maxRatio: 60 } as const;

/** Seconds that loading takes, once. */
function seconds(components: InputFile[]): number {
  const t0 = process.hrtime.bigint();
  loadProject({ components });
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Rounds of each shape: the sizes take turns, so that each is timed in the same state of the heap and the JIT. */
const ROUNDS = 4;

/** Times every shape at both sizes; prints a line each; returns the shapes above the threshold. */
export function benchGrowth(log: (line: string) => void): {
  rows: Array<{ title: string; small: number; large: number; ratio: number }>;
  failed: string[];
} {
  log(`\none spec of ${GROWTH.small} vs ${GROWTH.large} entries (parse and check; at most ${GROWTH.maxRatio}x)`);
  const rows = GROWTH_CASES.map((c) => {
    const [smallInput, largeInput] = [c.make(GROWTH.small), c.make(GROWTH.large)];
    seconds(c.make(200)); // warm up
    // Each size keeps its fastest round. A single run of the large size (as timed before) also measured the JIT
    // still warming up: once parsing took about 1 microsecond per entry, that alone was a third of the ratio.
    let [small, large] = [Infinity, Infinity];
    for (let round = 0; round < ROUNDS; round++) {
      small = Math.min(small, seconds(smallInput));
      large = Math.min(large, seconds(largeInput));
    }
    const ratio = large / small;
    log(
      `${ratio.toFixed(1).padStart(7)}x  ${small.toFixed(4)} s vs ${large.toFixed(3)} s  ${c.title}${ratio > GROWTH.maxRatio ? '  ABOVE THE THRESHOLD' : ''}`,
    );
    return { title: c.title, small, large, ratio };
  });
  return { rows, failed: rows.filter((r) => r.ratio > GROWTH.maxRatio).map((r) => r.title) };
}
