import type { AnalyticsDatabase, SqlRow } from '../../adapters/duckdb.js';
import type { MusicEventKind } from './analytics-event.js';
import {
  CONTEST_KINDS,
  integerSum,
  CREATED_BY,
  IN_FULL_HOURS,
  IN_WINDOW,
  KIND,
  LABEL,
  num,
  PEOPLE_CAP,
  PEOPLE_OF_CELLS,
  partialHours,
  RANKED_KINDS,
  TEMPO_BAND,
  tempoParameters,
  windowParameters,
} from './analytics-sql.js';
import { outsideWholeSegments as outsideRun, type SegmentRun, wholeSegmentRun } from './analytics-segment-run.js';
import { DATE_PART, type TimeWindow } from './figures.js';

export interface CountFigure {
  key: string;
  count: number;
  /** Distinct people: exact below MIN_PEOPLE, at least MIN_PEOPLE otherwise (top pieces: exactly MIN_PEOPLE then). */
  people: number;
}

export interface TrendPoint {
  bucket: Date;
  value: string;
  count: number;
  /** Distinct people: exact below MIN_PEOPLE, at least MIN_PEOPLE otherwise. */
  people: number;
}

/** Music and contests: saved pieces from the hourly rollup, the rest from the raw rows. */
export class MusicQueries {
  constructor(private readonly db: AnalyticsDatabase) {}

  async compositionsByTheme(window: TimeWindow): Promise<CountFigure[]> {
    const rows = await this.db.query(
      `WITH cells AS (
         SELECT value, events, actors FROM created_hourly WHERE figure = ${CREATED_BY.theme} AND ${IN_FULL_HOURS}
         UNION ALL ${partialHours(`SELECT theme, 1, [actor] FROM music_rows WHERE kind = ${KIND.COMPOSITION_CREATED} AND theme IS NOT NULL`)}
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
         UNION ALL ${partialHours(`SELECT date_trunc($part, occurred_at), ${raw}, 1, [actor] FROM music_rows WHERE kind = ${KIND.COMPOSITION_CREATED} AND ${raw} IS NOT NULL`)}
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
   * The whole segments in the window count from their piece cells, the rest from raw rows. Only the
   * best-ranked pieces have their people counted, more of them while too few qualify, and only
   * those none of whose cells already holds PEOPLE_CAP people.
   */
  async topCompositions(window: TimeWindow, kinds: readonly MusicEventKind[], first: number, minPeople: number): Promise<CountFigure[]> {
    if (minPeople > PEOPLE_CAP) throw new Error(`topCompositions: the cells keep ${PEOPLE_CAP} people per piece, so minPeople cannot be ${minPeople}`);
    if (!kinds.every((kind) => RANKED_KINDS.includes(kind))) throw new Error(`topCompositions: only ${RANKED_KINDS.join(', ')} have piece cells`);
    // Codes from the constant kind table, not from the request.
    const inKinds = `kind IN (${kinds.map((kind) => KIND[kind]).join(', ')})`;
    const plan = new CellPlan(await wholeSegmentRun(this.db, 'segments', window));
    const parameters = { ...plan.parameters, from: window.from.getTime(), to: window.to.getTime() };
    // One statement, so the counts and the people come from one snapshot: two statements could see
    // an event arrive between them (a piece shown with 5 people but 4 likes).
    for (let candidates = first * 2 + 10; ; candidates *= 4) {
      const ranked = await this.db.query(
        `WITH counted AS (
           ${plan.cells('piece_cells', 'composition_id, net AS n, people', inKinds)}
           UNION ALL ${outsideWholeSegments('composition_id, weight, 1', `${inKinds} AND composition_id IS NOT NULL AND ${IN_WINDOW}`)}
         ), ranked AS (
           SELECT composition_id, ${integerSum('n')} AS n, max(people) AS widest FROM counted
           GROUP BY composition_id HAVING ${integerSum('n')} > 0 ORDER BY n DESC, composition_id LIMIT $candidates
         ), unsure AS (
           SELECT composition_id FROM ranked WHERE widest < ${PEOPLE_CAP}
         ), people AS (
           SELECT composition_id, count(DISTINCT actor) AS people FROM (
             ${plan.cells('piece_cells', 'composition_id, unnest(actors) AS actor', `${inKinds} AND composition_id IN (SELECT composition_id FROM unsure)`)}
             UNION ALL ${outsideWholeSegments('composition_id, actor', `${inKinds} AND composition_id IN (SELECT composition_id FROM unsure) AND ${IN_WINDOW}`)}
           ) GROUP BY composition_id
         )
         SELECT ranked.composition_id AS key, ranked.n, least(coalesce(people.people, ranked.widest), ${PEOPLE_CAP}) AS people
         FROM ranked LEFT JOIN people USING (composition_id) ORDER BY ranked.n DESC, ranked.composition_id`,
        { ...parameters, candidates },
      );
      if (ranked.length === 0) return [];
      const qualified = ranked.flatMap((row) => {
        const people = num(row.people);
        return people >= minPeople ? [{ key: String(row.key), count: num(row.n), people }] : [];
      });
      if (qualified.length >= first || ranked.length < candidates) return qualified.slice(0, first);
    }
  }

  /**
   * Entrants and voters are exact distinct counts: the groups of one GROUP BY person (on a dense
   * integer code, which DuckDB groups with an array) over the person cells of whole segments and
   * the raw rows of the rest.
   */
  async contestStatistics(window: TimeWindow) {
    const [entry, vote, retracted] = CONTEST_KINDS;
    const inContestKinds = `kind IN (${CONTEST_KINDS.join(', ')})`;
    const plan = new CellPlan(await wholeSegmentRun(this.db, 'segments', window));
    const [row] = await this.db.query(
      `WITH person_events AS (
         ${plan.cells('person_cells', 'actor, kind, events, net', inContestKinds)}
         UNION ALL ${outsideWholeSegments('actor, kind, 1, weight', `${inContestKinds} AND ${IN_WINDOW}`)}
       ), per_person AS (
         SELECT ${integerSum('events')} FILTER (WHERE kind = ${entry}) AS entries,
                ${integerSum('events')} FILTER (WHERE kind IN (${vote}, ${retracted})) AS vote_events,
                ${integerSum('net')} FILTER (WHERE kind IN (${vote}, ${retracted})) AS votes
         FROM person_events GROUP BY actor
       ), contests AS (
         ${plan.cells('contest_cells', 'contest_id', 'true')}
         UNION ALL ${outsideWholeSegments('contest_id', `kind IN (${entry}, ${vote}) AND ${IN_WINDOW}`)}
       )
       SELECT (SELECT count(DISTINCT contest_id) FROM contests) AS contests,
              coalesce(sum(entries), 0) AS entries, count(*) FILTER (WHERE entries > 0) AS entrants,
              coalesce(sum(votes), 0) AS votes, count(*) FILTER (WHERE vote_events > 0) AS voters
       FROM per_person`,
      { ...plan.parameters, from: window.from.getTime(), to: window.to.getTime() },
    );
    return { contests: num(row.contests), entries: num(row.entries), entrants: num(row.entrants), votes: num(row.votes), voters: num(row.voters) };
  }
}

/**
 * The blocks that make up segments first..last, largest first: from each segment, the largest
 * block that starts there (its size divides the segments before it) and ends by `last`. Segment 0
 * (every row of a store upgraded from layout 3) is a block of its own.
 */
class CellPlan {
  private readonly blocks: [number, number][] = [];

  constructor(private readonly run: SegmentRun) {
    for (let start = run.first; start <= run.last; ) {
      let size = 1;
      while (start > 0 && (start - 1) % (size * 2) === 0 && start + size * 2 - 1 <= run.last) size *= 2;
      this.blocks.push([start, start + size - 1]);
      start += size;
    }
  }

  get parameters() {
    return { first: this.run.first, last: this.run.last };
  }

  /**
   * `columns` of `table`'s cells of the run's blocks that match `where`: one SELECT per block, each
   * with its bounds as constants, which DuckDB's per-row-group ranges prune by.
   */
  cells(table: string, columns: string, where: string): string {
    if (this.blocks.length === 0) return `SELECT ${columns} FROM ${table} WHERE false`;
    return this.blocks.map(([first, last]) => `SELECT ${columns} FROM ${table} WHERE block_first = ${first} AND block_last = ${last} AND ${where}`).join(' UNION ALL ');
  }
}

/** `columns` of the raw music rows outside the run's whole segments that match `where`. */
const outsideWholeSegments = (columns: string, where: string) => outsideRun('music_facts', 'music_tail', columns, where);

function countFigure(row: SqlRow): CountFigure {
  return { key: String(row.key), count: num(row.n), people: num(row.people) };
}
