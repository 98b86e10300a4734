import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

export interface RateLimitDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** INCR and set the window's expiry atomically, returning the count and the seconds left. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('TTL', KEYS[1])
return {count, ttl}
`;

/**
 * Fixed-window counters in Redis, shared by every server instance. When Redis is down the limiter
 * lets requests through (and logs): refusing every sign-in because the counter store is away
 * would turn a cache outage into a full outage.
 */
export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    private readonly prefix = 'aero-melody:rate:',
  ) {}

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitDecision> {
    try {
      const [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, this.prefix + key, windowSeconds)) as [number, number];
      return { allowed: count <= limit, retryAfterSeconds: Math.max(1, ttl) };
    } catch (error) {
      this.logger.warn({ err: (error as Error).message, key }, 'rate limiter unavailable; allowing the request');
      return { allowed: true, retryAfterSeconds: 0 };
    }
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key).catch(() => undefined);
  }
}

/** Add a batch of hits to a fixed window started by the first, returning the window's count and its ms left. */
const HIT_MANY_SCRIPT = `
local count = redis.call('INCRBY', KEYS[1], ARGV[1])
if count == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) ttl = tonumber(ARGV[2]) end
return {count, ttl}
`;

interface Window {
  /** Hits counted by every instance, as of this instance's last flush. */
  shared: number;
  /** Hits admitted here since the last flush. */
  pending: number;
  /** Hits sent to Redis whose reply has not come back: counted until `shared` includes them. */
  inFlight: number;
  /** When the window ends (epoch ms); until the first flush, a local guess. */
  endsAt: number;
}

/** Distinct keys kept between flushes; past it the windows are flushed and forgotten (Redis keeps the counts). */
const MAX_WINDOWS = 100_000;
const FLUSH_DELAY_MS = 20;

/**
 * The same fixed windows in Redis as `RateLimiter`, decided synchronously: hits are counted here
 * and added to Redis in batches every few milliseconds, and each flush brings back what every
 * instance counted. On one instance the count is exact; across instances a window may overshoot
 * by what the others admitted in one flush interval. A decision costs no round trip, so the
 * cached hot path pays a map lookup for its limit, not a Redis call.
 */
export class BatchedRateLimiter {
  private windows = new Map<string, Window>();
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    private readonly limit: number,
    private readonly windowSeconds: number,
    private readonly prefix = 'aero-melody:rate:',
  ) {}

  admit(key: string, now = Date.now()): RateLimitDecision {
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { shared: 0, pending: 0, inFlight: 0, endsAt: now + this.windowSeconds * 1000 };
      if (this.windows.size >= MAX_WINDOWS) this.flush();
      this.windows.set(key, window);
    }
    if (window.shared + window.inFlight + window.pending >= this.limit) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - now) / 1000)) };
    }
    window.pending++;
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
    return { allowed: true, retryAfterSeconds: 0 };
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const batch = [...this.windows].filter(([, window]) => window.pending > 0);
    if (this.windows.size >= MAX_WINDOWS) this.windows = new Map();
    if (batch.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const [key, window] of batch) pipeline.eval(HIT_MANY_SCRIPT, 1, this.prefix + key, window.pending, this.windowSeconds * 1000);
    const sent = batch.map(([, window]) => window.pending);
    for (const [, window] of batch) {
      window.inFlight += window.pending;
      window.pending = 0;
    }
    pipeline
      .exec()
      .then((results) => {
        const now = Date.now();
        batch.forEach(([key, window], index) => {
          const [error, reply] = results?.[index] ?? [null, null];
          window.inFlight -= sent[index];
          if (error || !Array.isArray(reply)) {
            window.shared += sent[index];
            return;
          }
          const [count, ttl] = reply as [number, number];
          window.shared = count;
          window.endsAt = now + ttl;
          if (!this.windows.has(key) && this.windows.size < MAX_WINDOWS) this.windows.set(key, window);
        });
      })
      .catch((error: unknown) => {
        // Lost hits are given back to the local count: the limit still holds on this instance.
        for (const [index, [, window]] of batch.entries()) {
          window.inFlight -= sent[index];
          window.shared += sent[index];
        }
        this.logger.warn({ err: (error as Error).message }, 'rate limiter: Redis unavailable, counting on this instance only');
      });
  }
}
