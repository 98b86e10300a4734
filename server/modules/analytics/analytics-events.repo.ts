import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';
import type { AnalyticsEvent, AnalyticsFact } from './analytics-event.js';

export const ANALYTICS_STREAM = 'aero-melody:analytics:events';
/**
 * A safety cap in entries (of up to ENTRY_SIZE events each): the worker deletes what it has
 * committed, so only a long worker outage reaches it.
 */
const STREAM_MAX_LENGTH = 100_000;
const FLUSH_INTERVAL_MS = 20;
const FLUSH_SIZE = 500;
/** Events per stream entry. */
const ENTRY_SIZE = 500;
/** Past this, new events are dropped rather than letting a Redis outage grow the heap without end. */
const MAX_BUFFERED = 50_000;

/**
 * Appends analytics events to the Redis stream without ever holding up or failing a request:
 * `record` only buffers; a timer sends the buffer as stream entries of up to 500 events each, in
 * one pipeline. When Redis is down the batch is dropped and counted (analytics are not worth
 * failing a user's action for).
 */
export class AnalyticsEvents {
  private buffer: AnalyticsEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> = Promise.resolve();
  private lastWarnedAt = 0;
  /** Events that never reached the stream (Redis down or the buffer full). */
  dropped = 0;

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    private readonly stream: string = ANALYTICS_STREAM,
  ) {}

  /**
   * Takes the fact over: its id and time are written into it, not into a copy (facts come in many
   * shapes, and copying them cost more than everything else recording does).
   */
  record(fact: AnalyticsFact, at: number = Date.now()): void {
    if (this.buffer.length >= MAX_BUFFERED) {
      this.dropped += 1;
      return;
    }
    const event = fact as AnalyticsEvent;
    event.id = randomUUID();
    event.at = at;
    this.buffer.push(event);
    if (this.buffer.length >= FLUSH_SIZE) this.flushSoon(0);
    else this.flushSoon(FLUSH_INTERVAL_MS);
  }

  private flushSoon(delayMs: number): void {
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delayMs);
    this.timer.unref();
  }

  /** Sends everything buffered so far; resolves once Redis answered (or failed). */
  flush(): Promise<void> {
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return this.inFlight;
    this.inFlight = this.inFlight.then(() => this.send(batch));
    return this.inFlight;
  }

  private async send(batch: AnalyticsEvent[]): Promise<void> {
    try {
      const pipeline = this.redis.pipeline();
      const sizes: number[] = [];
      for (let start = 0; start < batch.length; start += ENTRY_SIZE) {
        const entry = batch.slice(start, start + ENTRY_SIZE);
        sizes.push(entry.length);
        pipeline.xadd(this.stream, 'MAXLEN', '~', STREAM_MAX_LENGTH, '*', 'e', JSON.stringify(entry));
      }
      const results = (await pipeline.exec()) ?? [];
      const failed = results.reduce((sum, [error], i) => sum + (error ? sizes[i] : 0), 0);
      if (failed > 0) this.lost(failed, results.find(([error]) => error)?.[0] ?? null);
    } catch (error) {
      this.lost(batch.length, error);
    }
  }

  private lost(count: number, error: unknown): void {
    this.dropped += count;
    if (Date.now() - this.lastWarnedAt < 10_000) return;
    this.lastWarnedAt = Date.now();
    this.logger.warn({ err: error instanceof Error ? error.message : error, dropped: this.dropped }, 'analytics events could not be sent to Redis and were dropped');
  }

  /**
   * Stream entries not yet stored by the analytics writer, and the age of the oldest (the writer
   * deletes what it has committed, so what is left is the backlog).
   */
  async backlog(now: number = Date.now()): Promise<{ entries: number; oldestSeconds: number }> {
    const [entries, oldest] = await Promise.all([this.redis.xlen(this.stream), this.redis.xrange(this.stream, '-', '+', 'COUNT', 1)]);
    const oldestAt = oldest[0] ? Number(oldest[0][0].split('-')[0]) : now;
    return { entries, oldestSeconds: Math.max(0, (now - oldestAt) / 1000) };
  }

  async dispose(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }
}
