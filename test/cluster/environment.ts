import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createDatabasePool } from '../../server/adapters/mariadb.js';
import { createPrisma } from '../../server/adapters/prisma.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { applyMigrations } from '../../server/jobs/migrate.js';
import { hasImportedData, importOpenFlights } from '../../server/jobs/openflights/import.js';
import { FlightNetwork } from '../../server/modules/network/flight-network.js';
import { loadNetworkRows } from '../../server/modules/network/network.repo.js';
import { loadOrBuildRouteIndex } from '../../server/modules/similarity/route-index.js';
import { PROJECT_ROOT } from '../../server/paths.js';
import { OPENFLIGHTS_DIR } from '../support/environment.js';

/** CLUSTER_PORT (default 4400) for HAProxy; the instances take the next three ports, Prometheus the ninth. */
export const CLUSTER_PORT = Number(process.env.CLUSTER_PORT ?? 4400);
const mariadbBase = process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
const redisBase = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Its own database and Redis DB: the main tests' data stays out of it and it out of theirs. */
export const DATABASE_URL = `${mariadbBase}/${process.env.TEST_DATABASE ?? 'aero_melody_test'}_cluster`;
export const REDIS_URL = `${redisBase}/13`;
export const RADIO_LEASE_MS = 1_500;

const silent = createLogger('silent');

/**
 * The imported database (kept between runs: every scenario makes its own people and pieces), an
 * empty Redis DB, and the route index built once, where the instances load it.
 */
export async function prepareData(): Promise<void> {
  const config = loadConfig({ DATABASE_URL, REDIS_URL, OPENFLIGHTS_DIR, LOG_LEVEL: 'silent' });
  const redis = new Redis(REDIS_URL);
  await redis.flushdb();
  redis.disconnect();
  await applyMigrations(config.database, silent);
  const database = createDatabasePool(config.database);
  const prisma = createPrisma(database);
  try {
    if (!(await hasImportedData(prisma))) await importOpenFlights(prisma, config.openflights);
    await loadOrBuildRouteIndex(new FlightNetwork(await loadNetworkRows(prisma)), config.similarity.indexDir);
  } finally {
    await prisma.$disconnect();
    await database.dispose();
  }
}

/** Sets a person's role directly in MariaDB (the admin CLI's job). */
export async function grantRole(username: string, role: 'PARTNER' | 'ADMIN'): Promise<void> {
  const config = loadConfig({ DATABASE_URL, REDIS_URL, LOG_LEVEL: 'silent' });
  const database = createDatabasePool(config.database);
  const prisma = createPrisma(database);
  try {
    await prisma.user.update({ where: { username }, data: { role } });
  } finally {
    await prisma.$disconnect();
    await database.dispose();
  }
}

export function scratchDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'aero-melody-cluster-'));
}

/** What every process of the cluster runs with. */
export function clusterEnvironment(scratch: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    DATABASE_URL,
    REDIS_URL,
    OPENFLIGHTS_DIR,
    LOG_LEVEL: 'warn',
    WEB_APP: 'off',
    DATABASE_POOL_SIZE: '5',
    CACHE_MEMORY_MB: '32',
    // Every request comes from the one test process.
    RATE_LIMIT_PER_MINUTE: '0',
    EXPORTS_DIR: join(scratch, 'exports'),
    ANALYTICS_DB_PATH: join(scratch, 'analytics.duckdb'),
    ANALYTICS_WRITER_LEASE_MS: '2000',
    RADIO_LEASE_MS: String(RADIO_LEASE_MS),
    RADIO_PIECE_SECONDS: '10',
    SHUTDOWN_TIMEOUT_MS: '8000',
  };
}

/** Prometheus with the project's configuration, its data in `scratch`. */
export function startPrometheus(scratch: string, port: number): ChildProcess {
  return spawn(
    'prometheus',
    [`--config.file=${join(PROJECT_ROOT, 'deploy/prometheus.yml')}`, `--storage.tsdb.path=${join(scratch, 'prometheus')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { stdio: 'ignore' },
  );
}

/** One instant-vector query's samples: labels and value. */
export async function promQuery(port: number, query: string): Promise<{ metric: Record<string, string>; value: number }[]> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await response.json()) as { data?: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  return (body.data?.result ?? []).map((sample) => ({ metric: sample.metric, value: Number(sample.value[1]) }));
}
