import { applyMigrations } from '../jobs/migrate.js';
import { runCli } from './run.js';

await runCli(async (config, logger) => {
  const applied = await applyMigrations(config.database, logger);
  console.log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database is up to date');
});
