import { createRedisPubSub } from '../../adapters/pubsub.js';
import { RateLimiter } from '../../adapters/rate-limiter.js';
import type { CompositionService } from '../compositions/composition.service.js';
import { defineModule } from '../module.js';
import type { NetworkService } from '../network/network.service.js';
import type { UserRepo } from '../users/user.repo.js';
import { createContestLoaders } from './contest.loaders.js';
import { ContestRepo } from './contest.repo.js';
import { ContestEntryResolver, ContestResolver, LeaderboardEntryResolver } from './contest.resolver.js';
import { ContestService } from './contest.service.js';
import type { ContestTopics } from './contest.topics.js';
import { LeaderboardCache } from './leaderboard.repo.js';

export const contestsModule = defineModule<{ compositions: CompositionService; networks: NetworkService }, { users: UserRepo }>()({
  name: 'contests',
  repos: (prisma) => ({ contests: new ContestRepo(prisma) }),
  services: ({ repos, services, deps: { redis, config, logger, analyticsEvents, disposer } }) => {
    const events = disposer.use(createRedisPubSub<ContestTopics>(redis));
    const limiter = new RateLimiter(redis, logger);
    const contests = new ContestService(
      repos.contests,
      new LeaderboardCache(redis),
      services.compositions,
      services.networks,
      repos.users,
      events.pubSub,
      limiter,
      config.auth.secret,
      logger,
      analyticsEvents,
    );
    disposer.defer(() => contests.dispose());
    contests.start();
    return { contests };
  },
  loaders: { contests: (repos, viewerId) => createContestLoaders(repos.contests, viewerId) },
  resolvers: [
    [ContestResolver, (services) => new ContestResolver(services.contests)],
    [ContestEntryResolver, (services) => new ContestEntryResolver(services.contests, services.compositions)],
    [LeaderboardEntryResolver, () => new LeaderboardEntryResolver()],
  ],
  streams: (services) => ({ watchLeaderboard: (contestId) => services.contests.watch(contestId) }),
});
