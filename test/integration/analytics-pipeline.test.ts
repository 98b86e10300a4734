import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyticsDatabase, type AnalyticsDatabase } from '../../server/adapters/duckdb.js';
import { AnalyticsSync } from '../../server/jobs/analytics-sync.js';
import type { AnalyticsFact } from '../../server/modules/analytics/analytics-event.js';
import { AnalyticsEvents } from '../../server/modules/analytics/analytics-events.repo.js';
import { AnalyticsRepo } from '../../server/modules/analytics/analytics.repo.js';
import { silentLogger, TEST_REDIS_URL } from '../support/environment.js';

let redis: Redis;
let directory: string;
let stream: string;
const opened: { db: AnalyticsDatabase; sync: AnalyticsSync }[] = [];

/** A worker over the DuckDB file, as a freshly started process would have it. */
async function startWorker(consumer: string, claimIdleMs = 60_000) {
  const db = await createAnalyticsDatabase({ dbPath: join(directory, 'analytics.duckdb') });
  const repo = new AnalyticsRepo(db);
  await repo.migrate();
  // Entries of 10 events (see publish), 40 entries per batch: batches of 400 events.
  const sync = new AnalyticsSync(redis, repo, silentLogger, { batchSize: 40, claimIdleMs, consumer, stream, group: 'test-group', blockMs: 100 });
  await sync.ensureGroup();
  opened.push({ db, sync });
  return { db, repo, sync };
}

/** What a kill -9 leaves: no acknowledgement, no clean shutdown, the file closed by the OS. */
async function crash(worker: { db: AnalyticsDatabase; sync: AnalyticsSync }) {
  await worker.sync.stop();
  await worker.db.dispose();
}

async function publish(count: number): Promise<void> {
  const events = new AnalyticsEvents(redis, silentLogger, stream);
  for (let i = 0; i < count; i += 1) {
    const fact: AnalyticsFact =
      i % 2 === 0
        ? { kind: 'COMPOSITION_PLAYED', actor: `user:${i % 13}`, compositionId: i % 17, themeId: 'jazz' }
        : { kind: 'API_REQUEST', operation: 'Bench', partnerId: 1, latencyMs: i % 50, cacheHit: i % 3 === 0, ok: true };
    events.record(fact);
    if (i % 10 === 9) await events.flush();
  }
  await events.dispose();
  expect(events.dropped).toBe(0);
}

async function drain(sync: AnalyticsSync): Promise<void> {
  while ((await sync.runOnce()) > 0);
}

const pendingCount = async () => ((await redis.xpending(stream, 'test-group')) as [number])[0];

beforeAll(() => {
  redis = new Redis(TEST_REDIS_URL);
  directory = mkdtempSync(join(tmpdir(), 'aero-melody-pipeline-'));
});

afterAll(async () => {
  for (const worker of opened) await crash(worker).catch(() => undefined);
  await redis.quit();
  rmSync(directory, { recursive: true, force: true });
});

describe('analytics worker', () => {
  beforeAll(() => {
    stream = `aero-melody:test:analytics:${randomBytes(4).toString('hex')}`;
  });

  afterAll(async () => {
    await redis.del(stream);
  });

  it('loses nothing and counts nothing twice when killed after committing a batch but before acknowledging it', async () => {
    await publish(1_000);
    const first = await startWorker('worker-a');
    const batch = await first.sync.nextBatch(false);
    expect(batch.events).toHaveLength(400);
    expect(await first.sync.commit(batch)).toBe(400);
    await crash(first);

    // Another process takes the stale entries over (claimIdleMs 0), then reads the rest.
    const second = await startWorker('worker-b', 0);
    expect(await second.repo.eventCounts()).toEqual({ music: 200, requests: 200 });
    await drain(second.sync);
    expect(await second.repo.eventCounts()).toEqual({ music: 500, requests: 500 });
    expect(second.sync.stored).toBe(600);
    expect(await pendingCount()).toBe(0);
    expect(await redis.xlen(stream)).toBe(0);
    await crash(second);
  });

  it('re-reads its own unacknowledged entries after a restart under the same name, before anything new', async () => {
    await publish(300);
    const first = await startWorker('worker-c');
    const batch = await first.sync.nextBatch(false);
    expect(batch.events).toHaveLength(300);
    // Killed mid-batch: read, half-written (nothing committed), never acknowledged.
    await crash(first);

    const restarted = await startWorker('worker-c');
    await drain(restarted.sync);
    expect(await restarted.repo.eventCounts()).toEqual({ music: 650, requests: 650 });
    expect(await pendingCount()).toBe(0);
    await crash(restarted);
  });

  it('stores the same batch once however often it is delivered', async () => {
    await publish(10);
    const worker = await startWorker('worker-d');
    const batch = await worker.sync.nextBatch(false);
    expect(await worker.sync.commit(batch)).toBe(10);
    expect(await worker.sync.commit(batch)).toBe(0);
    await worker.sync.acknowledge(batch);
    expect(await worker.repo.eventCounts()).toEqual({ music: 655, requests: 655 });
    await crash(worker);
  });

  it('acknowledges and drops entries that hold no event', async () => {
    await redis.xadd(stream, '*', 'e', '{"not":"an event"}');
    await redis.xadd(stream, '*', 'other', 'field');
    await redis.xadd(stream, '*', 'e', '[{"id":"x"}]');
    const worker = await startWorker('worker-e');
    const batch = await worker.sync.nextBatch(false);
    expect(batch).toMatchObject({ events: [], unreadable: 3 });
    await worker.sync.acknowledge(batch);
    expect(await pendingCount()).toBe(0);
    await crash(worker);
  });
});

describe('analytics events', () => {
  it('never fail or hold up the caller when Redis is down: the events are dropped and counted', async () => {
    const down = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    down.on('error', () => undefined);
    const events = new AnalyticsEvents(down, silentLogger, 'aero-melody:test:nowhere');
    for (let i = 0; i < 100; i += 1) {
      expect(() => events.record({ kind: 'API_REQUEST', operation: 'Down', partnerId: null, latencyMs: 1, cacheHit: false, ok: true })).not.toThrow();
    }
    await events.dispose();
    expect(events.dropped).toBe(100);
    down.disconnect();
  });
});
