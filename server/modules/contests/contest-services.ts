import type { PubSub } from '@graphql-yoga/subscription';
import type { Redis } from 'ioredis';
import { RateLimiter } from '../../adapters/rate-limiter.js';
import type { Logger } from '../../logger.js';
import type { AnalyticsEvents } from '../analytics/analytics-events.repo.js';
import type { CompositionService } from '../compositions/composition.service.js';
import type { NetworkService } from '../network/network.service.js';
import type { UserRepo } from '../users/user.repo.js';
import { ContestEntryService } from './contest-entry.service.js';
import { ContestScheduler } from './contest-scheduler.service.js';
import { ContestVoteService } from './contest-vote.service.js';
import type { ContestRepo } from './contest.repo.js';
import { ContestService } from './contest.service.js';
import type { ContestTopics } from './contest.topics.js';
import { LeaderboardCache } from './leaderboard.repo.js';
import { LeaderboardService } from './leaderboard.service.js';

export interface ContestServices {
  contests: ContestService;
  contestEntries: ContestEntryService;
  contestVotes: ContestVoteService;
  /** Started and disposed with the server: leaderboard pushes and the freeze sweep. */
  contestScheduler: ContestScheduler;
}

export interface ContestDependencies {
  repo: ContestRepo;
  users: UserRepo;
  compositions: CompositionService;
  networks: NetworkService;
  events: PubSub<ContestTopics>;
  redis: Redis;
  /** Keys the hash of a voter's address. */
  addressSecret: string;
  analytics: AnalyticsEvents;
  logger: Logger;
}

/** The contest services sharing one scheduler and one Redis leaderboard. */
export function createContestServices({ repo, users, compositions, networks, events, redis, addressSecret, analytics, logger }: ContestDependencies): ContestServices {
  const board = new LeaderboardCache(redis);
  const leaderboards = new LeaderboardService(repo, board, logger);
  const contestScheduler = new ContestScheduler(repo, board, leaderboards, events, logger);
  return {
    contests: new ContestService(repo, contestScheduler, leaderboards, networks, events, logger),
    contestEntries: new ContestEntryService(repo, contestScheduler, compositions, networks, analytics),
    contestVotes: new ContestVoteService(repo, contestScheduler, users, new RateLimiter(redis, logger), addressSecret, analytics),
    contestScheduler,
  };
}
