import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build for type-graphql; Vite would pick the .mjs build for our
    // own files, and graphql refuses to mix types from two copies of itself.
    alias: [
      { find: /^graphql$/, replacement: 'graphql/index.js' },
      // sdk/examples import the SDK as partners do; tests run them against the SDK's sources.
      { find: /^@aero-melody\/sdk$/, replacement: fileURLToPath(new URL('./sdk/src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    setupFiles: ['reflect-metadata'],
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          // The fuzz test measures the heap after a forced collection.
          execArgv: ['--expose-gc'],
          // One shared MariaDB database and Redis DB: files run one after another.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Builds the web app when its sources changed (`npm test` did already), prepares the e2e database.
          globalSetup: ['test/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 400_000,
          // Its own group, after the unit tests (the browsers and the server would compete with
          // their workers); vitest runs the one-worker integration project after every group.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
