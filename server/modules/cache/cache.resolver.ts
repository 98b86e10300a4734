import { Ctx, Query, Resolver } from 'type-graphql';
import type { ResponseCache } from '../../adapters/response-cache.js';
import type { RequestContext } from '../../context.js';
import { requireAdmin } from '../users/user.service.js';
import { CacheStats } from './cache.type.js';

@Resolver()
export class CacheResolver {
  constructor(private readonly cache: ResponseCache) {}

  @Query(() => CacheStats, { description: 'Admin: hits and misses per layer of this instance’s response cache.' })
  cacheStats(@Ctx() context: RequestContext): CacheStats {
    requireAdmin(context);
    const stats = this.cache.stats();
    return {
      ...stats,
      layers: stats.layers.map((layer) => ({ ...layer, hitRate: layer.hits + layer.misses === 0 ? null : layer.hits / (layer.hits + layer.misses) })),
    };
  }
}
