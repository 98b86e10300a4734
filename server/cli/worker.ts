import { createLocalFileStorage } from '../adapters/file-storage.js';
import { createDatabasePool } from '../adapters/mariadb.js';
import { createPrisma } from '../adapters/prisma.js';
import { createRedisPubSub } from '../adapters/pubsub.js';
import { connectRedis } from '../adapters/redis.js';
import { startExportWorker } from '../jobs/audio-export.js';
import { startExportSweeper } from '../jobs/export-sweeper.js';
import { applyMigrations } from '../jobs/migrate.js';
import { ExportRepo } from '../modules/exports/export.repo.js';
import type { ExportTopics } from '../modules/exports/export.topics.js';
import { runCli } from './run.js';

/**
 * `npm run worker`: a process that only renders audio exports (run servers with
 * EXPORT_WORKERS=off to keep rendering out of them). It shares the database, Redis and
 * EXPORTS_DIR with the servers; SIGTERM stops it taking jobs and drops the one in hand, which
 * another worker retries once its lock lapses.
 */
await runCli(async (config, logger) => {
  await applyMigrations(config.database, logger);
  const database = createDatabasePool(config.database);
  const prisma = createPrisma(database);
  const redis = await connectRedis(config.redisUrl, logger);
  const events = createRedisPubSub<ExportTopics>(redis, logger);
  const storage = createLocalFileStorage(config.exports.dir);
  const repo = new ExportRepo(prisma);
  const worker = startExportWorker({
    redisUrl: config.redisUrl,
    repo,
    storage,
    events: events.pubSub,
    logger,
    soundFontPath: config.exports.soundFontPath,
    urlTtlSeconds: config.exports.urlTtlSeconds,
    concurrency: config.exports.workerConcurrency,
    lockMs: config.exports.lockMs,
    warm: true,
  });
  const sweeper = startExportSweeper(repo, storage, logger);
  logger.info({ concurrency: config.exports.workerConcurrency, dir: config.exports.dir }, 'audio export worker ready');
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  logger.info('audio export worker stopping');
  await worker.close(true);
  await sweeper.stop();
  events.dispose();
  await redis.quit().catch(() => redis.disconnect());
  await prisma.$disconnect();
  await database.dispose();
});
