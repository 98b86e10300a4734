import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { etagOf, ResponseCache, type CachedResponse } from '../../../server/adapters/response-cache.js';
import { silentLogger, TEST_REDIS_URL } from '../../support/environment.js';
import type { TestServer } from '../../support/server.js';
import { bearer, post, startProductionServer } from './support.js';

/**
 * Found: requests differing only in an undeclared variable each left a Redis key; previews were
 * kept a day; nothing bounded the Redis layer (the same Redis BullMQ needs); any mutation, even a
 * failed or rate-limited anonymous `recordPlay`, dropped every community answer; an answer
 * computed before another instance's invalidation could be stored after it.
 */
let server: TestServer;
const PREFIX = 'aero-melody:cache:';

beforeAll(async () => {
  server = await startProductionServer();
  await server.app.redis.flushdb();
});

afterAll(async () => {
  await server?.close();
});

const entryKeys = async () => (await server.app.redis.keys(`${PREFIX}r:*`)).length;

async function counters() {
  const admin = await server.signUp('boundsadmin');
  await server.app.prisma.user.update({ where: { username: admin.username }, data: { role: 'ADMIN' } });
  const login = await server.graphql('mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }', { input: { login: admin.username, password: 'correct horse 42' } });
  const token = login.data!.logIn.accessToken as string;
  return async () =>
    (await server.graphql('{ cacheStats { layers { layer hits } invalidations } }', {}, token)).data!.cacheStats as { layers: { layer: string; hits: number }[]; invalidations: number };
}

describe('junk cannot grow the cache', () => {
  it('100 requests differing in an undeclared variable make one entry', async () => {
    const query = 'query($code: String!) { airport(code: $code) { iata } }';
    await post(server, query, { code: 'HEL' });
    const before = await entryKeys();
    for (let n = 0; n < 100; n++) expect((await post(server, query, { code: 'HEL', junk: String(n) })).body.data.airport.iata).toBe('HEL');
    expect(await entryKeys()).toBe(before);
  });

  it('keeps a route’s default preview for a day but a variation for minutes', async () => {
    const preview = (input: string) => post(server, `{ previewComposition(input: { ${input} }) { id } }`);
    expect((await preview('route: { from: "HEL", to: "ARN" }')).headers.get('cache-control')).toMatch(/^max-age=86400, private$/);
    const variation = await preview('route: { from: "HEL", to: "ARN" }, variation: 7');
    const maxAge = Number(/max-age=(\d+)/.exec(variation.headers.get('cache-control') ?? '')?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(300);
  });
});

describe('only a successful mutation invalidates, and only what it changed', () => {
  it('a failed anonymous recordPlay drops nothing; a counted play keeps unrelated lists', async () => {
    const stats = await counters();
    const owner = await server.signUp('plays');
    const older = (await server.graphql('mutation { createComposition(input: { route: { from: "HEL", to: "RIX" } }) { id } }', {}, owner.accessToken)).data!.createComposition.id;
    await server.graphql('mutation { createComposition(input: { route: { from: "HEL", to: "TLL" } }) { id } }', {}, owner.accessToken);
    const LIST = '{ compositions(first: 1) { nodes { id } } }';
    await post(server, LIST);
    const before = await stats();
    expect((await post(server, 'mutation { recordPlay(id: "Q29tcG9zaXRpb246OTk5OTk5OQ") { playCount } }')).body.errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await stats()).invalidations).toBe(before.invalidations);

    const memoryHits = async () => (await stats()).layers.find((layer) => layer.layer === 'memory')!.hits;
    expect((await post(server, 'mutation($id: ID!) { recordPlay(id: $id) { playCount } }', { id: older })).body.data.recordPlay.playCount).toBe(1);
    const hits = await memoryHits();
    await post(server, LIST);
    expect(await memoryHits()).toBe(hits + 1);
  });
});

describe('the Redis layer', () => {
  let redis: Redis;
  let subscriber: Redis;
  const caches: ResponseCache[] = [];

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
    subscriber = new Redis(TEST_REDIS_URL);
  });

  afterAll(async () => {
    for (const cache of caches) cache.dispose();
    await redis.quit();
    await subscriber.quit();
  });

  const cacheWith = (prefix: string, options: Partial<{ redisMaxBytes: number; maxEntryBytes: number }> = {}) => {
    // Not started: it hears no invalidation messages, so only what Redis holds decides.
    const cache = new ResponseCache(redis, subscriber, silentLogger, { memoryBytes: 2 ** 20, maxEntryBytes: 4_096, redisMaxBytes: 2 ** 20, prefix, ...options });
    caches.push(cache);
    return cache;
  };
  const entry = (body: string, tags: string[], ttlMs = 60_000): CachedResponse => ({ body, etag: etagOf(body), expiresAt: Date.now() + ttlMs, tags, shared: true });
  const clean = async (prefix: string) => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  };

  it('keeps to its byte budget, making room by dropping the soonest-expiring entries', async () => {
    const prefix = 'security:budget:';
    await clean(prefix);
    const cache = cacheWith(prefix, { redisMaxBytes: 20_000 });
    for (let i = 0; i < 40; i++) expect(await cache.store(`k${i}`, entry(`{"n":"${'x'.repeat(1_000)}${i}"}`, ['dataset']), cache.now)).toBe(true);
    expect(Number(await redis.get(`${prefix}bytes`))).toBeLessThanOrEqual(20_000);
    expect(await redis.exists(`${prefix}r:k39`)).toBe(1);
    expect(await redis.exists(`${prefix}r:k0`)).toBe(0);
    expect(await redis.scard(`${prefix}t:dataset`)).toBe((await redis.keys(`${prefix}r:*`)).length);
  });

  it('keeps the in-process layer to its budget, dropping the least recently read entry and never the new one', async () => {
    const prefix = 'security:memory:';
    await clean(prefix);
    // Each body is 1,000 characters, 2,000 bytes in memory: the budget holds four (and an entry may take a quarter of it).
    const cache = new ResponseCache(redis, subscriber, silentLogger, { memoryBytes: 8_500, maxEntryBytes: 4_096, redisMaxBytes: 2 ** 20, prefix });
    caches.push(cache);
    const body = (name: string) => `"${name}${'m'.repeat(997)}"`;
    for (const name of ['a', 'b', 'c', 'd']) expect(await cache.store(name, entry(body(name), ['dataset']), cache.now)).toBe(true);
    expect(cache.peekMemory('a')?.body).toBe(body('a'));
    expect(await cache.store('e', entry(body('e'), ['dataset']), cache.now)).toBe(true);
    expect(cache.peekMemory('b')).toBeUndefined();
    expect(['a', 'c', 'd', 'e'].map((name) => cache.peekMemory(name)?.body)).toEqual(['a', 'c', 'd', 'e'].map(body));
    expect(await cache.store('f', entry(body('f'), ['dataset']), cache.now)).toBe(true);
    expect(cache.peekMemory('f')?.body).toBe(body('f'));
    expect(cache.stats().layers.find((layer) => layer.layer === 'memory')?.entries).toBe(4);
  });

  it('refuses entries over CACHE_MAX_ENTRY_BYTES', async () => {
    const prefix = 'security:size:';
    await clean(prefix);
    const cache = cacheWith(prefix, { maxEntryBytes: 1_024 });
    expect(await cache.store('big', entry(`"${'y'.repeat(2_000)}"`, ['dataset']), cache.now)).toBe(false);
    expect(await redis.exists(`${prefix}r:big`)).toBe(0);
  });

  it('prunes tag sets as their entries expire', async () => {
    const prefix = 'security:prune:';
    await clean(prefix);
    const cache = cacheWith(prefix);
    await cache.store('short', entry('"a"', ['Composition:1', 'community'], 50), cache.now);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await cache.store('later', entry('"b"', ['community'], 60_000), cache.now);
    expect(await redis.smembers(`${prefix}t:community`)).toEqual(['later']);
    expect(await redis.exists(`${prefix}t:Composition:1`)).toBe(0);
  });

  it('never stores an answer computed before another instance invalidated one of its tags', async () => {
    const prefix = 'security:clock:';
    await clean(prefix);
    const first = cacheWith(prefix);
    const second = cacheWith(prefix);
    await first.get('warm');
    const computedFrom = first.now;
    await second.invalidate(['Composition:7']);
    expect(await first.store('stale', entry('"old"', ['Composition:7']), computedFrom)).toBe(false);
    expect(await redis.exists(`${prefix}r:stale`)).toBe(0);
    expect(first.peekMemory('stale')).toBeUndefined();
    // Computed after the invalidation: stored.
    await first.get('warm');
    expect(await first.store('fresh', entry('"new"', ['Composition:7']), first.now)).toBe(true);
  });

  it('stores the fresh answers of an instance started after an invalidation, which never looked anything up', async () => {
    const prefix = 'security:late:';
    await clean(prefix);
    await cacheWith(prefix).invalidate(['Airport:HEL']);
    const started = cacheWith(prefix);
    await started.start();
    expect(await started.store('first', entry('"a"', ['Airport:HEL']), started.now)).toBe(true);
    // Never started: its first store is refused (its reading of the clock is older than the tag's), and teaches it the clock.
    const unstarted = cacheWith(prefix);
    expect(await unstarted.store('second', entry('"b"', ['Airport:HEL']), unstarted.now)).toBe(false);
    expect(await unstarted.store('second', entry('"b"', ['Airport:HEL']), unstarted.now)).toBe(true);
  });
});

describe('a cache in a Redis of its own', () => {
  it('CACHE_REDIS_URL moves the cache off the main Redis', async () => {
    const own = await startProductionServer({ CACHE_REDIS_URL: `${TEST_REDIS_URL.replace(/\/\d+$/, '')}/13` });
    const elsewhere = new Redis(`${TEST_REDIS_URL.replace(/\/\d+$/, '')}/13`);
    try {
      await elsewhere.flushdb();
      await own.app.redis.del(...(await own.app.redis.keys(`${PREFIX}r:*`)), 'none');
      await post(own, '{ airport(code: "KEF") { iata } }');
      expect((await elsewhere.keys(`${PREFIX}r:*`)).length).toBe(1);
      expect((await own.app.redis.keys(`${PREFIX}r:*`)).length).toBe(0);
    } finally {
      await elsewhere.flushdb();
      await elsewhere.quit();
      await own.close();
    }
  });
});

it('the owner of a private piece is answered privately even after an anonymous miss (sanity over bearer)', async () => {
  const owner = await server.signUp('sanity');
  const id = (await server.graphql('mutation { createComposition(input: { route: { from: "HEL", to: "OUL" }, visibility: PRIVATE }) { id } }', {}, owner.accessToken)).data!.createComposition.id;
  expect((await post(server, 'query($id: ID!) { composition(id: $id) { id } }', { id })).body.data.composition).toBeNull();
  expect((await post(server, 'query($id: ID!) { composition(id: $id) { id } }', { id }, bearer(owner.accessToken))).body.data.composition.id).toBe(id);
});
