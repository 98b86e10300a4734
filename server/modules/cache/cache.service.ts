import type { ResponseCache } from '../../adapters/response-cache.js';
import type { CacheStats } from './cache.type.js';

/** What admins see of this instance's response cache. */
export class CacheService {
  constructor(private readonly cache: ResponseCache) {}

  stats(): CacheStats {
    const stats = this.cache.stats();
    return {
      ...stats,
      layers: stats.layers.map((layer) => ({ ...layer, hitRate: layer.hits + layer.misses === 0 ? null : layer.hits / (layer.hits + layer.misses) })),
    };
  }
}
