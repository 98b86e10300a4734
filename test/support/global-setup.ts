import 'reflect-metadata';
import { createDatabasePool, dropDatabase } from '../../server/adapters/mariadb.js';
import { createPrisma } from '../../server/adapters/prisma.js';
import { applyMigrations } from '../../server/jobs/migrate.js';
import { importOpenFlights } from '../../server/jobs/openflights/import.js';
import { silentLogger, testConfig } from './environment.js';

/** One fresh, fully imported test database for the whole run (the import takes a few seconds). */
export default async function setup(): Promise<void> {
  const config = testConfig();
  await dropDatabase(config.database);
  await applyMigrations(config.database, silentLogger);
  const database = createDatabasePool(config.database);
  const prisma = createPrisma(database);
  try {
    await importOpenFlights(prisma, config.openflights);
  } finally {
    await prisma.$disconnect();
    await database.dispose();
  }
}
