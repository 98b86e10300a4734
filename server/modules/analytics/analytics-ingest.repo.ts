import { type DuckDBConnection, type DuckDBValue, listValue } from '@duckdb/node-api';
import { appendColumns, readRows } from '../../adapters/duckdb.js';
import { type AnalyticsEvent, weightOf } from './analytics-event.js';
import { inTransaction } from './analytics-layout.repo.js';
import { createdRollup, HOUR_MS, KIND, keptPeople, LABEL, type LabelDimension, num, tempoParameters } from './analytics-sql.js';

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

/** Partial rows appended since the last compaction before the next one (or as many as the table then kept, if more). */
const COMPACT_AFTER_ROWS = 50_000;

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

/**
 * Writes events into the store: label codes handed out in memory (loaded from `labels` once), raw
 * rows, the hourly rollup and the stored entries' keys, one transaction per batch.
 */
export class FactWriter {
  private readonly labels = new Map<LabelDimension, LabelCodes>(Object.values(LABEL).map((dimension) => [dimension, new LabelCodes()]));
  /** `created_hourly` rows appended since its last compaction, the rows it kept then, and the hours written since. */
  private rollup = { appended: 0, kept: 0, firstHour: Number.POSITIVE_INFINITY, lastHour: Number.NEGATIVE_INFINITY };

  constructor(private readonly options: { compactAfterRows: number } = { compactAfterRows: COMPACT_AFTER_ROWS }) {}

  /** Reads the labels and the rollup's size from a migrated store, and makes this connection's staging tables. */
  async load(connection: DuckDBConnection): Promise<void> {
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
  }

  /**
   * Writes a batch of stream entries in one transaction: raw rows, new labels, the hourly rollup
   * and the entries' keys. An entry is a unit: it is stored whole or not at all, and one whose first
   * event id is already stored is skipped, so an entry delivered again after a crash (committed
   * here, never acknowledged in Redis) counts once. Returns how many events were new.
   */
  async ingest(connection: DuckDBConnection, entries: readonly (readonly AnalyticsEvent[])[]): Promise<number> {
    const byKey = new Map<string, readonly AnalyticsEvent[]>();
    for (const entry of entries) if (entry.length > 0) byKey.set(entry[0].id, entry);
    if (byKey.size === 0) return 0;
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
}
