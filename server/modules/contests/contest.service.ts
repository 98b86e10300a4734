import { actorOfUser } from '../analytics/analytics-event.js';
import type { AnalyticsEvents } from '../analytics/analytics-events.repo.js';
import { createHash, createHmac } from 'node:crypto';
import type { PubSub } from '@graphql-yoga/subscription';
import type DataLoader from 'dataloader';
import type { RateLimiter } from '../../adapters/rate-limiter.js';
import { BadUserInputError, DuplicateEntryError, ForbiddenError, NotFoundError, RateLimitedError } from '../../errors.js';
import { keysetPage, type Page } from '../shared/paging.js';
import type { Logger } from '../../logger.js';
import { can as canPiece, DENIED } from '../compositions/composition.policy.js';
import type { CompositionService } from '../compositions/composition.service.js';
import type { NetworkService } from '../network/network.service.js';
import type { Viewer } from '../users/tokens.js';
import type { UserRepo } from '../users/user.repo.js';
import { can } from './contest.policy.js';
import { DuplicateFingerprintError, VoteRefusal, type ContestData, type ContestRepo, type ContestRow, type ContestStatusValue, type EntryRow, type Standing } from './contest.repo.js';
import { LEADERBOARD_CHANGED, type ContestTopics, type LeaderboardChangedEvent, type Placing } from './contest.topics.js';
import type { ContestInput, ContestPatch, ContestRules, RouteConstraintInput } from './contest.type.js';
import type { LeaderboardCache } from './leaderboard.repo.js';

/** Pushes per contest are coalesced: the first change opens a window, one push ends it. */
const PUSH_WINDOW_MS = 250;
/** How often each instance looks for contests whose voting ended, to freeze and announce them. */
const FREEZE_SWEEP_MS = 5_000;
const LIVE_TOP = 10;
const PODIUM = 3;
/** Votes and retractions per person per minute. */
const VOTE_LIMIT = 30;

export function statusAt(contest: Pick<ContestRow, 'submissionsOpenAt' | 'votingOpenAt' | 'votingCloseAt' | 'closedEarlyAt'>, now: Date): ContestStatusValue {
  if (contest.closedEarlyAt || now >= contest.votingCloseAt) return 'CLOSED';
  if (now >= contest.votingOpenAt) return 'VOTING';
  if (now >= contest.submissionsOpenAt) return 'OPEN';
  return 'DRAFT';
}

const acceptsEntries = (contest: ContestRow, now: Date) => statusAt(contest, now) === 'OPEN' && now < contest.submissionsCloseAt;
const isVotingOpen = (contest: ContestRow) => contest.resultsFrozenAt === null && statusAt(contest, new Date()) === 'VOTING';

type Windows = Pick<ContestRow, 'submissionsOpenAt' | 'submissionsCloseAt' | 'votingOpenAt' | 'votingCloseAt'>;

function checkWindows(windows: Windows): void {
  const { submissionsOpenAt, submissionsCloseAt, votingOpenAt, votingCloseAt } = windows;
  if (!(submissionsOpenAt < submissionsCloseAt && submissionsCloseAt <= votingOpenAt && votingOpenAt < votingCloseAt)) {
    throw new BadUserInputError('The windows must be ordered: submissionsOpenAt < submissionsCloseAt <= votingOpenAt < votingCloseAt');
  }
}

const RULE_FIELDS = ['allowedThemes', 'routeConstraint', 'entriesPerPerson', 'votesPerVoter', 'minAccountAgeHours'] as const;
const WINDOW_FIELDS = ['submissionsOpenAt', 'submissionsCloseAt', 'votingOpenAt', 'votingCloseAt'] as const;

const ranked = (standings: Standing[]): Placing[] => [...standings].sort((a, b) => b.votes - a.votes || a.entryId - b.entryId).map((s, i) => ({ rank: i + 1, votes: s.votes, entryId: s.entryId }));

export class ContestService {
  private readonly pendingPushes = new Map<number, NodeJS.Timeout>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: ContestRepo,
    private readonly board: LeaderboardCache,
    private readonly compositions: CompositionService,
    private readonly networks: NetworkService,
    private readonly users: UserRepo,
    private readonly events: PubSub<ContestTopics>,
    private readonly limiter: RateLimiter,
    private readonly addressSecret: string,
    private readonly logger: Logger,
    private readonly analytics: AnalyticsEvents,
  ) {}

  /** Freezes contests whose voting ended even when nobody reads them, so winners get announced. */
  start(): void {
    this.sweeper = setInterval(() => {
      this.freezeDue().catch((error: unknown) => this.logger.error({ err: error }, 'freezing contest results failed'));
    }, FREEZE_SWEEP_MS);
    this.sweeper.unref();
  }

  dispose(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    for (const timer of this.pendingPushes.values()) clearTimeout(timer);
    this.pendingPushes.clear();
  }

  private async freezeDue(): Promise<void> {
    for (const id of await this.repo.dueForFreezing(new Date())) await this.freeze(id);
  }

  private routeRule(constraint: RouteConstraintInput | null | undefined): Pick<ContestData, 'requiredAirport' | 'requiredCountry'> {
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
  async create(input: ContestInput, viewer: Viewer): Promise<ContestRow> {
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
  async update(id: number | null, patch: ContestPatch, viewer: Viewer): Promise<ContestRow> {
    const contest = await this.require(id);
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
    const contest = await this.require(id);
    if (statusAt(contest, new Date()) === 'CLOSED') return this.settled(contest);
    await this.repo.update(contest.id, { closedEarlyAt: new Date() });
    this.logger.info({ contestId: contest.id, adminId: viewer.id }, 'admin closed contest early');
    await this.freeze(contest.id);
    return (await this.repo.findByIds([contest.id]))[0];
  }

  /** Admin (the gate is on the mutation): gives entrants or voters more time; windows stay ordered and only move later. */
  async extend(id: number | null, until: { submissionsCloseAt?: Date; votingCloseAt?: Date }, viewer: Viewer): Promise<ContestRow> {
    const contest = await this.settled(await this.require(id));
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

  // Ids are row ids, null when the client's id names no contest (or entry): answered like a missing row.

  private async require(id: number | null): Promise<ContestRow> {
    const [contest] = id === null ? [] : await this.repo.findByIds([id]);
    if (!contest) throw new NotFoundError('No contest has this id');
    return contest;
  }

  private async requireEntry(id: number | null): Promise<EntryRow> {
    const [entry] = id === null ? [] : await this.repo.entriesByIds([id]);
    if (!entry) throw new NotFoundError('No contest entry has this id');
    return entry;
  }

  async byId(id: number | null, loader: DataLoader<number, ContestRow | null>): Promise<ContestRow | null> {
    const contest = id === null ? null : await loader.load(id);
    return contest && this.settled(contest);
  }

  async entryById(id: number | null, loader: DataLoader<number, EntryRow | null>): Promise<EntryRow | null> {
    return id === null ? null : loader.load(id);
  }

  async page(status: ContestStatusValue | undefined, args: { first?: number; after?: string }): Promise<Page<ContestRow>> {
    const now = new Date();
    return keysetPage(
      args,
      (take, before) => this.repo.page(status, now, take, before),
      () => this.repo.count(status, now),
    );
  }

  async entries(contest: ContestRow, args: { first?: number; after?: string }): Promise<Page<EntryRow>> {
    return keysetPage(
      args,
      (take, after) => this.repo.entriesPage(contest.id, take, after),
      () => this.repo.countEntries(contest.id),
    );
  }

  rulesOf(contest: ContestRow): ContestRules {
    return {
      allowedThemes: contest.allowedThemes ? contest.allowedThemes.split(' ') : [],
      routeConstraint: contest.requiredAirport || contest.requiredCountry ? { airport: contest.requiredAirport, country: contest.requiredCountry } : null,
      entriesPerPerson: contest.entriesPerPerson,
      votesPerVoter: contest.votesPerVoter,
      minAccountAgeHours: contest.minAccountAgeHours,
    };
  }

  statusOf(contest: ContestRow): ContestStatusValue {
    return statusAt(contest, new Date());
  }

  /**
   * Enters a piece: its owner only, while submissions are open, when it follows the rules. The
   * fingerprint is the SHA-256 of its MIDI bytes: the engine is deterministic, so equal bytes mean
   * someone already entered this very music (DUPLICATE_ENTRY).
   */
  async submit(contestId: number | null, compositionId: number | null, viewer: Viewer): Promise<EntryRow> {
    const contest = await this.require(contestId);
    if (!acceptsEntries(contest, new Date())) throw new ForbiddenError('This contest is not accepting entries now');
    const { row, piece } = await this.compositions.rowWithAccess(compositionId, viewer);
    if (!canPiece(viewer, 'enterContest', piece)) throw new ForbiddenError(DENIED.enterContest);
    if (row.visibility === 'PRIVATE') {
      throw new BadUserInputError('This piece is private: make it public or unlisted to enter it, so voters can listen to it');
    }
    const rules = this.rulesOf(contest);
    if (rules.allowedThemes.length > 0 && !rules.allowedThemes.includes(row.themeId)) {
      throw new BadUserInputError(`This contest takes pieces in these themes only: ${rules.allowedThemes.join(', ')}`);
    }
    const airports = row.airportCodes.split(' ').map((code) => this.networks.network.airportByCode(code));
    const required = contest.requiredAirport ? this.networks.network.airportByCode(contest.requiredAirport) : undefined;
    if (contest.requiredAirport && !airports.some((airport) => airport && airport.id === required?.id)) {
      throw new BadUserInputError(`Entries must touch ${contest.requiredAirport}`);
    }
    if (contest.requiredCountry && !airports.some((airport) => airport?.country.toLowerCase() === contest.requiredCountry!.toLowerCase())) {
      throw new BadUserInputError(`Entries must touch an airport in ${contest.requiredCountry}`);
    }
    const fingerprint = createHash('sha256').update(row.midi).digest('hex');
    let entry: EntryRow | null;
    try {
      entry = await this.repo.insertEntry({ contestId: contest.id, compositionId: row.id, authorId: viewer.id, fingerprint }, contest.entriesPerPerson);
    } catch (error) {
      if (error instanceof DuplicateFingerprintError) {
        throw new DuplicateEntryError('The same music is already entered in this contest: change the theme, key, tempo or variation to make it yours');
      }
      throw error;
    }
    if (!entry) throw new ForbiddenError(`You have entered ${contest.entriesPerPerson} piece(s), the most this contest allows`);
    await this.track(contest.id, { entryId: entry.id, votes: 0, version: 0 });
    this.analytics.record({ kind: 'CONTEST_ENTRY', actor: actorOfUser(viewer.id), contestId: contest.id, entryId: entry.id, compositionId: row.id, themeId: row.themeId });
    return entry;
  }

  async withdraw(entryId: number | null, viewer: Viewer): Promise<void> {
    const entry = await this.requireEntry(entryId);
    if (entry.authorId !== viewer.id) throw new ForbiddenError('Only its author can withdraw an entry');
    const [contest] = await this.repo.findByIds([entry.contestId]);
    if (statusAt(contest, new Date()) !== 'OPEN') throw new ForbiddenError('Entries can be withdrawn only while the contest is open');
    await this.repo.deleteEntry(entry.id);
    await this.board.remove(contest.id, entry.id).catch((error: unknown) => this.logger.warn({ err: error }, 'leaderboard cache not updated'));
    this.schedulePush(contest.id);
  }

  /** Casts (`cast`) or retracts the viewer's vote on an entry; repeating either changes nothing. */
  async vote(entryId: number | null, cast: boolean, viewer: Viewer, clientAddress: string): Promise<EntryRow> {
    const limit = await this.limiter.hit(`contest-vote:${viewer.id}`, VOTE_LIMIT, 60);
    if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);
    const entry = await this.requireEntry(entryId);
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
        await this.track(updated.contestId, { entryId: updated.id, votes: updated.votes, version: updated.votesVersion });
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

  /** Mirrors a committed change into the Redis board and schedules a push; Redis trouble never fails the vote. */
  private async track(contestId: number, standing: Standing): Promise<void> {
    try {
      await this.board.update(contestId, standing);
    } catch (error) {
      this.logger.warn({ err: error, contestId }, 'leaderboard cache not updated; it is rebuilt when read');
    }
    this.schedulePush(contestId);
  }

  /**
   * At most one push per contest per window across all instances: the first change claims the
   * window in Redis and pushes when it ends, reading the board then, so changes made during the
   * window (on any instance) are in that push.
   */
  private schedulePush(contestId: number): void {
    if (this.pendingPushes.has(contestId)) return;
    const timer = setTimeout(() => {
      this.pendingPushes.delete(contestId);
      this.pushLive(contestId).catch((error: unknown) => this.logger.warn({ err: error, contestId }, 'leaderboard push failed'));
    }, PUSH_WINDOW_MS + 50);
    timer.unref();
    this.pendingPushes.set(contestId, timer);
    this.board
      .claimPush(contestId, PUSH_WINDOW_MS)
      .catch(() => true)
      .then((claimed) => {
        if (claimed) return;
        clearTimeout(timer);
        this.pendingPushes.delete(contestId);
      });
  }

  private async pushLive(contestId: number): Promise<void> {
    const [contest] = await this.repo.findByIds([contestId]);
    if (!contest || contest.resultsFrozenAt) return;
    this.events.publish(LEADERBOARD_CHANGED, contestId, { contestId, final: false, top: await this.liveTop(contest, LIVE_TOP), winners: [] });
  }

  /**
   * The live ranking from Redis, checked against MariaDB: when the board is missing, holds a
   * different number of entries, or any entry it returns is at an older version than the database
   * row, it is rebuilt from the database, and the database's ranking is the answer.
   */
  private async liveTop(contest: ContestRow, count: number): Promise<Placing[]> {
    const fromDatabase = async () => {
      const standings = await this.repo.standings(contest.id);
      await this.board.rebuild(contest.id, standings).catch((error: unknown) => this.logger.warn({ err: error }, 'leaderboard rebuild failed'));
      return ranked(standings).slice(0, count);
    };
    let slice;
    try {
      slice = await this.board.top(contest.id, count);
    } catch (error) {
      this.logger.warn({ err: error }, 'leaderboard cache unavailable; ranking from the database');
      return ranked(await this.repo.standings(contest.id)).slice(0, count);
    }
    if (!slice) return fromDatabase();
    const [rows, total] = await Promise.all([this.repo.entriesByIds(slice.top.map((s) => s.entryId)), this.repo.countEntries(contest.id)]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const consistent =
      slice.size === total &&
      slice.top.every((s) => {
        const row = byId.get(s.entryId);
        return row !== undefined && row.votesVersion === s.version && row.votes === s.votes;
      });
    if (!consistent) return fromDatabase();
    return slice.top.map((s, i) => ({ rank: i + 1, votes: s.votes, entryId: s.entryId }));
  }

  /** Freezes a contest that closed but is not frozen yet (the first read after closing does it). */
  private async settled(contest: ContestRow): Promise<ContestRow> {
    if (contest.resultsFrozenAt || statusAt(contest, new Date()) !== 'CLOSED') return contest;
    await this.freeze(contest.id);
    return (await this.repo.findByIds([contest.id]))[0];
  }

  private async freeze(contestId: number): Promise<void> {
    if (!(await this.repo.freeze(contestId, new Date()))) return;
    const standings = await this.frozenPlacings(contestId);
    this.logger.info({ contestId, entries: standings.length }, 'contest results frozen');
    await this.board.drop(contestId).catch(() => undefined);
    const event: LeaderboardChangedEvent = { contestId, final: true, top: standings.slice(0, LIVE_TOP), winners: standings.slice(0, PODIUM) };
    this.events.publish(LEADERBOARD_CHANGED, contestId, event);
  }

  private async frozenPlacings(contestId: number, count?: number): Promise<Placing[]> {
    const rows = await this.repo.frozenStandings(contestId, count);
    return rows.map((row) => ({ rank: row.finalRank!, votes: row.finalVotes!, entryId: row.id }));
  }

  /** Live while the contest runs; the frozen standings once it is closed. */
  async leaderboard(contest: ContestRow, count: number): Promise<Placing[]> {
    const current = await this.settled(contest);
    return current.resultsFrozenAt ? this.frozenPlacings(current.id, count) : this.liveTop(current, count);
  }

  async results(contest: ContestRow): Promise<{ frozenAt: Date; winners: Placing[]; standings: Placing[] } | null> {
    const current = await this.settled(contest);
    if (!current.resultsFrozenAt) return null;
    const standings = await this.frozenPlacings(current.id);
    return { frozenAt: current.resultsFrozenAt, winners: standings.slice(0, PODIUM), standings };
  }

  /** The votes an entry has: the frozen count once results are final. */
  votesOf(entry: EntryRow): number {
    return entry.finalVotes ?? entry.votes;
  }

  /** Leaderboard changes of a contest from every instance; NOT_FOUND for an unknown contest. */
  async watch(contestId: number | null): Promise<AsyncIterable<LeaderboardChangedEvent>> {
    const contest = await this.require(contestId);
    return this.events.subscribe(LEADERBOARD_CHANGED, contest.id);
  }
}
