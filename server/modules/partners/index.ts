import { defineModule } from '../module.js';
import { ApiKeyRepo } from './api-key.repo.js';
import { ApiKeyResolver } from './api-key.resolver.js';
import { ApiKeyService } from './api-key.service.js';

export const partnersModule = defineModule()({
  name: 'partners',
  repos: (prisma) => ({ apiKeys: new ApiKeyRepo(prisma) }),
  services: ({ repos }) => ({ apiKeys: new ApiKeyService(repos.apiKeys) }),
  resolvers: [[ApiKeyResolver, (services) => new ApiKeyResolver(services.apiKeys)]],
});
