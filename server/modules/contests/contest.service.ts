import { BadUserInputError, ForbiddenError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { NetworkService } from '../network/network.service.js';
import { keysetPage, type Page } from '../shared/paging.js';
import type { Viewer } from '../users/tokens.js';
import type { ContestScheduler } from './contest-scheduler.service.js';
import { PODIUM } from './contest-scheduler.service.js';
import {
  checkWindows,
  requireContest,
  rulesOf,
  statusAt,
  type ContestChangesCommand,
  type ContestResultsView,
  type ContestRulesView,
  type NewContestCommand,
  type RouteConstraintCommand,
} from './contest.model.js';
import { can } from './contest.policy.js';
import type { ContestData, ContestRepo, ContestRow, ContestStatusValue } from './contest.repo.js';
import { LEADERBOARD_CHANGED, type ContestTopics, type LeaderboardChangedEvent, type Placing } from './contest.topics.js';
import type { LeaderboardService } from './leaderboard.service.js';
import type { PubSub } from '@graphql-yoga/subscription';

const RULE_FIELDS = ['allowedThemes', 'routeConstraint', 'entriesPerPerson', 'votesPerVoter', 'minAccountAgeHours'] as const;
const WINDOW_FIELDS = ['submissionsOpenAt', 'submissionsCloseAt', 'votingOpenAt', 'votingCloseAt'] as const;

/** Contests themselves: creating and changing them, their windows, and reading them and their results. */
export class ContestService {
  constructor(
    private readonly repo: ContestRepo,
    private readonly scheduler: ContestScheduler,
    private readonly leaderboards: LeaderboardService,
    private readonly networks: NetworkService,
    private readonly events: PubSub<ContestTopics>,
    private readonly logger: Logger,
  ) {}

  private routeRule(constraint: RouteConstraintCommand | null | undefined): Pick<ContestData, 'requiredAirport' | 'requiredCountry'> {
    if (!constraint) return { requiredAirport: null, requiredCountry: null };
    if ((constraint.airport === undefined) === (constraint.country === undefined)) {
      throw new BadUserInputError('routeConstraint takes exactly one of airport or country');
    }
    if (constraint.airport !== undefined) {
      if (!this.networks.network.airportByCode(constraint.airport)) throw new BadUserInputError(`No airport has the code "${constraint.airport}"`);
      return { requiredAirport: constraint.airport.toUpperCase(), requiredCountry: null };
    }
    return { requiredAirport: null, requiredCountry: constraint.country!.trim() };
  }

  /** Partners and admins start contests: the gate is on the mutation. */
  async create(input: NewContestCommand, viewer: Viewer): Promise<ContestRow> {
    const data: ContestData = {
      title: input.title.trim(),
      description: input.description?.trim() ?? '',
      prize: input.prize?.trim() ?? '',
      sponsor: input.sponsor?.trim() ?? '',
      submissionsOpenAt: input.submissionsOpenAt,
      submissionsCloseAt: input.submissionsCloseAt,
      votingOpenAt: input.votingOpenAt,
      votingCloseAt: input.votingCloseAt,
      allowedThemes: (input.allowedThemes ?? []).join(' '),
      ...this.routeRule(input.routeConstraint),
      entriesPerPerson: input.entriesPerPerson ?? 1,
      votesPerVoter: input.votesPerVoter ?? 3,
      minAccountAgeHours: input.minAccountAgeHours ?? 24,
    };
    checkWindows(data);
    return this.repo.create(viewer.id, data);
  }

  /**
   * Its organiser (or an admin) changes it. Once submissions opened, the windows and rules are
   * what entrants and voters relied on: only an admin may change them then, never after results froze.
   */
  async update(id: number | null, patch: ContestChangesCommand, viewer: Viewer): Promise<ContestRow> {
    const contest = await requireContest(this.repo, id);
    if (!can(viewer, 'update', contest)) throw new ForbiddenError('Only its organiser or an admin can change this contest');
    const touchesRules = [...RULE_FIELDS, ...WINDOW_FIELDS].some((field) => patch[field] !== undefined);
    if (touchesRules && contest.resultsFrozenAt) throw new ForbiddenError('The results are final; the contest cannot change any more');
    if (touchesRules && statusAt(contest, new Date()) !== 'DRAFT' && !can(viewer, 'changeRulesAfterOpening', contest)) {
      throw new ForbiddenError('Submissions have opened: only an admin can change the windows or rules now');
    }
    const data: Partial<ContestData> = {
      title: patch.title?.trim(),
      description: patch.description?.trim(),
      prize: patch.prize?.trim(),
      sponsor: patch.sponsor?.trim(),
      submissionsOpenAt: patch.submissionsOpenAt,
      submissionsCloseAt: patch.submissionsCloseAt,
      votingOpenAt: patch.votingOpenAt,
      votingCloseAt: patch.votingCloseAt,
      allowedThemes: patch.allowedThemes?.join(' '),
      ...(patch.routeConstraint === undefined ? {} : this.routeRule(patch.routeConstraint)),
      entriesPerPerson: patch.entriesPerPerson,
      votesPerVoter: patch.votesPerVoter,
      minAccountAgeHours: patch.minAccountAgeHours,
    };
    checkWindows({ ...contest, ...Object.fromEntries(WINDOW_FIELDS.filter((f) => data[f] !== undefined).map((f) => [f, data[f]])) });
    const updated = await this.repo.update(contest.id, data);
    if (touchesRules && viewer.id !== contest.creatorId) this.logger.info({ contestId: contest.id, adminId: viewer.id, patch }, 'admin changed contest rules');
    return updated;
  }

  /** Admin (the gate is on the mutation): ends the contest now; results are frozen and announced at once. */
  async close(id: number | null, viewer: Viewer): Promise<ContestRow> {
    const contest = await requireContest(this.repo, id);
    if (statusAt(contest, new Date()) === 'CLOSED') return this.scheduler.settled(contest);
    await this.repo.update(contest.id, { closedEarlyAt: new Date() });
    this.logger.info({ contestId: contest.id, adminId: viewer.id }, 'admin closed contest early');
    await this.scheduler.freeze(contest.id);
    return (await this.repo.findByIds([contest.id]))[0];
  }

  /** Admin (the gate is on the mutation): gives entrants or voters more time; windows stay ordered and only move later. */
  async extend(id: number | null, until: { submissionsCloseAt?: Date; votingCloseAt?: Date }, viewer: Viewer): Promise<ContestRow> {
    const contest = await this.scheduler.settled(await requireContest(this.repo, id));
    if (contest.resultsFrozenAt || contest.closedEarlyAt) throw new ForbiddenError('The results are final; the contest cannot be extended');
    const changes = {
      ...(until.submissionsCloseAt ? { submissionsCloseAt: until.submissionsCloseAt } : {}),
      ...(until.votingCloseAt ? { votingCloseAt: until.votingCloseAt } : {}),
    };
    if (Object.keys(changes).length === 0) throw new BadUserInputError('Give submissionsCloseAt or votingCloseAt');
    if ((changes.submissionsCloseAt && changes.submissionsCloseAt <= contest.submissionsCloseAt) || (changes.votingCloseAt && changes.votingCloseAt <= contest.votingCloseAt)) {
      throw new BadUserInputError('An extension must move a window later');
    }
    checkWindows({ ...contest, ...changes });
    const updated = await this.repo.update(contest.id, changes);
    this.logger.info({ contestId: contest.id, adminId: viewer.id, ...changes }, 'admin extended contest');
    return updated;
  }

  /** A loaded contest as it is now: one whose voting ended is frozen first. */
  async current(contest: ContestRow | null): Promise<ContestRow | null> {
    return contest && this.scheduler.settled(contest);
  }

  async page(status: ContestStatusValue | undefined, args: { first?: number; after?: string }): Promise<Page<ContestRow>> {
    const now = new Date();
    return keysetPage(
      args,
      (take, before) => this.repo.page(status, now, take, before),
      () => this.repo.count(status, now),
    );
  }

  rulesOf(contest: ContestRow): ContestRulesView {
    return rulesOf(contest);
  }

  statusOf(contest: ContestRow): ContestStatusValue {
    return statusAt(contest, new Date());
  }

  /** Live while the contest runs; the frozen standings once it is closed. */
  async leaderboard(contest: ContestRow, count: number): Promise<Placing[]> {
    const current = await this.scheduler.settled(contest);
    return current.resultsFrozenAt ? this.leaderboards.frozenPlacings(current.id, count) : this.leaderboards.liveTop(current, count);
  }

  async results(contest: ContestRow): Promise<ContestResultsView | null> {
    const current = await this.scheduler.settled(contest);
    if (!current.resultsFrozenAt) return null;
    const standings = await this.leaderboards.frozenPlacings(current.id);
    return { frozenAt: current.resultsFrozenAt, winners: standings.slice(0, PODIUM), standings };
  }

  /** Leaderboard changes of a contest from every instance; NOT_FOUND for an unknown contest. */
  async watch(contestId: number | null): Promise<AsyncIterable<LeaderboardChangedEvent>> {
    const contest = await requireContest(this.repo, contestId);
    return this.events.subscribe(LEADERBOARD_CHANGED, contest.id);
  }
}
