import { Args, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId, type Page } from '../../graphql/relay.js';
import type { AirlineRow } from '../airlines/airline.repo.js';
import { Airline } from '../airlines/airline.type.js';
import type { AirportRow } from '../airports/airport.repo.js';
import { Airport } from '../airports/airport.type.js';
import type { RouteRow } from './route.repo.js';
import type { FlightPathResult, RouteService } from './route.service.js';
import { FindPathsArgs, FlightPath, Route, RouteArgs, RouteConnection, RouteOperator, RoutesArgs } from './route.type.js';
import { ReferenceData } from '../../graphql/cache-control.js';

export const routeGlobalId = (route: RouteRow): string => toGlobalId('Route', `${route.originId}-${route.destinationId}`);

@Resolver(() => Route)
export class RouteResolver {
  constructor(private readonly routeService: RouteService) {}

  @ReferenceData()
  @Query(() => Route, { nullable: true, description: 'The direct route between two airports; null when no airline flies it.' })
  route(@Args(() => RouteArgs) { from, to }: RouteArgs): RouteRow | null {
    return this.routeService.route(from, to);
  }

  @ReferenceData()
  @Query(() => RouteConnection, { description: 'Routes in id order, optionally from and/or to an airport.' })
  routes(@Args(() => RoutesArgs) args: RoutesArgs): Promise<Page<RouteRow>> {
    return this.routeService.page(args);
  }

  @ReferenceData()
  @Query(() => [FlightPath], {
    description: 'The shortest distinct itineraries (by total great-circle distance) with at most maxStops connections.',
  })
  findPaths(@Args(() => FindPathsArgs) args: FindPathsArgs): FlightPathResult[] {
    return this.routeService.findPaths(args);
  }

  @FieldResolver(() => ID, { description: 'Global id (opaque; stable across data re-imports).' })
  id(@Root() route: RouteRow): string {
    return routeGlobalId(route);
  }

  @FieldResolver(() => Airport, { description: 'Where it departs.' })
  origin(@Root() route: RouteRow): AirportRow {
    return this.routeService.airportOf(route.originId);
  }

  @FieldResolver(() => Airport, { description: 'Where it lands.' })
  destination(@Root() route: RouteRow): AirportRow {
    return this.routeService.airportOf(route.destinationId);
  }

  @FieldResolver(() => [Airline], { description: 'Airlines flying the route, each once (codeshares included).' })
  airlines(@Root() route: RouteRow): AirlineRow[] {
    return this.routeService.airlinesOf(route);
  }

  @FieldResolver(() => [RouteOperator], { description: 'Every airline entry for the route with codeshare, stops and aircraft.' })
  operators(@Root() route: RouteRow): RouteOperator[] {
    return this.routeService.operatorsOf(route);
  }

  @FieldResolver(() => [String], { description: 'Aircraft types flown on the route (IATA codes), each once.' })
  equipment(@Root() route: RouteRow): string[] {
    return this.routeService.equipmentOf(route);
  }
}
