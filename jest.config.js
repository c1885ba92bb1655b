/**
 * Three tiers (see README "Tests"):
 *   unit         *.spec.ts beside the code, and test/unit/*.spec.ts for the repository's files: no services
 *   integration  test/integration/*.integration-spec.ts: real PostgreSQL and Redis
 *   e2e          test/e2e/*.e2e-spec.ts: api and worker over HTTP and SMTP
 * NestJS 12 ships ES modules only, so jest runs in ESM mode (NODE_OPTIONS=--experimental-vm-modules)
 * and @swc/jest compiles TypeScript with decorator metadata.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
      keepClassNames: true,
      experimental: { keepImportAttributes: true },
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^#([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^#([a-z-]+)/(.*)\\.js$': '<rootDir>/libs/$1/src/$2.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

export default {
  // One test file at a time (the e2e files each start an api, a worker and an SMTP server; two
  // at once on two cores would race their timers), each in a worker process that is replaced once
  // it holds more than 1.5 GB after a file. In ESM mode (vm modules) every file's module graph
  // stays reachable in the process that ran it: in band, jest's main process grew to its 4 GB heap
  // limit after ~30 minutes and aborted the run (CI, 2026-12-04). A memory limit makes jest use
  // workers even with one of them.
  maxWorkers: 1,
  workerIdleMemoryLimit: '1.5GB',
  // A handle a failed test leaves open (a child process, a reconnecting client) would keep the
  // run from ever ending; on CI the run ends with its report instead. Locally it still waits,
  // which is how such a leak gets noticed (jest names it: "did not exit one second after the
  // test run").
  forceExit: process.env.CI === 'true',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.integration-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeout.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-timeout.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      // real Chromium over the whole system: test/support/browser.ts sets a generous timeout
      testTimeout: 240_000,
      globalSetup: '<rootDir>/test/support/browser-global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
  ],
};
