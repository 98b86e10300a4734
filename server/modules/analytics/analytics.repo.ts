import { listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { appendColumns, readRows, type AnalyticsDatabase, type SqlRow } from '../../adapters/duckdb.js';
import { MUSIC_EVENT_KINDS, weightOf, type AnalyticsEvent, type MusicEventKind } from './analytics-event.js';
import { DATE_PART, DISTANCE_BAND_LIMITS, MIN_PEOPLE, TEMPO_BAND_LIMITS, type TimeWindow } from './figures.js';

export interface DimensionRows {
  airports: { id: number; iata: string | null; icao: string | null; name: string; city: string; country: string }[];
  airlines: { id: number; name: string; iata: string | null; country: string | null; active: boolean }[];
  routes: { id: number; originId: number; destinationId: number; distanceKm: number; airlineCount: number }[];
}

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
const LAYOUT_VERSION = 2;

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

/** What `labels.dimension` codes. */
const LABEL = { actor: 0, theme: 1, key: 2, scale: 3, operation: 4 } as const;
type LabelDimension = (typeof LABEL)[keyof typeof LABEL];

/** What `created_hourly.figure` groups by; `value` is a label code, or the tempo band's index. */
const CREATED_BY = { theme: 0, key: 1, scale: 2, tempo: 3 } as const;

/** `kind` codes are indexes into MUSIC_EVENT_KINDS (new kinds are only ever added at its end). */
const KIND = Object.fromEntries(MUSIC_EVENT_KINDS.map((kind, i) => [kind, i])) as Record<MusicEventKind, number>;
const KIND_LIST_SQL = `[${MUSIC_EVENT_KINDS.map((kind) => `'${kind}'`).join(', ')}]`;
const CONTEST_KINDS = [KIND.CONTEST_ENTRY, KIND.CONTEST_VOTE, KIND.CONTEST_VOTE_RETRACTED];

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

/** Per-connection staging tables: a batch is appended here, then moved in one transaction. */
const STAGING = [
  `CREATE TEMP TABLE IF NOT EXISTS staged_music (
     kind UTINYINT, at_ms DOUBLE, actor INTEGER, weight TINYINT, composition_id INTEGER, theme INTEGER, key_root INTEGER, scale INTEGER,
     tempo_bpm DOUBLE, contest_id INTEGER, entry_id INTEGER)`,
  `CREATE TEMP TABLE IF NOT EXISTS staged_requests (at_ms DOUBLE, operation INTEGER, partner_id INTEGER, latency_ms DOUBLE, cache_hit BOOLEAN, ok BOOLEAN)`,
  `CREATE TEMP TABLE IF NOT EXISTS staged_labels (dimension UTINYINT, code INTEGER, value VARCHAR)`,
  `CREATE TEMP TABLE IF NOT EXISTS staged_entries (event_id VARCHAR)`,
];

const STAGED_MUSIC = `(SELECT kind, epoch_ms(CAST(at_ms AS BIGINT)) AS occurred_at, actor, weight, composition_id, theme, key_root, scale, tempo_bpm, contest_id, entry_id FROM staged_music)`;
const STAGED_REQUESTS = `(SELECT epoch_ms(CAST(at_ms AS BIGINT)) AS occurred_at, operation, partner_id, latency_ms, cache_hit, ok FROM staged_requests)`;

/** The tempo band of a piece, as layout 1 computed it (a piece without a tempo falls in the last band). */
const TEMPO_BAND = `CASE WHEN tempo_bpm < $t0 THEN 0 WHEN tempo_bpm < $t1 THEN 1 WHEN tempo_bpm < $t2 THEN 2 ELSE 3 END`;
const tempoParameters = () => {
  const [t0, t1, t2] = TEMPO_BAND_LIMITS;
  return { t0, t1, t2 };
};

/**
 * At most this many distinct people are kept per rollup cell: enough to tell whether a figure is
 * made up by MIN_PEOPLE people. If any cell of a figure holds MIN_PEOPLE, the figure has at least
 * that many; if none does, every cell holds all its people and their union is exact.
 */
const PEOPLE_CAP = MIN_PEOPLE;
const keptPeople = (list: string) => `list_slice(list_sort(list_distinct(${list})), 1, ${PEOPLE_CAP})`;

/**
 * `figures (<keys>, n, people)` from `cells (<keys>, events, actors)`: a group with a cell that kept
 * PEOPLE_CAP people has at least that many; only the others, whose cells hold all their people,
 * have their people's union counted (most groups of a busy store never need it).
 */
const PEOPLE_OF_CELLS = (keys: string) => `groups AS (
    SELECT ${keys}, sum(events) AS n, max(len(actors)) AS widest FROM cells GROUP BY ${keys}
  ), narrow AS (
    SELECT ${keys}, count(DISTINCT actor) AS people
    FROM (SELECT ${keys}, unnest(actors) AS actor FROM cells JOIN (SELECT ${keys} FROM groups WHERE widest < ${PEOPLE_CAP}) AS few USING (${keys}))
    GROUP BY ${keys}
  ), figures AS (
    SELECT groups.*, CASE WHEN widest >= ${PEOPLE_CAP} THEN widest ELSE narrow.people END AS people FROM groups LEFT JOIN narrow USING (${keys})
  )`;

/** Rows of `created_hourly` for the saved pieces among `source` (a table expression with music_facts' columns). */
const createdRollup = (source: string) => `
  INSERT INTO created_hourly
  WITH created AS (SELECT occurred_at, actor, theme, key_root, scale, tempo_bpm FROM ${source} WHERE kind = ${KIND.COMPOSITION_CREATED})
  SELECT date_trunc('hour', occurred_at) AS hour, figure, value, count(*) AS events, ${keptPeople('list(actor)')} AS actors
  FROM (
    SELECT occurred_at, ${CREATED_BY.theme} AS figure, theme AS value, actor FROM created WHERE theme IS NOT NULL
    UNION ALL SELECT occurred_at, ${CREATED_BY.key}, key_root, actor FROM created WHERE key_root IS NOT NULL
    UNION ALL SELECT occurred_at, ${CREATED_BY.scale}, scale, actor FROM created WHERE scale IS NOT NULL
    UNION ALL SELECT occurred_at, ${CREATED_BY.tempo}, ${TEMPO_BAND}, actor FROM created
  ) GROUP BY ALL`;

/** Partial rows appended since the last compaction before the next one (or as many as the table then kept, if more). */
const COMPACT_AFTER_ROWS = 50_000;

async function inTransaction<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
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

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

const HOUR_MS = 3_600_000;

/**
 * A window split for the rollups: whole hours [fullFrom, fullTo) come from `created_hourly`, the
 * parts of hours at either end from the raw rows. A window inside one hour is all raw rows.
 */
function windowParameters(window: TimeWindow) {
  const from = window.from.getTime();
  const to = window.to.getTime();
  let fullFrom = Math.ceil(from / HOUR_MS) * HOUR_MS;
  let fullTo = Math.floor(to / HOUR_MS) * HOUR_MS;
  if (fullFrom >= fullTo) fullFrom = fullTo = to;
  return { from, to, fullFrom, fullTo };
}
const IN_WINDOW = `occurred_at >= epoch_ms($from::BIGINT) AND occurred_at < epoch_ms($to::BIGINT)`;
const IN_FULL_HOURS = `hour >= epoch_ms($fullFrom::BIGINT) AND hour < epoch_ms($fullTo::BIGINT)`;
/** The raw rows of the window's partial hours: two ranges, each one a filter DuckDB prunes row groups with. */
const partialHours = (select: string) =>
  `${select} AND occurred_at >= epoch_ms($from::BIGINT) AND occurred_at < epoch_ms($fullFrom::BIGINT)
   UNION ALL ${select} AND occurred_at >= epoch_ms($fullTo::BIGINT) AND occurred_at < epoch_ms($to::BIGINT)`;

export interface CountFigure {
  key: string;
  count: number;
  /** Distinct people: exact below MIN_PEOPLE, at least MIN_PEOPLE otherwise. */
  people: number;
}

export interface TrendPoint {
  bucket: Date;
  value: string;
  count: number;
  /** Distinct people: exact below MIN_PEOPLE, at least MIN_PEOPLE otherwise. */
  people: number;
}

export interface UsagePoint {
  bucket: Date;
  requests: number;
  p95LatencyMs: number | null;
  cacheHitRate: number | null;
  errorCount: number;
}

export interface UsageTotals {
  requests: number;
  p95LatencyMs: number | null;
  cacheHitRate: number | null;
  errorCount: number;
}

export interface RoutePair {
  originId: number;
  destinationId: number;
  distanceKm: number;
}

/** The labels of one dimension: text to code, and codes handed out in a batch not yet committed. */
class LabelCodes {
  readonly codes = new Map<string, number>();
  next = 0;
}

/** One batch's rows, column by column, as the staging tables want them. */
interface StagedBatch {
  music: DuckDBValue[][];
  musicRows: number;
  requests: DuckDBValue[][];
  requestRows: number;
  labels: { dimension: LabelDimension; code: number; value: string }[];
  entries: string[];
}

/** The DuckDB side of analytics: layout and its upgrade, ingestion (idempotent by stream entry) and every query. */
export class AnalyticsRepo {
  private prepared = false;
  private readonly labels = new Map<LabelDimension, LabelCodes>(Object.values(LABEL).map((dimension) => [dimension, new LabelCodes()]));
  /** `created_hourly` rows appended since its last compaction, the rows it kept then, and the hours written since. */
  private rollup = { appended: 0, kept: 0, firstHour: Number.POSITIVE_INFINITY, lastHour: Number.NEGATIVE_INFINITY };

  constructor(
    private readonly db: AnalyticsDatabase,
    private readonly options: { compactAfterRows: number } = { compactAfterRows: COMPACT_AFTER_ROWS },
  ) {}

  /** Creates the layout, upgrading a layout 1 store in place (one transaction: all or nothing). */
  async migrate(): Promise<void> {
    await this.db.write(async (connection) => {
      for (const statement of NETWORK_SCHEMA) await connection.run(statement);
      const legacy = await readRows(connection, `SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND table_name IN ('music_events', 'api_requests')`);
      await inTransaction(connection, async () => {
        for (const statement of FACT_SCHEMA) await connection.run(statement);
        // Empty in a new store: the rollups are built (from no rows) and the layout recorded.
        const [row] = await readRows(connection, 'SELECT version, people_cap FROM analytics_layout');
        if (legacy.length > 0)
          await this.upgradeFromLayout1(
            connection,
            legacy.map((table) => String(table.table_name)),
          );
        if (!row || num(row.people_cap) !== PEOPLE_CAP || legacy.length > 0) {
          await this.rebuildRollups(connection);
          await connection.run('DELETE FROM analytics_layout');
          await connection.run('INSERT INTO analytics_layout VALUES ($version, $cap)', { version: LAYOUT_VERSION, cap: PEOPLE_CAP });
        }
        for (const statement of VIEWS) await connection.run(statement);
      });
      for (const statement of STAGING) await connection.run(statement);
      for (const codes of this.labels.values()) {
        codes.codes.clear();
        codes.next = 0;
      }
      for (const label of await readRows(connection, 'SELECT dimension, code, value FROM labels')) {
        const codes = this.labels.get(num(label.dimension) as LabelDimension)!;
        codes.codes.set(String(label.value), num(label.code));
        codes.next = Math.max(codes.next, num(label.code) + 1);
      }
      const [kept] = await readRows(connection, 'SELECT count(*) AS n FROM created_hourly');
      this.rollup = { appended: 0, kept: num(kept.n), firstHour: Number.POSITIVE_INFINITY, lastHour: Number.NEGATIVE_INFINITY };
    });
    this.prepared = true;
  }

  /**
   * Layout 1 to layout 2: labels from the text values, raw rows recoded in time order (so DuckDB's
   * row-group ranges of occurred_at prune windows), every old event id kept as stored (a batch
   * committed before the upgrade and delivered again after it still counts once), old tables dropped.
   */
  private async upgradeFromLayout1(connection: DuckDBConnection, tables: string[]): Promise<void> {
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
  private async rebuildRollups(connection: DuckDBConnection): Promise<void> {
    await connection.run('DELETE FROM created_hourly');
    await connection.run(createdRollup('music_facts'), tempoParameters());
  }

  /** Replaces the airport, airline and route tables with the current import, in one transaction. */
  async replaceDimensions(rows: DimensionRows): Promise<void> {
    await this.db.write((connection) =>
      inTransaction(connection, async () => {
        for (const table of ['routes', 'airlines', 'airports']) await connection.run(`DELETE FROM ${table}`);
        const airports = await connection.createAppender('airports');
        for (const a of rows.airports) {
          airports.appendInteger(a.id);
          appendOptionalVarchar(airports, a.iata);
          appendOptionalVarchar(airports, a.icao);
          airports.appendVarchar(a.name);
          airports.appendVarchar(a.city);
          airports.appendVarchar(a.country);
          airports.endRow();
        }
        airports.closeSync();
        const airlines = await connection.createAppender('airlines');
        for (const a of rows.airlines) {
          airlines.appendInteger(a.id);
          airlines.appendVarchar(a.name);
          appendOptionalVarchar(airlines, a.iata);
          appendOptionalVarchar(airlines, a.country);
          airlines.appendBoolean(a.active);
          airlines.endRow();
        }
        airlines.closeSync();
        const routes = await connection.createAppender('routes');
        for (const r of rows.routes) {
          routes.appendInteger(r.id);
          routes.appendInteger(r.originId);
          routes.appendInteger(r.destinationId);
          routes.appendDouble(r.distanceKm);
          routes.appendInteger(r.airlineCount);
          routes.endRow();
        }
        routes.closeSync();
      }),
    );
  }

  /**
   * Writes a batch of stream entries in one transaction: raw rows, new labels, the hourly rollup
   * and the entries' keys. An entry is a unit: it is stored whole or not at all, and one whose first
   * event id is already stored is skipped, so an entry delivered again after a crash (committed
   * here, never acknowledged in Redis) counts once. Returns how many events were new.
   */
  async ingest(entries: readonly (readonly AnalyticsEvent[])[]): Promise<number> {
    if (!this.prepared) throw new Error('AnalyticsRepo.migrate() must run before ingest()');
    const byKey = new Map<string, readonly AnalyticsEvent[]>();
    for (const entry of entries) if (entry.length > 0) byKey.set(entry[0].id, entry);
    if (byKey.size === 0) return 0;
    return this.db.write(async (connection) => {
      const known = await readRows(connection, 'SELECT CAST(event_id AS VARCHAR) AS id FROM stored_entries WHERE event_id IN (SELECT unnest($ids::UUID[]))', {
        ids: listValue([...byKey.keys()]),
      });
      for (const row of known) byKey.delete(String(row.id));
      if (byKey.size === 0) return 0;
      const batch = this.stage(byKey);
      try {
        await this.append(connection, batch);
        const { added, rollupRows } = await inTransaction(connection, async () => {
          if (batch.labels.length > 0) await connection.run('INSERT INTO labels SELECT * FROM staged_labels');
          let rows = 0;
          if (batch.musicRows > 0) {
            await connection.run(`INSERT INTO music_facts SELECT * FROM ${STAGED_MUSIC}`);
            rows = (await connection.run(createdRollup(STAGED_MUSIC), tempoParameters())).rowsChanged;
          }
          if (batch.requestRows > 0) await connection.run(`INSERT INTO request_facts SELECT * FROM ${STAGED_REQUESTS}`);
          await connection.run('INSERT INTO stored_entries SELECT CAST(event_id AS UUID) FROM staged_entries');
          return { added: batch.musicRows + batch.requestRows, rollupRows: rows };
        });
        this.rollup.appended += rollupRows;
        if (this.rollup.appended > Math.max(this.options.compactAfterRows, this.rollup.kept)) await this.compact(connection);
        return added;
      } catch (error) {
        this.forgetLabels(batch.labels);
        throw error;
      } finally {
        for (const table of ['staged_music', 'staged_requests', 'staged_labels', 'staged_entries']) await connection.run(`DELETE FROM ${table}`);
      }
    });
  }

  /** The code of a label, handing out (and recording in the batch) the next one for a new text. */
  private code(batch: StagedBatch, dimension: LabelDimension, value: string | null | undefined): number | null {
    if (value === null || value === undefined) return null;
    const labels = this.labels.get(dimension)!;
    let code = labels.codes.get(value);
    if (code === undefined) {
      code = labels.next++;
      labels.codes.set(value, code);
      batch.labels.push({ dimension, code, value });
    }
    return code;
  }

  /** Codes handed out to a batch that was not committed are taken back. */
  private forgetLabels(labels: StagedBatch['labels']): void {
    for (const label of labels) {
      const codes = this.labels.get(label.dimension)!;
      codes.codes.delete(label.value);
      codes.next = Math.min(codes.next, label.code);
    }
  }

  private stage(entries: Map<string, readonly AnalyticsEvent[]>): StagedBatch {
    const music: DuckDBValue[][] = Array.from({ length: 11 }, () => []);
    const requests: DuckDBValue[][] = Array.from({ length: 6 }, () => []);
    const batch: StagedBatch = { music, musicRows: 0, requests, requestRows: 0, labels: [], entries: [...entries.keys()] };
    const [kind, musicAt, actor, weight, composition, theme, keyRoot, scale, tempo, contest, entry] = music;
    const [requestAt, operation, partner, latency, cacheHit, ok] = requests;
    for (const events of entries.values()) {
      for (const e of events) {
        if (e.kind === 'API_REQUEST') {
          requestAt.push(Math.round(e.at));
          operation.push(this.code(batch, LABEL.operation, e.operation));
          partner.push(e.partnerId ?? null);
          latency.push(e.latencyMs);
          cacheHit.push(e.cacheHit);
          ok.push(e.ok);
        } else {
          const at = Math.round(e.at);
          if (e.kind === 'COMPOSITION_CREATED') {
            const hour = Math.floor(at / HOUR_MS) * HOUR_MS;
            if (hour < this.rollup.firstHour) this.rollup.firstHour = hour;
            if (hour > this.rollup.lastHour) this.rollup.lastHour = hour;
          }
          kind.push(KIND[e.kind]);
          musicAt.push(at);
          actor.push(this.code(batch, LABEL.actor, e.actor));
          weight.push(weightOf(e.kind));
          composition.push(e.compositionId ?? null);
          theme.push(this.code(batch, LABEL.theme, e.themeId));
          keyRoot.push(this.code(batch, LABEL.key, e.keyRoot));
          scale.push(this.code(batch, LABEL.scale, e.scale));
          tempo.push(e.tempoBpm ?? null);
          contest.push(e.contestId ?? null);
          entry.push(e.entryId ?? null);
        }
      }
    }
    batch.musicRows = kind.length;
    batch.requestRows = requestAt.length;
    return batch;
  }

  /** Appends the batch to this connection's staging tables (outside the transaction: they are temporary). */
  private async append(connection: DuckDBConnection, batch: StagedBatch): Promise<void> {
    const tables: [string, DuckDBValue[][], number][] = [
      ['staged_music', batch.music, batch.musicRows],
      ['staged_requests', batch.requests, batch.requestRows],
      ['staged_labels', [batch.labels.map((l) => l.dimension), batch.labels.map((l) => l.code), batch.labels.map((l) => l.value)], batch.labels.length],
      ['staged_entries', [batch.entries], batch.entries.length],
    ];
    for (const [table, columns, rows] of tables) {
      if (rows === 0) continue;
      const appender = await connection.createAppender(table, 'main', 'temp');
      appendColumns(appender, columns, rows);
      appender.closeSync();
    }
  }

  /**
   * Merges the rollup rows each batch appended (one per hour and value per batch) into one per hour
   * and value, over the hours written since the last merge. A merge is a pure re-aggregation in its
   * own transaction: the figures read the same before and after. One that fails leaves the rows as
   * they were (still exact, only more of them) and is tried again after more batches.
   */
  private async compact(connection: DuckDBConnection): Promise<void> {
    const range = { first: this.rollup.firstHour, last: this.rollup.lastHour };
    const inRange = 'hour >= epoch_ms($first::BIGINT) AND hour <= epoch_ms($last::BIGINT)';
    try {
      await inTransaction(connection, async () => {
        await connection.run(
          `CREATE OR REPLACE TEMP TABLE merged_created AS
           SELECT hour, figure, value, CAST(sum(events) AS BIGINT) AS events, ${keptPeople('flatten(list(actors))')} AS actors
           FROM created_hourly WHERE ${inRange} GROUP BY ALL`,
          range,
        );
        await connection.run(`DELETE FROM created_hourly WHERE ${inRange}`, range);
        await connection.run('INSERT INTO created_hourly SELECT * FROM merged_created');
        await connection.run('DROP TABLE merged_created');
      });
      const [kept] = await readRows(connection, 'SELECT count(*) AS n FROM created_hourly');
      this.rollup = { appended: 0, kept: num(kept.n), firstHour: Number.POSITIVE_INFINITY, lastHour: Number.NEGATIVE_INFINITY };
    } catch {
      this.rollup.appended = 0;
    }
  }

  async eventCounts(): Promise<{ music: number; requests: number }> {
    const [row] = await this.db.query('SELECT (SELECT count(*) FROM music_facts) AS music, (SELECT count(*) FROM request_facts) AS requests');
    return { music: num(row.music), requests: num(row.requests) };
  }

  // Network (dimension tables)

  async routeCountsByDistanceBand(): Promise<number[]> {
    const [l0, l1, l2, l3] = DISTANCE_BAND_LIMITS;
    const rows = await this.db.query(
      `SELECT CASE WHEN distance_km < $l0 THEN 0 WHEN distance_km < $l1 THEN 1 WHEN distance_km < $l2 THEN 2 WHEN distance_km < $l3 THEN 3 ELSE 4 END AS band,
              count(*) AS n
       FROM routes GROUP BY band`,
      { l0, l1, l2, l3 },
    );
    const counts = new Array<number>(DISTANCE_BAND_LIMITS.length + 1).fill(0);
    for (const row of rows) counts[num(row.band)] = num(row.n);
    return counts;
  }

  async topHubs(first: number): Promise<{ airportId: number; destinationCount: number }[]> {
    const rows = await this.db.query(`SELECT origin_id, count(DISTINCT destination_id) AS n FROM routes GROUP BY origin_id ORDER BY n DESC, origin_id LIMIT $first`, { first });
    return rows.map((row) => ({ airportId: num(row.origin_id), destinationCount: num(row.n) }));
  }

  async topCountries(first: number): Promise<{ country: string; routeCount: number; airportCount: number; destinationCountryCount: number; airlineCount: number }[]> {
    const rows = await this.db.query(
      `WITH departures AS (
         SELECT o.country, count(*) AS routes, count(DISTINCT r.origin_id) AS airports, count(DISTINCT d.country) AS destination_countries
         FROM routes r JOIN airports o ON o.id = r.origin_id JOIN airports d ON d.id = r.destination_id
         GROUP BY o.country
       ), carriers AS (SELECT country, count(*) AS airlines FROM airlines WHERE active AND country IS NOT NULL GROUP BY country)
       SELECT departures.*, coalesce(carriers.airlines, 0) AS airlines
       FROM departures LEFT JOIN carriers ON carriers.country = departures.country
       ORDER BY routes DESC, departures.country LIMIT $first`,
      { first },
    );
    return rows.map((row) => ({
      country: String(row.country),
      routeCount: num(row.routes),
      airportCount: num(row.airports),
      destinationCountryCount: num(row.destination_countries),
      airlineCount: num(row.airlines),
    }));
  }

  async routesByDistance(first: number, longest: boolean): Promise<RoutePair[]> {
    // Two fixed statements rather than a spliced ORDER BY direction.
    const sql = longest
      ? 'SELECT origin_id, destination_id, distance_km FROM routes ORDER BY distance_km DESC, id LIMIT $first'
      : 'SELECT origin_id, destination_id, distance_km FROM routes ORDER BY distance_km ASC, id LIMIT $first';
    const rows = await this.db.query(sql, { first });
    return rows.map((row) => ({ originId: num(row.origin_id), destinationId: num(row.destination_id), distanceKm: num(row.distance_km) }));
  }

  async airportProfile(airportId: number) {
    const [l0, l1, l2, l3] = DISTANCE_BAND_LIMITS;
    const [[summary], bands, [longest]] = await Promise.all([
      this.db.query(
        `SELECT
           (SELECT count(*) FROM routes WHERE origin_id = $id) AS departures,
           (SELECT count(*) FROM routes WHERE destination_id = $id) AS arrivals,
           (SELECT count(DISTINCT destination_id) FROM routes WHERE origin_id = $id) AS destinations,
           (SELECT count(DISTINCT d.country) FROM routes r JOIN airports d ON d.id = r.destination_id WHERE r.origin_id = $id) AS countries,
           (SELECT avg(distance_km) FROM routes WHERE origin_id = $id) AS average_km,
           (SELECT coalesce(sum(airline_count), 0) FROM routes WHERE origin_id = $id) AS airline_routes`,
        { id: airportId },
      ),
      this.db.query(
        `SELECT CASE WHEN distance_km < $l0 THEN 0 WHEN distance_km < $l1 THEN 1 WHEN distance_km < $l2 THEN 2 WHEN distance_km < $l3 THEN 3 ELSE 4 END AS band,
                count(*) AS n
         FROM routes WHERE origin_id = $id GROUP BY band`,
        { id: airportId, l0, l1, l2, l3 },
      ),
      this.db.query('SELECT origin_id, destination_id, distance_km FROM routes WHERE origin_id = $id ORDER BY distance_km DESC, id LIMIT 1', { id: airportId }),
    ]);
    const bandCounts = new Array<number>(DISTANCE_BAND_LIMITS.length + 1).fill(0);
    for (const row of bands) bandCounts[num(row.band)] = num(row.n);
    return {
      departureCount: num(summary.departures),
      arrivalCount: num(summary.arrivals),
      destinationCount: num(summary.destinations),
      destinationCountryCount: num(summary.countries),
      averageDistanceKm: numOrNull(summary.average_km),
      airlineRouteCount: num(summary.airline_routes),
      bandCounts,
      longestRoute: longest ? { originId: num(longest.origin_id), destinationId: num(longest.destination_id), distanceKm: num(longest.distance_km) } : null,
    };
  }

  // Music: saved pieces from the hourly rollup, the rest from the raw rows

  async compositionsByTheme(window: TimeWindow): Promise<CountFigure[]> {
    const rows = await this.db.query(
      `WITH cells AS (
         SELECT value, events, actors FROM created_hourly WHERE figure = ${CREATED_BY.theme} AND ${IN_FULL_HOURS}
         UNION ALL ${partialHours(`SELECT theme, 1, [actor] FROM music_facts WHERE kind = ${KIND.COMPOSITION_CREATED} AND theme IS NOT NULL`)}
       ), ${PEOPLE_OF_CELLS('value')}
       SELECT l.value AS key, figures.n, figures.people
       FROM figures JOIN labels l ON l.dimension = ${LABEL.theme} AND l.code = figures.value
       ORDER BY figures.n DESC, l.value`,
      windowParameters(window),
    );
    return rows.map(countFigure);
  }

  /** Saved pieces per time bucket and key, scale or tempo band (the band's index as text). */
  async creationTrend(window: TimeWindow, dimension: 'key' | 'scale' | 'tempo'): Promise<TrendPoint[]> {
    // One fixed statement per dimension: the column is chosen here, never taken from the request.
    const raw = { key: 'key_root', scale: 'scale', tempo: TEMPO_BAND }[dimension];
    const label = { key: LABEL.key, scale: LABEL.scale, tempo: null }[dimension];
    const value = label === null ? 'CAST(figures.value AS VARCHAR)' : 'l.value';
    const rows = await this.db.query(
      `WITH cells AS (
         SELECT date_trunc($part, hour) AS bucket, value, events, actors FROM created_hourly WHERE figure = ${CREATED_BY[dimension]} AND ${IN_FULL_HOURS}
         UNION ALL ${partialHours(`SELECT date_trunc($part, occurred_at), ${raw}, 1, [actor] FROM music_facts WHERE kind = ${KIND.COMPOSITION_CREATED} AND ${raw} IS NOT NULL`)}
       ), ${PEOPLE_OF_CELLS('bucket, value')}
       SELECT figures.bucket, ${value} AS value, figures.n, figures.people
       FROM figures ${label === null ? '' : `JOIN labels l ON l.dimension = ${label} AND l.code = figures.value`}
       ORDER BY figures.bucket, figures.n DESC, value`,
      { ...windowParameters(window), part: DATE_PART[window.granularity], ...(dimension === 'tempo' ? tempoParameters() : {}) },
    );
    return rows.map((row) => ({ bucket: row.bucket as Date, value: String(row.value), count: num(row.n), people: num(row.people) }));
  }

  /**
   * Pieces ranked by the net count of `kinds` events, among those at least `minPeople` people made.
   * Counting distinct people for every piece is what costs; the ranking by count is cheap. So the
   * best-ranked pieces are taken first and only theirs counted, more of them while too few qualify.
   */
  async topCompositions(window: TimeWindow, kinds: readonly MusicEventKind[], first: number, minPeople: number): Promise<CountFigure[]> {
    // Codes from the constant kind table, not from the request.
    const inKinds = `kind IN (${kinds.map((kind) => KIND[kind]).join(', ')})`;
    const parameters = { from: window.from.getTime(), to: window.to.getTime() };
    // The candidates' ids as a semi-join (`IN (SELECT unnest(...))`): a third of the cost of list_contains per row.
    for (let candidates = first * 2 + 10; ; candidates *= 4) {
      const ranked = await this.db.query(
        `SELECT composition_id AS key, sum(weight) AS n FROM music_facts
         WHERE ${inKinds} AND composition_id IS NOT NULL AND ${IN_WINDOW}
         GROUP BY composition_id HAVING sum(weight) > 0 ORDER BY n DESC, composition_id LIMIT $candidates`,
        { ...parameters, candidates },
      );
      if (ranked.length === 0) return [];
      const people = new Map(
        (
          await this.db.query(
            `SELECT composition_id AS key, count(DISTINCT actor) AS people FROM music_facts
             WHERE ${inKinds} AND composition_id IN (SELECT unnest($ids::INTEGER[])) AND ${IN_WINDOW} GROUP BY composition_id`,
            { ...parameters, ids: listValue(ranked.map((row) => num(row.key))) },
          )
        ).map((row) => [num(row.key), num(row.people)]),
      );
      const qualified = ranked.flatMap((row) => {
        const count = people.get(num(row.key)) ?? 0;
        return count >= minPeople ? [{ key: String(row.key), count: num(row.n), people: count }] : [];
      });
      if (qualified.length >= first || ranked.length < candidates) return qualified.slice(0, first);
    }
  }

  async contestStatistics(window: TimeWindow) {
    const [entry, vote, retracted] = CONTEST_KINDS;
    const [row] = await this.db.query(
      `SELECT
         count(DISTINCT contest_id) FILTER (WHERE kind IN (${entry}, ${vote})) AS contests,
         count(*) FILTER (WHERE kind = ${entry}) AS entries,
         count(DISTINCT actor) FILTER (WHERE kind = ${entry}) AS entrants,
         coalesce(sum(weight) FILTER (WHERE kind IN (${vote}, ${retracted})), 0) AS votes,
         count(DISTINCT actor) FILTER (WHERE kind IN (${vote}, ${retracted})) AS voters
       FROM music_facts WHERE kind IN (${CONTEST_KINDS.join(', ')}) AND ${IN_WINDOW}`,
      { from: window.from.getTime(), to: window.to.getTime() },
    );
    return { contests: num(row.contests), entries: num(row.entries), entrants: num(row.entrants), votes: num(row.votes), voters: num(row.voters) };
  }

  // Partner usage (request_facts: a 95th percentile needs every latency, so no rollup serves it)

  async usageSeries(partnerId: number, window: TimeWindow): Promise<UsagePoint[]> {
    const rows = await this.db.query(
      `SELECT date_trunc($part, occurred_at) AS bucket, count(*) AS n, quantile_cont(latency_ms, 0.95) AS p95,
              avg(CASE WHEN cache_hit THEN 1.0 ELSE 0.0 END) AS hit_rate, count(*) FILTER (WHERE NOT ok) AS errors
       FROM request_facts WHERE partner_id = $partner AND ${IN_WINDOW}
       GROUP BY bucket ORDER BY bucket`,
      { from: window.from.getTime(), to: window.to.getTime(), part: DATE_PART[window.granularity], partner: partnerId },
    );
    return rows.map((row) => ({
      bucket: row.bucket as Date,
      requests: num(row.n),
      p95LatencyMs: numOrNull(row.p95),
      cacheHitRate: numOrNull(row.hit_rate),
      errorCount: num(row.errors),
    }));
  }

  async usageTotals(partnerId: number, window: TimeWindow): Promise<UsageTotals> {
    const [row] = await this.db.query(
      `SELECT count(*) AS n, quantile_cont(latency_ms, 0.95) AS p95, avg(CASE WHEN cache_hit THEN 1.0 ELSE 0.0 END) AS hit_rate, count(*) FILTER (WHERE NOT ok) AS errors
       FROM request_facts WHERE partner_id = $partner AND ${IN_WINDOW}`,
      { from: window.from.getTime(), to: window.to.getTime(), partner: partnerId },
    );
    return { requests: num(row.n), p95LatencyMs: numOrNull(row.p95), cacheHitRate: numOrNull(row.hit_rate), errorCount: num(row.errors) };
  }

  async topOperations(partnerId: number, window: TimeWindow, first: number) {
    const rows = await this.db.query(
      `WITH ops AS (
         SELECT operation, count(*) AS n, quantile_cont(latency_ms, 0.95) AS p95, avg(CASE WHEN cache_hit THEN 1.0 ELSE 0.0 END) AS hit_rate
         FROM request_facts WHERE partner_id = $partner AND ${IN_WINDOW} GROUP BY operation
       )
       SELECT l.value AS operation, ops.n, ops.p95, ops.hit_rate FROM ops JOIN labels l ON l.dimension = ${LABEL.operation} AND l.code = ops.operation
       ORDER BY ops.n DESC, l.value LIMIT $first`,
      { from: window.from.getTime(), to: window.to.getTime(), partner: partnerId, first },
    );
    return rows.map((row) => ({ operation: String(row.operation), requests: num(row.n), p95LatencyMs: numOrNull(row.p95), cacheHitRate: numOrNull(row.hit_rate) }));
  }

  /** Writes one partner's requests in the window to `file` as CSV or Parquet (the path is ours, never the client's). */
  async exportUsage(partnerId: number, window: TimeWindow, file: string, format: 'csv' | 'parquet'): Promise<void> {
    const select = `SELECT occurred_at, operation, latency_ms, cache_hit, ok FROM api_requests WHERE partner_id = $partner AND ${IN_WINDOW} ORDER BY occurred_at, operation, latency_ms`;
    const target = `'${file.replaceAll("'", "''")}'`;
    const options = format === 'csv' ? '(FORMAT csv, HEADER true)' : '(FORMAT parquet)';
    await this.db.write((connection) => connection.run(`COPY (${select}) TO ${target} ${options}`, { from: window.from.getTime(), to: window.to.getTime(), partner: partnerId }));
  }
}

function appendOptionalVarchar(appender: { appendVarchar(v: string): void; appendNull(): void }, value: string | null | undefined) {
  if (value === null || value === undefined) appender.appendNull();
  else appender.appendVarchar(value);
}

function countFigure(row: SqlRow): CountFigure {
  return { key: String(row.key), count: num(row.n), people: num(row.people) };
}
