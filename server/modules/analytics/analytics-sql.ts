import { MUSIC_EVENT_KINDS, type MusicEventKind } from './analytics-event.js';
import { MIN_PEOPLE, TEMPO_BAND_LIMITS, type TimeWindow } from './figures.js';

/** What `labels.dimension` codes. */
export const LABEL = { actor: 0, theme: 1, key: 2, scale: 3, operation: 4 } as const;
export type LabelDimension = (typeof LABEL)[keyof typeof LABEL];

/** What `created_hourly.figure` groups by; `value` is a label code, or the tempo band's index. */
export const CREATED_BY = { theme: 0, key: 1, scale: 2, tempo: 3 } as const;

/** `kind` codes are indexes into MUSIC_EVENT_KINDS (new kinds are only ever added at its end). */
export const KIND = Object.fromEntries(MUSIC_EVENT_KINDS.map((kind, i) => [kind, i])) as Record<MusicEventKind, number>;
export const KIND_LIST_SQL = `[${MUSIC_EVENT_KINDS.map((kind) => `'${kind}'`).join(', ')}]`;
export const CONTEST_KINDS = [KIND.CONTEST_ENTRY, KIND.CONTEST_VOTE, KIND.CONTEST_VOTE_RETRACTED];
/** The kinds pieces are ranked by (most played, liked, remixed): the only ones with piece cells. */
export const RANKED_KINDS: readonly MusicEventKind[] = ['COMPOSITION_PLAYED', 'COMPOSITION_LIKED', 'COMPOSITION_UNLIKED', 'COMPOSITION_REMIXED'];
const RANKED_KINDS_SQL = `kind IN (${RANKED_KINDS.map((kind) => KIND[kind]).join(', ')})`;

/**
 * The order inside a segment: every query filters music rows by kind (and the piece rankings by
 * piece), usage by one partner, so these keep each one's rows in few row groups.
 */
export const MUSIC_ORDER = 'kind, composition_id, contest_id, occurred_at';
export const REQUEST_ORDER = 'partner_id, occurred_at';

/** The tempo band of a piece, as layout 1 computed it (a piece without a tempo falls in the last band). */
export const TEMPO_BAND = `CASE WHEN tempo_bpm < $t0 THEN 0 WHEN tempo_bpm < $t1 THEN 1 WHEN tempo_bpm < $t2 THEN 2 ELSE 3 END`;
export const tempoParameters = () => {
  const [t0, t1, t2] = TEMPO_BAND_LIMITS;
  return { t0, t1, t2 };
};

/**
 * At most this many distinct people are kept per rollup cell: enough to tell whether a figure is
 * made up by MIN_PEOPLE people. If any cell of a figure holds MIN_PEOPLE, the figure has at least
 * that many; if none does, every cell holds all its people and their union is exact.
 */
export const PEOPLE_CAP = MIN_PEOPLE;
export const keptPeople = (list: string) => `list_slice(list_sort(list_distinct(${list})), 1, ${PEOPLE_CAP})`;

/**
 * `figures (<keys>, n, people)` from `cells (<keys>, events, actors)`: a group with a cell that kept
 * PEOPLE_CAP people has at least that many; only the others, whose cells hold all their people,
 * have their people's union counted (most groups of a busy store never need it).
 */
export const PEOPLE_OF_CELLS = (keys: string) => `groups AS (
    SELECT ${keys}, sum(events) AS n, max(len(actors)) AS widest FROM cells GROUP BY ${keys}
  ), narrow AS (
    SELECT ${keys}, count(DISTINCT actor) AS people
    FROM (SELECT ${keys}, unnest(actors) AS actor FROM cells JOIN (SELECT ${keys} FROM groups WHERE widest < ${PEOPLE_CAP}) AS few USING (${keys}))
    GROUP BY ${keys}
  ), figures AS (
    SELECT groups.*, CASE WHEN widest >= ${PEOPLE_CAP} THEN widest ELSE narrow.people END AS people FROM groups LEFT JOIN narrow USING (${keys})
  )`;

/** Rows of `created_hourly` for the saved pieces among `source` (a table expression with music_facts' columns). */
export const createdRollup = (source: string) => `
  INSERT INTO created_hourly
  WITH created AS (SELECT occurred_at, actor, theme, key_root, scale, tempo_bpm FROM ${source} WHERE kind = ${KIND.COMPOSITION_CREATED})
  SELECT date_trunc('hour', occurred_at) AS hour, figure, value, count(*) AS events, ${keptPeople('list(actor)')} AS actors
  FROM (
    SELECT occurred_at, ${CREATED_BY.theme} AS figure, theme AS value, actor FROM created WHERE theme IS NOT NULL
    UNION ALL SELECT occurred_at, ${CREATED_BY.key}, key_root, actor FROM created WHERE key_root IS NOT NULL
    UNION ALL SELECT occurred_at, ${CREATED_BY.scale}, scale, actor FROM created WHERE scale IS NOT NULL
    UNION ALL SELECT occurred_at, ${CREATED_BY.tempo}, ${TEMPO_BAND}, actor FROM created
  ) GROUP BY ALL`;

/**
 * The statements that write the span and the one-segment blocks' cells of the segments among
 * `source` (music_facts, or the tail about to become segment `segment`): see the layout
 * (analytics-layout.repo.ts). Cells are written in the order queries filter them by.
 */
export const segmentCells = (source: string, segment: string) => {
  const [entry, vote] = CONTEST_KINDS;
  return [
    `INSERT INTO segments SELECT ${segment}, min(occurred_at), max(occurred_at) FROM ${source} GROUP BY 1`,
    `INSERT INTO piece_cells
     SELECT segment, segment, kind, composition_id, net, len(actors), actors FROM (
       SELECT ${segment} AS segment, kind, composition_id, CAST(sum(weight) AS INTEGER) AS net, ${keptPeople('list(actor)')} AS actors
       FROM ${source} WHERE ${RANKED_KINDS_SQL} AND composition_id IS NOT NULL GROUP BY ALL)
     ORDER BY segment, kind, composition_id`,
    `INSERT INTO person_cells
     SELECT ${segment} AS block_first, ${segment} AS block_last, kind, actor, CAST(count(*) AS INTEGER), CAST(sum(weight) AS INTEGER)
     FROM ${source} WHERE kind IN (${CONTEST_KINDS.join(', ')}) GROUP BY ALL ORDER BY block_first, kind, actor`,
    `INSERT INTO contest_cells
     SELECT DISTINCT ${segment} AS block_first, ${segment} AS block_last, kind, contest_id FROM ${source} WHERE kind IN (${entry}, ${vote}) AND contest_id IS NOT NULL`,
  ];
};

/** The statements that write the cells of block first..last from those of its halves first..middle and middle+1..last. */
export const mergedBlockCells = (first: number, middle: number, last: number) => {
  const halves = `(block_first = ${first} AND block_last = ${middle}) OR (block_first = ${middle + 1} AND block_last = ${last})`;
  return [
    `INSERT INTO piece_cells
     SELECT ${first}, ${last}, kind, composition_id, net, len(actors), actors FROM (
       SELECT kind, composition_id, CAST(sum(net) AS INTEGER) AS net, ${keptPeople('flatten(list(actors))')} AS actors
       FROM piece_cells WHERE ${halves} GROUP BY ALL)
     ORDER BY kind, composition_id`,
    `INSERT INTO person_cells
     SELECT ${first}, ${last}, kind, actor, CAST(sum(events) AS INTEGER), CAST(sum(net) AS INTEGER)
     FROM person_cells WHERE ${halves} GROUP BY ALL ORDER BY kind, actor`,
    `INSERT INTO contest_cells SELECT DISTINCT ${first}, ${last}, kind, contest_id FROM contest_cells WHERE ${halves}`,
  ];
};

/**
 * sum() of integers, summed as DOUBLE: exact below 2^53. DuckDB sums integers into a HUGEINT
 * whenever column statistics cannot rule out an overflow (over a UNION with a branch it proved
 * empty, for one), and that made the rankings' group-bys several times slower.
 */
export const integerSum = (expression: string) => `sum(CAST(${expression} AS DOUBLE))`;

export const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
export const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export const HOUR_MS = 3_600_000;

/**
 * A window split for the rollups: whole hours [fullFrom, fullTo) come from `created_hourly`, the
 * parts of hours at either end from the raw rows. A window inside one hour is all raw rows.
 */
export function windowParameters(window: TimeWindow) {
  const from = window.from.getTime();
  const to = window.to.getTime();
  let fullFrom = Math.ceil(from / HOUR_MS) * HOUR_MS;
  let fullTo = Math.floor(to / HOUR_MS) * HOUR_MS;
  if (fullFrom >= fullTo) fullFrom = fullTo = to;
  return { from, to, fullFrom, fullTo };
}
export const IN_WINDOW = `occurred_at >= epoch_ms($from::BIGINT) AND occurred_at < epoch_ms($to::BIGINT)`;
export const IN_FULL_HOURS = `hour >= epoch_ms($fullFrom::BIGINT) AND hour < epoch_ms($fullTo::BIGINT)`;
/** The raw rows of the window's partial hours: two ranges, each one a filter DuckDB prunes row groups with. */
export const partialHours = (select: string) =>
  `${select} AND occurred_at >= epoch_ms($from::BIGINT) AND occurred_at < epoch_ms($fullFrom::BIGINT)
   UNION ALL ${select} AND occurred_at >= epoch_ms($fullTo::BIGINT) AND occurred_at < epoch_ms($to::BIGINT)`;

/** A request's latency in whole microseconds: what usage's percentiles are taken over. */
export const LATENCY_US = 'CAST(round(latency_ms * 1000) AS BIGINT)';
/**
 * The latency bin of `microseconds`: 8 bins per doubling (a negative latency, which no server
 * records, counts in the first). A higher bin only ever holds longer latencies, so the bins' counts
 * tell which bin holds a given rank.
 */
export const latencyBin = (microseconds: string) => `CAST(floor(log2(greatest(${microseconds}, 0) + 1) * 8) AS SMALLINT)`;

/**
 * The statements that write the span and the usage cells of the request segments among `source`
 * (request_facts, or the tail about to become segment `segment`): per partner, hour and operation
 * the requests, cache hits and errors, and how many requests fell in each latency bin per hour and
 * per operation. Requests of no partner have no cells: usage is only ever asked per partner.
 */
export const requestCells = (source: string, segment: string) => {
  const mine = `FROM ${source} WHERE partner_id IS NOT NULL`;
  return [
    `INSERT INTO request_segments SELECT ${segment}, min(occurred_at), max(occurred_at) FROM ${source} GROUP BY 1`,
    `INSERT INTO usage_cells
     SELECT ${segment} AS segment, partner_id, date_trunc('hour', occurred_at) AS hour, operation,
            CAST(count(*) AS INTEGER), CAST(count(*) FILTER (WHERE cache_hit) AS INTEGER), CAST(count(*) FILTER (WHERE NOT ok) AS INTEGER)
     ${mine} GROUP BY ALL ORDER BY segment, partner_id, hour`,
    `INSERT INTO latency_by_hour
     SELECT ${segment} AS segment, partner_id, date_trunc('hour', occurred_at) AS hour, ${latencyBin(LATENCY_US)} AS bin, CAST(count(*) AS INTEGER)
     ${mine} GROUP BY ALL ORDER BY segment, partner_id, hour`,
    `INSERT INTO latency_by_operation
     SELECT ${segment} AS segment, partner_id, operation, ${latencyBin(LATENCY_US)} AS bin, CAST(count(*) AS INTEGER)
     ${mine} GROUP BY ALL ORDER BY segment, partner_id, operation`,
  ];
};
