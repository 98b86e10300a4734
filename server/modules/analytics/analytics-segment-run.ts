import type { AnalyticsDatabase } from '../../adapters/duckdb.js';
import { num } from './analytics-sql.js';
import type { TimeWindow } from './figures.js';

/** Segments `first` to `last`: an empty run when `first` > `last`. */
export interface SegmentRun {
  first: number;
  last: number;
}

/**
 * The longest run of consecutive segments listed in `spans` (`segments` for music,
 * `request_segments` for requests) whose rows `window` holds whole: their cells stand for their
 * rows. Read before the figures, in its own statement: a segment never changes once written and a
 * new one gets a higher id, so one created meanwhile lies outside the run and is read from its rows.
 */
export async function wholeSegmentRun(db: AnalyticsDatabase, spans: 'segments' | 'request_segments', window: TimeWindow): Promise<SegmentRun> {
  const segments = await db.query(`SELECT id, first_at >= epoch_ms($from::BIGINT) AND last_at < epoch_ms($to::BIGINT) AS inside FROM ${spans} ORDER BY id`, {
    from: window.from.getTime(),
    to: window.to.getTime(),
  });
  let run = { first: 1, last: 0 };
  let runFirst: number | null = null;
  for (const segment of segments) {
    const id = num(segment.id);
    if (!segment.inside) runFirst = null;
    else {
      runFirst ??= id;
      if (id - runFirst > run.last - run.first) run = { first: runFirst, last: id };
    }
  }
  return run;
}

/**
 * `columns` of the raw rows outside the run `$first`..`$last` (rows of `facts`' other segments,
 * and `tail`) that match `where`. The bounds are written so that DuckDB cannot prove a branch empty
 * from the column's range (`segment < 1` when no segment is below 1): a UNION with a branch proved
 * empty loses its column statistics, and with them the array-backed group-by, which halves a ranking.
 */
export const outsideWholeSegments = (facts: string, tail: string, columns: string, where: string) =>
  `SELECT ${columns} FROM ${facts} WHERE segment <= $first AND segment <> $first AND ${where}
   UNION ALL SELECT ${columns} FROM ${facts} WHERE segment >= $last AND segment <> $last AND ${where}
   UNION ALL SELECT ${columns} FROM ${tail} WHERE ${where}`;
