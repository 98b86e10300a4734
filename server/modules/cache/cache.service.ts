import type { CacheLayerStats, ResponseCache, ResponseCacheStats } from '../../adapters/response-cache.js';

/** The adapter's counts with each layer's hit rate; null before a layer's first lookup. */
export interface CacheStatsView extends Omit<ResponseCacheStats, 'layers'> {
  layers: (CacheLayerStats & { hitRate: number | null })[];
}

/** What admins see of this instance's response cache. */
export class CacheService {
  constructor(private readonly cache: ResponseCache) {}

  stats(): CacheStatsView {
    const stats = this.cache.stats();
    return {
      ...stats,
      layers: stats.layers.map((layer) => ({ ...layer, hitRate: layer.hits + layer.misses === 0 ? null : layer.hits / (layer.hits + layer.misses) })),
    };
  }
}
