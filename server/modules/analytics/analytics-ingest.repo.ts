import { type DuckDBConnection, DuckDBTimestampValue, type DuckDBValue, listValue, uuidValue } from '@duckdb/node-api';
import { appendColumns, readRows } from '../../adapters/duckdb.js';
import { type AnalyticsEvent, weightOf } from './analytics-event.js';
import { inTransaction, moveTail, type TailName } from './analytics-layout.repo.js';
import { CREATED_BY, HOUR_MS, KIND, keptPeople, LABEL, type LabelDimension, num, PEOPLE_CAP } from './analytics-sql.js';
import { TEMPO_BAND_LIMITS } from './figures.js';

/** Partial rows appended since the last compaction before the next one (or as many as the table then kept, if more). */
const COMPACT_AFTER_ROWS = 50_000;
/**
 * Raw rows in a tail before they move into a clustered segment. Bigger request segments skip more
 * row groups (a partner's rows fill fewer of them). Music segments are smaller: their figures read
 * merged blocks of segments' cells, so a small segment costs them nothing, and a smaller tail is
 * less to read row by row. A smaller tail also holds the writer for less time when it moves.
 */
const SEGMENT_ROWS = { music: 500_000, requests: 1_000_000 } as const satisfies Record<TailName, number>;

export interface FactWriterOptions {
  compactAfterRows?: number;
  /** Rows per segment of both tails (tests), instead of SEGMENT_ROWS. */
  segmentRows?: number;
}

/** The labels of one dimension: text to code, and codes handed out in a batch not yet committed. */
class LabelCodes {
  readonly codes = new Map<string, number>();
  next = 0;
}

/** One batch's rows, column by column, as the tables' appenders want them. */
interface StagedBatch {
  music: DuckDBValue[][];
  musicRows: number;
  requests: DuckDBValue[][];
  requestRows: number;
  labels: { dimension: LabelDimension; code: number; value: string }[];
  entries: string[];
  /** `created_hourly` rows: hour (ms), figure and value -> saved pieces and their people's codes. */
  created: Map<string, { hour: number; figure: number; value: number; events: number; actors: Set<number> }>;
}

const timestamp = (ms: number) => new DuckDBTimestampValue(BigInt(ms) * 1000n);

/** The tempo band's index, as TEMPO_BAND computes it in SQL (a piece without a tempo falls in the last band). */
function tempoBand(bpm: number | null | undefined): number {
  if (bpm === null || bpm === undefined) return TEMPO_BAND_LIMITS.length;
  const band = TEMPO_BAND_LIMITS.findIndex((limit) => bpm < limit);
  return band === -1 ? TEMPO_BAND_LIMITS.length : band;
}

/**
 * Writes events into the store: label codes handed out in memory (loaded from `labels` once), raw
 * rows, the hourly rollup and the stored entries' keys, one transaction per batch.
 */
export class FactWriter {
  private readonly labels = new Map<LabelDimension, LabelCodes>(Object.values(LABEL).map((dimension) => [dimension, new LabelCodes()]));
  /** `created_hourly` rows appended since its last compaction, the rows it kept then, and the hours written since. */
  private rollup = { appended: 0, kept: 0, firstHour: Number.POSITIVE_INFINITY, lastHour: Number.NEGATIVE_INFINITY };
  /** Rows in each tail, and how many there must be before its next move (raised after a failed one). */
  private readonly tails: Record<TailName, { rows: number; moveAt: number }>;
  private readonly compactAfterRows: number;
  private readonly segmentRows: Record<TailName, number>;

  constructor(options: FactWriterOptions = {}) {
    this.compactAfterRows = options.compactAfterRows ?? COMPACT_AFTER_ROWS;
    this.segmentRows = { music: options.segmentRows ?? SEGMENT_ROWS.music, requests: options.segmentRows ?? SEGMENT_ROWS.requests };
    this.tails = { music: { rows: 0, moveAt: this.segmentRows.music }, requests: { rows: 0, moveAt: this.segmentRows.requests } };
  }

  /** Reads the labels and the rollup's size from a migrated store. */
  async load(connection: DuckDBConnection): Promise<void> {
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
    const [tail] = await readRows(connection, 'SELECT (SELECT count(*) FROM music_tail) AS music, (SELECT count(*) FROM request_tail) AS requests');
    this.tails.music = { rows: num(tail.music), moveAt: this.segmentRows.music };
    this.tails.requests = { rows: num(tail.requests), moveAt: this.segmentRows.requests };
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
    try {
      // Nearly every batch is new: its keys go in first and the primary key refuses a stored one.
      return await this.store(connection, byKey);
    } catch {
      const known = await readRows(connection, 'SELECT CAST(event_id AS VARCHAR) AS id FROM stored_entries WHERE event_id IN (SELECT unnest($ids::UUID[]))', {
        ids: listValue([...byKey.keys()]),
      });
      for (const row of known) byKey.delete(String(row.id));
      if (byKey.size === 0) return 0;
      return this.store(connection, byKey);
    }
  }

  /** Appends the entries' rows straight to the tables inside one transaction: a failure leaves none of them. */
  private async store(connection: DuckDBConnection, entries: Map<string, readonly AnalyticsEvent[]>): Promise<number> {
    const batch = this.stage(entries);
    const created = [...batch.created.values()];
    try {
      await inTransaction(connection, async () => {
        const labels = batch.labels;
        const tables: [string, readonly (readonly DuckDBValue[])[], number][] = [
          ['stored_entries', [batch.entries.map((id) => uuidValue(BigInt(`0x${id.replaceAll('-', '')}`)))], batch.entries.length],
          ['labels', [labels.map((l) => l.dimension), labels.map((l) => l.code), labels.map((l) => l.value)], labels.length],
          ['music_tail', batch.music, batch.musicRows],
          ['request_tail', batch.requests, batch.requestRows],
          [
            'created_hourly',
            [
              created.map((c) => timestamp(c.hour)),
              created.map((c) => c.figure),
              created.map((c) => c.value),
              created.map((c) => BigInt(c.events)),
              created.map((c) => listValue([...c.actors].sort((x, y) => x - y).slice(0, PEOPLE_CAP))),
            ],
            created.length,
          ],
        ];
        for (const [table, columns, rows] of tables) {
          if (rows === 0) continue;
          const appender = await connection.createAppender(table);
          appendColumns(appender, columns, rows);
          appender.closeSync();
        }
      });
    } catch (error) {
      this.forgetLabels(batch.labels);
      throw error;
    }
    this.rollup.appended += created.length;
    if (this.rollup.appended > Math.max(this.compactAfterRows, this.rollup.kept)) await this.compact(connection);
    this.tails.music.rows += batch.musicRows;
    this.tails.requests.rows += batch.requestRows;
    const full = (['music', 'requests'] as const).filter((name) => this.tails[name].rows >= this.tails[name].moveAt);
    if (full.length > 0) await this.moveTails(connection, full);
    return batch.musicRows + batch.requestRows;
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
    const batch: StagedBatch = { music, musicRows: 0, requests, requestRows: 0, labels: [], entries: [...entries.keys()], created: new Map() };
    const [kind, musicAt, actor, weight, composition, theme, keyRoot, scale, tempo, contest, entry] = music;
    const [requestAt, operation, partner, latency, cacheHit, ok] = requests;
    for (const events of entries.values()) {
      for (const e of events) {
        if (e.kind === 'API_REQUEST') {
          requestAt.push(timestamp(Math.round(e.at)));
          operation.push(this.code(batch, LABEL.operation, e.operation));
          partner.push(e.partnerId ?? null);
          latency.push(e.latencyMs);
          cacheHit.push(e.cacheHit);
          ok.push(e.ok);
        } else {
          const at = Math.round(e.at);
          const codes = {
            actor: this.code(batch, LABEL.actor, e.actor)!,
            theme: this.code(batch, LABEL.theme, e.themeId),
            key: this.code(batch, LABEL.key, e.keyRoot),
            scale: this.code(batch, LABEL.scale, e.scale),
          };
          if (e.kind === 'COMPOSITION_CREATED') this.rollUp(batch, at, codes, tempoBand(e.tempoBpm));
          kind.push(KIND[e.kind]);
          musicAt.push(timestamp(at));
          actor.push(codes.actor);
          weight.push(weightOf(e.kind));
          composition.push(e.compositionId ?? null);
          theme.push(codes.theme);
          keyRoot.push(codes.key);
          scale.push(codes.scale);
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

  /** Counts a saved piece in the batch's `created_hourly` rows: one per hour, figure and value, as `createdRollup` groups them. */
  private rollUp(batch: StagedBatch, at: number, codes: { actor: number; theme: number | null; key: number | null; scale: number | null }, band: number): void {
    const hour = Math.floor(at / HOUR_MS) * HOUR_MS;
    if (hour < this.rollup.firstHour) this.rollup.firstHour = hour;
    if (hour > this.rollup.lastHour) this.rollup.lastHour = hour;
    const cells: [number, number | null][] = [
      [CREATED_BY.theme, codes.theme],
      [CREATED_BY.key, codes.key],
      [CREATED_BY.scale, codes.scale],
      [CREATED_BY.tempo, band],
    ];
    for (const [figure, value] of cells) {
      if (value === null) continue;
      const id = `${hour}:${figure}:${value}`;
      let cell = batch.created.get(id);
      if (!cell) batch.created.set(id, (cell = { hour, figure, value, events: 0, actors: new Set() }));
      cell.events += 1;
      cell.actors.add(codes.actor);
    }
  }

  /** A move that fails leaves every row in its tail (exact, only slower to read) and is tried again a segment later. */
  private async moveTails(connection: DuckDBConnection, names: readonly TailName[]): Promise<void> {
    try {
      await moveTail(connection, names);
      for (const name of names) this.tails[name] = { rows: 0, moveAt: this.segmentRows[name] };
    } catch {
      for (const name of names) this.tails[name].moveAt = this.tails[name].rows + this.segmentRows[name];
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
