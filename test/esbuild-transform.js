/**
 * Jest's transform for TypeScript: esbuild strips the types of each file alone (as tsconfig's isolatedModules
 * allows), far faster than ts-jest on a cold cache. `npm test` type-checks everything with tsc first.
 * Two things are made as tsc makes them: modules are strict, and exports can be redefined (so that
 * jest.spyOn can replace a module's function, as tsc's plain `exports.x = x` allows).
 *
 * Coverage (`npm run coverage`): jest instruments the code this returns and maps it back to the TypeScript
 * through the source map returned with it, which must be an object. Given esbuild's JSON text instead, jest's
 * instrumenter silently ignores it and reports the generated JavaScript: its line numbers, and the branches
 * of esbuild's CommonJS helpers (`__copyProps`...) in every module. Through the map, only the TypeScript counts.
 */
const { createHash } = require('crypto');
const fs = require('fs');
const path = require('path');
const { transformSync } = require('esbuild');

/** This file's own text: part of the cache key, so that a change here is not hidden by jest's transform cache. */
const SELF = fs.readFileSync(path.join(__dirname, 'esbuild-transform.js'), 'utf8');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'external',
      sourcefile: filename,
      banner: '"use strict";',
    });
    const redefinable = code
      .replace('{ get: all[name], enumerable: true }', '{ get: all[name], enumerable: true, configurable: true }')
      .replace('{ get: () => from[key], enumerable:', '{ get: () => from[key], configurable: true, enumerable:');
    return { code: redefinable, map: JSON.parse(map) };
  },

  /** Jest's default key leaves out the transform itself: a change to this file would be served stale output. */
  getCacheKey(source, filename, { configString, instrument }) {
    return createHash('sha1')
      .update(SELF)
      .update('\0')
      .update(source)
      .update('\0')
      .update(filename)
      .update('\0')
      .update(configString)
      .update(instrument ? '\0instrument' : '')
      .digest('hex');
  },
};
