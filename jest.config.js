/** npm test type-checks the whole project with tsc first, so jest only strips types here (with esbuild). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The run's temporary files (its own, and the folders cdk8s's Testing makes) go to a folder removed after it.
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  transform: { '^.+\\.ts$': '<rootDir>/test/esbuild-transform.js' },
  // Jest's transform cache, kept in the (git-ignored) build folder rather than in the system temporary folder,
  // so that a test run leaves nothing in TMPDIR.
  cacheDirectory: '<rootDir>/build/jest-cache',
  // Most CLI runs are awaited in-process calls of main(), which a timeout can interrupt (a spawnSync could not):
  // leave room for a test with several runs of 200 components on a busy two-core machine.
  testTimeout: 30_000,
  // Jest's default is one worker fewer than the cores: one on a two-core machine. Many tests wait on child
  // processes (the real CLI, cdk8s, kubectl, helm), so two workers keep both cores busy (measured: 77 s -> 45 s).
  maxWorkers: 2,
  // The tests run src/ through the validators the build precompiled, as the shipped CLI does (npm test builds first).
  moduleNameMapper: {
    '^\\./generated/validators$': '<rootDir>/build/src/input/generated/validators.js',
    '^\\./generated/dcae-validators$': '<rootDir>/build/src/input/dcae/generated/dcae-validators.js',
  },
  // Coverage, only with --coverage (`npm run coverage`; it slows the suite, so `npm test` leaves it out): the
  // in-process tests over src/, mapped back to the TypeScript through the transform's source maps. What stays
  // uncovered is listed, with why, in the architecture notes; the run fails below these figures.
  collectCoverageFrom: ['src/**/*.ts'],
  coverageDirectory: '<rootDir>/build/coverage',
  coverageReporters: ['text', 'text-summary', 'json-summary'],
  coverageThreshold: { global: { branches: 90, lines: 97 } },
};
