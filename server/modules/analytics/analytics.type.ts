import { IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Airport } from '../airports/airport.type.js';
import { Composition } from '../compositions/composition.type.js';
import { Route } from '../routes/route.type.js';
import { Theme } from '../themes/theme.type.js';
import { User } from '../users/user.type.js';
import { MIN_PEOPLE } from './figures.js';

export const GranularityEnum = { HOUR: 'HOUR', DAY: 'DAY', WEEK: 'WEEK' } as const;
registerEnumType(GranularityEnum, {
  name: 'Granularity',
  valuesConfig: { DAY: { description: 'One bucket per UTC day.' }, HOUR: { description: 'One bucket per hour.' }, WEEK: { description: 'One bucket per week, from Monday.' } },
  description: 'The size of the time buckets of a series (UTC; weeks start on Monday).',
});

export const MAX_FIRST = 100;

const WITHHELD = `null (withheld) when fewer than ${MIN_PEOPLE} different people make it up.`;

@ArgsType()
export class FirstArgs {
  @Field(() => Int, { nullable: true, defaultValue: 10, description: `How many, 1 to ${MAX_FIRST} (default 10).` })
  @IsOptional()
  @Min(1, { message: 'first must be at least 1' })
  @Max(MAX_FIRST, { message: `first must be at most ${MAX_FIRST}` })
  first?: number;
}

@ArgsType()
export class TimeWindowArgs {
  @Field(() => Date, { nullable: true, description: 'Start of the window (inclusive); default 30 days before `to`.' })
  @IsOptional()
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'End of the window (exclusive); default now.' })
  @IsOptional()
  to?: Date;

  @Field(() => GranularityEnum, { nullable: true, defaultValue: 'DAY', description: 'Bucket size of the series (at most 2,000 buckets).' })
  @IsOptional()
  granularity?: keyof typeof GranularityEnum;
}

@ArgsType()
export class UsageArgs extends TimeWindowArgs {
  @Field(() => ID, { nullable: true, description: "A partner's User id; default yours. Only admins may name another partner." })
  @IsOptional()
  partnerId?: string;
}

@ArgsType()
export class AirportProfileArgs {
  @Field(() => String, { description: 'IATA or ICAO code.' })
  code!: string;
}

@ObjectType('Analytics', { description: 'Figures computed from data, fresh within seconds. For partner accounts (or a partner API key) and admins.' })
export class Analytics {}

@ObjectType('DistanceBand')
export class DistanceBand {
  @Field(() => String, { description: 'e.g. "< 1,500 km".' })
  label!: string;

  @Field(() => Float, { description: 'Inclusive lower bound in km.' })
  minKm!: number;

  @Field(() => Float, { nullable: true, description: 'Exclusive upper bound; null for the last band (≥ 8,000 km).' })
  maxKm!: number | null;

  @Field(() => Int, { description: 'Routes in the band.' })
  routeCount!: number;
}

@ObjectType('HubFigure')
export class HubFigure {
  @Field(() => Airport, { description: 'The hub.' })
  airport!: Airport;

  @Field(() => Int, { description: 'Airports reached nonstop.' })
  destinationCount!: number;
}

@ObjectType('CountryFigure')
export class CountryFigure {
  @Field(() => String, { description: 'The country, as OpenFlights names it.' })
  country!: string;

  @Field(() => Int, { description: 'Routes departing from its airports.' })
  routeCount!: number;

  @Field(() => Int, { description: 'Its airports with at least one departing route.' })
  airportCount!: number;

  @Field(() => Int, { description: 'Countries reached nonstop from it (itself included when it has domestic routes).' })
  destinationCountryCount!: number;

  @Field(() => Int, { description: 'Active airlines based there.' })
  airlineCount!: number;
}

@ObjectType('AirportProfile')
export class AirportProfile {
  @Field(() => Airport, { description: 'The airport described.' })
  airport!: Airport;

  @Field(() => Int, { description: 'Routes departing from it.' })
  departureCount!: number;

  @Field(() => Int, { description: 'Routes arriving at it.' })
  arrivalCount!: number;

  @Field(() => Int, { description: 'Airports reached nonstop.' })
  destinationCount!: number;

  @Field(() => Int, { description: 'Countries reached nonstop.' })
  destinationCountryCount!: number;

  @Field(() => Float, { nullable: true, description: 'Mean distance of its departing routes; null without any.' })
  averageDistanceKm!: number | null;

  @Field(() => Int, { description: 'Airline services on its departing routes (a route flown by three airlines counts three).' })
  airlineRouteCount!: number;

  @Field(() => [DistanceBand], { description: 'Its departing routes by distance band.' })
  distanceBands!: DistanceBand[];

  @Field(() => Route, { description: 'Its longest departing route; null without any.', nullable: true })
  longestRoute!: Route | null;
}

@ObjectType('NetworkAnalytics', { description: 'The route network as imported from OpenFlights.' })
export class NetworkAnalytics {}

@ObjectType('ThemeFigure')
export class ThemeFigure {
  @Field(() => Theme, { description: 'The theme.' })
  theme!: Theme;

  @Field(() => Int, { nullable: true, description: `Pieces saved in the window; ${WITHHELD}` })
  count!: number | null;
}

@ObjectType('TrendPoint')
export class TrendPoint {
  @Field(() => Date, { description: 'Start of the bucket.' })
  bucket!: Date;

  @Field(() => String, { description: 'The key (e.g. "F#"), scale (e.g. "dorian") or tempo band (e.g. "lively (110-139 bpm)").' })
  value!: string;

  @Field(() => Int, { nullable: true, description: `Pieces saved in the bucket with this value; ${WITHHELD}` })
  count!: number | null;
}

@ObjectType('CompositionFigure')
export class CompositionFigure {
  @Field(() => Composition, { description: 'The piece.' })
  composition!: Composition;

  @Field(() => Int, { description: 'Plays, net likes or remixes in the window.' })
  count!: number;
}

@ObjectType('ContestStatistics')
export class ContestStatistics {
  @Field(() => Int, { description: 'Contests with an entry or a vote in the window.' })
  contestCount!: number;

  @Field(() => Int, { nullable: true, description: `Entries submitted in the window; ${WITHHELD}` })
  entryCount!: number | null;

  @Field(() => Int, { nullable: true, description: `People who entered; ${WITHHELD}` })
  entrantCount!: number | null;

  @Field(() => Int, { nullable: true, description: `Votes cast minus votes retracted in the window; ${WITHHELD}` })
  voteCount!: number | null;

  @Field(() => Int, { nullable: true, description: `People who voted; ${WITHHELD}` })
  voterCount!: number | null;
}

@ObjectType('MusicAnalytics', {
  description: `What people make and like, over a time window. Only public aggregates: pieces and themes you may not see are left out, and ${WITHHELD.replace('null (withheld) when', 'figures are withheld when')}`,
})
export class MusicAnalytics {}

@ObjectType('UsagePoint')
export class UsagePoint {
  @Field(() => Date, { description: 'Start of the bucket.' })
  bucket!: Date;

  @Field(() => Int, { description: 'Requests in the bucket.' })
  requests!: number;

  @Field(() => Float, { nullable: true, description: '95th percentile of the server-side latency, milliseconds.' })
  p95LatencyMs!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of requests answered from the response cache, 0 to 1.' })
  cacheHitRate!: number | null;

  @Field(() => Int, { description: 'Requests answered with an error.' })
  errorCount!: number;
}

@ObjectType('OperationUsage')
export class OperationUsage {
  @Field(() => String, { description: 'The operation name, or its type and first root field (e.g. "query.routes") when unnamed.' })
  operation!: string;

  @Field(() => Int, { description: 'Requests of this operation in the window.' })
  requests!: number;

  @Field(() => Float, { description: '95th percentile of its server-side latency, milliseconds.', nullable: true })
  p95LatencyMs!: number | null;

  @Field(() => Float, { description: 'Share of its requests answered from the response cache, 0 to 1.', nullable: true })
  cacheHitRate!: number | null;
}

@ObjectType('PartnerUsage', { description: "A partner's requests made with its API keys, over a time window." })
export class PartnerUsage {
  @Field(() => User, { description: 'The partner account the usage is of.' })
  partner!: User;

  @Field(() => Date, { description: 'Start of the window (inclusive).' })
  from!: Date;

  @Field(() => Date, { description: 'End of the window (exclusive).' })
  to!: Date;
}
