import type { Redis } from 'ioredis';
import { requireRedis } from '../../adapters/redis.js';

const PREFIX = 'aero-melody:revoked-session:';

/**
 * Access tokens are stateless JWTs; a sign-out must still stop them before they expire. Revoked
 * sessions are remembered in Redis for one access-token lifetime, which every instance checks.
 */
export class RevokedSessionsRepo {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
  ) {}

  async revoke(sessionIds: string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const id of sessionIds) pipeline.set(PREFIX + id, '1', 'EX', this.ttlSeconds);
    await requireRedis(pipeline.exec(), 'Ending a session');
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    return (await this.redis.exists(PREFIX + sessionId)) === 1;
  }
}
