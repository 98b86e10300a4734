import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { MemoryLayer } from './response-cache.memory.js';
import { ENTRY_OVERHEAD_BYTES, EVERYTHING_TAG, INVALIDATE, PER_TAG_OVERHEAD_BYTES, STORE, VERSION_TTL_MS } from './response-cache.scripts.js';

/** One stored GraphQL response: the exact bytes sent, and what the cache needs to keep it honest. */
export interface CachedResponse {
  body: string;
  etag: string;
  /** When it stops being served (epoch ms). */
  expiresAt: number;
  /** Entities and lists it was computed from; invalidating any of them drops it. */
  tags: string[];
  /** Computed from reference data only, so it is the same for every viewer. */
  shared: boolean;
}

export type CacheLayerName = 'memory' | 'redis';

export interface CacheLayerStats {
  layer: CacheLayerName;
  hits: number;
  misses: number;
  entries: number | null;
  bytes: number | null;
}

export interface ResponseCacheStats {
  layers: CacheLayerStats[];
  /** Requests that waited for an identical request already computing instead of computing again. */
  coalesced: number;
  stores: number;
  invalidations: number;
}

export interface ResponseCacheOptions {
  memoryBytes: number;
  /** Larger answers are not kept in either layer. */
  maxEntryBytes: number;
  /** What the Redis layer may hold; the soonest-expiring entries make room. */
  redisMaxBytes: number;
  /** Redis key prefix; one per deployment sharing a Redis. */
  prefix?: string;
  onLookup?: (layer: CacheLayerName, hit: boolean) => void;
}

const INVALIDATION_CHANNEL_SUFFIX = 'invalidate';
/** Above this many remembered tag invalidations the memory of them is reset (see `stillFresh`). */
const MAX_REMEMBERED_TAGS = 50_000;
/** Same JSON for the same value whatever the key order: variables {a,b} and {b,a} share an entry. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, field]) => field !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([name, field]) => `${JSON.stringify(name)}:${canonicalJson(field)}`).join(',')}}`;
}

export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** Readings of the invalidation clocks, this instance's and the one in Redis every instance shares. */
export interface CacheClock {
  local: number;
  shared: number;
}

interface Flight {
  promise: Promise<CachedResponse | null>;
  settle: (entry: CachedResponse | null) => void;
}

/**
 * The response cache: an in-process LRU in front of Redis shared by every instance. Invalidation
 * is by tag and broadcast over Redis pub/sub so every instance drops its own copies. Redis being
 * away makes lookups misses and stores no-ops, never errors; when it comes back the memory layer
 * is emptied, since invalidations sent meanwhile never arrived.
 */
export class ResponseCache {
  private readonly memory: MemoryLayer<CachedResponse>;
  private readonly prefix: string;
  private readonly channel: string;
  private readonly flights = new Map<string, Flight>();
  private readonly counters = { memoryHits: 0, memoryMisses: 0, redisHits: 0, redisMisses: 0, coalesced: 0, stores: 0, invalidations: 0 };
  /** Invalidation clock: a response computed before one of its tags was invalidated is not stored. */
  private clock = 0;
  /** The highest reading of the Redis clock seen here: every instance's invalidations move it. */
  private sharedClock = 0;
  private forgottenBefore = 0;
  private readonly invalidatedAt = new Map<string, number>();
  private redisWasDown = false;
  private lastWarning = 0;

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly logger: Logger,
    private readonly options: ResponseCacheOptions,
  ) {
    this.memory = new MemoryLayer<CachedResponse>(options.memoryBytes);
    this.prefix = options.prefix ?? 'aero-melody:cache:';
    this.channel = this.prefix + INVALIDATION_CHANNEL_SUFFIX;
  }

  private readonly onMessage = (channel: string, message: string) => {
    if (channel !== this.channel) return;
    try {
      const { tags, clock } = JSON.parse(message) as { tags: string[]; clock: number };
      this.seeSharedClock(clock);
      this.forgetLocally(tags);
    } catch (error) {
      this.logger.warn({ err: error }, 'ignoring a malformed cache invalidation message');
    }
  };

  private readonly onRedisReady = () => {
    if (!this.redisWasDown) return;
    this.redisWasDown = false;
    this.memory.clear();
    this.logger.info('Redis is back: the in-process response cache was emptied');
  };

  private readonly onRedisDown = () => {
    this.redisWasDown = true;
  };

  async start(): Promise<void> {
    this.subscriber.on('message', this.onMessage);
    this.redis.on('ready', this.onRedisReady);
    this.redis.on('close', this.onRedisDown);
    await this.subscriber.subscribe(this.channel);
    // Invalidations made before this instance started: without them every store would be refused
    // until a lookup read the clock (and requests asking for fresh answers never look up).
    this.seeSharedClock(Number((await this.redisCall(() => this.redis.get(`${this.prefix}clock`))) ?? 0));
  }

  dispose(): void {
    this.subscriber.off('message', this.onMessage);
    this.redis.off('ready', this.onRedisReady);
    this.redis.off('close', this.onRedisDown);
    this.memory.clear();
  }

  /** The key of a response: which document, with which variables, for whom ('anon' or 'user:<id>'). */
  static key(documentHash: string, operationName: string | null | undefined, variables: unknown, scope: string): string {
    return createHash('sha256')
      .update(`${documentHash}\n${operationName ?? ''}\n${canonicalJson(variables ?? {})}\n${scope}`)
      .digest('base64url');
  }

  /**
   * Where the invalidation clocks stand: pass it to `store` for a response computed from now on.
   * The shared reading is the latest this instance saw (every Redis lookup reads it), never
   * ahead of Redis: a store checked against it can only be refused too often, never too rarely.
   */
  get now(): CacheClock {
    return { local: this.clock, shared: this.sharedClock };
  }

  /**
   * The memory layer only, synchronously: the fast path for persisted GETs uses nothing slower.
   * Only a hit is counted; after a miss the request goes on to `get`, which counts it.
   */
  peekMemory(key: string): CachedResponse | undefined {
    const entry = this.memory.get(key, Date.now());
    if (entry) this.count('memory', true);
    return entry;
  }

  async get(key: string): Promise<{ entry: CachedResponse; layer: CacheLayerName } | null> {
    const local = this.memory.get(key, Date.now());
    this.count('memory', local !== undefined);
    if (local) return { entry: local, layer: 'memory' };
    const [stored, clock] = (await this.redisCall(() => this.redis.mget(`${this.prefix}r:${key}`, `${this.prefix}clock`))) ?? [null, null];
    this.seeSharedClock(Number(clock ?? 0));
    if (!stored) {
      this.count('redis', false);
      return null;
    }
    const entry = JSON.parse(stored) as CachedResponse;
    if (entry.expiresAt <= Date.now()) {
      this.count('redis', false);
      return null;
    }
    this.count('redis', true);
    this.memory.set(key, entry);
    return { entry, layer: 'redis' };
  }

  /**
   * Stores a response computed since `computedFrom` (a reading of `now`), unless one of its tags
   * was invalidated meanwhile: the write it raced with would otherwise be hidden until expiry.
   */
  async store(key: string, entry: CachedResponse, computedFrom: CacheClock): Promise<boolean> {
    if (Buffer.byteLength(entry.body) > this.options.maxEntryBytes) return false;
    if (!this.stillFresh(entry.tags, computedFrom.local)) return false;
    const now = Date.now();
    const ttl = entry.expiresAt - now;
    if (ttl <= 0) return false;
    // A fresh answer (`no-cache`) identical to the one held, which no invalidation removed, with
    // half its time still to run: writing the same bytes again would only cost Redis and this process.
    const held = this.memory.get(key, now);
    if (held && held.etag === entry.etag && held.shared === entry.shared && held.expiresAt - now >= ttl / 2) return true;
    const value = JSON.stringify(entry);
    const size = value.length + ENTRY_OVERHEAD_BYTES + PER_TAG_OVERHEAD_BYTES * entry.tags.length;
    const reply = (await this.redisCall(() => STORE.run(this.redis, this.prefix, key, value, ttl, now, this.options.redisMaxBytes, computedFrom.shared, size, ...entry.tags))) as
      | [number, number]
      | null;
    if (reply) this.seeSharedClock(Number(reply[1]));
    // Refused by Redis: another instance invalidated a tag meanwhile. Redis away: this instance's clock decides.
    if (reply?.[0] === 0 || !this.stillFresh(entry.tags, computedFrom.local)) return false;
    this.memory.set(key, entry);
    this.counters.stores++;
    return true;
  }

  /** Drops every response carrying one of the tags, here at once and on every other instance. */
  async invalidate(tags: Iterable<string>): Promise<void> {
    const list = [...new Set(tags)];
    if (list.length === 0) return;
    this.counters.invalidations++;
    this.forgetLocally(list);
    const clock = await this.redisCall(() => INVALIDATE.run(this.redis, this.prefix, VERSION_TTL_MS, ...list));
    if (clock !== null) this.seeSharedClock(Number(clock));
    await this.redisCall(() => this.redis.publish(this.channel, JSON.stringify({ tags: list, clock })));
  }

  /** Empties both layers (a new data import changes every reference answer). */
  async clear(): Promise<void> {
    this.memory.clear();
    this.clock++;
    this.forgottenBefore = this.clock;
    this.invalidatedAt.clear();
    await this.redisCall(async () => {
      // The clock and the versions stay: they are what keeps older computations from being stored.
      const kept = (key: string) => key === `${this.prefix}clock` || key.startsWith(`${this.prefix}v:`);
      let cursor = '0';
      do {
        const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 1000);
        const dropped = keys.filter((key) => !kept(key));
        if (dropped.length > 0) await this.redis.del(...dropped);
        cursor = next;
      } while (cursor !== '0');
    });
    await this.invalidate([EVERYTHING_TAG]);
  }

  /**
   * One computation per key: the first caller leads (and must call `settle`), later callers get
   * a promise of the leader's result (null when it could not be cached; they compute themselves).
   */
  join(key: string): { leader: true; settle: (entry: CachedResponse | null) => void } | { leader: false; result: Promise<CachedResponse | null> } {
    const existing = this.flights.get(key);
    if (existing) {
      this.counters.coalesced++;
      return { leader: false, result: existing.promise };
    }
    let settle!: (entry: CachedResponse | null) => void;
    const promise = new Promise<CachedResponse | null>((resolve) => (settle = resolve));
    const flight: Flight = {
      promise,
      settle: (entry) => {
        if (this.flights.get(key) === flight) this.flights.delete(key);
        settle(entry);
      },
    };
    this.flights.set(key, flight);
    return { leader: true, settle: flight.settle };
  }

  stats(): ResponseCacheStats {
    const { entries, bytes } = this.memory.size;
    return {
      layers: [
        { layer: 'memory', hits: this.counters.memoryHits, misses: this.counters.memoryMisses, entries, bytes },
        { layer: 'redis', hits: this.counters.redisHits, misses: this.counters.redisMisses, entries: null, bytes: null },
      ],
      coalesced: this.counters.coalesced,
      stores: this.counters.stores,
      invalidations: this.counters.invalidations,
    };
  }

  private forgetLocally(tags: string[]): void {
    this.clock++;
    if (this.invalidatedAt.size + tags.length > MAX_REMEMBERED_TAGS) {
      // Forgetting which tags changed is safe only if every response begun before now is refused.
      this.invalidatedAt.clear();
      this.forgottenBefore = this.clock;
    }
    for (const tag of tags) this.invalidatedAt.set(tag, this.clock);
    this.memory.deleteTags(tags);
  }

  private seeSharedClock(clock: number): void {
    if (Number.isFinite(clock) && clock > this.sharedClock) this.sharedClock = clock;
  }

  private stillFresh(tags: string[], computedFrom: number): boolean {
    if (computedFrom < this.forgottenBefore) return false;
    return tags.every((tag) => (this.invalidatedAt.get(tag) ?? 0) <= computedFrom);
  }

  private count(layer: CacheLayerName, hit: boolean): void {
    if (layer === 'memory') hit ? this.counters.memoryHits++ : this.counters.memoryMisses++;
    else hit ? this.counters.redisHits++ : this.counters.redisMisses++;
    this.options.onLookup?.(layer, hit);
  }

  private async redisCall<T>(call: () => Promise<T>): Promise<T | null> {
    try {
      return await call();
    } catch (error) {
      this.redisWasDown = true;
      const now = Date.now();
      if (now - this.lastWarning > 10_000) {
        this.lastWarning = now;
        this.logger.warn({ err: (error as Error).message }, 'response cache: Redis unavailable, serving without its shared layer');
      }
      return null;
    }
  }
}
