import type { AnalyticsDatabase } from '../../adapters/duckdb.js';
import { IN_WINDOW, integerSum, LABEL, LATENCY_US, latencyBin, num, numOrNull } from './analytics-sql.js';
import { outsideWholeSegments, wholeSegmentRun } from './analytics-segment-run.js';
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

/** The requests in a group of `UsageQueries.usage`, and which group: the window, one period or one operation. */
const GROUP_KEY = 'no_period, no_operation, period, operation';

/** The latency at each target rank of the groups `which` (targets `t`), among the candidates `c` in its bin that `join` makes its group's. */
const pickLatency = (join: string, which: string) =>
  `SELECT t.no_period, t.no_operation, t.period, t.operation, t.side, t.position, list_sort(list(c.latency_us))[t.nth] AS latency_us
   FROM targets t JOIN candidates c ON c.bin = t.bin ${join} WHERE ${which}
   GROUP BY t.no_period, t.no_operation, t.period, t.operation, t.side, t.position, t.nth`;

/**
 * Partner usage. Whole request segments in the window count from their usage cells, the rest from
 * their rows. A 95th percentile needs the latencies at its rank, which no count holds: the latency
 * bins' counts tell which bin each rank falls in, and only the latencies in those bins are read.
 */
export class UsageQueries {
  constructor(private readonly db: AnalyticsDatabase) {}

  /**
   * Totals, periods and operations in one statement, so one snapshot: events landing meanwhile
   * never make the periods or the operations disagree with the totals. The 95th percentiles are
   * DuckDB's quantile_cont (linear between the two latencies around rank (n - 1) × 0.95) over whole
   * microseconds, a microsecond being finer than anything a dashboard shows.
   */
  async usage(partnerId: number, window: TimeWindow): Promise<PartnerUsageFigures> {
    const run = await wholeSegmentRun(this.db, 'request_segments', window);
    const inRun = 'segment BETWEEN $first AND $last AND partner_id = $partner';
    const rows = await this.db.query(
      `WITH outside AS (
         ${outsideWholeSegments('request_facts', 'request_tail', `occurred_at, operation, ${LATENCY_US} AS latency_us, cache_hit, ok`, `partner_id = $partner AND ${IN_WINDOW}`)}
       ), counted AS (
         SELECT date_trunc($part, hour) AS period, operation, requests, hits, errors FROM usage_cells WHERE ${inRun}
         UNION ALL SELECT date_trunc($part, occurred_at), operation, 1, CAST(cache_hit AS INTEGER), CAST(NOT ok AS INTEGER) FROM outside
       ), grouped AS (
         SELECT grouping(period) AS no_period, grouping(operation) AS no_operation, period, operation,
                ${integerSum('requests')} AS n, ${integerSum('hits')} / ${integerSum('requests')} AS hit_rate, ${integerSum('errors')} AS errors
         FROM counted GROUP BY GROUPING SETS ((), (period), (operation))
       ), by_period AS (
         SELECT date_trunc($part, hour) AS period, bin, requests FROM latency_by_hour WHERE ${inRun}
         UNION ALL SELECT date_trunc($part, occurred_at), ${latencyBin('latency_us')}, 1 FROM outside
       ), by_operation AS (
         SELECT operation, bin, requests FROM latency_by_operation WHERE ${inRun}
         UNION ALL SELECT operation, ${latencyBin('latency_us')}, 1 FROM outside
       ), bins AS (
         SELECT 0 AS no_period, 1 AS no_operation, period, NULL::INTEGER AS operation, bin, ${integerSum('requests')} AS n FROM by_period GROUP BY period, bin
         UNION ALL SELECT 1, 0, NULL::TIMESTAMP, operation, bin, ${integerSum('requests')} FROM by_operation GROUP BY operation, bin
         UNION ALL SELECT 1, 1, NULL::TIMESTAMP, NULL::INTEGER, bin, ${integerSum('requests')} FROM by_operation GROUP BY bin
       ), cumulative AS (
         SELECT *, sum(n) OVER (PARTITION BY ${GROUP_KEY} ORDER BY bin) AS upto, (sum(n) OVER (PARTITION BY ${GROUP_KEY}) - 1) * CAST(0.95 AS DOUBLE) AS position
         FROM bins
       ), targets AS (
         SELECT ${GROUP_KEY}, side, position, bin, CAST(target_rank - (upto - n) + 1 AS BIGINT) AS nth
         FROM (SELECT *, CASE side WHEN 0 THEN floor(position) ELSE ceil(position) END AS target_rank FROM cumulative, (VALUES (0), (1)) AS sides(side))
         WHERE upto - n <= target_rank AND target_rank < upto
       ), candidates AS (
         SELECT period, operation, latency_us, ${latencyBin('latency_us')} AS bin FROM (
           SELECT date_trunc($part, occurred_at) AS period, operation, ${LATENCY_US} AS latency_us FROM request_rows WHERE partner_id = $partner AND ${IN_WINDOW}
         ) WHERE ${latencyBin('latency_us')} IN (SELECT bin FROM targets)
       ), picked AS (
         ${pickLatency('', 't.no_period = 1 AND t.no_operation = 1')}
         UNION ALL ${pickLatency('AND c.period = t.period', 't.no_period = 0')}
         UNION ALL ${pickLatency('AND c.operation = t.operation', 't.no_operation = 0')}
       ), percentiles AS (
         SELECT ${GROUP_KEY}, (low + (high - low) * (position - floor(position))) / 1000 AS p95
         FROM (SELECT ${GROUP_KEY}, any_value(position) AS position,
                      CAST(any_value(latency_us) FILTER (WHERE side = 0) AS DOUBLE) AS low, CAST(any_value(latency_us) FILTER (WHERE side = 1) AS DOUBLE) AS high
               FROM picked GROUP BY ${GROUP_KEY})
       )
       SELECT grouped.*, percentiles.p95, l.value AS operation_name
       FROM grouped
       LEFT JOIN percentiles ON percentiles.no_period = grouped.no_period AND percentiles.no_operation = grouped.no_operation
         AND percentiles.period IS NOT DISTINCT FROM grouped.period AND percentiles.operation IS NOT DISTINCT FROM grouped.operation
       LEFT JOIN labels l ON l.dimension = ${LABEL.operation} AND l.code = grouped.operation
       ORDER BY grouped.period, grouped.n DESC, operation_name`,
      { ...run, from: window.from.getTime(), to: window.to.getTime(), part: DATE_PART[window.granularity], partner: partnerId },
    );
    const figures: PartnerUsageFigures = { totals: NO_REQUESTS, series: [], operations: [] };
    for (const row of rows) {
      const measured = { requests: num(row.n), p95LatencyMs: numOrNull(row.p95), cacheHitRate: numOrNull(row.hit_rate) };
      if (Number(row.no_period) === 0) figures.series.push({ bucket: row.period as Date, ...measured, errorCount: num(row.errors) });
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
