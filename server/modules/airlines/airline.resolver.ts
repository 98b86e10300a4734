import { Args, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs, toGlobalId, type Page } from '../../graphql/relay.js';
import type { AirlineRow } from './airline.repo.js';
import type { AirlineService } from './airline.service.js';
import { Airline, AirlineArgs, AirlineConnection } from './airline.type.js';
import { ReferenceData } from '../../graphql/cache-control.js';

@Resolver(() => Airline)
export class AirlineResolver {
  constructor(private readonly airlineService: AirlineService) {}

  @ReferenceData()
  @Query(() => Airline, { nullable: true, description: 'An airline by IATA or ICAO code; an active airline wins a shared code.' })
  airline(@Args(() => AirlineArgs) { code }: AirlineArgs): Promise<AirlineRow | null> {
    return this.airlineService.byCode(code);
  }

  @ReferenceData()
  @Query(() => AirlineConnection, { description: 'All airlines in id order.' })
  airlines(@Args(() => ConnectionArgs) args: ConnectionArgs): Promise<Page<AirlineRow>> {
    return this.airlineService.page(args);
  }

  @FieldResolver(() => ID, { description: 'Global id (opaque; stable across data re-imports).' })
  id(@Root() airline: AirlineRow): string {
    return toGlobalId('Airline', airline.id);
  }
}
