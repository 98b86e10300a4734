import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabasePool, dropDatabase } from '../../server/adapters/mariadb.js';
import { createPrisma } from '../../server/adapters/prisma.js';
import { connectRedis } from '../../server/adapters/redis.js';
import { WEB_APP_DIR } from '../../server/adapters/web-app.js';
import { applyMigrations } from '../../server/jobs/migrate.js';
import { importOpenFlights } from '../../server/jobs/openflights/import.js';
import { PROJECT_ROOT } from '../../server/paths.js';
import { silentLogger } from '../support/environment.js';
import { E2E_DATABASE, e2eConfig } from './environment.js';

/** The newest modification time under `dir`, skipping build output and dependencies. */
function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.next' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt(): number {
  try {
    return statSync(join(WEB_APP_DIR, '.next', 'BUILD_ID')).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * The production build of the web app (built once: skipped when no source changed since the last
 * build, e.g. by `npm start`), and a fresh, imported database of its own for the e2e server.
 */
export default async function setup(): Promise<void> {
  if (newestChange(WEB_APP_DIR) > builtAt()) {
    const build = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/next/dist/bin/next'), 'build', 'app'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
  }
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
