import * as mariadb from 'mariadb';
import type { DatabaseConfig } from '../config.js';
import { ServiceUnreachableError } from './unreachable.js';

export interface DatabasePool {
  pool: mariadb.Pool;
  /** SQL statements sent through the pool since it was created (used by tests and /metrics). */
  readonly queryCount: () => number;
  dispose(): Promise<void>;
}

export const describeDatabaseAddress = (config: DatabaseConfig): string => `${config.host}:${config.port}`;

function connectionOptions(config: DatabaseConfig): mariadb.ConnectionConfig {
  return {
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    connectTimeout: 5_000,
    charset: 'utf8mb4',
    bigIntAsNumber: true,
    insertIdAsNumber: true,
    decimalAsNumber: true,
  };
}

export function createDatabasePool(config: DatabaseConfig): DatabasePool {
  let queries = 0;
  const pool = mariadb.createPool({
    ...connectionOptions(config),
    database: config.database,
    connectionLimit: config.poolSize,
    // A request waits at most this long for a connection while the database is down or saturated.
    acquireTimeout: 5_000,
    // Prisma's MariaDB adapter disables the prepared-statement cache on pools it owns; keep that.
    prepareCacheLength: 0,
    logger: { query: () => void queries++ },
  });
  return {
    pool,
    queryCount: () => queries,
    dispose: () => pool.end(),
  };
}

/** Creates the configured database when it is missing (the server's first start on a fresh machine). */
export async function ensureDatabaseExists(config: DatabaseConfig): Promise<void> {
  let connection: mariadb.Connection;
  try {
    connection = await mariadb.createConnection(connectionOptions(config));
  } catch (error) {
    throw new ServiceUnreachableError('MariaDB', describeDatabaseAddress(config), error);
  }
  try {
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${config.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
}

/** Opens a single connection that accepts multi-statement scripts, for applying migration files. */
export async function openScriptConnection(config: DatabaseConfig): Promise<mariadb.Connection> {
  try {
    return await mariadb.createConnection({ ...connectionOptions(config), database: config.database, multipleStatements: true });
  } catch (error) {
    throw new ServiceUnreachableError('MariaDB', describeDatabaseAddress(config), error);
  }
}

export async function dropDatabase(config: DatabaseConfig): Promise<void> {
  const connection = await mariadb.createConnection(connectionOptions(config));
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${config.database}\``);
  } finally {
    await connection.end();
  }
}

const NETWORK_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
/** Prisma's codes for "cannot reach", "server closed the connection" and "pool timeout". */
const PRISMA_UNREACHABLE = new Set(['P1001', 'P1002', 'P1017', 'P2024']);

/**
 * Whether an error means the database could not be reached (down, restarting, pool exhausted)
 * rather than a fault in the query: the MariaDB connector numbers its own network and pool errors
 * 45000-45099, and Prisma wraps them in its driver-adapter error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
    const candidate = current as { code?: unknown; errno?: unknown; meta?: { driverAdapterError?: { cause?: unknown } }; cause?: unknown };
    if (typeof candidate.code === 'string' && (PRISMA_UNREACHABLE.has(candidate.code) || NETWORK_ERRNOS.has(candidate.code))) return true;
    if (typeof candidate.code === 'number' && candidate.code >= 45_000 && candidate.code < 45_100) return true;
    current = candidate.meta?.driverAdapterError?.cause ?? candidate.meta?.driverAdapterError ?? candidate.cause;
  }
  return false;
}
