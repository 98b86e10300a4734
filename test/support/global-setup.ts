import 'reflect-metadata';
import { createDatabasePool, dropDatabase } from '../../server/adapters/mariadb.js';
import { createPrisma } from '../../server/adapters/prisma.js';
import { connectRedis } from '../../server/adapters/redis.js';
import { applyMigrations } from '../../server/jobs/migrate.js';
import { importOpenFlights } from '../../server/jobs/openflights/import.js';
import { FlightNetwork } from '../../server/modules/network/flight-network.js';
import { loadNetworkRows } from '../../server/modules/network/network.repo.js';
import { loadOrBuildRouteIndex } from '../../server/modules/similarity/route-index.js';
import { silentLogger, testConfig } from './environment.js';

/**
 * One fresh, fully imported test database for the whole run (the import takes a few seconds), and
 * the route similarity index for that data saved where every test server loads it from: built
 * once (~40 s) when no saved index matches the data and engine, loaded in a blink otherwise.
 */
export default async function setup(): Promise<void> {
  const config = testConfig();
  await dropDatabase(config.database);
  // The test Redis DB too: play windows and rate limits from an earlier run would skew this one.
  const redis = await connectRedis(config.redisUrl, silentLogger);
  await redis.flushdb();
  redis.disconnect();
  await applyMigrations(config.database, silentLogger);
  const database = createDatabasePool(config.database);
  const prisma = createPrisma(database);
  try {
    await importOpenFlights(prisma, config.openflights);
    await loadOrBuildRouteIndex(new FlightNetwork(await loadNetworkRows(prisma)), config.similarity.indexDir);
  } finally {
    await prisma.$disconnect();
    await database.dispose();
  }
}
