import { resolve } from 'node:path';
import { loadConfig, type Config } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { PROJECT_ROOT } from '../../server/paths.js';

/** The shared OpenFlights snapshot beside the project (CI lays shared/ next to the clone). */
export const OPENFLIGHTS_DIR = process.env.OPENFLIGHTS_DIR ?? resolve(PROJECT_ROOT, '../shared/data/openflights');

const mariadbBase = process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
const redisBase = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Overridable so that two checkouts can run their integration tests side by side. */
export const TEST_DATABASE = process.env.TEST_DATABASE ?? 'aero_melody_test';
export const TEST_REDIS_URL = `${redisBase}/${process.env.TEST_REDIS_DB ?? '14'}`;

/** Test runs use their own database and Redis DB index, never the development ones. */
export function testConfig(overrides: Record<string, string> = {}, database = TEST_DATABASE): Readonly<Config> {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: `${mariadbBase}/${database}`,
    REDIS_URL: TEST_REDIS_URL,
    OPENFLIGHTS_DIR,
    LOG_LEVEL: 'silent',
    PORT: '0',
    // Tests send thousands of requests from one address; the limit has its own test.
    RATE_LIMIT_PER_MINUTE: '0',
    // Integration tests talk to the API only; the e2e project turns the web app on.
    WEB_APP: 'off',
    // A DuckDB file has one writer: every test server gets its own store (tests that need a file pass one).
    ANALYTICS_DB_PATH: ':memory:',
    ...overrides,
  });
}

export const silentLogger = createLogger('silent');
