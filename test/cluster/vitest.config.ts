import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/** `npm run test:cluster`: its own run, after the main tests (it starts HAProxy, three servers, a worker and Prometheus). */
export default defineConfig({
  root: resolve(import.meta.dirname, '../..'),
  resolve: {
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    setupFiles: ['reflect-metadata'],
    include: ['test/cluster/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 900_000,
  },
});
