import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { ServiceUnavailableError } from '../errors.js';
import { ServiceUnreachableError } from './unreachable.js';

export type { Redis };

export function describeRedisAddress(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 6379}`;
}

/**
 * Connects and pings once, so a missing Redis is reported at start-up with its address instead of
 * surfacing later as a stream of reconnect errors. After that ioredis reconnects by itself.
 */
export async function connectRedis(url: string, logger: Logger, options: { autoPipelining?: boolean } = {}): Promise<Redis> {
  const redis = new Redis(url, {
    // Commands issued in the same tick leave in one write: many requests storing at once cost one system call.
    enableAutoPipelining: options.autoPipelining ?? false,
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    // During an outage commands fail at once instead of queueing: cache reads become misses and
    // requests are not held up waiting for Redis to come back.
    enableOfflineQueue: false,
    connectTimeout: 5_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Until the first connection the failure is reported once, by the caller, as one line.
  const beforeConnected = () => undefined;
  redis.on('error', beforeConnected);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new ServiceUnreachableError('Redis', describeRedisAddress(url), error);
  }
  redis.off('error', beforeConnected);
  let lastErrorLoggedAt = 0;
  redis.on('error', (error: Error) => {
    // ioredis emits an error per reconnect attempt; one line every 10 s is enough for an operator.
    if (Date.now() - lastErrorLoggedAt < 10_000) return;
    lastErrorLoggedAt = Date.now();
    logger.warn({ err: error.message, address: describeRedisAddress(url) }, 'Redis connection error');
  });
  return redis;
}

/**
 * For writes that cannot do without Redis: an outage becomes SERVICE_UNAVAILABLE naming what could
 * not be done, instead of an internal error.
 */
export async function requireRedis<T>(work: Promise<T>, what: string): Promise<T> {
  try {
    return await work;
  } catch {
    throw new ServiceUnavailableError(`${what} is not possible right now (a backing service is down); try again shortly`);
  }
}
