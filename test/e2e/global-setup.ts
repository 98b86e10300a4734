import 'reflect-metadata';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDatabasePool, dropDatabase } from '../../server/adapters/mariadb.js';
import { createPrisma } from '../../server/adapters/prisma.js';
import { connectRedis } from '../../server/adapters/redis.js';
import { applyMigrations } from '../../server/jobs/migrate.js';
import { importOpenFlights } from '../../server/jobs/openflights/import.js';
import { PROJECT_ROOT } from '../../server/paths.js';
import { silentLogger } from '../support/environment.js';
import { E2E_DATABASE, e2eConfig } from './environment.js';

/**
 * The production build of the web app (built once: skipped when no source changed since the last
 * build, e.g. by `npm start`), and a fresh, imported database of its own for the e2e server.
 */
export default async function setup(): Promise<void> {
  // `npm test` has built it already; a direct `vitest run --project e2e` may not have.
  const { buildWebAppIfStale } = (await import(pathToFileURL(join(PROJECT_ROOT, 'scripts/web-build-if-stale.mjs')).href)) as { buildWebAppIfStale(): boolean };
  buildWebAppIfStale();
  const config = e2eConfig();
  await dropDatabase(config.database);
  // Radio leases, sessions and rate windows of an earlier run would skew this one.
  const redis = await connectRedis(config.redisUrl, silentLogger);
  await redis.flushdb();
  redis.disconnect();
  await applyMigrations(config.database, silentLogger);
  const database = createDatabasePool(config.database);
  const prisma = createPrisma(database);
  try {
    await importOpenFlights(prisma, config.openflights);
  } finally {
    await prisma.$disconnect();
    await database.dispose();
  }
  silentLogger.info({ database: E2E_DATABASE }, 'e2e database ready');
}
