import type DataLoader from 'dataloader';
import { BadUserInputError } from '../../errors.js';
import type { AirlineRow } from '../airlines/airline.repo.js';
import { keysetPage, type Page } from '../../graphql/relay.js';
import type { AirportService } from '../airports/airport.service.js';
import type { Itinerary } from '../network/flight-network.js';
import type { NetworkService } from '../network/network.service.js';
import type { RouteAirlineRow, RouteFilter, RouteRepo, RouteRow } from './route.repo.js';

/** The defaults the schema declares, applied again when a client sends an explicit null. */
const DEFAULT_MAX_STOPS = 2;
const DEFAULT_PATH_LIMIT = 5;

export interface FlightPathResult extends Itinerary {
  stops: number;
}

export class RouteService {
  constructor(
    private readonly networks: NetworkService,
    private readonly airports: AirportService,
    private readonly repo: RouteRepo,
  ) {}

  private endpoints(from: string, to: string) {
    const origin = this.airports.requireByCode(from, 'from');
    const destination = this.airports.requireByCode(to, 'to');
    if (origin.id === destination.id) {
      throw new BadUserInputError(`from and to are the same airport (${from.toUpperCase()}); choose two different airports`);
    }
    return { origin, destination };
  }

  /** The route between two known airports, or null when no airline flies it. */
  route(from: string, to: string): RouteRow | null {
    const { origin, destination } = this.endpoints(from, to);
    return this.networks.network.route(origin.id, destination.id) ?? null;
  }

  routeByAirportIds(originId: number, destinationId: number): RouteRow | null {
    return this.networks.network.route(originId, destinationId) ?? null;
  }

  async page(args: { from?: string; to?: string; first?: number; after?: string }): Promise<Page<RouteRow>> {
    const filter: RouteFilter = {
      originId: args.from === undefined ? undefined : this.airports.requireByCode(args.from, 'from').id,
      destinationId: args.to === undefined ? undefined : this.airports.requireByCode(args.to, 'to').id,
    };
    return keysetPage(args, (take, afterId) => this.repo.page(take, afterId, filter), () => this.repo.count(filter));
  }

  findPaths(args: { from: string; to: string; maxStops: number | null; limit: number | null }): FlightPathResult[] {
    const { origin, destination } = this.endpoints(args.from, args.to);
    return this.networks.network
      .findItineraries(origin.id, destination.id, args.maxStops ?? DEFAULT_MAX_STOPS, args.limit ?? DEFAULT_PATH_LIMIT)
      .map((itinerary) => ({ ...itinerary, stops: itinerary.legs.length - 1 }));
  }

  /** Aircraft codes across every airline on the route, each once, sorted. */
  equipmentOf(operators: RouteAirlineRow[]): string[] {
    return [...new Set(operators.flatMap((o) => splitEquipment(o.equipment)))].sort();
  }

  operatorsOf(operators: RouteAirlineRow[]) {
    return operators.map((o) => ({ airlineCode: o.airlineCode, codeshare: o.codeshare, stops: o.stops, equipment: splitEquipment(o.equipment) }));
  }

  /** The airlines behind the route's entries, each once; codes OpenFlights cannot resolve are left out. */
  async airlinesOf(operators: RouteAirlineRow[], airlineById: DataLoader<number, AirlineRow | null>): Promise<AirlineRow[]> {
    const ids = [...new Set(operators.map((o) => o.airlineId).filter((id): id is number => id !== null))];
    const airlines = await airlineById.loadMany(ids);
    return airlines.filter((a): a is AirlineRow => a !== null && !(a instanceof Error));
  }
}

function splitEquipment(equipment: string): string[] {
  return equipment.split(/\s+/).filter(Boolean);
}
