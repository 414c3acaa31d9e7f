/**
 * Jest's transform for TypeScript: esbuild strips the types of each file alone (as tsconfig's isolatedModules
 * allows), far faster than ts-jest on a cold cache. `npm test` type-checks everything with tsc first.
 * Two things are made as tsc makes them: modules are strict, and exports can be redefined (so that
 * jest.spyOn can replace a module's function, as tsc's plain `exports.x = x` allows).
 *
 * Coverage (`npm run coverage`): jest instruments the code this returns and maps it back to the TypeScript
 * through the source map returned with it. esbuild puts its CommonJS helpers (`__export`, `__copyProps`,
 * `__toESM`...) at the top of every module; they are not the project's code, and their branches (half of
 * which no module ever takes) would be counted against each file (as uncovered branches on lines 11-13 of every
 * module). Each is marked `istanbul ignore next` at the start of its line: the source map maps none of those
 * lines, so it stays right.
 */
const { createHash } = require('crypto');
const fs = require('fs');
const { transformSync } = require('esbuild');

/** This file's own text: part of the cache key, so that a change here is not hidden by jest's transform cache. */
const SELF = fs.readFileSync(__filename, 'utf8');

/** esbuild's helpers: one `var __name = ...` statement each, at the start of a line, before the module's code. */
const HELPER = /^var __\w+ = /gm;

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: 'ts', format: 'cjs', target: 'node20', sourcemap: 'external', sourcefile: filename, banner: '"use strict";',
    });
    const redefinable = code
      .replace('{ get: all[name], enumerable: true }', '{ get: all[name], enumerable: true, configurable: true }')
      .replace('{ get: () => from[key], enumerable:', '{ get: () => from[key], configurable: true, enumerable:')
      .replace(HELPER, (helper) => `/* istanbul ignore next */ ${helper}`);
    return { code: redefinable, map };
  },

  getCacheKey(source, filename, { configString, instrument }) {
    return createHash('sha1').update(SELF).update('\0').update(source).update('\0').update(filename)
      .update('\0').update(configString).update(instrument ? '\0instrument' : '').digest('hex');
  },
};
