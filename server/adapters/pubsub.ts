import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub } from '@graphql-yoga/subscription';
import type { Redis } from 'ioredis';

/** Events published on one server instance reach subscribers on every instance (Redis pub/sub). */
export function createRedisPubSub<Topics extends Record<string, [number | string, unknown]>>(redis: Redis) {
  const subscribeClient = redis.duplicate();
  const pubSub = createPubSub<Topics>({ eventTarget: createRedisEventTarget({ publishClient: redis, subscribeClient }) });
  return { pubSub, dispose: () => subscribeClient.disconnect() };
}
