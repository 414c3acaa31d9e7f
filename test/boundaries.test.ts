/**
 * The layers of src/ and what each may import, and no import cycle anywhere. Data flows one way: files are
 * parsed and checked (input), built into constructs (constructs), serialised and written (output); the contract
 * (names, defaults, limits) is shared by both sides and imports nothing; the CLI and the cdk8s app are the edges.
 */
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.resolve(__dirname, '..', 'src');

/** Every .ts file under a folder, sorted. */
function tsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
    })
    .sort();
}

/** The module specifiers a file imports, re-exports or requires (type-only imports too: a cycle of types is still a tangle). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^;]*?from\s+'([^']+)'|require\('([^']+)'\)|import\('([^']+)'\)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3],
  );
}

/** The src file a relative specifier names, or undefined (a generated module that the build makes). */
function resolveLocal(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((f) => /\.(ts|json)$/.test(f) && fs.existsSync(f));
}

/** The layer of a src file: its first folder, or the top-level module's name. */
function layerOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length > 1 ? rel[0] : rel[0].replace(/\.ts$/, '');
}

/** What each layer may import: layers of src, and packages (a package matches itself and its sub-paths). */
const ALLOWED: Record<string, { layers: string[]; packages: string[] }> = {
  contract: { layers: ['contract'], packages: [] },
  constructs: { layers: ['constructs', 'contract'], packages: ['cdk8s', 'cdk8s-plus-27', 'constructs', 'crypto'] },
  input: { layers: ['input', 'contract'], packages: ['yaml', 'ajv', 'path', 'crypto', 'net'] },
  output: {
    layers: ['output', 'input', 'constructs', 'contract'],
    packages: [
      'yaml',
      'cdk8s',
      'diff',
      'crypto',
      'fs',
      'os',
      'path',
      'worker_threads',
      'kubernetes-models',
      '@kubernetes-models/cert-manager',
    ],
  },
  compile: { layers: ['compile', 'input', 'output', 'contract'], packages: [] },
  cli: {
    layers: ['cli', 'compile', 'input', 'output', 'contract'],
    packages: ['crypto', 'fs', 'module', 'os', 'path', 'util', 'v8', 'vm', 'worker_threads'],
  },
  'cdk8s-app': { layers: ['cdk8s-app', 'cli', 'compile', 'input', 'output', 'contract'], packages: ['fs', 'path'] },
  index: { layers: ['index', 'compile', 'constructs', 'input', 'output', 'contract'], packages: [] },
};

const FILES = tsFiles(SRC);

describe('GIVEN every module of src/', () => {
  test('WHEN its layer is looked up THEN every layer is one of the known ones (a new folder needs its rule here)', () => {
    expect([...new Set(FILES.map(layerOf))].filter((l) => !ALLOWED[l])).toEqual([]);
    expect(new Set(FILES.map(layerOf)).size).toBe(Object.keys(ALLOWED).length);
  });

  test('WHEN its imports are read THEN each goes to a layer or a package that its layer may use', () => {
    const broken: string[] = [];
    for (const file of FILES) {
      const rule = ALLOWED[layerOf(file)];
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) {
          const target = resolveLocal(file, spec);
          // Generated validators exist only in the build; they belong to the folder that requires them.
          if (target === undefined && /\/generated\//.test(spec)) continue;
          if (target === undefined || !rule.layers.includes(layerOf(target))) broken.push(`${path.relative(SRC, file)}: ${spec}`);
        } else if (!rule.packages.some((p) => spec === p || spec.startsWith(`${p}/`))) {
          broken.push(`${path.relative(SRC, file)}: package ${spec}`);
        }
      }
    }
    expect(FILES.length).toBeGreaterThan(60);
    expect(broken).toEqual([]);
  });

  test('WHEN the imports between modules are followed THEN no module reaches itself again (no cycle)', () => {
    const graph = new Map(
      FILES.map((f) => [
        f,
        importsOf(f)
          .filter((s) => s.startsWith('.'))
          .map((s) => resolveLocal(f, s))
          .filter((t): t is string => t !== undefined && t.endsWith('.ts')),
      ]),
    );
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const t of graph.get(f) ?? []) {
        if (state.get(t) === 'open') cycles.push([...stack.slice(stack.indexOf(t)), t].map((x) => path.relative(SRC, x)).join(' -> '));
        else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of FILES) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  test('WHEN the cycle check is given a made-up cycle THEN it finds it (the check itself can fail)', () => {
    const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'dcae-cycle-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\nexport const a = 1;\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "import type { a } from './a';\nexport const b = 2;\n");
      expect(importsOf(path.join(dir, 'a.ts'))).toEqual(['./b']);
      expect(resolveLocal(path.join(dir, 'b.ts'), './a')).toBe(path.join(dir, 'a.ts'));
      expect(importsOf(path.join(dir, 'b.ts'))).toEqual(['./a']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
