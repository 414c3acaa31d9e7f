/** npm test type-checks the whole project with tsc first, so ts-jest only transpiles here. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  // Jest's transform cache, kept in the (git-ignored) build folder rather than in the system temporary folder,
  // so that a test run leaves nothing in TMPDIR.
  cacheDirectory: '<rootDir>/build/jest-cache',
};
