import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ConnectionArgs, Node, connectionTypes } from '../../graphql/relay.js';
import { IsAirportCode } from '../airports/airport-code.js';
import { Composition } from '../compositions/composition.type.js';
import { User } from '../users/user.type.js';
import { CommunityData, InheritCacheHint } from '../../graphql/cache-control.js';

export const ContestStatus = { DRAFT: 'DRAFT', OPEN: 'OPEN', VOTING: 'VOTING', CLOSED: 'CLOSED' } as const;
registerEnumType(ContestStatus, {
  name: 'ContestStatus',
  valuesConfig: {
    CLOSED: { description: 'Over: the results are frozen.' },
    DRAFT: { description: 'Before submissions open.' },
    OPEN: { description: 'Taking entries.' },
    VOTING: { description: 'Votes are being cast.' },
  },
  description:
    'Follows the server clock: DRAFT before submissions open; OPEN from then until voting opens (entries are accepted until submissionsCloseAt); VOTING until votingCloseAt; CLOSED after it or once an admin closed it.',
});

export const MAX_ALLOWED_THEMES = 20;
export const MAX_LEADERBOARD = 100;

@InputType('RouteConstraintInput', { description: 'Entries must touch this airport or an airport in this country: give exactly one.' })
export class RouteConstraintInput {
  @Field(() => String, { nullable: true, description: 'IATA or ICAO code.' })
  @IsOptional()
  @IsAirportCode()
  airport?: string;

  @Field(() => String, { nullable: true, description: 'Country as OpenFlights names it, e.g. "Japan".' })
  @IsOptional()
  @Length(2, 100, { message: 'country must be 2 to 100 characters' })
  country?: string;
}

/** The fields createContest takes and updateContest may change; the rules default when created. */
@InputType('ContestFields')
abstract class ContestFields {
  @Field(() => String, { nullable: true, description: 'What the contest is about, shown to entrants (up to 4,000 characters).' })
  @IsOptional()
  @MaxLength(4000, { message: 'description must be at most 4000 characters' })
  description?: string;

  @Field(() => String, { nullable: true, description: 'What the winners get (up to 500 characters).' })
  @IsOptional()
  @MaxLength(500, { message: 'prize must be at most 500 characters' })
  prize?: string;

  @Field(() => String, { nullable: true, description: 'Who offers it, e.g. an airline, an airport or a museum.' })
  @IsOptional()
  @MaxLength(120, { message: 'sponsor must be at most 120 characters' })
  sponsor?: string;

  @Field(() => [String], { nullable: true, description: `Theme ids entries may use (at most ${MAX_ALLOWED_THEMES}); empty: any theme.` })
  @IsOptional()
  @ArrayMaxSize(MAX_ALLOWED_THEMES, { message: `allowedThemes may list at most ${MAX_ALLOWED_THEMES} themes` })
  @Length(1, 64, { each: true, message: 'each allowed theme id must be 1 to 64 characters' })
  allowedThemes?: string[];

  @Field(() => RouteConstraintInput, { nullable: true, description: 'Entries must touch an airport or a country; null removes the constraint.' })
  @IsOptional()
  @ValidateNested()
  routeConstraint?: RouteConstraintInput | null;

  @Field(() => Int, { nullable: true, description: 'Entries one person may submit (default 1).' })
  @IsOptional()
  @Min(1, { message: 'entriesPerPerson must be at least 1' })
  @Max(20, { message: 'entriesPerPerson must be at most 20' })
  entriesPerPerson?: number;

  @Field(() => Int, { nullable: true, description: 'Votes one person may cast in the contest (default 3).' })
  @IsOptional()
  @Min(1, { message: 'votesPerVoter must be at least 1' })
  @Max(100, { message: 'votesPerVoter must be at most 100' })
  votesPerVoter?: number;

  @Field(() => Int, { nullable: true, description: 'How old an account must be to vote (default 24 hours).' })
  @IsOptional()
  @Min(0, { message: 'minAccountAgeHours must be at least 0' })
  @Max(8760, { message: 'minAccountAgeHours must be at most 8760' })
  minAccountAgeHours?: number;
}

@InputType('ContestInput')
export class ContestInput extends ContestFields {
  @Field(() => String, { description: "The contest's name, 1 to 120 characters." })
  @Length(1, 120, { message: 'title must be 1 to 120 characters' })
  title!: string;

  @Field(() => Date, { description: 'When entries start being accepted.' })
  submissionsOpenAt!: Date;

  @Field(() => Date, { description: 'When entries stop being accepted; at most votingOpenAt.' })
  submissionsCloseAt!: Date;

  @Field(() => Date, { description: 'When voting starts; at least submissionsCloseAt.' })
  votingOpenAt!: Date;

  @Field(() => Date, { description: 'When voting ends and the results are frozen.' })
  votingCloseAt!: Date;
}

@InputType('ContestPatch', { description: 'Only the fields given change. Windows and rules are locked once submissions open, except for admins.' })
export class ContestPatch extends ContestFields {
  @Field(() => String, { description: "The contest's name, 1 to 120 characters.", nullable: true })
  @IsOptional()
  @Length(1, 120, { message: 'title must be 1 to 120 characters' })
  title?: string;

  @Field(() => Date, { description: 'When entries start being accepted.', nullable: true })
  @IsOptional()
  submissionsOpenAt?: Date;

  @Field(() => Date, { description: 'When entries stop being accepted; at most votingOpenAt.', nullable: true })
  @IsOptional()
  submissionsCloseAt?: Date;

  @Field(() => Date, { description: 'When voting starts; at least submissionsCloseAt.', nullable: true })
  @IsOptional()
  votingOpenAt?: Date;

  @Field(() => Date, { description: 'When voting ends and the results are frozen.', nullable: true })
  @IsOptional()
  votingCloseAt?: Date;
}

@ArgsType()
export class ContestsArgs extends ConnectionArgs {
  @Field(() => ContestStatus, { nullable: true, description: 'Only contests in this status now.' })
  @IsOptional()
  status?: keyof typeof ContestStatus;
}

@InheritCacheHint()
@ObjectType('RouteConstraint')
export class RouteConstraint {
  @Field(() => String, { nullable: true, description: 'The airport code entries must touch.' })
  airport!: string | null;

  @Field(() => String, { nullable: true, description: 'The country entries must touch.' })
  country!: string | null;
}

@InheritCacheHint()
@ObjectType('ContestRules')
export class ContestRules {
  @Field(() => [String], { description: 'Theme ids entries may use; empty: any.' })
  allowedThemes!: string[];

  @Field(() => RouteConstraint, { description: 'Entries must touch this airport or country; null: anywhere.', nullable: true })
  routeConstraint!: RouteConstraint | null;

  @Field(() => Int, { description: 'Entries one person may submit.' })
  entriesPerPerson!: number;

  @Field(() => Int, { description: 'Votes one person may cast in the contest.' })
  votesPerVoter!: number;

  @Field(() => Int, { description: 'How old an account must be to vote.' })
  minAccountAgeHours!: number;
}

@InheritCacheHint()
@ObjectType('ContestStats')
export class ContestStats {
  @Field(() => Int, { description: 'Entries now.' })
  entries!: number;

  @Field(() => Int, { description: 'People who have a vote in the contest now.' })
  voters!: number;

  @Field(() => Int, { description: 'Votes now.' })
  votes!: number;
}

@CommunityData()
@ObjectType('ContestEntry', { implements: Node, description: 'A composition entered in a contest.' })
export class ContestEntry extends Node {
  @Field(() => Composition, { nullable: true, description: 'Null when the piece was deleted or made private since.' })
  composition!: object | null;

  @Field(() => User, { nullable: true, description: 'Who entered it; null once they left.' })
  author!: object | null;

  @Field(() => Int, { description: 'Votes now (the final count once results are frozen).' })
  votes!: number;

  @Field(() => Date, { description: 'When it was entered.' })
  submittedAt!: Date;

  @Field(() => Int, { nullable: true, description: 'Its place in the frozen results; null until then.' })
  finalRank!: number | null;

  @Field(() => Boolean, { description: 'Whether the signed-in person voted for it.' })
  viewerHasVoted!: boolean;
}

@InheritCacheHint()
@ObjectType('ContestEntryConnection')
export class ContestEntryConnection extends connectionTypes(ContestEntry, 'ContestEntry') {}

@InheritCacheHint()
@ObjectType('LeaderboardEntry')
export class LeaderboardEntry {
  @Field(() => Int, { description: '1 is first: more votes first, ties to the earlier submission.' })
  rank!: number;

  @Field(() => Int, { description: 'Its votes.' })
  votes!: number;

  @Field(() => ContestEntry, { description: 'The entry at this place.' })
  entry!: object;
}

@InheritCacheHint()
@ObjectType('ContestResults', { description: 'The frozen outcome; it never changes.' })
export class ContestResults {
  @Field(() => Date, { description: 'When the results were frozen.' })
  frozenAt!: Date;

  @Field(() => [LeaderboardEntry], { description: 'The podium: ranks 1 to 3.' })
  winners!: object[];

  @Field(() => [LeaderboardEntry], { description: 'Every entry, best first.' })
  standings!: object[];
}

@ObjectType('LeaderboardUpdate')
export class LeaderboardUpdate {
  @Field(() => ID, { description: 'The contest the update is about.' })
  contestId!: string;

  @Field(() => Boolean, { description: 'True once: the results are frozen and `winners` announced.' })
  final!: boolean;

  @Field(() => [LeaderboardEntry], { description: 'The top entries now (the final top once `final`).' })
  top!: object[];

  @Field(() => [LeaderboardEntry], { description: 'The podium, when `final`; empty before.' })
  winners!: object[];
}

@CommunityData()
@ObjectType('Contest', { implements: Node, description: 'A themed competition: entries in a window, fair votes, a live leaderboard, frozen results.' })
export class Contest extends Node {
  @Field(() => String, { description: "The contest's name." })
  title!: string;

  @Field(() => String, { description: 'What the contest is about.' })
  description!: string;

  @Field(() => String, { description: 'What the winners get.' })
  prize!: string;

  @Field(() => String, { description: 'Who offers it.' })
  sponsor!: string;

  @Field(() => Date, { description: 'When entries start being accepted.' })
  submissionsOpenAt!: Date;

  @Field(() => Date, { description: 'When entries stop being accepted.' })
  submissionsCloseAt!: Date;

  @Field(() => Date, { description: 'When voting starts.' })
  votingOpenAt!: Date;

  @Field(() => Date, { description: 'When voting ends and the results are frozen.' })
  votingCloseAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When an admin closed it before votingCloseAt.' })
  closedEarlyAt!: Date | null;

  @Field(() => Date, { description: 'When it was created.' })
  createdAt!: Date;
}

@InheritCacheHint()
@ObjectType('ContestConnection')
export class ContestConnection extends connectionTypes(Contest, 'Contest') {}
