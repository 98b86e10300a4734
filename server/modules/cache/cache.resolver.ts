import { Authorized, Query, Resolver } from 'type-graphql';
import type { Role } from '../users/user.policy.js';
import type { CacheService, CacheStatsView } from './cache.service.js';
import { CacheStats } from './cache.type.js';

@Resolver()
export class CacheResolver {
  constructor(private readonly cacheService: CacheService) {}

  @Authorized<Role>('ADMIN')
  @Query(() => CacheStats, { description: 'Admin: hits and misses per layer of this instance’s response cache.' })
  cacheStats(): CacheStatsView {
    return this.cacheService.stats();
  }
}
