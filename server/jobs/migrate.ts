import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseConfig } from '../config.js';
import { ensureDatabaseExists, openScriptConnection } from '../adapters/mariadb.js';
import type { Logger } from '../logger.js';
import { MIGRATIONS_DIR } from '../paths.js';

/** The bookkeeping table exactly as `prisma migrate` creates it, so both tools agree on history. */
const CREATE_BOOKKEEPING_TABLE = `CREATE TABLE IF NOT EXISTS \`_prisma_migrations\` (
  \`id\` VARCHAR(36) NOT NULL PRIMARY KEY,
  \`checksum\` VARCHAR(64) NOT NULL,
  \`finished_at\` DATETIME(3) NULL,
  \`migration_name\` VARCHAR(255) NOT NULL,
  \`logs\` TEXT NULL,
  \`rolled_back_at\` DATETIME(3) NULL,
  \`started_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  \`applied_steps_count\` INTEGER UNSIGNED NOT NULL DEFAULT 0
) DEFAULT CHARACTER SET utf8mb4`;

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

interface AppliedMigration {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

async function readMigrationFiles(directory: string): Promise<MigrationFile[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(directory, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

/**
 * Creates the database when missing and applies pending migration files in name order, each
 * recorded in `_prisma_migrations`. A named lock keeps two starting servers from racing. MariaDB
 * cannot roll DDL back, so a failed migration is recorded and blocks further runs until fixed.
 */
export async function applyMigrations(config: DatabaseConfig, logger: Logger, directory: string = MIGRATIONS_DIR): Promise<string[]> {
  await ensureDatabaseExists(config);
  const files = await readMigrationFiles(directory);
  const connection = await openScriptConnection(config);
  const applied: string[] = [];
  try {
    await connection.query("SELECT GET_LOCK('aero_melody_migrate', 120)");
    await connection.query(CREATE_BOOKKEEPING_TABLE);
    const history: AppliedMigration[] = await connection.query('SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations');
    const byName = new Map(history.filter((row) => row.rolled_back_at === null).map((row) => [row.migration_name, row]));
    for (const file of files) {
      const previous = byName.get(file.name);
      if (previous?.finished_at) {
        if (previous.checksum !== file.checksum) {
          logger.warn({ migration: file.name }, 'an applied migration file was edited after it ran');
        }
        continue;
      }
      if (previous) {
        throw new MigrationError(`Migration ${file.name} failed earlier and left the database half-changed; repair it by hand, then delete its row from _prisma_migrations`);
      }
      const id = randomUUID();
      await connection.query('INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES (?, ?, ?)', [id, file.checksum, file.name]);
      try {
        await connection.query(file.sql);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await connection.query('UPDATE _prisma_migrations SET logs = ? WHERE id = ?', [message, id]);
        throw new MigrationError(`Migration ${file.name} failed: ${message}`);
      }
      await connection.query('UPDATE _prisma_migrations SET finished_at = CURRENT_TIMESTAMP(3), applied_steps_count = 1 WHERE id = ?', [id]);
      logger.info({ migration: file.name }, 'migration applied');
      applied.push(file.name);
    }
  } finally {
    await connection.query("SELECT RELEASE_LOCK('aero_melody_migrate')").catch(() => undefined);
    await connection.end();
  }
  return applied;
}
