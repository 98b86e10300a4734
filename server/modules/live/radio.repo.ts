import type { Redis } from '../../adapters/redis.js';

const PREFIX = 'aero-melody:radio';
const CHANNELS = `${PREFIX}:channels`;
const leaseKey = (channel: string) => `${PREFIX}:lease:${channel}`;
const stateKey = (channel: string) => `${PREFIX}:state:${channel}`;
const listenersKey = (channel: string) => `${PREFIX}:listeners:${channel}`;

/** Where a channel is: which piece (turn, destination) and when its first note sounds (epoch ms). */
export interface RadioState {
  turn: number;
  destination: string;
  startsAt: number;
  durationSeconds: number;
  title: string;
}

// Renew or release only a lease this instance still holds: another may have taken it over.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
// A lease this instance already holds counts as taken: after a Redis error it may have given up
// generating while the lease lived on, and must be able to pick the channel up again.
const ACQUIRE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 1 end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** The radio's shared state in Redis: generator leases, where each channel is, and listener counts per instance. */
export class RadioRepo {
  constructor(private readonly redis: Redis) {}

  async acquire(channel: string, holder: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(ACQUIRE, 1, leaseKey(channel), holder, ttlMs)) === 1;
  }

  async renew(channel: string, holder: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(RENEW, 1, leaseKey(channel), holder, ttlMs)) === 1;
  }

  async release(channel: string, holder: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, leaseKey(channel), holder);
  }

  async state(channel: string): Promise<RadioState | null> {
    const text = await this.redis.get(stateKey(channel));
    return text ? (JSON.parse(text) as RadioState) : null;
  }

  /** Kept a day: a channel nobody listened to for longer starts over. */
  async saveState(channel: string, state: RadioState): Promise<void> {
    await this.redis.set(stateKey(channel), JSON.stringify(state), 'EX', 86_400);
  }

  /** This instance's listener count on a channel, valid until `expiresAt` (a dead instance's count lapses). */
  async reportListeners(channel: string, instance: string, count: number, expiresAt: number): Promise<void> {
    if (count === 0) {
      await this.redis.hdel(listenersKey(channel), instance);
      return;
    }
    await this.redis.multi().hset(listenersKey(channel), instance, `${count}:${expiresAt}`).sadd(CHANNELS, channel).exec();
  }

  /** Channels with live listener counts, summed over instances; lapsed counts are removed on the way. */
  async listenerCounts(now: number): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const channel of await this.redis.smembers(CHANNELS)) {
      const entries = Object.entries(await this.redis.hgetall(listenersKey(channel)));
      let total = 0;
      for (const [instance, value] of entries) {
        const [count, expiresAt] = value.split(':').map(Number);
        if (expiresAt > now) total += count;
        else await this.redis.hdel(listenersKey(channel), instance);
      }
      if (total > 0) counts.set(channel, total);
      else if (entries.length === 0) await this.redis.srem(CHANNELS, channel);
    }
    return counts;
  }
}
