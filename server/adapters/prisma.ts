import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import { PrismaClient } from '../generated/prisma/client.js';
import type { DatabasePool } from './mariadb.js';

export type { PrismaClient };
export { Prisma } from '../generated/prisma/client.js';

/** A Prisma client over our own pool, so the pool's settings and query counter apply to Prisma too. */
export function createPrisma(database: DatabasePool): PrismaClient {
  // The text protocol measured 2.7x faster than prepared statements here (DESIGN.md).
  const adapter = new PrismaMariaDb(database.pool, { useTextProtocol: true, disposeExternalPool: false });
  return new PrismaClient({ adapter });
}
