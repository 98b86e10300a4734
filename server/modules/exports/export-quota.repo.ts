import type { Redis } from 'ioredis';

/**
 * INCR the day's counter and undo it when that goes past the limit, in one script: concurrent
 * requests can never take more than the limit between them, and a refused one costs nothing.
 */
const CHARGE = `
local used = redis.call('INCR', KEYS[1])
if used == 1 then redis.call('PEXPIREAT', KEYS[1], ARGV[2]) end
if used > tonumber(ARGV[1]) then
  redis.call('DECR', KEYS[1])
  return -1
end
return used`;

/** Renders charged per person per UTC day, counted in Redis (shared by all instances). */
export class ExportQuota {
  constructor(private readonly redis: Redis) {}

  /** The next UTC midnight: when today's count starts again. */
  static resetsAt(now: Date): Date {
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  }

  private key(userId: number, now: Date): string {
    return `aero-melody:export-quota:${userId}:${now.toISOString().slice(0, 10)}`;
  }

  /** Takes one unit of today's allowance; false when `limit` are used already. */
  async charge(userId: number, limit: number, now: Date): Promise<boolean> {
    // Kept an hour past the reset so a clock a little behind still finds yesterday's count.
    const expireAt = ExportQuota.resetsAt(now).getTime() + 3_600_000;
    const used = (await this.redis.eval(CHARGE, 1, this.key(userId, now), String(limit), String(expireAt))) as number;
    return used !== -1;
  }

  /** Gives a unit back (the render could not be queued). */
  async refund(userId: number, now: Date): Promise<void> {
    await this.redis.decr(this.key(userId, now));
  }

  async used(userId: number, now: Date): Promise<number> {
    return Number((await this.redis.get(this.key(userId, now))) ?? 0);
  }
}
