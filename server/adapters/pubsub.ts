import { createPubSub, type PubSubEvent, type PubSubEventTarget } from '@graphql-yoga/subscription';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

type Topics = Record<string, [number | string, unknown]>;

/**
 * An event target over Redis pub/sub, like the one in @graphql-yoga/redis-event-target, but with every Redis
 * call's failure caught and logged: there a publish during a Redis outage is an unhandled
 * rejection, which ends a Node process.
 */
function redisEventTarget<T extends Topics>(publishClient: Redis, subscribeClient: Redis, logger: Logger | undefined): PubSubEventTarget<T> {
  type Listener = (event: PubSubEvent<T, Extract<keyof T, string>>) => void;
  const listeners = new Map<string, Set<Listener>>();
  const report = (action: string, channel: string) => (error: unknown) => logger?.warn({ err: error instanceof Error ? error.message : String(error), channel }, `Redis pub/sub ${action} failed`);
  subscribeClient.on('message', (channel: string, message: string) => {
    const callbacks = listeners.get(channel);
    if (!callbacks) return;
    const event = new CustomEvent(channel, { detail: message === '' ? null : JSON.parse(message) }) as PubSubEvent<T, Extract<keyof T, string>>;
    for (const callback of callbacks) callback(event);
  });
  return {
    addEventListener(channel, listener) {
      if (!listener) return;
      const callback = ('handleEvent' in listener ? listener.handleEvent : listener) as Listener;
      let callbacks = listeners.get(channel);
      if (!callbacks) {
        callbacks = new Set();
        listeners.set(channel, callbacks);
        subscribeClient.subscribe(channel).catch(report('subscribe', channel));
      }
      callbacks.add(callback);
    },
    removeEventListener(channel, listener) {
      if (!listener) return;
      const callback = ('handleEvent' in listener ? listener.handleEvent : listener) as Listener;
      const callbacks = listeners.get(channel);
      if (!callbacks) return;
      callbacks.delete(callback);
      if (callbacks.size > 0) return;
      listeners.delete(channel);
      subscribeClient.unsubscribe(channel).catch(report('unsubscribe', channel));
    },
    dispatchEvent(event) {
      publishClient.publish(event.type, event.detail === undefined ? '' : JSON.stringify(event.detail)).catch(report('publish', event.type));
      return true;
    },
  };
}

/** Events published on one server instance reach subscribers on every instance (Redis pub/sub). */
export function createRedisPubSub<T extends Topics>(redis: Redis, logger?: Logger) {
  // Subscriptions must survive reconnects, so this connection queues commands while offline.
  const subscribeClient = redis.duplicate({ enableOfflineQueue: true });
  subscribeClient.on('error', () => undefined);
  const pubSub = createPubSub<T>({ eventTarget: redisEventTarget<T>(redis, subscribeClient, logger) });
  return { pubSub, dispose: () => subscribeClient.disconnect() };
}
