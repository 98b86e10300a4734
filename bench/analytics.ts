/**
 * `npm run bench:analytics`: generates synthetic events (1,000,000 by default; --events N),
 * pushes them through the real path (AnalyticsEvents -> Redis stream -> AnalyticsSync worker ->
 * DuckDB) and reports the ingestion rate, then the p95 of every analytics query over that data
 * beside a trivial DuckDB query measured in the same run. Uses REDIS_URL (a throwaway stream key,
 * deleted afterwards), the network in DATABASE_URL (run `npm start` or `npm run import` once first)
 * and a temporary DuckDB file. Aims (issue 23): 10,000,000 events, >= 100,000 events/s, p95
 * <= 25 ms per query. Writes bench/results/analytics.json: { events, ingestEventsPerSecond,
 * queries: { <name>: { p50Ms, p95Ms } } } (and the details).
 *
 *   node dist/bench/analytics.js [--events 1000000] [--runs 100] [--order time|random]
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { createAnalyticsDatabase } from '../server/adapters/duckdb.js';
import { Rng } from '../server/engine/music/random.js';
import { createDatabasePool } from '../server/adapters/mariadb.js';
import { createPrisma } from '../server/adapters/prisma.js';
import { loadConfig, readProcessEnvironment } from '../server/config.js';
import { AnalyticsSync } from '../server/jobs/analytics-sync.js';
import { createLogger } from '../server/logger.js';
import type { AnalyticsFact, MusicEventKind } from '../server/modules/analytics/analytics-event.js';
import { AnalyticsEvents } from '../server/modules/analytics/analytics-events.repo.js';
import { AnalyticsRepo } from '../server/modules/analytics/analytics.repo.js';
import { loadDimensionRows } from '../server/modules/analytics/dimension.repo.js';
import { MIN_PEOPLE, percentile, timeWindow } from '../server/modules/analytics/figures.js';
import { PROJECT_ROOT } from '../server/paths.js';

const { values: options } = parseArgs({
  options: { events: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '100' }, order: { type: 'string', default: 'time' } },
});
const EVENTS = Number(options.events);
const RUNS = Number(options.runs);
/**
 * `time` (the default): the 30 days of events arrive in the order they happened, up to 5 s apart
 * from it, as a server records them. `random`: each event at a random time in the 30 days (the
 * bench before issue 23's layout), which no server produces: a window's ends then fall in rows
 * spread over the whole table.
 */
const ORDER = options.order === 'random' ? 'random' : 'time';
const JITTER_MS = 5_000;
const PUBLISH_CHUNK = 10_000;
/**
 * Publishing waits while the worker is this many events behind, as a server's request rate would
 * hold it: otherwise 10,000,000 events would sit in Redis (about 2.5 GB) before the worker caught up.
 */
const MAX_AHEAD = 200_000;
const DAYS = 30;
const COMMAND = `node dist/bench/analytics.js --events ${EVENTS} --runs ${RUNS} --order ${ORDER}`;
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
console.log(`${COMMAND} (load average ${load()})`);

/** The engine's seeded random source: the same synthetic events every run. */
function rng(seed: number) {
  const source = new Rng(seed);
  return () => source.next();
}

const THEMES = ['ambient', 'jazz', 'classical', 'rock', 'electronic', 'cinematic', 'folk', 'lofi', 'world', 'minimal', 'orchestral', 'synthwave'];
const KEYS = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
const SCALES = ['major', 'minor', 'dorian', 'mixolydian', 'lydian', 'phrygian', 'pentatonic'];
const OPERATIONS = Array.from({ length: 30 }, (_, i) => `Operation${i}`);
const MUSIC_KINDS: MusicEventKind[] = [
  'COMPOSITION_CREATED',
  'COMPOSITION_PLAYED',
  'COMPOSITION_PLAYED',
  'COMPOSITION_PLAYED',
  'COMPOSITION_LIKED',
  'COMPOSITION_UNLIKED',
  'COMPOSITION_REMIXED',
  'CONTEST_ENTRY',
  'CONTEST_VOTE',
];

function syntheticFact(random: () => number): AnalyticsFact {
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  if (random() < 0.6) {
    return {
      kind: 'API_REQUEST',
      operation: pick(OPERATIONS),
      partnerId: 1 + Math.floor(random() * 20),
      latencyMs: Math.round(-Math.log(1 - random()) * 40 * 100) / 100,
      cacheHit: random() < 0.3,
      ok: random() < 0.99,
    };
  }
  return {
    kind: pick(MUSIC_KINDS),
    actor: `user:${1 + Math.floor(random() * 20_000)}`,
    compositionId: 1 + Math.floor(random() * 50_000),
    themeId: pick(THEMES),
    keyRoot: pick(KEYS),
    scale: pick(SCALES),
    tempoBpm: 60 + Math.floor(random() * 120),
    contestId: 1 + Math.floor(random() * 40),
    entryId: 1 + Math.floor(random() * 2_000),
  };
}

const config = loadConfig(readProcessEnvironment());
const logger = createLogger('warn');
const directory = mkdtempSync(join(tmpdir(), 'aero-melody-bench-analytics-'));
const stream = `aero-melody:bench:analytics:${randomBytes(4).toString('hex')}`;
const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2 });
const database = createDatabasePool(config.database);
const prisma = createPrisma(database);
const db = await createAnalyticsDatabase({ dbPath: join(directory, 'analytics.duckdb') });

try {
  const repo = new AnalyticsRepo(db);
  await repo.migrate();
  const dimensions = await loadDimensionRows(prisma);
  if (dimensions.routes.length === 0) throw new Error(`no routes in ${config.database.database}: run \`npm run import\` (or start the server) once first`);
  await repo.replaceDimensions(dimensions);

  // Ingestion: publishing and the worker run at the same time, as in the server.
  const sync = new AnalyticsSync(redis, repo, logger, { batchSize: config.analytics.batchSize, claimIdleMs: 60_000, consumer: 'bench', stream, group: 'bench', blockMs: 100 });
  await sync.ensureGroup();
  const events = new AnalyticsEvents(redis, logger, stream);
  const random = rng(20261127);
  const now = Date.now();
  const startedAt = performance.now();
  sync.start();
  for (let sent = 0; sent < EVENTS; sent += PUBLISH_CHUNK) {
    while (sent - sync.stored - events.dropped > MAX_AHEAD) await new Promise((resolve) => setTimeout(resolve, 5));
    for (let i = sent; i < Math.min(EVENTS, sent + PUBLISH_CHUNK); i += 1) {
      const ago = ORDER === 'time' ? Math.min(DAYS * 86_400_000 - 1, Math.floor(((EVENTS - i) / EVENTS) * DAYS * 86_400_000 + random() * JITTER_MS)) : Math.floor(random() * DAYS * 86_400_000);
      events.record(syntheticFact(random), now - ago);
    }
    await events.flush();
  }
  const publishedAt = performance.now();
  while (sync.stored < EVENTS - events.dropped) await new Promise((resolve) => setTimeout(resolve, 20));
  const ingestedAt = performance.now();
  await sync.stop();
  await events.dispose();
  const counts = await repo.eventCounts();
  const ingestion = {
    events: EVENTS,
    dropped: events.dropped,
    stored: counts.music + counts.requests,
    publishSeconds: (publishedAt - startedAt) / 1000,
    endToEndSeconds: (ingestedAt - startedAt) / 1000,
    eventsPerSecond: Math.round(EVENTS / ((ingestedAt - startedAt) / 1000)),
  };
  console.log(
    `ingested ${ingestion.stored.toLocaleString('en')} events (${ingestion.dropped} dropped) in ${ingestion.endToEndSeconds.toFixed(2)} s: ${ingestion.eventsPerSecond.toLocaleString('en')} events/s (publishing took ${ingestion.publishSeconds.toFixed(2)} s)`,
  );

  const window = timeWindow({ from: new Date(now - DAYS * 86_400_000), to: new Date(now + 1), granularity: 'DAY' }, new Date(now));
  const hub = (await repo.topHubs(1))[0].airportId;
  const queries: Record<string, () => Promise<unknown>> = {
    'baseline: SELECT 1': () => db.query('SELECT 1'),
    'network.distanceBands': () => repo.routeCountsByDistanceBand(),
    'network.topHubs(10)': () => repo.topHubs(10),
    'network.topCountries(10)': () => repo.topCountries(10),
    'network.longestRoutes(10)': () => repo.routesByDistance(10, true),
    'network.airport (busiest hub)': () => repo.airportProfile(hub),
    'music.compositionsByTheme': () => repo.compositionsByTheme(window),
    'music.keysOverTime': () => repo.creationTrend(window, 'key'),
    'music.scalesOverTime': () => repo.creationTrend(window, 'scale'),
    'music.tempoBandsOverTime': () => repo.creationTrend(window, 'tempo'),
    'music.mostPlayed(10)': () => repo.topCompositions(window, ['COMPOSITION_PLAYED'], 10, MIN_PEOPLE),
    'music.mostLiked(10)': () => repo.topCompositions(window, ['COMPOSITION_LIKED', 'COMPOSITION_UNLIKED'], 10, MIN_PEOPLE),
    'music.mostRemixed(10)': () => repo.topCompositions(window, ['COMPOSITION_REMIXED'], 10, MIN_PEOPLE),
    'music.contests': () => repo.contestStatistics(window),
    'usage (totals, per day, operations)': () => repo.partnerUsage(1, window),
  };
  const latencies: Record<string, { p50Ms: number; p95Ms: number; ratioToBaseline?: number }> = {};
  for (const [name, run] of Object.entries(queries)) {
    for (let i = 0; i < 5; i += 1) await run();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
    }
    latencies[name] = { p50Ms: percentile(times, 0.5)!, p95Ms: percentile(times, 0.95)! };
  }
  const baseline = latencies['baseline: SELECT 1'].p95Ms;
  console.log(`\n${'query'.padEnd(34)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p95/baseline'.padStart(13)}`);
  for (const [name, figures] of Object.entries(latencies)) {
    figures.ratioToBaseline = figures.p95Ms / baseline;
    console.log(`${name.padEnd(34)} ${figures.p50Ms.toFixed(2).padStart(8)} ${figures.p95Ms.toFixed(2).padStart(8)} ${figures.ratioToBaseline.toFixed(1).padStart(13)}`);
  }
  const worst = Object.entries(latencies).reduce((a, b) => (b[1].p95Ms > a[1].p95Ms ? b : a));
  console.log(
    `\nslowest p95: ${worst[0]} ${worst[1].p95Ms.toFixed(2)} ms (aim <= 25 ms); ingestion ${ingestion.eventsPerSecond.toLocaleString('en')} events/s (aim >= 100,000); load average ${load()}`,
  );
  const queryFigures = Object.fromEntries(Object.entries(latencies).map(([name, { p50Ms, p95Ms }]) => [name, { p50Ms, p95Ms }]));
  const report = {
    events: EVENTS,
    ingestEventsPerSecond: ingestion.eventsPerSecond,
    queries: queryFigures,
    command: COMMAND,
    loadAverage: loadavg(),
    at: new Date().toISOString(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    runsPerQuery: RUNS,
    ingestion,
    latencies,
  };
  await mkdir(join(PROJECT_ROOT, 'bench', 'results'), { recursive: true });
  await writeFile(join(PROJECT_ROOT, 'bench', 'results', 'analytics.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log('wrote bench/results/analytics.json');
} finally {
  await redis.del(stream).catch(() => undefined);
  redis.disconnect();
  await db.dispose();
  await prisma.$disconnect();
  await database.dispose();
  rmSync(directory, { recursive: true, force: true });
}
