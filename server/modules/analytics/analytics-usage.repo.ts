import type { AnalyticsDatabase } from '../../adapters/duckdb.js';
import { IN_WINDOW, LABEL, num, numOrNull } from './analytics-sql.js';
import { DATE_PART, type TimeWindow } from './figures.js';

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

/** Partner usage (request_facts: a 95th percentile needs every latency, so no rollup serves it). */
export class UsageQueries {
  constructor(private readonly db: AnalyticsDatabase) {}

  async usageSeries(partnerId: number, window: TimeWindow): Promise<UsagePoint[]> {
    const rows = await this.db.query(
      `SELECT date_trunc($part, occurred_at) AS bucket, count(*) AS n, quantile_cont(latency_ms, 0.95) AS p95,
              avg(CASE WHEN cache_hit THEN 1.0 ELSE 0.0 END) AS hit_rate, count(*) FILTER (WHERE NOT ok) AS errors
       FROM request_rows WHERE partner_id = $partner AND ${IN_WINDOW}
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
       FROM request_rows WHERE partner_id = $partner AND ${IN_WINDOW}`,
      { from: window.from.getTime(), to: window.to.getTime(), partner: partnerId },
    );
    return { requests: num(row.n), p95LatencyMs: numOrNull(row.p95), cacheHitRate: numOrNull(row.hit_rate), errorCount: num(row.errors) };
  }

  async topOperations(partnerId: number, window: TimeWindow, first: number) {
    const rows = await this.db.query(
      `WITH ops AS (
         SELECT operation, count(*) AS n, quantile_cont(latency_ms, 0.95) AS p95, avg(CASE WHEN cache_hit THEN 1.0 ELSE 0.0 END) AS hit_rate
         FROM request_rows WHERE partner_id = $partner AND ${IN_WINDOW} GROUP BY operation
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
