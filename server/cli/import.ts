import { createDatabasePool } from '../adapters/mariadb.js';
import { createPrisma } from '../adapters/prisma.js';
import { applyMigrations } from '../jobs/migrate.js';
import { importOpenFlights } from '../jobs/openflights/import.js';
import { runCli } from './run.js';
import { createTerminalReporter, formatImportSummary } from './terminal-reporter.js';

await runCli(async (config, logger) => {
  await applyMigrations(config.database, logger);
  const database = createDatabasePool(config.database);
  const prisma = createPrisma(database);
  try {
    const result = await importOpenFlights(prisma, config.openflights, createTerminalReporter());
    console.log(formatImportSummary(result));
  } finally {
    await prisma.$disconnect();
    await database.dispose();
  }
});
