import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { decodeEntry, type AnalyticsEvent } from '../modules/analytics/analytics-event.js';
import { ANALYTICS_STREAM } from '../modules/analytics/analytics-events.repo.js';
import type { AnalyticsRepo } from '../modules/analytics/analytics.repo.js';

export const ANALYTICS_GROUP = 'analytics-duckdb';

export interface AnalyticsSyncOptions {
  /** Stream entries per read (each holds up to 500 events). */
  batchSize: number;
  /** Entries another consumer was given but has not acknowledged for this long are taken over. */
  claimIdleMs: number;
  /** Stable across restarts, so a restarted worker reads its own unacknowledged entries first. */
  consumer?: string;
  stream?: string;
  group?: string;
  blockMs?: number;
}

/** Stream entries read together: the events to store and every entry id to acknowledge afterwards. */
export interface StreamBatch {
  events: AnalyticsEvent[];
  /** The same events entry by entry: an entry is stored whole or not at all. */
  entries: AnalyticsEvent[][];
  entryIds: string[];
  /** Entries or events in them that this version does not understand: acknowledged and dropped. */
  unreadable: number;
}

type StreamEntry = [id: string, fields: string[] | null];

const RETRY_AFTER_FAILURE_MS = 1_000;
const CLAIM_EVERY_MS = 5_000;

/**
 * Moves events from the Redis stream into DuckDB with a consumer group. An entry is acknowledged
 * only after the transaction holding it committed; a crash between the two redelivers it, and the
 * id of its first event (stored with it) makes that second delivery a no-op, so nothing is lost
 * and nothing counts twice.
 */
export class AnalyticsSync {
  private readonly stream: string;
  private readonly group: string;
  private readonly consumer: string;
  private readonly blockMs: number;
  private readonly reader: Redis;
  private running: Promise<void> | null = null;
  private stopping = false;
  /** Start of this consumer's own pending entries still to re-read; null once they are done. */
  private ownPendingCursor: string | null = '0';
  private lastClaimAt = 0;
  private claimCursor = '0-0';
  /** Events committed by this worker (new ones only: redeliveries are not counted). */
  stored = 0;

  constructor(
    redis: Redis,
    private readonly repo: AnalyticsRepo,
    private readonly logger: Logger,
    private readonly options: AnalyticsSyncOptions,
  ) {
    this.stream = options.stream ?? ANALYTICS_STREAM;
    this.group = options.group ?? ANALYTICS_GROUP;
    this.consumer = options.consumer ?? hostname();
    this.blockMs = options.blockMs ?? 1_000;
    // XREADGROUP BLOCK holds its connection; it must not be the one requests use.
    this.reader = redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.reader.on('error', () => undefined);
  }

  async ensureGroup(): Promise<void> {
    try {
      // From the start of the stream: events sent before the first worker ever ran are kept.
      await this.reader.xgroup('CREATE', this.stream, this.group, '0', 'MKSTREAM');
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
    }
  }

  /** The next entries to process: this consumer's own pending ones first, then stale ones of others, then new ones. */
  async nextBatch(block: boolean): Promise<StreamBatch> {
    const count = this.options.batchSize;
    if (this.ownPendingCursor !== null) {
      const entries = await this.read(this.ownPendingCursor, count, false);
      if (entries.length > 0) {
        this.ownPendingCursor = entries[entries.length - 1][0];
        return this.decode(entries);
      }
      this.ownPendingCursor = null;
    }
    if (Date.now() - this.lastClaimAt >= Math.min(CLAIM_EVERY_MS, this.options.claimIdleMs) || this.claimCursor !== '0-0') {
      const [next, entries] = (await this.reader.xautoclaim(this.stream, this.group, this.consumer, this.options.claimIdleMs, this.claimCursor, 'COUNT', count)) as [string, StreamEntry[]];
      this.claimCursor = next;
      if (next === '0-0') this.lastClaimAt = Date.now();
      if (entries.length > 0) return this.decode(entries);
    }
    return this.decode(await this.read('>', count, block));
  }

  private async read(id: string, count: number, block: boolean): Promise<StreamEntry[]> {
    const blocking = block ? ['BLOCK', this.blockMs] : [];
    const reply = (await this.reader.call('XREADGROUP', 'GROUP', this.group, this.consumer, 'COUNT', count, ...blocking, 'STREAMS', this.stream, id)) as [string, StreamEntry[]][] | null;
    return reply?.[0]?.[1] ?? [];
  }

  private decode(entries: StreamEntry[]): StreamBatch {
    const events: AnalyticsEvent[] = [];
    const grouped: AnalyticsEvent[][] = [];
    let unreadable = 0;
    for (const [, fields] of entries) {
      // A deleted entry still pending shows with no fields: nothing to store, only to acknowledge.
      if (!fields) continue;
      const index = fields.indexOf('e');
      if (index < 0 || index % 2 !== 0) {
        unreadable += 1;
        continue;
      }
      const decoded = decodeEntry(fields[index + 1]);
      for (const event of decoded.events) events.push(event);
      grouped.push(decoded.events);
      unreadable += decoded.unreadable;
    }
    if (unreadable > 0) this.logger.warn({ unreadable }, 'analytics stream entries or events that could not be read were dropped');
    return { events, entries: grouped, entryIds: entries.map(([id]) => id), unreadable };
  }

  /** Commits the batch's events to DuckDB; returns how many were new. */
  async commit(batch: StreamBatch): Promise<number> {
    if (batch.events.length === 0) return 0;
    const added = await this.repo.ingest(batch.entries);
    this.stored += added;
    return added;
  }

  /** Acknowledges and deletes the entries: they are safe in DuckDB now. */
  async acknowledge(batch: StreamBatch): Promise<void> {
    if (batch.entryIds.length === 0) return;
    await this.reader
      .pipeline()
      .xack(this.stream, this.group, ...batch.entryIds)
      .xdel(this.stream, ...batch.entryIds)
      .exec();
  }

  /** One read-commit-acknowledge round; returns how many entries it handled. */
  async runOnce(block = false): Promise<number> {
    const batch = await this.nextBatch(block);
    await this.commit(batch);
    await this.acknowledge(batch);
    return batch.entryIds.length;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.ensureGroup();
        break;
      } catch (error) {
        this.logger.warn({ err: error instanceof Error ? error.message : error }, 'analytics worker cannot reach Redis yet; retrying');
        await sleep(RETRY_AFTER_FAILURE_MS);
      }
    }
    while (!this.stopping) {
      try {
        await this.runOnce(true);
      } catch (error) {
        if (this.stopping) break;
        // Redis came back empty (a failover, a restart without persistence): the group is gone
        // with the stream, and every read says NOGROUP until it is made again.
        if (error instanceof Error && error.message.startsWith('NOGROUP')) await this.ensureGroup().catch(() => undefined);
        // The entries stay pending and come back through this consumer's own pending read.
        this.ownPendingCursor = '0';
        this.logger.warn({ err: error instanceof Error ? error.message : error }, 'analytics batch not stored; retrying');
        await sleep(RETRY_AFTER_FAILURE_MS);
      }
    }
  }

  /**
   * Stops the loop and closes the worker's connection at once, cutting a blocked read short. A
   * batch committed but not yet acknowledged stays pending and is skipped by id when it comes back.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.reader.disconnect();
    await this.running;
    this.running = null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
