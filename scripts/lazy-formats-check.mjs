// Checks the stand-ins of scripts/kubernetes-formats-lazy.cjs against the modules they stand for, as
// @kubernetes-models/validate loads them (scripts/build.mjs refuses to build when anything differs, so that an
// upgrade cannot drop or change a format unnoticed).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);

/** What each value is, as the check compares it: a function, a regular expression, or its type. */
const kind = (value) => (value instanceof RegExp ? 'RegExp' : typeof value);

/**
 * What differs between the stand-ins (`lazy`: the exports of scripts/kubernetes-formats-lazy.cjs) and the real
 * modules: the same files as @kubernetes-models/validate loads, the same names in the same order, of the same
 * kinds, and every value that is not a function the module's own. Empty when they match.
 */
export function lazyFormatProblems(lazy) {
  // formats.js sits beside the package's main file, dist/index.js.
  const from = dirname(require.resolve('@kubernetes-models/validate'));
  const problems = [];
  for (const [name, id, stand] of [
    ['ajv-formats-draft2019', 'ajv-formats-draft2019/formats/index.js', lazy.draft2019],
    ['is-cidr', 'is-cidr', lazy.isCidr],
  ]) {
    const file = require.resolve(id, { paths: [from] });
    if (file !== require.resolve(id)) problems.push(`${name}: @kubernetes-models/validate loads another copy (${file}) than scripts/ does`);
    const real = require(file);
    const shape = (o) => [kind(o), ...Object.keys(o ?? {}).map((k) => `${k}:${kind(o[k])}`)].join(' ');
    if (shape(real) !== shape(stand)) problems.push(`${name}: the module has ${shape(real)}; the stand-in has ${shape(stand)}`);
    for (const k of Object.keys(real))
      if (typeof real[k] !== 'function' && stand?.[k] !== real[k]) problems.push(`${name}: ${k} is not the module's own value`);
  }
  return problems;
}
