import type { Redis } from 'ioredis';

const DOCUMENTS_KEY = 'aero-melody:apq:documents';
const REGISTERED_KEY = 'aero-melody:apq:registered';
/** Apollo's automatic-persisted-queries cache prefixes every hash with this. */
const APOLLO_PREFIX = 'apq:';
/** Documents kept in this process too: a hash always names the same document, so they never go stale. */
const LOCAL_DOCUMENTS = 1_000;

/**
 * Stores a document and drops the oldest registrations past the bound, atomically, so several
 * instances registering at once never leave the hash and its bookkeeping apart.
 */
const REGISTER = `
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
if excess > 0 then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, excess - 1)
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
  redis.call('HDEL', KEYS[1], unpack(oldest))
end
return excess`;

export interface ApqStoreOptions {
  /** `allow-list`: only the manifest's documents; registrations are ignored. */
  mode: 'apq' | 'allow-list';
  /** Registered documents kept in Redis for the whole cluster, oldest dropped first. */
  max: number;
  /** The committed manifest's document for a hash (schema/operations/manifest.json). */
  manifestDocument(hash: string): string | undefined;
}

/**
 * Apollo's persisted-query store (its KeyValueCache interface) shared by every instance through
 * Redis: a document one instance registers is found by all. Redis trouble only costs a
 * PERSISTED_QUERY_NOT_FOUND, and the client then sends the document again.
 */
export function createApqStore(redis: Redis, options: ApqStoreOptions) {
  const local = new Map<string, string>();
  const remember = (hash: string, document: string) => {
    local.set(hash, document);
    if (local.size > LOCAL_DOCUMENTS) local.delete(local.keys().next().value!);
  };
  const hashOf = (key: string) => (key.startsWith(APOLLO_PREFIX) ? key.slice(APOLLO_PREFIX.length) : key);
  return {
    async get(key: string): Promise<string | undefined> {
      const hash = hashOf(key);
      const document = options.manifestDocument(hash) ?? local.get(hash);
      if (document !== undefined || options.mode === 'allow-list') return document;
      const stored = await redis.hget(DOCUMENTS_KEY, hash).catch(() => null);
      if (stored === null) return undefined;
      remember(hash, stored);
      return stored;
    },
    async set(key: string, document: string): Promise<void> {
      if (options.mode === 'allow-list' || options.max === 0) return;
      const hash = hashOf(key);
      if (options.manifestDocument(hash) !== undefined) return;
      remember(hash, document);
      await redis.eval(REGISTER, 2, DOCUMENTS_KEY, REGISTERED_KEY, hash, document, Date.now(), options.max);
    },
    async delete(key: string): Promise<boolean> {
      const hash = hashOf(key);
      local.delete(hash);
      return (await redis.multi().hdel(DOCUMENTS_KEY, hash).zrem(REGISTERED_KEY, hash).exec())?.[0]?.[1] === 1;
    },
  };
}
