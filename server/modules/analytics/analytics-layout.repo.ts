import type { DuckDBConnection } from '@duckdb/node-api';
import { readRows } from '../../adapters/duckdb.js';
import {
  createdRollup,
  KIND_LIST_SQL,
  LABEL,
  type LabelDimension,
  MUSIC_ORDER,
  mergedBlockCells,
  num,
  PEOPLE_CAP,
  REQUEST_ORDER,
  requestCells,
  segmentCells,
  tempoParameters,
} from './analytics-sql.js';

/**
 * Layout 5 of the store (layout 1 kept every event as a row of text columns keyed by its UUID;
 * layout 2 kept the raw rows in arrival order; layout 3 had no per-segment cells; layout 4 had no
 * usage cells):
 * - `music_facts`, `request_facts`: one row per event, every text value replaced by an integer code
 *   from `labels`, in clustered segments: each segment sorted by MUSIC_ORDER or REQUEST_ORDER, so
 *   DuckDB's per-row-group ranges skip the row groups of other kinds or other partners;
 * - `segments`: the id and the time span of every music segment (`music_facts.segment`);
 * - cells per block of segments: `piece_cells` (per kind and piece: net count and up to PEOPLE_CAP
 *   of its people), `person_cells` (contest events per kind and person) and `contest_cells` (the
 *   contests entered or voted in). A block is one segment, or 2, 4, 8... segments aligned on their
 *   size (segments 1-2, 3-4, 1-4...), written in the transaction that creates its last segment. A
 *   window that holds whole segments reads the cells of the fewest blocks that make them up instead
 *   of their rows (see `CellPlan`);
 * - `request_segments`: the id and the time span of every request segment (`request_facts.segment`),
 *   and its usage cells, per partner: `usage_cells` (requests, cache hits and errors per hour and
 *   operation), `latency_by_hour` and `latency_by_operation` (requests per latency bin). A window
 *   that holds whole request segments counts their requests from these, and reads only the few
 *   latencies its 95th percentiles fall among from their rows (see `UsageQueries`);
 * - `music_tail`, `request_tail`: the rows appended since the last segment, in arrival order, moved
 *   into the segments in one transaction once they pass a size (see `moveTail`);
 * - views `music_rows`, `request_rows`: segments and tail together, what every query reads;
 * - `stored_entries`: the id of the first event of every stored stream entry (an entry is stored
 *   whole or not at all, so this is what makes a redelivered entry a no-op) and, after an upgrade
 *   from layout 1, the id of every event stored before;
 * - `created_hourly`: saved pieces per hour and theme, key, scale or tempo band, written in the same
 *   transaction as the raw rows, with up to MIN_PEOPLE of the people who made them;
 * - views `music_events` and `api_requests` with layout 1's columns and text values.
 */
export const LAYOUT_VERSION = 5;

const NETWORK_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS airports (id INTEGER PRIMARY KEY, iata VARCHAR, icao VARCHAR, name VARCHAR NOT NULL, city VARCHAR NOT NULL, country VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS airlines (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, iata VARCHAR, country VARCHAR, active BOOLEAN NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS routes (id INTEGER PRIMARY KEY, origin_id INTEGER NOT NULL, destination_id INTEGER NOT NULL, distance_km DOUBLE NOT NULL, airline_count INTEGER NOT NULL)`,
];

const MUSIC_COLUMNS = `(
  kind UTINYINT NOT NULL, occurred_at TIMESTAMP NOT NULL, actor INTEGER NOT NULL, weight TINYINT NOT NULL, composition_id INTEGER,
  theme INTEGER, key_root INTEGER, scale INTEGER, tempo_bpm DOUBLE, contest_id INTEGER, entry_id INTEGER)`;
/** A music segment's rows: the tail's columns and the segment they moved into. */
const MUSIC_FACT_COLUMNS = MUSIC_COLUMNS.replace(/\)$/, ', segment INTEGER DEFAULT 0)');
const REQUEST_COLUMNS = `(occurred_at TIMESTAMP NOT NULL, operation INTEGER NOT NULL, partner_id INTEGER, latency_ms DOUBLE NOT NULL, cache_hit BOOLEAN NOT NULL, ok BOOLEAN NOT NULL)`;
const REQUEST_FACT_COLUMNS = REQUEST_COLUMNS.replace(/\)$/, ', segment INTEGER DEFAULT 0)');
/** The segment table, its tail, their columns, the order of a segment, the table of segment spans and the cells written per segment. */
const SEGMENTED = [
  { name: 'music', table: 'music_facts', columns: MUSIC_FACT_COLUMNS, tail: 'music_tail', tailColumns: MUSIC_COLUMNS, order: MUSIC_ORDER, spans: 'segments', cells: segmentCells },
  {
    name: 'requests',
    table: 'request_facts',
    columns: REQUEST_FACT_COLUMNS,
    tail: 'request_tail',
    tailColumns: REQUEST_COLUMNS,
    order: REQUEST_ORDER,
    spans: 'request_segments',
    cells: requestCells,
  },
] as const;
export type TailName = (typeof SEGMENTED)[number]['name'];

const CELL_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS segments (id INTEGER PRIMARY KEY, first_at TIMESTAMP NOT NULL, last_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS piece_cells (block_first INTEGER NOT NULL, block_last INTEGER NOT NULL, kind UTINYINT NOT NULL, composition_id INTEGER NOT NULL, net INTEGER NOT NULL, people UTINYINT NOT NULL, actors INTEGER[] NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS person_cells (block_first INTEGER NOT NULL, block_last INTEGER NOT NULL, kind UTINYINT NOT NULL, actor INTEGER NOT NULL, events INTEGER NOT NULL, net INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS contest_cells (block_first INTEGER NOT NULL, block_last INTEGER NOT NULL, kind UTINYINT NOT NULL, contest_id INTEGER NOT NULL)`,
];
const CELL_TABLES = ['segments', 'piece_cells', 'person_cells', 'contest_cells'];

const REQUEST_CELL_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS request_segments (id INTEGER PRIMARY KEY, first_at TIMESTAMP NOT NULL, last_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS usage_cells (segment INTEGER NOT NULL, partner_id INTEGER NOT NULL, hour TIMESTAMP NOT NULL, operation INTEGER NOT NULL, requests INTEGER NOT NULL, hits INTEGER NOT NULL, errors INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS latency_by_hour (segment INTEGER NOT NULL, partner_id INTEGER NOT NULL, hour TIMESTAMP NOT NULL, bin SMALLINT NOT NULL, requests INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS latency_by_operation (segment INTEGER NOT NULL, partner_id INTEGER NOT NULL, operation INTEGER NOT NULL, bin SMALLINT NOT NULL, requests INTEGER NOT NULL)`,
];
const REQUEST_CELL_TABLES = ['request_segments', 'usage_cells', 'latency_by_hour', 'latency_by_operation'];

const FACT_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS analytics_layout (version INTEGER NOT NULL, people_cap INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS labels (dimension UTINYINT NOT NULL, code INTEGER NOT NULL, value VARCHAR NOT NULL, PRIMARY KEY (dimension, code))`,
  `CREATE TABLE IF NOT EXISTS music_facts ${MUSIC_FACT_COLUMNS}`,
  `CREATE TABLE IF NOT EXISTS music_tail ${MUSIC_COLUMNS}`,
  `CREATE TABLE IF NOT EXISTS request_facts ${REQUEST_FACT_COLUMNS}`,
  `CREATE TABLE IF NOT EXISTS request_tail ${REQUEST_COLUMNS}`,
  `CREATE TABLE IF NOT EXISTS stored_entries (event_id UUID PRIMARY KEY)`,
  `CREATE TABLE IF NOT EXISTS created_hourly (hour TIMESTAMP NOT NULL, figure UTINYINT NOT NULL, value INTEGER NOT NULL, events BIGINT NOT NULL, actors INTEGER[] NOT NULL)`,
];

const ROW_VIEWS = [
  'CREATE OR REPLACE VIEW music_rows AS SELECT * EXCLUDE (segment) FROM music_facts UNION ALL SELECT * FROM music_tail',
  'CREATE OR REPLACE VIEW request_rows AS SELECT * EXCLUDE (segment) FROM request_facts UNION ALL SELECT * FROM request_tail',
];

const VIEWS = [
  `CREATE OR REPLACE VIEW music_events AS
   SELECT ${KIND_LIST_SQL}[f.kind + 1] AS kind, f.occurred_at, a.value AS actor, f.weight, f.composition_id, t.value AS theme_id, k.value AS key_root,
          s.value AS scale, f.tempo_bpm, f.contest_id, f.entry_id
   FROM music_rows f
   JOIN labels a ON a.dimension = ${LABEL.actor} AND a.code = f.actor
   LEFT JOIN labels t ON t.dimension = ${LABEL.theme} AND t.code = f.theme
   LEFT JOIN labels k ON k.dimension = ${LABEL.key} AND k.code = f.key_root
   LEFT JOIN labels s ON s.dimension = ${LABEL.scale} AND s.code = f.scale`,
  `CREATE OR REPLACE VIEW api_requests AS
   SELECT f.occurred_at, o.value AS operation, f.partner_id, f.latency_ms, f.cache_hit, f.ok
   FROM request_rows f JOIN labels o ON o.dimension = ${LABEL.operation} AND o.code = f.operation`,
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

/** Creates the layout, upgrading a layout 1, 2, 3 or 4 store in place (one transaction: all or nothing). */
export async function migrateLayout(connection: DuckDBConnection): Promise<void> {
  for (const statement of NETWORK_SCHEMA) await connection.run(statement);
  const legacy = await readRows(connection, `SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND table_name IN ('music_events', 'api_requests')`);
  await inTransaction(connection, async () => {
    for (const statement of [...FACT_SCHEMA, ...CELL_SCHEMA, ...REQUEST_CELL_SCHEMA]) await connection.run(statement);
    // A layout 2 or 3 store's music segments, and a layout 2, 3 or 4 store's request segments (all of their rows), become segment 0.
    await connection.run('ALTER TABLE music_facts ADD COLUMN IF NOT EXISTS segment INTEGER DEFAULT 0');
    await connection.run('ALTER TABLE request_facts ADD COLUMN IF NOT EXISTS segment INTEGER DEFAULT 0');
    for (const statement of ROW_VIEWS) await connection.run(statement);
    // Empty in a new store: the rollups are built (from no rows) and the layout recorded.
    const [row] = await readRows(connection, 'SELECT version, people_cap FROM analytics_layout');
    if (legacy.length > 0)
      await upgradeFromLayout1(
        connection,
        legacy.map((table) => String(table.table_name)),
      );
    else if (row && num(row.version) < 3) await clusterLayout2(connection);
    const capChanged = !row || num(row.people_cap) !== PEOPLE_CAP || legacy.length > 0;
    if (capChanged) await rebuildRollups(connection);
    if (capChanged || num(row.version) < 4) await rebuildSegmentCells(connection);
    if (!row || legacy.length > 0 || num(row.version) < 5) await rebuildRequestCells(connection);
    if (!row || num(row.version) !== LAYOUT_VERSION || num(row.people_cap) !== PEOPLE_CAP || legacy.length > 0) {
      await connection.run('DELETE FROM analytics_layout');
      await connection.run('INSERT INTO analytics_layout VALUES ($version, $cap)', { version: LAYOUT_VERSION, cap: PEOPLE_CAP });
    }
    for (const statement of VIEWS) await connection.run(statement);
  });
}

/**
 * Layout 1 to layout 5: labels from the text values, raw rows recoded into one clustered segment,
 * every old event id kept as stored (a batch
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
    `INSERT INTO music_facts (kind, occurred_at, actor, weight, composition_id, theme, key_root, scale, tempo_bpm, contest_id, entry_id)
     SELECT list_position(${KIND_LIST_SQL}, m.kind) - 1, m.occurred_at, a.code, m.weight, m.composition_id, t.code, k.code, s.code, m.tempo_bpm, m.contest_id, m.entry_id
     FROM music_events m
     JOIN labels a ON a.dimension = ${LABEL.actor} AND a.value = m.actor
     LEFT JOIN labels t ON t.dimension = ${LABEL.theme} AND t.value = m.theme_id
     LEFT JOIN labels k ON k.dimension = ${LABEL.key} AND k.value = m.key_root
     LEFT JOIN labels s ON s.dimension = ${LABEL.scale} AND s.value = m.scale
     ORDER BY ${MUSIC_ORDER}`,
  );
  await connection.run(
    `INSERT INTO request_facts (occurred_at, operation, partner_id, latency_ms, cache_hit, ok)
     SELECT r.occurred_at, o.code, r.partner_id, r.latency_ms, r.cache_hit, r.ok
     FROM api_requests r JOIN labels o ON o.dimension = ${LABEL.operation} AND o.value = r.operation
     ORDER BY ${REQUEST_ORDER}`,
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
  await connection.run(createdRollup('music_rows'), tempoParameters());
}

/** Rebuilds every segment's span and every block's cells from the segments' rows (an upgrade, or a new PEOPLE_CAP). */
async function rebuildSegmentCells(connection: DuckDBConnection): Promise<void> {
  for (const table of CELL_TABLES) await connection.run(`DELETE FROM ${table}`);
  for (const statement of segmentCells('music_facts', 'segment')) await connection.run(statement);
  const [newest] = await readRows(connection, 'SELECT coalesce(max(id), 0) AS id FROM segments');
  for (let segment = 1; segment <= num(newest.id); segment += 1) await mergeBlocksEndingAt(connection, segment);
}

/** Rebuilds every request segment's span and usage cells from the segments' rows (an upgrade). */
async function rebuildRequestCells(connection: DuckDBConnection): Promise<void> {
  for (const table of REQUEST_CELL_TABLES) await connection.run(`DELETE FROM ${table}`);
  for (const statement of requestCells('request_facts', 'segment')) await connection.run(statement);
}

/** Writes the cells of every block of two or more segments that segment `last` completes. */
async function mergeBlocksEndingAt(connection: DuckDBConnection, last: number): Promise<void> {
  for (let size = 2; last % size === 0; size *= 2) {
    for (const statement of mergedBlockCells(last - size + 1, last - size / 2, last)) await connection.run(statement);
  }
}

/** Layout 2 to layout 3: the rows, kept in arrival order, become one clustered segment each. */
async function clusterLayout2(connection: DuckDBConnection): Promise<void> {
  for (const { table, columns, order } of SEGMENTED) {
    await connection.run(`CREATE TEMP TABLE clustered AS SELECT * FROM ${table} ORDER BY ${order}`);
    await connection.run(`DROP TABLE ${table}`);
    await connection.run(`CREATE TABLE ${table} ${columns}`);
    await connection.run(`INSERT INTO ${table} BY NAME SELECT * FROM clustered`);
    await connection.run('DROP TABLE clustered');
  }
}

/**
 * Moves the tails named (both by default) into new clustered segments, in one transaction: a crash
 * or a failure leaves every row in its tail (still counted once) and the move is tried again later.
 * Each tail becomes its kind's next segment, its cells written from the same rows. A tail is dropped
 * and created again rather than emptied, so no deleted row groups are left to scan.
 */
export function moveTail(connection: DuckDBConnection, tails: readonly TailName[] = ['music', 'requests']): Promise<void> {
  return inTransaction(connection, async () => {
    for (const { name, table, tail, tailColumns, order, spans, cells } of SEGMENTED) {
      if (!tails.includes(name)) continue;
      // An empty tail makes no segment: its id would have no span, and its blocks would be merged again with the next one's.
      const [next] = await readRows(connection, `SELECT coalesce(max(id) + 1, 1) AS id, (SELECT count(*) FROM ${tail}) AS rows FROM ${spans}`);
      if (num(next.rows) === 0) continue;
      const segment = num(next.id);
      for (const statement of cells(tail, String(segment))) await connection.run(statement);
      if (name === 'music') await mergeBlocksEndingAt(connection, segment);
      await connection.run(`INSERT INTO ${table} BY NAME SELECT *, ${segment} AS segment FROM ${tail} ORDER BY ${order}`);
      await connection.run(`DROP TABLE ${tail}`);
      await connection.run(`CREATE TABLE ${tail} ${tailColumns}`);
    }
  });
}
