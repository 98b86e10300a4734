import type { Redis } from 'ioredis';
import type { Standing } from './contest.repo.js';

/**
 * Scores order votes first, then the earlier submission (the smaller entry id): votes * 2^32 - id.
 * Exact in a double while votes < 2^21.
 */
const VOTE_WEIGHT = 2 ** 32;
const scoreOf = (standing: Standing) => standing.votes * VOTE_WEIGHT - standing.entryId;
const votesOf = (score: number) => Math.ceil(score / VOTE_WEIGHT);

/** The field of the versions hash that says the board holds every entry (set by a rebuild). */
const COMPLETE = 'complete';

/**
 * Keeps, per entry, only the newest version it has seen: updates published after commits may
 * arrive out of order, and a rebuild from an older snapshot never undoes a newer update.
 * ARGV: entryId, version, score triples, then '1' to mark the board complete (a rebuild) or '0'.
 * A rebuild also names every entry, and members that no longer exist are dropped.
 */
const APPLY_SCRIPT = `
local complete = ARGV[#ARGV] == '1'
local keep = {}
for i = 1, #ARGV - 1, 3 do
  keep[ARGV[i]] = true
  local seen = tonumber(redis.call('HGET', KEYS[2], ARGV[i]) or '-1')
  if tonumber(ARGV[i + 1]) > seen then
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
    redis.call('ZADD', KEYS[1], ARGV[i + 2], ARGV[i])
  end
end
if complete then
  for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
    if not keep[member] then
      redis.call('ZREM', KEYS[1], member)
      redis.call('HDEL', KEYS[2], member)
    end
  end
  redis.call('HSET', KEYS[2], '${COMPLETE}', '1')
end
return 1
`;

export interface BoardSlice {
  top: Standing[];
  size: number;
}

/** The live leaderboard: a Redis sorted set per contest, derived from MariaDB (the source of truth). */
export class LeaderboardCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'aero-melody:contest:',
  ) {}

  private keys(contestId: number): [string, string] {
    return [`${this.prefix}${contestId}:board`, `${this.prefix}${contestId}:versions`];
  }

  private async apply(contestId: number, standings: Standing[], complete: boolean): Promise<void> {
    const args = standings.flatMap((s) => [String(s.entryId), String(s.version), String(scoreOf(s))]);
    await this.redis.eval(APPLY_SCRIPT, 2, ...this.keys(contestId), ...args, complete ? '1' : '0');
  }

  update(contestId: number, standing: Standing): Promise<void> {
    return this.apply(contestId, [standing], false);
  }

  rebuild(contestId: number, standings: Standing[]): Promise<void> {
    return this.apply(contestId, standings, true);
  }

  async remove(contestId: number, entryId: number): Promise<void> {
    const [board, versions] = this.keys(contestId);
    await this.redis.multi().zrem(board, String(entryId)).hdel(versions, String(entryId)).exec();
  }

  async drop(contestId: number): Promise<void> {
    await this.redis.del(...this.keys(contestId));
  }

  /** The best `count` entries with the versions they were stored at; null when the board is not complete. */
  async top(contestId: number, count: number): Promise<BoardSlice | null> {
    const [board, versions] = this.keys(contestId);
    const [[, complete], [, members], [, size]] = (await this.redis
      .multi()
      .hget(versions, COMPLETE)
      .zrevrange(board, 0, count - 1, 'WITHSCORES')
      .zcard(board)
      .exec()) as [[null, string | null], [null, string[]], [null, number]];
    if (complete !== '1') return null;
    const ids: string[] = [];
    for (let i = 0; i < members.length; i += 2) ids.push(members[i]);
    const seen = ids.length > 0 ? await this.redis.hmget(versions, ...ids) : [];
    return {
      size,
      top: ids.map((id, i) => ({ entryId: Number(id), votes: votesOf(Number(members[2 * i + 1])), version: Number(seen[i] ?? -1) })),
    };
  }

  /** True for the first caller in each window: later changes in the window ride on its push. */
  async claimPush(contestId: number, windowMs: number): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}${contestId}:push`, '1', 'PX', windowMs, 'NX')) === 'OK';
  }
}
