import type { Redis } from 'ioredis';
import { requireRedis } from '../../adapters/redis.js';

/** Someone counts as present this long after their last heartbeat (they beat every third of it). */
export const PRESENCE_TTL_MS = 30_000;

/** Who has a piece open, per piece, in a Redis sorted set scored by last heartbeat, across instances. */
export class PresenceRepo {
  private readonly reconnectListeners = new Set<() => void>();

  constructor(private readonly redis: Redis) {
    // One listener for every watcher: a Redis back from a restart or failover may have forgotten
    // everyone, and waiting for the next heartbeat would hide them for up to a third of the TTL.
    redis.on('ready', () => {
      for (const listener of this.reconnectListeners) listener();
    });
  }

  /** Calls `listener` each time the connection to Redis is ready again; returns the unsubscribe. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  private key(compositionId: number): string {
    return `aero-melody:presence:${compositionId}`;
  }

  async beat(compositionId: number, userId: number): Promise<void> {
    await this.redis.zadd(this.key(compositionId), Date.now(), String(userId));
  }

  async leave(compositionId: number, userId: number): Promise<void> {
    await this.redis.zrem(this.key(compositionId), String(userId));
  }

  async present(compositionId: number): Promise<number[]> {
    const key = this.key(compositionId);
    await requireRedis(this.redis.zremrangebyscore(key, 0, Date.now() - PRESENCE_TTL_MS), 'Reading who is present');
    return (await requireRedis(this.redis.zrange(key, 0, -1), 'Reading who is present')).map(Number);
  }
}
