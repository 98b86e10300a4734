import { defineModule } from '../module.js';
import { CacheResolver } from './cache.resolver.js';
import { CacheService } from './cache.service.js';

export const cacheModule = defineModule()({
  name: 'cache',
  services: ({ deps }) => ({ cache: new CacheService(deps.responseCache) }),
  resolvers: [[CacheResolver, (services) => new CacheResolver(services.cache)]],
});
