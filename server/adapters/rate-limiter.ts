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
