import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyticsDatabase, type AnalyticsDatabase } from '../../server/adapters/duckdb.js';
import type { AnalyticsEvent, MusicEventKind } from '../../server/modules/analytics/analytics-event.js';
import { AnalyticsRepo } from '../../server/modules/analytics/analytics.repo.js';
import { mulberry32 } from '../support/random.js';
import { MIN_PEOPLE, TEMPO_BAND_LIMITS, type Granularity, type TimeWindow } from '../../server/modules/analytics/figures.js';

const HOUR = 3_600_000;
/** A Monday, 10:00 UTC. */
const H0 = Date.UTC(2026, 9, 5, 10);
const THEMES = ['jazz', 'ambient', 'custom-7'];
const KEYS = ['C', 'F#', 'A'];
const SCALES = ['major', 'dorian'];

let directory: string;
const opened: AnalyticsDatabase[] = [];

async function openRepo(name: string, options?: { compactAfterRows: number }) {
  const db = await createAnalyticsDatabase({ dbPath: join(directory, `${name}.duckdb`) });
  opened.push(db);
  const repo = new AnalyticsRepo(db, options);
  await repo.migrate();
  return { db, repo };
}

type Created = Extract<AnalyticsEvent, { kind: MusicEventKind }>;

function created(at: number, actor: number, random: () => number, overrides: Partial<Created> = {}): Created {
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  return {
    id: randomUUID(),
    at,
    kind: 'COMPOSITION_CREATED',
    actor: `user:${actor}`,
    compositionId: 1 + Math.floor(random() * 40),
    themeId: pick(THEMES),
    keyRoot: random() < 0.1 ? null : pick(KEYS),
    scale: random() < 0.1 ? null : pick(SCALES),
    tempoBpm: random() < 0.1 ? null : 60 + Math.floor(random() * 120),
    ...overrides,
  };
}

/**
 * Saved pieces over four days, a few hundred by at most 8 people (so some figures are withheld),
 * and pieces on both sides of hour boundaries: 1 ms before, exactly on and 1 ms after.
 */
function events(): Created[] {
  const random = mulberry32(20261201);
  const list: Created[] = [];
  for (let i = 0; i < 400; i += 1) list.push(created(H0 + Math.floor(random() * 4 * 24 * HOUR), 1 + Math.floor(random() * 8), random));
  for (const hour of [1, 5, 24, 30]) {
    for (const offset of [-1, 0, 1]) list.push(created(H0 + hour * HOUR + offset, 1 + ((hour + offset + 8) % 8), random, { themeId: 'straddle' }));
  }
  // A theme made by 4 people within one hour and a fifth an hour later: shown only over both hours.
  for (let person = 1; person <= 4; person += 1) list.push(created(H0 + 40 * HOUR + person * 60_000, person, random, { themeId: 'edge-five' }));
  list.push(created(H0 + 41 * HOUR + 30_000, 5, random, { themeId: 'edge-five' }));
  return list;
}

/** Entries of 7 events, batches of 5 entries, as the stream worker hands them over. */
function batches(list: Created[]): Created[][][] {
  const entries: Created[][] = [];
  for (let i = 0; i < list.length; i += 7) entries.push(list.slice(i, i + 7));
  const result: Created[][][] = [];
  for (let i = 0; i < entries.length; i += 5) result.push(entries.slice(i, i + 5));
  return result;
}

const WINDOWS: [string, number, number][] = [
  ['all four days', H0 - HOUR, H0 + 5 * 24 * HOUR],
  ['not on hour boundaries', H0 + 17 * 60_000 + 500, H0 + 2 * 24 * HOUR + 3 * 60_000],
  ['inside one hour', H0 + 30 * HOUR + 5 * 60_000, H0 + 30 * HOUR + 50 * 60_000],
  ['starting on a boundary with pieces on it', H0 + HOUR, H0 + 5 * HOUR],
  ['ending 1 ms after a boundary', H0 + 20 * 60_000, H0 + 24 * HOUR + 1],
  ['the fifth person only in its last partial hour', H0 + 39 * HOUR, H0 + 41 * HOUR + 31_000],
  ['the fifth person just outside', H0 + 39 * HOUR, H0 + 41 * HOUR + 30_000],
];

const truncate = (at: number, granularity: Granularity): number => {
  if (granularity === 'HOUR') return Math.floor(at / HOUR) * HOUR;
  const day = Math.floor(at / (24 * HOUR)) * 24 * HOUR;
  if (granularity === 'DAY') return day;
  // ISO weeks start on Monday; 1970-01-01 was a Thursday.
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return day - weekday * 24 * HOUR;
};

const tempoBand = (tempo: number | null | undefined) => {
  // As layout 1's SQL: a comparison with NULL is not true, so a piece without a tempo falls in the last band.
  const index = tempo === null || tempo === undefined ? -1 : TEMPO_BAND_LIMITS.findIndex((limit) => tempo < limit);
  return String(index === -1 ? TEMPO_BAND_LIMITS.length : index);
};

/** What a figure shows: its count, or null when fewer than MIN_PEOPLE made it. */
const shown = (count: number, people: number) => (people >= MIN_PEOPLE ? count : null);

function group(list: Created[], keyOf: (event: Created) => string | null) {
  const groups = new Map<string, { count: number; people: Set<string> }>();
  for (const event of list) {
    const key = keyOf(event);
    if (key === null) continue;
    const entry = groups.get(key) ?? { count: 0, people: new Set<string>() };
    entry.count += 1;
    entry.people.add(event.actor);
    groups.set(key, entry);
  }
  return groups;
}

const inWindow = (list: Created[], from: number, to: number) => list.filter((event) => event.at >= from && event.at < to);

function expectedByTheme(list: Created[], from: number, to: number) {
  return [...group(inWindow(list, from, to), (event) => event.themeId ?? null)]
    .map(([key, { count, people }]) => ({ key, count, shown: shown(count, people.size), people: Math.min(people.size, MIN_PEOPLE) }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
}

function expectedTrend(list: Created[], window: TimeWindow, dimension: 'key' | 'scale' | 'tempo') {
  const value = (event: Created) => (dimension === 'key' ? (event.keyRoot ?? null) : dimension === 'scale' ? (event.scale ?? null) : tempoBand(event.tempoBpm));
  return [
    ...group(inWindow(list, window.from.getTime(), window.to.getTime()), (event) => {
      const v = value(event);
      return v === null ? null : `${truncate(event.at, window.granularity)}|${v}`;
    }),
  ]
    .map(([key, { count, people }]) => {
      const [bucket, v] = key.split('|');
      return { bucket: Number(bucket), value: v, count, shown: shown(count, people.size), people: Math.min(people.size, MIN_PEOPLE) };
    })
    .sort((a, b) => a.bucket - b.bucket || b.count - a.count || (a.value < b.value ? -1 : 1));
}

async function expectFiguresMatch(repo: AnalyticsRepo, list: Created[]) {
  for (const [name, from, to] of WINDOWS) {
    const themes = await repo.compositionsByTheme({ from: new Date(from), to: new Date(to), granularity: 'DAY' });
    expect(
      themes.map((f) => ({ key: f.key, count: f.count, shown: shown(f.count, f.people), people: Math.min(f.people, MIN_PEOPLE) })),
      name,
    ).toEqual(expectedByTheme(list, from, to));
    for (const granularity of ['HOUR', 'DAY', 'WEEK'] as const) {
      const window = { from: new Date(from), to: new Date(to), granularity };
      for (const dimension of ['key', 'scale', 'tempo'] as const) {
        const points = await repo.creationTrend(window, dimension);
        expect(
          points.map((p) => ({ bucket: p.bucket.getTime(), value: p.value, count: p.count, shown: shown(p.count, p.people), people: Math.min(p.people, MIN_PEOPLE) })),
          `${name}, ${dimension} per ${granularity}`,
        ).toEqual(expectedTrend(list, window, dimension));
      }
    }
  }
}

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'aero-melody-rollup-'));
});

afterAll(async () => {
  for (const db of opened) await db.dispose();
  rmSync(directory, { recursive: true, force: true });
});

describe('the hourly rollup of saved pieces', () => {
  const list = events();

  it('gives the same figures as the raw rows for every window, including pieces on either side of an hour boundary', async () => {
    const { db, repo } = await openRepo('exact', { compactAfterRows: Number.MAX_SAFE_INTEGER });
    for (const batch of batches(list)) await repo.ingest(batch);
    expect(await repo.eventCounts()).toEqual({ music: list.length, requests: 0 });
    // Every piece is in the rollup once per figure it has a value for.
    const [sums] = await db.query(
      `SELECT sum(events) FILTER (WHERE figure = 0) AS themes, sum(events) FILTER (WHERE figure = 1) AS keys,
              sum(events) FILTER (WHERE figure = 2) AS scales, sum(events) FILTER (WHERE figure = 3) AS tempos FROM created_hourly`,
    );
    expect(sums).toEqual({
      themes: list.filter((e) => e.themeId).length,
      keys: list.filter((e) => e.keyRoot).length,
      scales: list.filter((e) => e.scale).length,
      tempos: list.length,
    });
    const [straddle] = await db.query(
      `SELECT list(n ORDER BY hour) AS events FROM (
         SELECT hour, CAST(sum(events) AS INTEGER) AS n FROM created_hourly h JOIN labels l ON l.dimension = 1 AND l.code = h.value
         WHERE figure = 0 AND l.value = 'straddle' GROUP BY hour)`,
    );
    // Per boundary: the piece 1 ms before it in the hour before, the two on and after it in the next.
    expect(straddle.events).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
    await expectFiguresMatch(repo, list);
  });

  it('counts a batch delivered again once, also when it comes back mixed with new entries', async () => {
    const { db, repo } = await openRepo('replay', { compactAfterRows: Number.MAX_SAFE_INTEGER });
    const all = batches(list);
    for (const batch of all.slice(0, 4)) expect(await repo.ingest(batch)).toBe(batch.flat().length);
    const rollupBefore = await db.query('SELECT sum(events) AS n, count(*) AS rows FROM created_hourly');
    expect(await repo.ingest(all[3])).toBe(0);
    expect(await db.query('SELECT sum(events) AS n, count(*) AS rows FROM created_hourly')).toEqual(rollupBefore);
    // A claimed batch: the last committed entry again, in front of new ones.
    expect(await repo.ingest([all[3][4], ...all[4]])).toBe(all[4].flat().length);
    for (const batch of all.slice(5)) await repo.ingest(batch);
    for (const batch of all) expect(await repo.ingest(batch)).toBe(0);
    expect(await repo.eventCounts()).toEqual({ music: list.length, requests: 0 });
    await expectFiguresMatch(repo, list);
  });

  it('merges its rows without changing a figure', async () => {
    const merged = await openRepo('merged', { compactAfterRows: 0 });
    const unmerged = await openRepo('unmerged', { compactAfterRows: Number.MAX_SAFE_INTEGER });
    for (const batch of batches(list)) {
      await merged.repo.ingest(batch);
      await unmerged.repo.ingest(batch);
    }
    const rows = async (db: AnalyticsDatabase) => Number((await db.query('SELECT count(*) AS n FROM created_hourly'))[0].n);
    expect(await rows(merged.db)).toBeLessThan(await rows(unmerged.db));
    await expectFiguresMatch(merged.repo, list);
  });
});

describe('top pieces', () => {
  it('ranks only pieces enough people made, however many better-counted pieces fewer people made', async () => {
    const { repo } = await openRepo('top');
    const play = (compositionId: number, actor: number, at: number): AnalyticsEvent => ({ id: randomUUID(), at, kind: 'COMPOSITION_PLAYED', actor: `user:${actor}`, compositionId });
    const list: AnalyticsEvent[] = [];
    // 60 pieces played 10 times each by one person, then two played 5 and 6 times by 5 and 6 people.
    for (let piece = 1; piece <= 60; piece += 1) for (let i = 0; i < 10; i += 1) list.push(play(piece, piece, H0 + i * 1000));
    for (let person = 1; person <= 5; person += 1) list.push(play(100, person, H0 + person));
    for (let person = 1; person <= 6; person += 1) list.push(play(101, person, H0 + person));
    for (let i = 0; i < list.length; i += 50) await repo.ingest([list.slice(i, i + 50)]);
    const window = { from: new Date(H0), to: new Date(H0 + HOUR), granularity: 'DAY' as const };
    const top = await repo.topCompositions(window, ['COMPOSITION_PLAYED'], 2, MIN_PEOPLE);
    expect(top.map(({ key, count }) => ({ key, count }))).toEqual([
      { key: '101', count: 6 },
      { key: '100', count: 5 },
    ]);
    expect(await repo.topCompositions(window, ['COMPOSITION_PLAYED'], 1, 1)).toEqual([{ key: '1', count: 10, people: 1 }]);
  });
});

describe('a layout 1 store', () => {
  it('is upgraded in place: every event kept, figures unchanged, and an old batch delivered again still counts once', async () => {
    const path = join(directory, 'layout1.duckdb');
    const list = events();
    const old = await createAnalyticsDatabase({ dbPath: path });
    await old.write(async (connection) => {
      // Layout 1 as the previous version created it.
      await connection.run(`CREATE TABLE music_events (
        event_id UUID PRIMARY KEY, kind VARCHAR NOT NULL, occurred_at TIMESTAMP NOT NULL, actor VARCHAR NOT NULL, weight INTEGER NOT NULL,
        composition_id INTEGER, theme_id VARCHAR, key_root VARCHAR, scale VARCHAR, tempo_bpm DOUBLE, contest_id INTEGER, entry_id INTEGER)`);
      await connection.run(`CREATE TABLE api_requests (
        event_id UUID PRIMARY KEY, occurred_at TIMESTAMP NOT NULL, operation VARCHAR NOT NULL, partner_id INTEGER,
        latency_ms DOUBLE NOT NULL, cache_hit BOOLEAN NOT NULL, ok BOOLEAN NOT NULL)`);
      for (const e of list) {
        await connection.run('INSERT INTO music_events VALUES ($id::UUID, $kind, epoch_ms($at::BIGINT), $actor, 1, $composition, $theme, $key, $scale, $tempo, NULL, NULL)', {
          id: e.id,
          kind: e.kind,
          at: e.at,
          actor: e.actor,
          composition: e.compositionId ?? null,
          theme: e.themeId ?? null,
          key: e.keyRoot ?? null,
          scale: e.scale ?? null,
          tempo: e.tempoBpm ?? null,
        });
      }
      await connection.run(`INSERT INTO music_events VALUES ('${randomUUID()}', 'COMPOSITION_UNLIKED', epoch_ms(${H0}), 'user:1', -1, 3, NULL, NULL, NULL, NULL, NULL, NULL)`);
      for (let i = 0; i < 20; i += 1) {
        await connection.run(`INSERT INTO api_requests VALUES ($id::UUID, epoch_ms($at::BIGINT), $operation, 7, $latency, $hit, true)`, {
          id: randomUUID(),
          at: H0 + i * 60_000,
          operation: i % 3 === 0 ? 'PartnerAirport' : 'PartnerRoutes',
          latency: i * 1.5,
          hit: i % 2 === 0,
        });
      }
    });
    const before = {
      likes: await old.query(`SELECT coalesce(sum(weight), 0) AS n FROM music_events WHERE kind IN ('COMPOSITION_LIKED', 'COMPOSITION_UNLIKED') AND composition_id = 3`),
      usage: await old.query(`SELECT operation, count(*) AS n, quantile_cont(latency_ms, 0.95) AS p95 FROM api_requests WHERE partner_id = 7 GROUP BY operation ORDER BY operation`),
    };
    await old.dispose();

    const { db, repo } = await openRepo('layout1');
    expect(await repo.eventCounts()).toEqual({ music: list.length + 1, requests: 20 });
    await expectFiguresMatch(repo, list);
    // Layout 1's tables are views now, with the same columns and values.
    expect(await db.query(`SELECT coalesce(sum(weight), 0) AS n FROM music_events WHERE kind IN ('COMPOSITION_LIKED', 'COMPOSITION_UNLIKED') AND composition_id = 3`)).toEqual(before.likes);
    expect(await db.query(`SELECT operation, count(*) AS n, quantile_cont(latency_ms, 0.95) AS p95 FROM api_requests WHERE partner_id = 7 GROUP BY operation ORDER BY operation`)).toEqual(
      before.usage,
    );
    const window = { from: new Date(H0 - HOUR), to: new Date(H0 + HOUR), granularity: 'HOUR' as const };
    expect((await repo.partnerUsage(7, window)).operations.map((op) => op.operation)).toEqual(['PartnerRoutes', 'PartnerAirport']);

    // An entry stored before the upgrade, never acknowledged, delivered again after it.
    expect(await repo.ingest([list.slice(100, 107)])).toBe(0);
    expect(await repo.eventCounts()).toEqual({ music: list.length + 1, requests: 20 });
    // New events after the upgrade reuse the old labels.
    const random = mulberry32(7);
    const late = [created(H0 + 4 * 24 * HOUR + 10, 3, random, { themeId: 'jazz' })];
    expect(await repo.ingest([late])).toBe(1);
    await expectFiguresMatch(repo, [...list, ...late]);
    const [labels] = await db.query(`SELECT count(*) AS n FROM labels WHERE dimension = 1 AND value = 'jazz'`);
    expect(labels.n).toBe(1);
  });
});
