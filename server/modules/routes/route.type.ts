import { ArgsType, Field, Float, Int, ObjectType } from 'type-graphql';
import { IsOptional, Max, Min } from 'class-validator';
import { ConnectionArgs, Node, connectionTypes } from '../../graphql/relay.js';
import { IsAirportCode } from '../airports/airport-code.js';
import { InheritCacheHint, ReferenceData } from '../../graphql/cache-control.js';

@ReferenceData()
@ObjectType('Route', { implements: Node, description: 'A directed airport pair flown by at least one airline.' })
export class Route extends Node {
  @Field(() => Float, { description: 'Great-circle distance (haversine, mean Earth radius 6,371.0088 km).' })
  distanceKm!: number;

  @Field(() => Int, { description: 'Estimated block time: 30 min plus cruise at 830 km/h.' })
  durationMinutes!: number;
}

@InheritCacheHint()
@ObjectType('RouteOperator', { description: 'One airline flying a route, as listed in OpenFlights.' })
export class RouteOperator {
  @Field(() => String, { description: 'The airline code as written in the route data.' })
  airlineCode!: string;

  @Field(() => Boolean, { description: 'True when the flight is a codeshare operated by another airline.' })
  codeshare!: boolean;

  @Field(() => Int, { description: 'Stops on the way (0 for nonstop).' })
  stops!: number;

  @Field(() => [String], { description: 'Aircraft type codes (IATA), e.g. ["738", "320"].' })
  equipment!: string[];
}

@InheritCacheHint()
@ObjectType('RouteConnection')
export class RouteConnection extends connectionTypes(Route, 'Route') {}

@ReferenceData()
@ObjectType('FlightPath', { description: 'An itinerary of real routes, each leg departing where the last one landed.' })
export class FlightPath {
  @Field(() => [Route], { description: 'The routes flown, in order.' })
  legs!: Route[];

  @Field(() => Float, { description: "Sum of the legs' great-circle distances." })
  totalDistanceKm!: number;

  @Field(() => Int, { description: 'Connections on the way (legs - 1).' })
  stops!: number;
}

@ArgsType()
export class RouteArgs {
  @Field(() => String, { description: 'Origin airport, IATA or ICAO.' })
  @IsAirportCode()
  from!: string;

  @Field(() => String, { description: 'Destination airport, IATA or ICAO.' })
  @IsAirportCode()
  to!: string;
}

@ArgsType()
export class RoutesArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only routes leaving this airport.' })
  @IsOptional()
  @IsAirportCode()
  from?: string;

  @Field(() => String, { nullable: true, description: 'Only routes arriving at this airport.' })
  @IsOptional()
  @IsAirportCode()
  to?: string;
}

export const MAX_PATH_STOPS = 3;
export const MAX_PATH_LIMIT = 20;

@ArgsType()
export class FindPathsArgs extends RouteArgs {
  @Field(() => Int, { nullable: true, defaultValue: 2, description: `Connections allowed, 0 to ${MAX_PATH_STOPS}.` })
  @IsOptional()
  @Min(0, { message: 'maxStops must be at least 0' })
  @Max(MAX_PATH_STOPS, { message: `maxStops must be at most ${MAX_PATH_STOPS}` })
  maxStops!: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 5, description: `How many itineraries, 1 to ${MAX_PATH_LIMIT}.` })
  @IsOptional()
  @Min(1, { message: 'limit must be at least 1' })
  @Max(MAX_PATH_LIMIT, { message: `limit must be at most ${MAX_PATH_LIMIT}` })
  limit!: number | null;
}
