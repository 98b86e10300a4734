import type { CompositionService } from '../compositions/composition.service.js';
import { defineModule } from '../module.js';
import type { UserRepo } from '../users/user.repo.js';
import { createCommunityLoaders } from './community.loaders.js';
import { CommunityRepo } from './community.repo.js';
import { CompositionCommunityResolver, UserCommunityResolver } from './community.resolver.js';
import { CommunityService } from './community.service.js';

export const communityModule = defineModule<{ compositions: CompositionService }, { users: UserRepo }>()({
  name: 'community',
  repos: (prisma) => ({ community: new CommunityRepo(prisma) }),
  services: ({ repos, services, deps }) => ({ community: new CommunityService(repos.community, services.compositions, repos.users, deps.analyticsEvents) }),
  loaders: { community: (repos, viewerId) => createCommunityLoaders(repos.community, viewerId) },
  resolvers: [
    [CompositionCommunityResolver, (services) => new CompositionCommunityResolver(services.community)],
    [UserCommunityResolver, (services) => new UserCommunityResolver(services.community)],
  ],
});
