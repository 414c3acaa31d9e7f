// Used by scripts/build.mjs: cdk8s-plus-27's generated `lib/imports/k8s.js` (2.5 MB of source, about 200 KB of
// the minified bundle) defines a class or a `toJson_` function for every Kubernetes type, and the compiler uses a
// handful. esbuild cannot leave out what a CommonJS module does not use, so this reads the module (acorn) and
// keeps only the top-level statements the compiler's uses need: the names the compiled sources read from it
// (`k8s.KubeDeployment`, `k8s.toJson_KubeServiceProps`...), and every type those declarations refer to, over and
// over. A statement that refers to a type left out goes too (`exports.X = X`, `X.GVK = ...`). The build
// fails, rather than leave a name out, when a compiled file takes the module under another name than `k8s`.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const MODULE = 'cdk8s-plus-27/lib/imports/k8s';

/** The compiled files (build/src) that require the module, and what each reads from it. */
export function usedNames(srcDir) {
  const used = new Set();
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js')) {
        const text = readFileSync(p, 'utf8');
        if (!text.includes(`require("${MODULE}")`)) continue;
        const taken = [...text.matchAll(new RegExp(`(?:const|var|let) (\\w+) = [^;]*require\\("${MODULE}"\\)`, 'g'))].map((m) => m[1]);
        if (taken.length !== 1 || taken[0] !== 'k8s')
          throw new Error(
            `${p} takes ${MODULE} as ${taken.join(', ') || 'something else'}; scripts/k8s-imports-used.mjs reads only \`k8s.Name\``,
          );
        for (const m of text.matchAll(/\bk8s\.(\w+)/g)) used.add(m[1]);
      }
    }
  };
  walk(srcDir);
  return used;
}

/**
 * The module's source with only what `used` needs. Its exported names are the types (classes, `toJson_`
 * functions, enums); the rest are helpers (`cdk8s_1`, `JSII_RTTI_SYMBOL_1`, `_a`...), always kept. A statement
 * that declares types is kept when one of them is needed; any other statement when every type it refers to is.
 */
export function trimK8sImports(source, used, root) {
  const { parse } = createRequire(join(root, 'package.json'))('acorn');
  const statements = parse(source, { ecmaVersion: 'latest', sourceType: 'script' }).body;
  const exported = new Set([...source.matchAll(/^exports\.(\w+) = \1;$/gm)].map((m) => m[1]));
  for (const s of statements) if (s.type === 'ExpressionStatement') collectEnumExports(s, exported);
  const declared = statements.map((s) => declaredNames(s).filter((n) => exported.has(n)));
  const refers = statements.map((s) => [...referredNames(s)].filter((n) => exported.has(n)));
  const declarers = new Map();
  statements.forEach((_, i) => declared[i].forEach((n) => declarers.set(n, [...(declarers.get(n) ?? []), i])));
  for (const n of used) if (!declarers.has(n)) throw new Error(`${MODULE} declares no exported ${n}`);
  // The types needed: those used, and every type their declarations refer to, over and over.
  const needed = new Set();
  const queue = [...used];
  while (queue.length > 0) {
    const n = queue.pop();
    if (needed.has(n)) continue;
    needed.add(n);
    for (const i of declarers.get(n) ?? []) queue.push(...refers[i]);
  }
  const kept = statements.filter((s, i) =>
    declared[i].length > 0 ? declared[i].some((n) => needed.has(n)) : !isVoidExports(s) && refers[i].every((n) => needed.has(n)),
  );
  return `"use strict";\n${kept.map((s) => source.slice(s.start, s.end)).join('\n')}\n`;
}

/** The enums: `(function (X) {...})(X || (exports.X = X = {}));` exports X. */
function collectEnumExports(s, exported) {
  const e = s.expression;
  if (e.type !== 'CallExpression' || e.arguments.length !== 1) return;
  const arg = e.arguments[0];
  if (arg.type === 'LogicalExpression' && arg.left.type === 'Identifier') exported.add(arg.left.name);
}

/** `exports.a = exports.b = ... = void 0;`: what TypeScript writes first; left out with the names it lists. */
function isVoidExports(s) {
  if (s.type !== 'ExpressionStatement') return false;
  let e = s.expression;
  while (e.type === 'AssignmentExpression') e = e.right;
  return e.type === 'UnaryExpression' && e.operator === 'void';
}

function declaredNames(s) {
  if ((s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration') && s.id) return [s.id.name];
  if (s.type === 'VariableDeclaration') return s.declarations.filter((d) => d.id.type === 'Identifier').map((d) => d.id.name);
  return [];
}

/** Every identifier a statement reads or writes (property names and object keys aside). */
function referredNames(node) {
  const out = new Set();
  const visit = (n, parent, key) => {
    if (!n || typeof n.type !== 'string') return;
    if (n.type === 'Identifier') {
      const isProperty =
        parent &&
        ((parent.type === 'MemberExpression' && key === 'property' && !parent.computed) ||
          ((parent.type === 'Property' || parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') &&
            key === 'key' &&
            !parent.computed));
      if (!isProperty) out.add(n.name);
      return;
    }
    for (const [k, v] of Object.entries(n)) {
      if (k === 'type' || k === 'start' || k === 'end') continue;
      if (Array.isArray(v)) v.forEach((c) => visit(c, n, k));
      else if (v && typeof v === 'object') visit(v, n, k);
    }
  };
  visit(node, undefined, undefined);
  return out;
}
