import type { Redis } from '../adapters/redis.js';
import type { ResponseCache } from '../adapters/response-cache.js';
import type { Logger } from '../logger.js';
import type { Services } from '../modules/index.js';
import { DATASET_IMPORTED_CHANNEL } from '../modules/network/network.topics.js';

/** When an import anywhere announces new data, reloads the network and everything derived from it. */
export async function watchDatasetImports(subscriber: Redis, services: Services, responseCache: ResponseCache, logger: Logger): Promise<void> {
  await subscriber.subscribe(DATASET_IMPORTED_CHANNEL);
  subscriber.on('message', (channel) => {
    if (channel !== DATASET_IMPORTED_CHANNEL) return;
    services.networks
      .reload()
      .then(async (network) => {
        services.analytics.dimensionsChanged();
        await services.similarity.useNetwork(network);
        await responseCache.clear();
      })
      .catch((error: unknown) => logger.error({ err: error }, 'reloading the flight network failed'));
  });
}
