/**
 * The response cache's Redis scripts, sent by SHA1 once Redis knows them. Layout under the
 * prefix P: `P r:<key>` an entry; `P t:<tag>` the keys carrying a tag; `P meta` key →
 * "<bytes>\t<tag>\t..." for each stored entry; `P expiry` a sorted set of keys by expiry;
 * `P bytes` the bytes stored; `P clock` the invalidation clock; `P v:<tag>` the clock when the
 * tag was last invalidated.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * How long a tag's invalidation version is kept in Redis: longer than any computation may take
 * (a request's time budget), so one that began before the invalidation always finds it.
 */
export const VERSION_TTL_MS = 3_600_000;
/** The tag every store checks: `clear` moves it, so nothing computed before a new import is stored after. */
export const EVERYTHING_TAG = '*';
/** Redis bytes counted per entry besides its body: key, bookkeeping, and per tag a set member. */
export const ENTRY_OVERHEAD_BYTES = 160;
export const PER_TAG_OVERHEAD_BYTES = 64;

/** `drop(key)` removes an entry and every trace of it. */
const DROP_FUNCTION = `
local p = ARGV[1]
local function drop(k)
  local meta = redis.call('HGET', p .. 'meta', k)
  if meta then
    local first = true
    for part in string.gmatch(meta, '[^\\t]+') do
      if first then
        redis.call('DECRBY', p .. 'bytes', tonumber(part))
        first = false
      else
        redis.call('SREM', p .. 't:' .. part, k)
      end
    end
    redis.call('HDEL', p .. 'meta', k)
  end
  redis.call('ZREM', p .. 'expiry', k)
  redis.call('DEL', p .. 'r:' .. k)
end
`;

/**
 * ARGV: prefix, key, entry, ttl ms, now ms, budget bytes, computed-from clock, size, tags...
 * Returns {1 stored or 0 refused, the clock}: the clock lets an instance that only stores (its
 * requests all asked for fresh answers, so it never looks up) catch up. Refuses an entry one of
 * whose tags was invalidated, on any instance, after its computation began; prunes entries that
 * expired (and their tag-set members); evicts the soonest-expiring entries until the new one fits
 * the byte budget.
 */
const STORE_SCRIPT = `${DROP_FUNCTION}
local computedFrom = tonumber(ARGV[7])
local clock = tonumber(redis.call('GET', p .. 'clock') or '0')
if tonumber(redis.call('GET', p .. 'v:${EVERYTHING_TAG}') or '0') > computedFrom then return {0, clock} end
for i = 9, #ARGV do
  if tonumber(redis.call('GET', p .. 'v:' .. ARGV[i]) or '0') > computedFrom then return {0, clock} end
end
local key = ARGV[2]
local now = tonumber(ARGV[5])
local ttl = tonumber(ARGV[4])
local size = tonumber(ARGV[8])
local budget = tonumber(ARGV[6])
for _, expired in ipairs(redis.call('ZRANGEBYSCORE', p .. 'expiry', '-inf', now, 'LIMIT', 0, 100)) do drop(expired) end
drop(key)
local used = tonumber(redis.call('GET', p .. 'bytes') or '0')
while used + size > budget do
  local victim = redis.call('ZRANGE', p .. 'expiry', 0, 0)[1]
  if not victim then break end
  drop(victim)
  used = tonumber(redis.call('GET', p .. 'bytes') or '0')
end
if used + size > budget then return {0, clock} end
redis.call('SET', p .. 'r:' .. key, ARGV[3], 'PX', ttl)
local meta = tostring(size)
for i = 9, #ARGV do
  local tagKey = p .. 't:' .. ARGV[i]
  redis.call('SADD', tagKey, key)
  if redis.call('PTTL', tagKey) < ttl then redis.call('PEXPIRE', tagKey, ttl) end
  meta = meta .. '\\t' .. ARGV[i]
end
redis.call('HSET', p .. 'meta', key, meta)
redis.call('ZADD', p .. 'expiry', now + ttl, key)
redis.call('INCRBY', p .. 'bytes', size)
return {1, clock}
`;

/** ARGV: prefix, version ttl ms, tags... Moves the clock, marks each tag with it, drops its entries; returns the clock. */
const INVALIDATE_SCRIPT = `${DROP_FUNCTION}
local clock = redis.call('INCR', p .. 'clock')
for i = 3, #ARGV do
  redis.call('SET', p .. 'v:' .. ARGV[i], clock, 'PX', ARGV[2])
  for _, member in ipairs(redis.call('SMEMBERS', p .. 't:' .. ARGV[i])) do drop(member) end
  redis.call('DEL', p .. 't:' .. ARGV[i])
end
return clock
`;

/** A script sent by its SHA1 (EVALSHA), its text only when Redis does not know it yet: a store sends its entry, not 3 KB of Lua. */
class RedisScript {
  private readonly sha: string;

  constructor(private readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  async run(redis: Redis, ...args: (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, 0, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.lua, 0, ...args);
    }
  }
}

export const STORE = new RedisScript(STORE_SCRIPT);
export const INVALIDATE = new RedisScript(INVALIDATE_SCRIPT);
