import { createRedisPubSub } from '../../adapters/pubsub.js';
import type { CompositionService } from '../compositions/composition.service.js';
import { defineModule } from '../module.js';
import type { NetworkService } from '../network/network.service.js';
import type { UserRepo } from '../users/user.repo.js';
import { createContestLoaders } from './contest.loaders.js';
import { ContestRepo } from './contest.repo.js';
import { ContestEntryResolver, ContestResolver, LeaderboardEntryResolver } from './contest.resolver.js';
import { createContestServices } from './contest-services.js';
import type { ContestTopics } from './contest.topics.js';

export const contestsModule = defineModule<{ compositions: CompositionService; networks: NetworkService }, { users: UserRepo }>()({
  name: 'contests',
  repos: (prisma) => ({ contests: new ContestRepo(prisma) }),
  services: ({ repos, services, deps: { redis, config, logger, analyticsEvents, disposer } }) => {
    const events = disposer.use(createRedisPubSub<ContestTopics>(redis));
    const contestServices = createContestServices({
      repo: repos.contests,
      users: repos.users,
      compositions: services.compositions,
      networks: services.networks,
      events: events.pubSub,
      redis,
      addressSecret: config.auth.secret,
      analytics: analyticsEvents,
      logger,
    });
    disposer.defer(() => contestServices.contestScheduler.dispose());
    contestServices.contestScheduler.start();
    return contestServices;
  },
  loaders: { contests: (repos, viewerId) => createContestLoaders(repos.contests, viewerId) },
  resolvers: [
    [ContestResolver, (services) => new ContestResolver(services.contests, services.contestEntries)],
    [ContestEntryResolver, (services) => new ContestEntryResolver(services.contestEntries, services.contestVotes, services.compositions)],
    [LeaderboardEntryResolver, () => new LeaderboardEntryResolver()],
  ],
  streams: (services) => ({ watchLeaderboard: (contestId) => services.contests.watch(contestId) }),
});
