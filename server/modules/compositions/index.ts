import { createRedisPubSub } from '../../adapters/pubsub.js';
import { defineModule } from '../module.js';
import type { NetworkService } from '../network/network.service.js';
import type { SimilarityService } from '../similarity/similarity.service.js';
import type { ThemeService } from '../themes/theme.service.js';
import type { UserRepo } from '../users/user.repo.js';
import { CollaborationResolver, CollaboratorResolver } from './collaboration.resolver.js';
import { CollaborationService } from './collaboration.service.js';
import { CollaboratorRepo } from './collaborator.repo.js';
import { ComposePool } from './compose-pool.js';
import { CompositionAccess } from './composition-access.js';
import { createCompositionLoaders } from './composition.loaders.js';
import { CompositionRepo } from './composition.repo.js';
import { CompositionResolver, UserCompositionsResolver } from './composition.resolver.js';
import { CompositionService } from './composition.service.js';
import type { CompositionTopics } from './composition.topics.js';
import { PlayWindows } from './play-windows.repo.js';
import { PresenceRepo } from './presence.repo.js';

export const compositionsModule = defineModule<{ networks: NetworkService; themes: ThemeService; similarity: SimilarityService }, { users: UserRepo }>()({
  name: 'compositions',
  repos: (prisma) => ({ compositions: new CompositionRepo(prisma), collaborators: new CollaboratorRepo(prisma) }),
  services: ({ repos, services, deps: { redis, config, analyticsEvents, disposer } }) => {
    const events = disposer.use(createRedisPubSub<CompositionTopics>(redis));
    const access = new CompositionAccess(repos.collaborators);
    const pool = new ComposePool(config.composeWorkers);
    const compositions = new CompositionService(
      services.networks,
      services.themes,
      repos.compositions,
      services.similarity,
      events.pubSub,
      repos.users,
      new PlayWindows(redis),
      access,
      repos.collaborators,
      analyticsEvents,
      pool,
    );
    disposer.defer(() => compositions.dispose());
    compositions.startComposing();
    return { compositions, collaboration: new CollaborationService(compositions, repos.collaborators, repos.users, new PresenceRepo(redis)) };
  },
  loaders: { compositions: (repos) => createCompositionLoaders(repos.compositions) },
  resolvers: [
    [CompositionResolver, (services) => new CompositionResolver(services.compositions)],
    [UserCompositionsResolver, (services) => new UserCompositionsResolver(services.compositions)],
    [CollaborationResolver, (services) => new CollaborationResolver(services.collaboration)],
    [CollaboratorResolver, () => new CollaboratorResolver()],
  ],
  streams: (services, { viewer }) => ({ watchComposition: (id) => services.collaboration.watch(id, viewer) }),
});
