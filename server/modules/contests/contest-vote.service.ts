import { createHmac } from 'node:crypto';
import type { RateLimiter } from '../../adapters/rate-limiter.js';
import { ForbiddenError, NotFoundError, RateLimitedError } from '../../errors.js';
import { actorOfUser } from '../analytics/analytics-event.js';
import type { AnalyticsEvents } from '../analytics/analytics-events.repo.js';
import type { Viewer } from '../users/tokens.js';
import type { UserRepo } from '../users/user.repo.js';
import type { ContestScheduler } from './contest-scheduler.service.js';
import { isVotingOpen, requireEntry } from './contest.model.js';
import { VoteRefusal, type ContestRepo, type EntryRow } from './contest.repo.js';

/** Votes and retractions per person per minute. */
const VOTE_LIMIT = 30;

/** Voting: casting and retracting votes under the contest's rules and a per-person rate limit. */
export class ContestVoteService {
  constructor(
    private readonly repo: ContestRepo,
    private readonly scheduler: ContestScheduler,
    private readonly users: UserRepo,
    private readonly limiter: RateLimiter,
    private readonly addressSecret: string,
    private readonly analytics: AnalyticsEvents,
  ) {}

  /** Casts (`cast`) or retracts the viewer's vote on an entry; repeating either changes nothing. */
  async vote(entryId: number | null, cast: boolean, viewer: Viewer, clientAddress: string): Promise<EntryRow> {
    const limit = await this.limiter.hit(`contest-vote:${viewer.id}`, VOTE_LIMIT, 60);
    if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);
    const entry = await requireEntry(this.repo, entryId);
    if (cast) {
      const [contest, voter] = await Promise.all([this.repo.findByIds([entry.contestId]).then((rows) => rows[0]), this.users.findById(viewer.id)]);
      if (!voter || voter.createdAt.getTime() > Date.now() - contest.minAccountAgeHours * 3_600_000) {
        throw new ForbiddenError(`Accounts can vote in this contest once they are ${contest.minAccountAgeHours} hours old`);
      }
    }
    const ipHash = createHmac('sha256', this.addressSecret).update(clientAddress).digest('hex');
    try {
      const { changed, entry: updated } = await this.repo.vote({ entryId: entry.id, voterId: viewer.id, ipHash, cast, isVotingOpen });
      if (changed) {
        await this.scheduler.track(updated.contestId, { entryId: updated.id, votes: updated.votes, version: updated.votesVersion });
        this.analytics.record({ kind: cast ? 'CONTEST_VOTE' : 'CONTEST_VOTE_RETRACTED', actor: actorOfUser(viewer.id), contestId: updated.contestId, entryId: updated.id });
      }
      return updated;
    } catch (error) {
      if (!(error instanceof VoteRefusal)) throw error;
      switch (error.reason) {
        case 'NO_ENTRY':
          throw new NotFoundError('No contest entry has this id');
        case 'NOT_VOTING':
          throw new ForbiddenError('Voting is not open in this contest');
        case 'OWN_ENTRY':
          throw new ForbiddenError('You cannot vote for your own entry');
        case 'CAP_REACHED': {
          const [contest] = await this.repo.findByIds([entry.contestId]);
          throw new ForbiddenError(`You have used all ${contest.votesPerVoter} votes in this contest; retract one to vote again`);
        }
      }
    }
  }
}
