import type { DuckDBConnection } from '@duckdb/node-api';
import { readRows } from '../../adapters/duckdb.js';
import { createdRollup, KIND_LIST_SQL, LABEL, type LabelDimension, num, PEOPLE_CAP, tempoParameters } from './analytics-sql.js';

/**
 * Layout 2 of the store (layout 1 kept every event as a row of text columns keyed by its UUID):
 * - `music_facts`, `request_facts`: one row per event, every text value replaced by an integer code
 *   from `labels`, appended as data chunks;
 * - `stored_entries`: the id of the first event of every stored stream entry (an entry is stored
 *   whole or not at all, so this is what makes a redelivered entry a no-op) and, after an upgrade
 *   from layout 1, the id of every event stored before;
 * - `created_hourly`: saved pieces per hour and theme, key, scale or tempo band, written in the same
 *   transaction as the raw rows, with up to MIN_PEOPLE of the people who made them;
 * - views `music_events` and `api_requests` with layout 1's columns and text values.
 */
export const LAYOUT_VERSION = 2;

const NETWORK_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS airports (id INTEGER PRIMARY KEY, iata VARCHAR, icao VARCHAR, name VARCHAR NOT NULL, city VARCHAR NOT NULL, country VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS airlines (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, iata VARCHAR, country VARCHAR, active BOOLEAN NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS routes (id INTEGER PRIMARY KEY, origin_id INTEGER NOT NULL, destination_id INTEGER NOT NULL, distance_km DOUBLE NOT NULL, airline_count INTEGER NOT NULL)`,
];

const FACT_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS analytics_layout (version INTEGER NOT NULL, people_cap INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS labels (dimension UTINYINT NOT NULL, code INTEGER NOT NULL, value VARCHAR NOT NULL, PRIMARY KEY (dimension, code))`,
  `CREATE TABLE IF NOT EXISTS music_facts (
     kind UTINYINT NOT NULL, occurred_at TIMESTAMP NOT NULL, actor INTEGER NOT NULL, weight TINYINT NOT NULL, composition_id INTEGER,
     theme INTEGER, key_root INTEGER, scale INTEGER, tempo_bpm DOUBLE, contest_id INTEGER, entry_id INTEGER)`,
  `CREATE TABLE IF NOT EXISTS request_facts (
     occurred_at TIMESTAMP NOT NULL, operation INTEGER NOT NULL, partner_id INTEGER, latency_ms DOUBLE NOT NULL, cache_hit BOOLEAN NOT NULL, ok BOOLEAN NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS stored_entries (event_id UUID PRIMARY KEY)`,
  `CREATE TABLE IF NOT EXISTS created_hourly (hour TIMESTAMP NOT NULL, figure UTINYINT NOT NULL, value INTEGER NOT NULL, events BIGINT NOT NULL, actors INTEGER[] NOT NULL)`,
];

const VIEWS = [
  `CREATE OR REPLACE VIEW music_events AS
   SELECT ${KIND_LIST_SQL}[f.kind + 1] AS kind, f.occurred_at, a.value AS actor, f.weight, f.composition_id, t.value AS theme_id, k.value AS key_root,
          s.value AS scale, f.tempo_bpm, f.contest_id, f.entry_id
   FROM music_facts f
   JOIN labels a ON a.dimension = ${LABEL.actor} AND a.code = f.actor
   LEFT JOIN labels t ON t.dimension = ${LABEL.theme} AND t.code = f.theme
   LEFT JOIN labels k ON k.dimension = ${LABEL.key} AND k.code = f.key_root
   LEFT JOIN labels s ON s.dimension = ${LABEL.scale} AND s.code = f.scale`,
  `CREATE OR REPLACE VIEW api_requests AS
   SELECT f.occurred_at, o.value AS operation, f.partner_id, f.latency_ms, f.cache_hit, f.ok
   FROM request_facts f JOIN labels o ON o.dimension = ${LABEL.operation} AND o.code = f.operation`,
];

export async function inTransaction<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await work();
    await connection.run('COMMIT');
    return result;
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Creates the layout, upgrading a layout 1 store in place (one transaction: all or nothing). */
export async function migrateLayout(connection: DuckDBConnection): Promise<void> {
  for (const statement of NETWORK_SCHEMA) await connection.run(statement);
  const legacy = await readRows(connection, `SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND table_name IN ('music_events', 'api_requests')`);
  await inTransaction(connection, async () => {
    for (const statement of FACT_SCHEMA) await connection.run(statement);
    // Empty in a new store: the rollups are built (from no rows) and the layout recorded.
    const [row] = await readRows(connection, 'SELECT version, people_cap FROM analytics_layout');
    if (legacy.length > 0)
      await upgradeFromLayout1(
        connection,
        legacy.map((table) => String(table.table_name)),
      );
    if (!row || num(row.people_cap) !== PEOPLE_CAP || legacy.length > 0) {
      await rebuildRollups(connection);
      await connection.run('DELETE FROM analytics_layout');
      await connection.run('INSERT INTO analytics_layout VALUES ($version, $cap)', { version: LAYOUT_VERSION, cap: PEOPLE_CAP });
    }
    for (const statement of VIEWS) await connection.run(statement);
  });
}

/**
 * Layout 1 to layout 2: labels from the text values, raw rows recoded in time order (so DuckDB's
 * row-group ranges of occurred_at prune windows), every old event id kept as stored (a batch
 * committed before the upgrade and delivered again after it still counts once), old tables dropped.
 */
async function upgradeFromLayout1(connection: DuckDBConnection, tables: string[]): Promise<void> {
  if (tables.length !== 2) throw new Error(`analytics store: layout 1 tables incomplete (${tables.join(', ')})`);
  const sources: [LabelDimension, string][] = [
    [LABEL.actor, 'SELECT actor AS value FROM music_events'],
    [LABEL.theme, 'SELECT theme_id FROM music_events'],
    [LABEL.key, 'SELECT key_root FROM music_events'],
    [LABEL.scale, 'SELECT scale FROM music_events'],
    [LABEL.operation, 'SELECT operation FROM api_requests'],
  ];
  for (const [dimension, select] of sources) {
    await connection.run(
      `INSERT INTO labels SELECT $dimension, (SELECT coalesce(max(code) + 1, 0) FROM labels WHERE dimension = $dimension) + row_number() OVER (ORDER BY value) - 1, value
       FROM (SELECT DISTINCT value FROM (${select}) AS source(value) WHERE value IS NOT NULL
             AND value NOT IN (SELECT value FROM labels WHERE dimension = $dimension))`,
      { dimension },
    );
  }
  await connection.run(
    `INSERT INTO music_facts
     SELECT list_position(${KIND_LIST_SQL}, m.kind) - 1, m.occurred_at, a.code, m.weight, m.composition_id, t.code, k.code, s.code, m.tempo_bpm, m.contest_id, m.entry_id
     FROM music_events m
     JOIN labels a ON a.dimension = ${LABEL.actor} AND a.value = m.actor
     LEFT JOIN labels t ON t.dimension = ${LABEL.theme} AND t.value = m.theme_id
     LEFT JOIN labels k ON k.dimension = ${LABEL.key} AND k.value = m.key_root
     LEFT JOIN labels s ON s.dimension = ${LABEL.scale} AND s.value = m.scale
     ORDER BY m.occurred_at`,
  );
  await connection.run(
    `INSERT INTO request_facts
     SELECT r.occurred_at, o.code, r.partner_id, r.latency_ms, r.cache_hit, r.ok
     FROM api_requests r JOIN labels o ON o.dimension = ${LABEL.operation} AND o.value = r.operation
     ORDER BY r.occurred_at`,
  );
  await connection.run('INSERT OR IGNORE INTO stored_entries SELECT event_id FROM music_events UNION ALL SELECT event_id FROM api_requests');
  const [check] = await readRows(
    connection,
    `SELECT (SELECT count(*) FROM music_events) - (SELECT count(*) FROM music_facts) AS music, (SELECT count(*) FROM api_requests) - (SELECT count(*) FROM request_facts) AS requests`,
  );
  // Rows of a kind this version does not know would be lost: refuse rather than drop them.
  if (num(check.music) !== 0 || num(check.requests) !== 0) throw new Error('analytics store: the layout 1 rows could not all be carried over; the store is left as it was');
  await connection.run('DROP TABLE music_events');
  await connection.run('DROP TABLE api_requests');
}

/** Rebuilds `created_hourly` from the raw rows (an upgrade, or a new PEOPLE_CAP). */
async function rebuildRollups(connection: DuckDBConnection): Promise<void> {
  await connection.run('DELETE FROM created_hourly');
  await connection.run(createdRollup('music_facts'), tempoParameters());
}
