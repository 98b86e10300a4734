import type { AnalyticsDatabase } from '../../adapters/duckdb.js';
import { IN_WINDOW, LABEL, num, numOrNull } from './analytics-sql.js';
import { DATE_PART, type TimeWindow } from './figures.js';

export interface UsageTotals {
  requests: number;
  p95LatencyMs: number | null;
  cacheHitRate: number | null;
  errorCount: number;
}

export interface UsagePoint extends UsageTotals {
  bucket: Date;
}

export interface OperationFigures extends Omit<UsageTotals, 'errorCount'> {
  operation: string;
}

/** One partner's usage over a window; every part counts the same requests. */
export interface PartnerUsageFigures {
  totals: UsageTotals;
  series: UsagePoint[];
  /** Most called first (ties by name). */
  operations: OperationFigures[];
}

const NO_REQUESTS: UsageTotals = { requests: 0, p95LatencyMs: null, cacheHitRate: null, errorCount: 0 };

/** Partner usage (request_facts: a 95th percentile needs every latency, so no rollup serves it). */
export class UsageQueries {
  constructor(private readonly db: AnalyticsDatabase) {}

  /**
   * Totals, buckets and operations in one statement, so one snapshot: events landing meanwhile
   * never make the buckets or the operations disagree with the totals. The 95th percentiles are
   * taken over whole microseconds: DuckDB's quantile over integers took a third less time than over
   * doubles at 10 million events, and a microsecond is finer than anything a dashboard shows.
   */
  async usage(partnerId: number, window: TimeWindow): Promise<PartnerUsageFigures> {
    const rows = await this.db.query(
      `WITH mine AS (
         SELECT date_trunc($part, occurred_at) AS bucket, operation, CAST(round(latency_ms * 1000) AS BIGINT) AS latency_us, cache_hit, ok
         FROM request_rows WHERE partner_id = $partner AND ${IN_WINDOW}
       ), grouped AS (
         SELECT grouping(bucket) AS no_bucket, grouping(operation) AS no_operation, bucket, operation,
                count(*) AS n, quantile_cont(latency_us, 0.95) / 1000 AS p95,
                avg(CASE WHEN cache_hit THEN 1.0 ELSE 0.0 END) AS hit_rate, count(*) FILTER (WHERE NOT ok) AS errors
         FROM mine GROUP BY GROUPING SETS ((), (bucket), (operation))
       )
       SELECT grouped.*, l.value AS operation_name
       FROM grouped LEFT JOIN labels l ON l.dimension = ${LABEL.operation} AND l.code = grouped.operation
       ORDER BY bucket, n DESC, operation_name`,
      { from: window.from.getTime(), to: window.to.getTime(), part: DATE_PART[window.granularity], partner: partnerId },
    );
    const figures: PartnerUsageFigures = { totals: NO_REQUESTS, series: [], operations: [] };
    for (const row of rows) {
      const measured = { requests: num(row.n), p95LatencyMs: numOrNull(row.p95), cacheHitRate: numOrNull(row.hit_rate) };
      if (Number(row.no_bucket) === 0) figures.series.push({ bucket: row.bucket as Date, ...measured, errorCount: num(row.errors) });
      else if (Number(row.no_operation) === 0) figures.operations.push({ operation: String(row.operation_name), ...measured });
      else figures.totals = { ...measured, errorCount: num(row.errors) };
    }
    return figures;
  }

  /** Writes one partner's requests in the window to `file` as CSV or Parquet (the path is ours, never the client's). */
  async exportUsage(partnerId: number, window: TimeWindow, file: string, format: 'csv' | 'parquet'): Promise<void> {
    const select = `SELECT occurred_at, operation, latency_ms, cache_hit, ok FROM api_requests WHERE partner_id = $partner AND ${IN_WINDOW} ORDER BY occurred_at, operation, latency_ms`;
    const target = `'${file.replaceAll("'", "''")}'`;
    const options = format === 'csv' ? '(FORMAT csv, HEADER true)' : '(FORMAT parquet)';
    await this.db.write((connection) => connection.run(`COPY (${select}) TO ${target} ${options}`, { from: window.from.getTime(), to: window.to.getTime(), partner: partnerId }));
  }
}
