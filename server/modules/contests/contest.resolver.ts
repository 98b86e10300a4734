import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { IsOptional, Max, Min } from 'class-validator';
import type { RequestContext } from '../../context.js';
import { ConnectionArgs, issuedIdOf, toGlobalId, type Page } from '../../graphql/relay.js';
import type { CompositionService, CompositionView } from '../compositions/composition.service.js';
import { compositionByRef } from '../compositions/composition.resolver.js';
import { Composition } from '../compositions/composition.type.js';
import type { Role } from '../users/user.policy.js';
import type { UserRow } from '../users/user.repo.js';
import { requireViewer } from '../users/user.service.js';
import { User } from '../users/user.type.js';
import type { ContestRow, EntryRow } from './contest.repo.js';
import type { ContestEntryService } from './contest-entry.service.js';
import type { ContestVoteService } from './contest-vote.service.js';
import type { ContestResultsView, ContestRulesView } from './contest.model.js';
import type { ContestService } from './contest.service.js';
import type { LeaderboardChangedEvent, Placing } from './contest.topics.js';
import {
  Contest,
  ContestConnection,
  ContestEntry,
  ContestEntryConnection,
  ContestInput,
  ContestPatch,
  ContestResults,
  ContestRules,
  ContestStats,
  ContestStatus,
  ContestsArgs,
  LeaderboardEntry,
  LeaderboardUpdate,
  MAX_LEADERBOARD,
} from './contest.type.js';
import { CommunityData } from '../../graphql/cache-control.js';

@ArgsType()
class LeaderboardArgs {
  @Field(() => Int, { nullable: true, description: `How many places, 1 to ${MAX_LEADERBOARD} (default 10).` })
  @IsOptional()
  @Min(1, { message: 'first must be at least 1' })
  @Max(MAX_LEADERBOARD, { message: `first must be at most ${MAX_LEADERBOARD}` })
  first?: number;
}

@ArgsType()
class ExtendContestArgs {
  @Field(() => ID, { description: "The contest's id." })
  id!: string;

  @Field(() => Date, { nullable: true, description: 'A later end for submissions (still no later than votingOpenAt).' })
  @IsOptional()
  submissionsCloseAt?: Date;

  @Field(() => Date, { nullable: true, description: 'A later end for voting.' })
  @IsOptional()
  votingCloseAt?: Date;
}

@Resolver(() => Contest)
export class ContestResolver {
  constructor(
    private readonly contestService: ContestService,
    private readonly entryService: ContestEntryService,
  ) {}

  @Authorized<Role>('PARTNER')
  @Mutation(() => Contest, { description: 'Starts a contest (partners and admins).' })
  createContest(@Arg('input', () => ContestInput, { description: 'Title, windows and rules.' }) input: ContestInput, @Ctx() context: RequestContext): Promise<ContestRow> {
    return this.contestService.create(input, requireViewer(context));
  }

  @Mutation(() => Contest, { description: 'Changes a contest (its organiser or an admin); windows and rules lock when submissions open, except for admins.' })
  updateContest(
    @Arg('id', () => ID, { description: "The contest's id." }) id: string,
    @Arg('input', () => ContestPatch, { description: 'The fields to change.' }) input: ContestPatch,
    @Ctx() context: RequestContext,
  ): Promise<ContestRow> {
    const viewer = requireViewer(context);
    return this.contestService.update(issuedIdOf(id, 'Contest'), input, viewer);
  }

  @Authorized<Role>('ADMIN')
  @Mutation(() => Contest, { description: 'Admin: closes the contest now; results are frozen and winners announced.' })
  closeContest(@Arg('id', () => ID, { description: "The contest's id." }) id: string, @Ctx() context: RequestContext): Promise<ContestRow> {
    const viewer = requireViewer(context);
    return this.contestService.close(issuedIdOf(id, 'Contest'), viewer);
  }

  @Authorized<Role>('ADMIN')
  @Mutation(() => Contest, { description: 'Admin: moves the end of submissions or of voting later.' })
  extendContest(@Args(() => ExtendContestArgs) { id, ...until }: ExtendContestArgs, @Ctx() context: RequestContext): Promise<ContestRow> {
    const viewer = requireViewer(context);
    return this.contestService.extend(issuedIdOf(id, 'Contest'), until, viewer);
  }

  @CommunityData()
  @Query(() => ContestConnection, { description: 'Contests, newest first, optionally only those in a status now.' })
  contests(@Args(() => ContestsArgs) { status, ...page }: ContestsArgs): Promise<Page<ContestRow>> {
    return this.contestService.page(status, page);
  }

  @CommunityData()
  @Query(() => Contest, { description: 'A contest by id; null when there is none.', nullable: true })
  async contest(@Arg('id', () => ID, { description: "The contest's id." }) id: string, @Ctx() { loaders }: RequestContext): Promise<ContestRow | null> {
    const contestId = issuedIdOf(id, 'Contest');
    return this.contestService.current(contestId === null ? null : await loaders.contestById.load(contestId));
  }

  @Subscription(() => LeaderboardUpdate, {
    description: 'The top entries whenever votes change (a few pushes a second at most), and once the final results with the winners.',
    subscribe: ({ args, context }) => (context as RequestContext).watchLeaderboard(issuedIdOf(args.contestId as string, 'Contest')),
  })
  leaderboardChanged(@Root() event: LeaderboardChangedEvent, @Arg('contestId', () => ID, { description: 'The contest to watch.' }) contestId: string): LeaderboardUpdate {
    return { contestId, final: event.final, top: event.top, winners: event.winners };
  }

  @FieldResolver(() => ID, { description: 'Global id (opaque; stable across data re-imports).' })
  id(@Root() contest: ContestRow): string {
    return toGlobalId('Contest', contest.id);
  }

  @FieldResolver(() => ContestStatus, { description: 'Where it is now, by the server clock.' })
  status(@Root() contest: ContestRow): string {
    return this.contestService.statusOf(contest);
  }

  @FieldResolver(() => ContestRules, { description: 'Who may enter what, and how votes count.' })
  rules(@Root() contest: ContestRow): ContestRulesView {
    return this.contestService.rulesOf(contest);
  }

  @FieldResolver(() => ContestStats, { description: 'Entries, votes and voters now.' })
  stats(@Root() contest: ContestRow, @Ctx() { loaders }: RequestContext): Promise<ContestStats> {
    return loaders.contestStats.load(contest.id);
  }

  @FieldResolver(() => ContestEntryConnection, { description: 'Entries in submission order.' })
  entries(@Root() contest: ContestRow, @Args(() => ConnectionArgs) args: ConnectionArgs): Promise<Page<EntryRow>> {
    return this.entryService.page(contest, args);
  }

  @FieldResolver(() => [LeaderboardEntry], { description: 'Ranked by votes, ties to the earlier submission; the frozen ranking once closed.' })
  leaderboard(@Root() contest: ContestRow, @Args(() => LeaderboardArgs) { first }: LeaderboardArgs): Promise<Placing[]> {
    return this.contestService.leaderboard(contest, first ?? 10);
  }

  @FieldResolver(() => ContestResults, { nullable: true, description: 'The frozen results; null until the contest is closed.' })
  results(@Root() contest: ContestRow): Promise<ContestResultsView | null> {
    return this.contestService.results(contest);
  }
}

@Resolver(() => LeaderboardEntry)
export class LeaderboardEntryResolver {
  /** Placings carry only the entry id, so the entry is loaded only when selected. */
  @FieldResolver(() => ContestEntry)
  async entry(@Root() placing: Placing, @Ctx() { loaders }: RequestContext): Promise<EntryRow> {
    return (await loaders.contestEntryById.load(placing.entryId))!;
  }
}

@Resolver(() => ContestEntry)
export class ContestEntryResolver {
  constructor(
    private readonly entryService: ContestEntryService,
    private readonly voteService: ContestVoteService,
    private readonly compositionService: CompositionService,
  ) {}

  @Mutation(() => ContestEntry, { description: 'Enters your piece (public or unlisted) while submissions are open; the same music twice is DUPLICATE_ENTRY.' })
  submitEntry(
    @Arg('contestId', () => ID, { description: 'The contest to enter.' }) contestId: string,
    @Arg('compositionId', () => ID, { description: 'Your piece (public or unlisted).' }) compositionId: string,
    @Ctx() context: RequestContext,
  ): Promise<EntryRow> {
    const viewer = requireViewer(context);
    return this.entryService.submit(issuedIdOf(contestId, 'Contest'), issuedIdOf(compositionId, 'Composition'), viewer);
  }

  @Mutation(() => ID, { description: 'Withdraws your entry while the contest is open; returns its id.' })
  async withdrawEntry(@Arg('entryId', () => ID, { description: 'Your entry.' }) entryId: string, @Ctx() context: RequestContext): Promise<string> {
    const viewer = requireViewer(context);
    await this.entryService.withdraw(issuedIdOf(entryId, 'ContestEntry'), viewer);
    return entryId;
  }

  @Mutation(() => ContestEntry, { description: "Votes for an entry while voting is open: once per entry, up to the contest's votes per person, never your own." })
  castVote(@Arg('entryId', () => ID, { description: 'The entry to vote for.' }) entryId: string, @Ctx() context: RequestContext): Promise<EntryRow> {
    const viewer = requireViewer(context);
    return this.voteService.vote(issuedIdOf(entryId, 'ContestEntry'), true, viewer, context.clientAddress);
  }

  @Mutation(() => ContestEntry, { description: 'Takes your vote back while voting is open.' })
  retractVote(@Arg('entryId', () => ID, { description: 'The entry you voted for.' }) entryId: string, @Ctx() context: RequestContext): Promise<EntryRow> {
    const viewer = requireViewer(context);
    return this.voteService.vote(issuedIdOf(entryId, 'ContestEntry'), false, viewer, context.clientAddress);
  }

  @FieldResolver(() => ID, { description: 'Global id (opaque; stable across data re-imports).' })
  id(@Root() entry: EntryRow): string {
    return toGlobalId('ContestEntry', entry.id);
  }

  @FieldResolver(() => Contest, { description: 'The contest it is entered in.' })
  async contest(@Root() entry: EntryRow, @Ctx() { loaders }: RequestContext): Promise<ContestRow> {
    return (await loaders.contestById.load(entry.contestId))!;
  }

  @FieldResolver(() => Int)
  votes(@Root() entry: EntryRow): number {
    return this.entryService.votesOf(entry);
  }

  @FieldResolver(() => Boolean)
  viewerHasVoted(@Root() entry: EntryRow, @Ctx() { loaders }: RequestContext): Promise<boolean> {
    return loaders.viewerVotedForEntry.load(entry.id);
  }

  @FieldResolver(() => Composition, { nullable: true })
  composition(@Root() entry: EntryRow, @Ctx() context: RequestContext): Promise<CompositionView | null> | null {
    return entry.compositionId === null ? null : compositionByRef(this.compositionService, String(entry.compositionId), context);
  }

  @FieldResolver(() => User, { nullable: true })
  async author(@Root() entry: EntryRow, @Ctx() { loaders }: RequestContext): Promise<UserRow | null> {
    return entry.authorId === null ? null : loaders.userById.load(entry.authorId);
  }
}
