import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyticsDatabase, type AnalyticsDatabase } from '../../server/adapters/duckdb.js';
import { type AnalyticsEvent, MUSIC_EVENT_KINDS, type MusicEventKind, type MusicFact, weightOf } from '../../server/modules/analytics/analytics-event.js';
import { AnalyticsRepo } from '../../server/modules/analytics/analytics.repo.js';
import { mulberry32 } from '../support/random.js';
import type { FactWriterOptions } from '../../server/modules/analytics/analytics-ingest.repo.js';
import { LAYOUT_VERSION, moveTail } from '../../server/modules/analytics/analytics-layout.repo.js';
import { PEOPLE_CAP } from '../../server/modules/analytics/analytics-sql.js';

const HOUR = 3_600_000;
const H0 = Date.UTC(2026, 9, 5, 10);
const KINDS: readonly MusicEventKind[] = MUSIC_EVENT_KINDS;

let directory: string;
const all = entries();
const opened: AnalyticsDatabase[] = [];

async function openRepo(name: string, options?: FactWriterOptions) {
  const db = await createAnalyticsDatabase({ dbPath: join(directory, `${name}.duckdb`) });
  opened.push(db);
  const repo = new AnalyticsRepo(db, options);
  await repo.migrate();
  return { db, repo };
}

/** Three days of every kind of event in arrival order, as entries of 10 events. */
function entries(): AnalyticsEvent[][] {
  const random = mulberry32(23);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  const list: AnalyticsEvent[] = [];
  for (let i = 0; i < 3000; i += 1) {
    const at = H0 + Math.floor((i / 3000) * 3 * 24 * HOUR);
    if (random() < 0.5) {
      list.push({
        id: randomUUID(),
        at,
        kind: 'API_REQUEST',
        operation: pick(['Routes', 'Airport', 'Theme']),
        partnerId: pick([1, 2, 3, null]),
        latencyMs: Math.floor(random() * 900) / 10,
        cacheHit: random() < 0.3,
        ok: random() < 0.95,
      });
    } else {
      list.push({
        id: randomUUID(),
        at,
        kind: pick(KINDS),
        actor: `user:${1 + Math.floor(random() * 12)}`,
        compositionId: 1 + Math.floor(random() * 30),
        themeId: pick(['jazz', 'ambient']),
        keyRoot: pick(['C', 'A']),
        scale: pick(['major', 'dorian']),
        tempoBpm: 60 + Math.floor(random() * 120),
        contestId: 1 + Math.floor(random() * 4),
        entryId: 1 + Math.floor(random() * 50),
      });
    }
  }
  const result: AnalyticsEvent[][] = [];
  for (let i = 0; i < list.length; i += 10) result.push(list.slice(i, i + 10));
  return result;
}

const WINDOWS = [
  { from: new Date(H0 - HOUR), to: new Date(H0 + 4 * 24 * HOUR), granularity: 'DAY' as const },
  { from: new Date(H0 + 5 * HOUR + 17_000), to: new Date(H0 + 30 * HOUR + 9_000), granularity: 'HOUR' as const },
];

/** Every figure read from the raw rows, for every window. */
async function figures(repo: AnalyticsRepo) {
  const result: unknown[] = [await repo.eventCounts()];
  for (const window of WINDOWS) {
    result.push(
      await repo.compositionsByTheme(window),
      await repo.creationTrend(window, 'tempo'),
      await repo.topCompositions(window, ['COMPOSITION_PLAYED'], 5, 2),
      await repo.topCompositions(window, ['COMPOSITION_LIKED', 'COMPOSITION_UNLIKED'], 5, 2),
      await repo.contestStatistics(window),
    );
    for (const partner of [1, 2, 3]) result.push(await repo.partnerUsage(partner, window));
  }
  return result;
}

const ROW_VIEWS = ['music_events', 'api_requests', 'music_rows', 'request_rows'];

/** What layout 5 added: the request segment column and the request segments' cells. */
async function dropRequestCells(connection: DuckDBConnection) {
  for (const view of ROW_VIEWS) await connection.run(`DROP VIEW IF EXISTS ${view}`);
  await connection.run('ALTER TABLE request_facts DROP COLUMN segment');
  for (const table of ['request_segments', 'usage_cells', 'latency_by_hour', 'latency_by_operation']) await connection.run(`DROP TABLE ${table}`);
}

/** What layouts 4 and 5 added: the segment columns and the segments' cells. */
async function dropSegmentCells(connection: DuckDBConnection) {
  await dropRequestCells(connection);
  await connection.run('ALTER TABLE music_facts DROP COLUMN segment');
  for (const table of ['segments', 'piece_cells', 'person_cells', 'contest_cells']) await connection.run(`DROP TABLE ${table}`);
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

const rowCounts = async (db: AnalyticsDatabase) =>
  (await db.query('SELECT (SELECT count(*) FROM music_facts) + (SELECT count(*) FROM request_facts) AS segments, (SELECT count(*) FROM music_tail) + (SELECT count(*) FROM request_tail) AS tail'))[0];

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'aero-melody-segments-'));
});

afterAll(async () => {
  for (const db of opened) await db.dispose();
  rmSync(directory, { recursive: true, force: true });
});

describe('clustered segments', () => {
  it('give the same figures as rows never moved, with no row lost or counted twice, also when entries come again after a move', async () => {
    const moved = await openRepo('moved', { segmentRows: 200 });
    const kept = await openRepo('kept', { segmentRows: Number.MAX_SAFE_INTEGER });
    for (let i = 0; i < all.length; i += 5) {
      const batch = all.slice(i, i + 5);
      expect(await moved.repo.ingest(batch)).toBe(batch.flat().length);
      await kept.repo.ingest(batch);
    }
    const counts = await rowCounts(moved.db);
    expect(Number(counts.segments)).toBeGreaterThan(0);
    const [tails] = await moved.db.query('SELECT (SELECT count(*) FROM music_tail) AS music, (SELECT count(*) FROM request_tail) AS requests');
    expect(Math.max(Number(tails.music), Number(tails.requests))).toBeLessThan(200 + 50);
    expect(Number((await rowCounts(kept.db)).segments)).toBe(0);
    // Blocks of 2 and 4 segments, so the windows below read merged cells, one-segment cells and rows.
    expect((await moved.db.query('SELECT DISTINCT block_last - block_first + 1 AS size FROM piece_cells ORDER BY size')).map((row) => row.size)).toEqual([1, 2, 4]);
    // Request segments inside the short window and across its ends, so its usage reads cells and rows.
    const [requestSegments] = await moved.db.query('SELECT count(*) AS n, count(*) FILTER (WHERE first_at >= $from AND last_at < $to) AS inside FROM request_segments', {
      from: WINDOWS[1].from.toISOString(),
      to: WINDOWS[1].to.toISOString(),
    });
    expect(Number(requestSegments.inside)).toBeGreaterThan(0);
    expect(Number(requestSegments.n)).toBeGreaterThan(Number(requestSegments.inside));
    // Entries stored before a move, delivered again after it.
    for (let i = 0; i < all.length; i += 5) expect(await moved.repo.ingest(all.slice(i, i + 5))).toBe(0);
    expect(await moved.repo.eventCounts()).toEqual({ music: all.flat().filter((e) => e.kind !== 'API_REQUEST').length, requests: all.flat().filter((e) => e.kind === 'API_REQUEST').length });
    expect(await figures(moved.repo)).toEqual(await figures(kept.repo));
  });

  it('keep each segment sorted by kind and piece, and by partner', async () => {
    const { db, repo } = await openRepo('sorted', { segmentRows: 1_000_000 });
    for (let i = 0; i < all.length; i += 5) await repo.ingest(all.slice(i, i + 5));
    await db.write((connection) => moveTail(connection));
    expect(Number((await rowCounts(db)).tail)).toBe(0);
    // Moving empty tails makes no segment and merges no block twice.
    const cells = await db.query('SELECT (SELECT count(*) FROM segments) AS segments, (SELECT count(*) FROM piece_cells) AS pieces');
    await db.write((connection) => moveTail(connection));
    await db.write((connection) => moveTail(connection));
    expect(await db.query('SELECT (SELECT count(*) FROM segments) AS segments, (SELECT count(*) FROM piece_cells) AS pieces')).toEqual(cells);
    const [music] = await db.query(
      'SELECT count(*) AS n FROM (SELECT kind, composition_id, lag(kind) OVER () AS k0, lag(composition_id) OVER () AS c0 FROM music_facts) WHERE kind < k0 OR (kind = k0 AND composition_id < c0)',
    );
    const [requests] = await db.query('SELECT count(*) AS n FROM (SELECT partner_id, lag(partner_id) OVER () AS p0 FROM request_facts) WHERE partner_id < p0');
    expect({ music: Number(music.n), requests: Number(requests.n) }).toEqual({ music: 0, requests: 0 });
  });
});

describe('figures over segments and tail', () => {
  const inWindow = (window: (typeof WINDOWS)[number]) =>
    all.flat().filter((event): event is MusicFact & AnalyticsEvent => event.kind !== 'API_REQUEST' && event.at >= window.from.getTime() && event.at < window.to.getTime());

  it('count contests, entrants and voters exactly as the events say', async () => {
    const { repo } = await openRepo('contests', { segmentRows: 400 });
    for (let i = 0; i < all.length; i += 5) await repo.ingest(all.slice(i, i + 5));
    for (const window of WINDOWS) {
      const events = inWindow(window);
      const entries = events.filter((event) => event.kind === 'CONTEST_ENTRY');
      const votes = events.filter((event) => event.kind === 'CONTEST_VOTE' || event.kind === 'CONTEST_VOTE_RETRACTED');
      expect(await repo.contestStatistics(window)).toEqual({
        contests: new Set(events.filter((event) => event.kind === 'CONTEST_ENTRY' || event.kind === 'CONTEST_VOTE').map((event) => event.contestId)).size,
        entries: entries.length,
        entrants: new Set(entries.map((event) => event.actor)).size,
        votes: votes.reduce((sum, event) => sum + weightOf(event.kind), 0),
        voters: new Set(votes.map((event) => event.actor)).size,
      });
    }
  });

  it('measure partner usage exactly as the requests say: counts, cache hits, errors and 95th percentiles per window, day or hour and operation', async () => {
    const { repo } = await openRepo('usage', { segmentRows: 300 });
    for (let i = 0; i < all.length; i += 5) await repo.ingest(all.slice(i, i + 5));
    const requests = all.flat().filter((event) => event.kind === 'API_REQUEST');
    /** quantile_cont(0.95) over whole microseconds, in milliseconds. */
    const p95 = (latencies: number[]) => {
      const sorted = latencies.map((ms) => Math.round(ms * 1000)).sort((a, b) => a - b);
      const position = (sorted.length - 1) * 0.95;
      const low = sorted[Math.floor(position)];
      return (low + (sorted[Math.ceil(position)] - low) * (position - Math.floor(position))) / 1000;
    };
    const measure = (group: typeof requests) => ({
      requests: group.length,
      p95LatencyMs: expect.closeTo(p95(group.map((event) => event.latencyMs)), 9),
      cacheHitRate: expect.closeTo(group.filter((event) => event.cacheHit).length / group.length, 12),
    });
    for (const window of WINDOWS) {
      const periodMs = window.granularity === 'DAY' ? 24 * HOUR : HOUR;
      for (const partner of [1, 2, 3]) {
        const mine = requests.filter((event) => event.partnerId === partner && event.at >= window.from.getTime() && event.at < window.to.getTime());
        const errors = (group: typeof requests) => group.filter((event) => !event.ok).length;
        const periods = groupBy(mine, (event) => Math.floor(event.at / periodMs) * periodMs);
        const operations = [...groupBy(mine, (event) => event.operation)].sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b));
        expect(await repo.partnerUsage(partner, window)).toEqual({
          totals: { ...measure(mine), errorCount: errors(mine) },
          series: [...periods].sort(([a], [b]) => a - b).map(([at, group]) => ({ bucket: new Date(at), ...measure(group), errorCount: errors(group) })),
          operations: operations.map(([operation, group]) => ({ operation, ...measure(group) })),
        });
      }
    }
  });

  it('rank pieces by net count among those enough different people made', async () => {
    const { repo } = await openRepo('ranked', { segmentRows: 400 });
    for (let i = 0; i < all.length; i += 5) await repo.ingest(all.slice(i, i + 5));
    const kinds: MusicEventKind[] = ['COMPOSITION_LIKED', 'COMPOSITION_UNLIKED'];
    for (const window of WINDOWS) {
      const pieces = new Map<number, { count: number; people: Set<string> }>();
      for (const event of inWindow(window).filter((event) => kinds.includes(event.kind))) {
        const piece = pieces.get(event.compositionId ?? 0) ?? { count: 0, people: new Set<string>() };
        piece.count += weightOf(event.kind);
        piece.people.add(event.actor);
        pieces.set(event.compositionId ?? 0, piece);
      }
      const expected = [...pieces]
        .filter(([, piece]) => piece.count > 0 && piece.people.size >= 4)
        .sort(([a, x], [b, y]) => y.count - x.count || a - b)
        .slice(0, 5)
        .map(([id, piece]) => ({ key: String(id), count: piece.count, people: Math.min(piece.people.size, PEOPLE_CAP) }));
      expect(expected.length).toBeGreaterThan(0);
      expect(await repo.topCompositions(window, kinds, 5, 4)).toEqual(expected);
    }
  });
});

describe('a layout 2 store', () => {
  it('is upgraded in place into clustered segments: every event kept, figures unchanged, old entries still count once', async () => {
    const reference = await openRepo('reference', { segmentRows: Number.MAX_SAFE_INTEGER });
    const old = await openRepo('layout2', { segmentRows: Number.MAX_SAFE_INTEGER });
    for (let i = 0; i < all.length; i += 5) {
      await reference.repo.ingest(all.slice(i, i + 5));
      await old.repo.ingest(all.slice(i, i + 5));
    }
    // Layout 2 as the previous version left it: the raw rows in arrival order in the fact tables, no tails.
    await old.db.write(async (connection) => {
      await connection.run('INSERT INTO music_facts BY NAME SELECT * FROM music_tail');
      await connection.run('INSERT INTO request_facts BY NAME SELECT * FROM request_tail');
      for (const view of ROW_VIEWS) await connection.run(`DROP VIEW ${view}`);
      await connection.run('DROP TABLE music_tail');
      await connection.run('DROP TABLE request_tail');
      await dropSegmentCells(connection);
      await connection.run('UPDATE analytics_layout SET version = 2');
    });
    await old.db.dispose();
    opened.splice(opened.indexOf(old.db), 1);

    const { db, repo } = await openRepo('layout2', { segmentRows: Number.MAX_SAFE_INTEGER });
    expect((await db.query('SELECT version FROM analytics_layout'))[0].version).toBe(LAYOUT_VERSION);
    expect(Number((await rowCounts(db)).tail)).toBe(0);
    const [unsorted] = await db.query('SELECT count(*) AS n FROM (SELECT partner_id, lag(partner_id) OVER () AS p0 FROM request_facts) WHERE partner_id < p0');
    expect(Number(unsorted.n)).toBe(0);
    expect(await figures(repo)).toEqual(await figures(reference.repo));
    expect(await repo.ingest(all.slice(0, 5))).toBe(0);
    expect(await repo.eventCounts()).toEqual(await reference.repo.eventCounts());
  });
});

describe('a layout 3 store', () => {
  it('is upgraded in place: its segments become one segment with cells, figures unchanged, and new segments follow it', async () => {
    const reference = await openRepo('reference3', { segmentRows: 400 });
    const old = await openRepo('layout3', { segmentRows: 400 });
    const half = Math.floor(all.length / 2);
    for (let i = 0; i < half; i += 5) {
      await reference.repo.ingest(all.slice(i, i + 5));
      await old.repo.ingest(all.slice(i, i + 5));
    }
    await old.db.write(async (connection) => {
      await dropSegmentCells(connection);
      await connection.run('UPDATE analytics_layout SET version = 3');
    });
    await old.db.dispose();
    opened.splice(opened.indexOf(old.db), 1);

    const { db, repo } = await openRepo('layout3', { segmentRows: 400 });
    expect((await db.query('SELECT version FROM analytics_layout'))[0].version).toBe(LAYOUT_VERSION);
    expect(await db.query('SELECT id FROM segments')).toEqual([{ id: 0 }]);
    for (let i = half; i < all.length; i += 5) {
      await reference.repo.ingest(all.slice(i, i + 5));
      await repo.ingest(all.slice(i, i + 5));
    }
    expect(Number((await db.query('SELECT count(*) AS n FROM segments WHERE id > 0'))[0].n)).toBeGreaterThan(0);
    expect(await figures(repo)).toEqual(await figures(reference.repo));
    expect(await repo.ingest(all.slice(0, 5))).toBe(0);
  });
});

describe('a layout 4 store', () => {
  it('is upgraded in place: its request segments become one segment with usage cells, figures unchanged, and new segments follow it', async () => {
    const reference = await openRepo('reference4', { segmentRows: 300 });
    const old = await openRepo('layout4', { segmentRows: 300 });
    const half = Math.floor(all.length / 2);
    for (let i = 0; i < half; i += 5) {
      await reference.repo.ingest(all.slice(i, i + 5));
      await old.repo.ingest(all.slice(i, i + 5));
    }
    await old.db.write(async (connection) => {
      await dropRequestCells(connection);
      await connection.run('UPDATE analytics_layout SET version = 4');
    });
    await old.db.dispose();
    opened.splice(opened.indexOf(old.db), 1);

    const { db, repo } = await openRepo('layout4', { segmentRows: 300 });
    expect((await db.query('SELECT version FROM analytics_layout'))[0].version).toBe(LAYOUT_VERSION);
    expect(await db.query('SELECT id FROM request_segments')).toEqual([{ id: 0 }]);
    for (let i = half; i < all.length; i += 5) {
      await reference.repo.ingest(all.slice(i, i + 5));
      await repo.ingest(all.slice(i, i + 5));
    }
    expect(Number((await db.query('SELECT count(*) AS n FROM request_segments WHERE id > 0'))[0].n)).toBeGreaterThan(0);
    expect(await figures(repo)).toEqual(await figures(reference.repo));
  });
});
