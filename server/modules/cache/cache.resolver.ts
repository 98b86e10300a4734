import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { requireAdmin } from '../users/user.service.js';
import type { CacheService } from './cache.service.js';
import { CacheStats } from './cache.type.js';

@Resolver()
export class CacheResolver {
  constructor(private readonly cacheService: CacheService) {}

  @Query(() => CacheStats, { description: 'Admin: hits and misses per layer of this instance’s response cache.' })
  cacheStats(@Ctx() context: RequestContext): CacheStats {
    requireAdmin(context);
    return this.cacheService.stats();
  }
}
