import type { Redis } from 'ioredis';
import { requireRedis } from '../../adapters/redis.js';

const PLAY_WINDOW_SECONDS = 3_600;

/** Remembers who listened to what in the last hour, so replays within it are not counted again. */
export class PlayWindows {
  constructor(private readonly redis: Redis) {}

  /** True for the first play of `listener` on `compositionRef` in the current hour. */
  async firstInWindow(compositionRef: string, listener: string): Promise<boolean> {
    const set = await requireRedis(this.redis.set(`aero-melody:play:${compositionRef}:${listener}`, '1', 'EX', PLAY_WINDOW_SECONDS, 'NX'), 'Counting a play');
    return set === 'OK';
  }
}
