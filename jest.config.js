// Jest runs the TypeScript tests as ES modules (@actions/* v3 and client-node 2.x are ESM-only).
// `unit` needs nothing but Node; `integration` talks to the real test bed (started by globalSetup);
// `render` draws every mermaid block Dial writes with several mermaid versions in Debian's chromium.
const esm = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }] },
};

export default {
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/reporters/closing-line.cjs'],
  projects: [
    { ...esm, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...esm, displayName: 'action', testMatch: ['<rootDir>/test/action/**/*.test.ts'] },
    { ...esm, displayName: 'render', testMatch: ['<rootDir>/test/render/**/*.test.ts'] },
    {
      ...esm,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      // Reuses a bed that `npm run testbed -- up` started, or starts one for the run and stops it after.
      globalSetup: '<rootDir>/test/integration/global-setup.mjs',
      globalTeardown: '<rootDir>/test/integration/global-teardown.mjs',
    },
  ],
};
