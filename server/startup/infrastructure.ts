import { createDatabasePool, type DatabasePool } from '../adapters/mariadb.js';
import type { Metrics } from '../adapters/metrics.js';
import { createPrisma, type PrismaClient } from '../adapters/prisma.js';
import { connectRedis, type Redis } from '../adapters/redis.js';
import { ResponseCache } from '../adapters/response-cache.js';
import type { Config } from '../config.js';
import type { DisposerStack } from '../disposer-stack.js';
import { AnalyticsSync } from '../jobs/analytics-sync.js';
import { hasImportedData, importOpenFlights, type ImportReporter } from '../jobs/openflights/import.js';
import type { Logger } from '../logger.js';
import { AnalyticsStore } from '../modules/analytics/analytics-store.js';
import type { NetworkService } from '../modules/network/network.service.js';

/** Every writer takes over the same consumer's pending entries, so a dead writer's last batch is stored by the next. */
const ANALYTICS_WRITER_CONSUMER = 'analytics-writer';

/** The MariaDB pool and the Prisma client over it, closed by the stack. */
export function openDatabase(config: Readonly<Config>, stack: DisposerStack): { database: DatabasePool; prisma: PrismaClient } {
  const database = createDatabasePool(config.database);
  stack.defer(() => database.dispose());
  const prisma = createPrisma(database);
  stack.defer(() => prisma.$disconnect());
  return { database, prisma };
}

function logReporter(logger: Logger): ImportReporter {
  return {
    message: (text) => logger.info(text),
    progress: (stage, done, total) => {
      if (done === total) logger.info({ stage, rows: total }, 'import stage written');
    },
  };
}

export async function importWhenEmpty(prisma: PrismaClient, config: Readonly<Config>, logger: Logger): Promise<void> {
  if (await hasImportedData(prisma)) return;
  logger.info('no OpenFlights data in the database yet: importing it now');
  await importOpenFlights(prisma, config.openflights, logReporter(logger));
}

const quit = (client: Redis) => () => client.quit().catch(() => client.disconnect());

/** The main Redis client (fails fast) and a subscriber beside it. */
export async function openRedis(config: Readonly<Config>, logger: Logger, stack: DisposerStack): Promise<{ redis: Redis; subscriber: Redis }> {
  const redis = await connectRedis(config.redisUrl, logger);
  stack.defer(quit(redis));
  // A subscriber must queue its SUBSCRIBE until connected; the main client fails fast instead.
  const subscriber = redis.duplicate({ enableOfflineQueue: true });
  stack.defer(() => subscriber.disconnect());
  subscriber.on('error', () => undefined);
  return { redis, subscriber };
}

export async function openAnalyticsStore(config: Readonly<Config>, logger: Logger, redis: Redis, stack: DisposerStack): Promise<AnalyticsStore<AnalyticsSync>> {
  const store = await AnalyticsStore.open(redis, {
    dbPath: config.analytics.dbPath,
    worker: config.analytics.worker,
    leaseMs: config.analytics.writerLeaseMs,
    logger,
    startSync: (repo) => {
      const sync = new AnalyticsSync(redis, repo, logger, { batchSize: config.analytics.batchSize, claimIdleMs: config.analytics.claimIdleMs, consumer: ANALYTICS_WRITER_CONSUMER });
      sync.start();
      return sync;
    },
  });
  stack.defer(() => store.dispose());
  return store;
}

/** The response cache, with a Redis connection of its own (and, in a Redis of its own, its own subscriber). */
export async function openResponseCache(config: Readonly<Config>, logger: Logger, subscriber: Redis, metrics: Metrics, stack: DisposerStack): Promise<ResponseCache> {
  // The cache may live in a Redis of its own (CACHE_REDIS_URL, allkeys-lru): the main one is BullMQ's and must never evict.
  // Either way it has a connection of its own that pipelines: every fresh answer is stored, many per tick under load.
  const cacheRedis = await connectRedis(config.cache.redisUrl ?? config.redisUrl, logger, { autoPipelining: true });
  stack.defer(quit(cacheRedis));
  let cacheSubscriber = subscriber;
  if (config.cache.redisUrl) {
    const own = cacheRedis.duplicate({ enableOfflineQueue: true, enableAutoPipelining: false });
    stack.defer(() => own.disconnect());
    cacheSubscriber = own;
  }
  cacheSubscriber.on('error', () => undefined);
  const responseCache = new ResponseCache(cacheRedis, cacheSubscriber, logger, {
    memoryBytes: config.cache.memoryBytes,
    maxEntryBytes: config.cache.maxEntryBytes,
    redisMaxBytes: config.cache.redisMaxBytes,
    onLookup: metrics.observeCacheLookup,
  });
  stack.defer(() => responseCache.dispose());
  await responseCache.start();
  return responseCache;
}

export async function readiness(prisma: PrismaClient, redis: Redis, networks: NetworkService) {
  const check = async (probe: () => Promise<unknown>) => {
    try {
      await probe();
      return 'ok';
    } catch (error) {
      return error instanceof Error ? error.message.split('\n')[0] : String(error);
    }
  };
  const checks = {
    database: await check(() => prisma.$queryRaw`SELECT 1`),
    redis: await check(() => redis.ping()),
    data: networks.ready ? 'ok' : 'the OpenFlights data is not imported or not loaded yet',
  };
  const missing = Object.entries(checks)
    .filter(([, status]) => status !== 'ok')
    .map(([name]) => name);
  return { ready: missing.length === 0, body: { status: missing.length === 0 ? 'ready' : 'not ready', missing, checks } };
}
