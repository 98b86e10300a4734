import { DuckDBTimestampValue, listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { AnalyticsDatabase, SqlRow } from '../../adapters/duckdb.js';
import { weightOf, type AnalyticsEvent, type ApiRequestFact, type MusicEventKind, type MusicFact } from './analytics-event.js';
import { DATE_PART, DISTANCE_BAND_LIMITS, TEMPO_BAND_LIMITS, type TimeWindow } from './figures.js';

export interface DimensionRows {
  airports: { id: number; iata: string | null; icao: string | null; name: string; city: string; country: string }[];
  airlines: { id: number; name: string; iata: string | null; country: string | null; active: boolean }[];
  routes: { id: number; originId: number; destinationId: number; distanceKm: number; airlineCount: number }[];
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS airports (id INTEGER PRIMARY KEY, iata VARCHAR, icao VARCHAR, name VARCHAR NOT NULL, city VARCHAR NOT NULL, country VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS airlines (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, iata VARCHAR, country VARCHAR, active BOOLEAN NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS routes (id INTEGER PRIMARY KEY, origin_id INTEGER NOT NULL, destination_id INTEGER NOT NULL, distance_km DOUBLE NOT NULL, airline_count INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS music_events (
     event_id UUID PRIMARY KEY, kind VARCHAR NOT NULL, occurred_at TIMESTAMP NOT NULL, actor VARCHAR NOT NULL, weight INTEGER NOT NULL,
     composition_id INTEGER, theme_id VARCHAR, key_root VARCHAR, scale VARCHAR, tempo_bpm DOUBLE, contest_id INTEGER, entry_id INTEGER)`,
  `CREATE TABLE IF NOT EXISTS api_requests (
     event_id UUID PRIMARY KEY, occurred_at TIMESTAMP NOT NULL, operation VARCHAR NOT NULL, partner_id INTEGER,
     latency_ms DOUBLE NOT NULL, cache_hit BOOLEAN NOT NULL, ok BOOLEAN NOT NULL)`,
];

/** Per-connection staging tables: a batch is appended here, then moved in one statement that skips known ids. */
const STAGING = [
  `CREATE TEMP TABLE IF NOT EXISTS staged_music_events AS SELECT * FROM music_events LIMIT 0`,
  `CREATE TEMP TABLE IF NOT EXISTS staged_api_requests AS SELECT * FROM api_requests LIMIT 0`,
];

const timestampOf = (ms: number) => new DuckDBTimestampValue(BigInt(Math.round(ms)) * 1000n);

function appendOptionalInteger(appender: { appendInteger(v: number): void; appendNull(): void }, value: number | null | undefined) {
  if (value === null || value === undefined) appender.appendNull();
  else appender.appendInteger(value);
}

function appendOptionalVarchar(appender: { appendVarchar(v: string): void; appendNull(): void }, value: string | null | undefined) {
  if (value === null || value === undefined) appender.appendNull();
  else appender.appendVarchar(value);
}

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

const windowParameters = (window: TimeWindow) => ({ from: window.from.getTime(), to: window.to.getTime() });
const IN_WINDOW = `occurred_at >= epoch_ms($from::BIGINT) AND occurred_at < epoch_ms($to::BIGINT)`;

export interface CountFigure {
  key: string;
  count: number;
  people: number;
}

export interface TrendPoint {
  bucket: Date;
  value: string;
  count: number;
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

/** The DuckDB side of analytics: schema, ingestion (idempotent by event id) and every query. */
export class AnalyticsRepo {
  private prepared = false;

  constructor(private readonly db: AnalyticsDatabase) {}

  async migrate(): Promise<void> {
    await this.db.write(async (connection) => {
      for (const statement of [...SCHEMA, ...STAGING]) await connection.run(statement);
    });
    this.prepared = true;
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
   * Writes a batch of events in one transaction. Ids already stored are skipped, so a batch that
   * is delivered again after a crash (committed here, never acknowledged in Redis) counts once.
   * Returns how many events were new.
   */
  async ingest(events: readonly AnalyticsEvent[]): Promise<number> {
    if (!this.prepared) throw new Error('AnalyticsRepo.migrate() must run before ingest()');
    const unique = new Map<string, AnalyticsEvent>();
    for (const event of events) unique.set(event.id, event);
    const music: (MusicFact & { id: string; at: number })[] = [];
    const requests: (ApiRequestFact & { id: string; at: number })[] = [];
    for (const event of unique.values()) {
      if (event.kind === 'API_REQUEST') requests.push(event);
      else music.push(event);
    }
    return this.db.write(async (connection) => {
      if (music.length > 0) {
        const appender = await connection.createAppender('staged_music_events', 'main', 'temp');
        for (const e of music) {
          appender.appendVarchar(e.id);
          appender.appendVarchar(e.kind);
          appender.appendTimestamp(timestampOf(e.at));
          appender.appendVarchar(e.actor);
          appender.appendInteger(weightOf(e.kind));
          appendOptionalInteger(appender, e.compositionId);
          appendOptionalVarchar(appender, e.themeId);
          appendOptionalVarchar(appender, e.keyRoot);
          appendOptionalVarchar(appender, e.scale);
          if (e.tempoBpm === null || e.tempoBpm === undefined) appender.appendNull();
          else appender.appendDouble(e.tempoBpm);
          appendOptionalInteger(appender, e.contestId);
          appendOptionalInteger(appender, e.entryId);
          appender.endRow();
        }
        appender.closeSync();
      }
      if (requests.length > 0) {
        const appender = await connection.createAppender('staged_api_requests', 'main', 'temp');
        for (const e of requests) {
          appender.appendVarchar(e.id);
          appender.appendTimestamp(timestampOf(e.at));
          appender.appendVarchar(e.operation);
          appendOptionalInteger(appender, e.partnerId);
          appender.appendDouble(e.latencyMs);
          appender.appendBoolean(e.cacheHit);
          appender.appendBoolean(e.ok);
          appender.endRow();
        }
        appender.closeSync();
      }
      try {
        return await inTransaction(connection, async () => {
          const before = await this.factCount(connection);
          await connection.run('INSERT OR IGNORE INTO music_events SELECT * FROM staged_music_events');
          await connection.run('INSERT OR IGNORE INTO api_requests SELECT * FROM staged_api_requests');
          return (await this.factCount(connection)) - before;
        });
      } finally {
        await connection.run('DELETE FROM staged_music_events');
        await connection.run('DELETE FROM staged_api_requests');
      }
    });
  }

  private async factCount(connection: DuckDBConnection): Promise<number> {
    const reader = await connection.runAndReadAll('SELECT (SELECT count(*) FROM music_events) + (SELECT count(*) FROM api_requests) AS n');
    return Number(reader.getRowObjectsJS()[0].n);
  }

  async eventCounts(): Promise<{ music: number; requests: number }> {
    const [row] = await this.db.query('SELECT (SELECT count(*) FROM music_events) AS music, (SELECT count(*) FROM api_requests) AS requests');
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
    const rows = await this.db.query(
      `SELECT origin_id, count(DISTINCT destination_id) AS n FROM routes GROUP BY origin_id ORDER BY n DESC, origin_id LIMIT $first`,
      { first },
    );
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

  // Music (fact tables)

  async compositionsByTheme(window: TimeWindow): Promise<CountFigure[]> {
    const rows = await this.db.query(
      `SELECT theme_id AS key, count(*) AS n, count(DISTINCT actor) AS people FROM music_events
       WHERE kind = 'COMPOSITION_CREATED' AND theme_id IS NOT NULL AND ${IN_WINDOW}
       GROUP BY theme_id ORDER BY n DESC, theme_id`,
      windowParameters(window),
    );
    return rows.map(countFigure);
  }

  /** Saved pieces per time bucket and key, scale or tempo band (the band's index as text). */
  async creationTrend(window: TimeWindow, dimension: 'key' | 'scale' | 'tempo'): Promise<TrendPoint[]> {
    const parameters = { ...windowParameters(window), part: DATE_PART[window.granularity] };
    const [t0, t1, t2] = TEMPO_BAND_LIMITS;
    // One fixed statement per dimension: the column is chosen here, never taken from the request.
    const value = {
      key: 'key_root',
      scale: 'scale',
      tempo: `CAST(CASE WHEN tempo_bpm < $t0 THEN 0 WHEN tempo_bpm < $t1 THEN 1 WHEN tempo_bpm < $t2 THEN 2 ELSE 3 END AS VARCHAR)`,
    }[dimension];
    const rows = await this.db.query(
      `SELECT date_trunc($part, occurred_at) AS bucket, ${value} AS value, count(*) AS n, count(DISTINCT actor) AS people FROM music_events
       WHERE kind = 'COMPOSITION_CREATED' AND ${value} IS NOT NULL AND ${IN_WINDOW}
       GROUP BY ALL ORDER BY bucket, n DESC, value`,
      dimension === 'tempo' ? { ...parameters, t0, t1, t2 } : parameters,
    );
    return rows.map((row) => ({ bucket: row.bucket as Date, value: String(row.value), count: num(row.n), people: num(row.people) }));
  }

  /** Pieces ranked by the net count of `kinds` events, among those at least `minPeople` people made. */
  async topCompositions(window: TimeWindow, kinds: readonly MusicEventKind[], first: number, minPeople: number): Promise<CountFigure[]> {
    const rows = await this.db.query(
      `SELECT composition_id AS key, sum(weight) AS n, count(DISTINCT actor) AS people FROM music_events
       WHERE list_contains($kinds::VARCHAR[], kind) AND composition_id IS NOT NULL AND ${IN_WINDOW}
       GROUP BY composition_id HAVING count(DISTINCT actor) >= $minPeople AND sum(weight) > 0
       ORDER BY n DESC, composition_id LIMIT $first`,
      { ...windowParameters(window), kinds: listValue([...kinds]), first, minPeople },
    );
    return rows.map(countFigure);
  }

  async contestStatistics(window: TimeWindow) {
    const [row] = await this.db.query(
      `SELECT
         count(DISTINCT contest_id) FILTER (WHERE kind IN ('CONTEST_ENTRY', 'CONTEST_VOTE')) AS contests,
         count(*) FILTER (WHERE kind = 'CONTEST_ENTRY') AS entries,
         count(DISTINCT actor) FILTER (WHERE kind = 'CONTEST_ENTRY') AS entrants,
         coalesce(sum(weight) FILTER (WHERE kind IN ('CONTEST_VOTE', 'CONTEST_VOTE_RETRACTED')), 0) AS votes,
         count(DISTINCT actor) FILTER (WHERE kind IN ('CONTEST_VOTE', 'CONTEST_VOTE_RETRACTED')) AS voters
       FROM music_events WHERE kind LIKE 'CONTEST_%' AND ${IN_WINDOW}`,
      windowParameters(window),
    );
    return { contests: num(row.contests), entries: num(row.entries), entrants: num(row.entrants), votes: num(row.votes), voters: num(row.voters) };
  }

  // Partner usage (api_requests)

  async usageSeries(partnerId: number, window: TimeWindow): Promise<UsagePoint[]> {
    const rows = await this.db.query(
      `SELECT date_trunc($part, occurred_at) AS bucket, count(*) AS n, quantile_cont(latency_ms, 0.95) AS p95,
              avg(CASE WHEN cache_hit THEN 1.0 ELSE 0.0 END) AS hit_rate, count(*) FILTER (WHERE NOT ok) AS errors
       FROM api_requests WHERE partner_id = $partner AND ${IN_WINDOW}
       GROUP BY bucket ORDER BY bucket`,
      { ...windowParameters(window), part: DATE_PART[window.granularity], partner: partnerId },
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
       FROM api_requests WHERE partner_id = $partner AND ${IN_WINDOW}`,
      { ...windowParameters(window), partner: partnerId },
    );
    return { requests: num(row.n), p95LatencyMs: numOrNull(row.p95), cacheHitRate: numOrNull(row.hit_rate), errorCount: num(row.errors) };
  }

  async topOperations(partnerId: number, window: TimeWindow, first: number) {
    const rows = await this.db.query(
      `SELECT operation, count(*) AS n, quantile_cont(latency_ms, 0.95) AS p95, avg(CASE WHEN cache_hit THEN 1.0 ELSE 0.0 END) AS hit_rate
       FROM api_requests WHERE partner_id = $partner AND ${IN_WINDOW}
       GROUP BY operation ORDER BY n DESC, operation LIMIT $first`,
      { ...windowParameters(window), partner: partnerId, first },
    );
    return rows.map((row) => ({ operation: String(row.operation), requests: num(row.n), p95LatencyMs: numOrNull(row.p95), cacheHitRate: numOrNull(row.hit_rate) }));
  }

  /** Writes one partner's requests in the window to `file` as CSV or Parquet (the path is ours, never the client's). */
  async exportUsage(partnerId: number, window: TimeWindow, file: string, format: 'csv' | 'parquet'): Promise<void> {
    const select = `SELECT occurred_at, operation, latency_ms, cache_hit, ok FROM api_requests WHERE partner_id = $partner AND ${IN_WINDOW} ORDER BY occurred_at, event_id`;
    const target = `'${file.replaceAll("'", "''")}'`;
    const options = format === 'csv' ? '(FORMAT csv, HEADER true)' : '(FORMAT parquet)';
    await this.db.write((connection) => connection.run(`COPY (${select}) TO ${target} ${options}`, { ...windowParameters(window), partner: partnerId }));
  }
}

function countFigure(row: SqlRow): CountFigure {
  return { key: String(row.key), count: num(row.n), people: num(row.people) };
}
