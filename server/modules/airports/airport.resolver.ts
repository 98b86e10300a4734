import { Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { ConnectionArgs, toGlobalId, type Page } from '../../graphql/relay.js';
import { RouteConnection } from '../routes/route.type.js';
import type { RouteRow } from '../routes/route.repo.js';
import { AirportArgs, AirportsArgs, SearchAirportsArgs } from './airport.args.js';
import type { AirportRow } from './airport.repo.js';
import type { AirportService } from './airport.service.js';
import { Airport, AirportConnection } from './airport.type.js';
import { ReferenceData } from '../../graphql/cache-control.js';
import { keysetPage } from '../shared/paging.js';

@Resolver(() => Airport)
export class AirportResolver {
  constructor(private readonly airportService: AirportService) {}

  @ReferenceData()
  @Query(() => Airport, { nullable: true, description: 'An airport by IATA or ICAO code (any case); null when unknown.' })
  airport(@Args(() => AirportArgs) { code }: AirportArgs): AirportRow | null {
    return this.airportService.byCode(code);
  }

  @ReferenceData()
  @Query(() => [Airport], {
    description: 'Airports for an autocomplete: exact code first, then name/city prefix, then substring; accent-insensitive.',
  })
  searchAirports(@Args(() => SearchAirportsArgs) { query, first }: SearchAirportsArgs): AirportRow[] {
    return this.airportService.search(query, first);
  }

  @ReferenceData()
  @Query(() => AirportConnection, { description: 'All airports in id order, optionally in one country.' })
  airports(@Args(() => AirportsArgs) args: AirportsArgs): Promise<Page<AirportRow>> {
    return this.airportService.page(args);
  }

  @FieldResolver(() => ID, { description: 'Global id (opaque; stable across data re-imports).' })
  id(@Root() airport: AirportRow): string {
    return toGlobalId('Airport', airport.id);
  }

  @FieldResolver(() => RouteConnection, { description: 'Routes departing this airport.' })
  routesFrom(@Root() airport: AirportRow, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { loaders }: RequestContext): Promise<Page<RouteRow>> {
    // Through the request's loader: routesFrom on a list of airports reads them all in one query per cursor.
    return keysetPage(args, (take, afterId) => loaders.routesFrom.load({ airportId: airport.id, first: take - 1, afterId }), airport.destinationCount);
  }
}
