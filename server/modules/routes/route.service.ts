import { BadUserInputError } from '../../errors.js';
import type { AirlineRow } from '../airlines/airline.repo.js';
import { keysetPage, type Page } from '../shared/paging.js';
import type { AirportService } from '../airports/airport.service.js';
import type { Itinerary } from '../network/flight-network.js';
import type { NetworkService } from '../network/network.service.js';
import type { AirportRow } from '../airports/airport.repo.js';
import type { RouteFilter, RouteRepo, RouteRow } from './route.repo.js';

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
    return keysetPage(
      args,
      (take, afterId) => this.repo.page(take, afterId, filter),
      () => this.repo.count(filter),
    );
  }

  findPaths(args: { from: string; to: string; maxStops: number | null; limit: number | null }): FlightPathResult[] {
    const { origin, destination } = this.endpoints(args.from, args.to);
    return this.networks.network
      .findItineraries(origin.id, destination.id, args.maxStops ?? DEFAULT_MAX_STOPS, args.limit ?? DEFAULT_PATH_LIMIT)
      .map((itinerary) => ({ ...itinerary, stops: itinerary.legs.length - 1 }));
  }

  /** An airport of a route, from the same in-memory snapshot as the route itself. */
  airportOf(id: number): AirportRow {
    return this.networks.network.airportById(id)!;
  }

  /** Aircraft codes across every airline on the route, each once, sorted. */
  equipmentOf(route: RouteRow): string[] {
    return [...new Set(this.networks.network.operators(route.id).flatMap((o) => splitEquipment(o.equipment)))].sort();
  }

  operatorsOf(route: RouteRow) {
    return this.networks.network.operators(route.id).map((o) => ({ airlineCode: o.airlineCode, codeshare: o.codeshare, stops: o.stops, equipment: splitEquipment(o.equipment) }));
  }

  /** The airlines behind the route's entries, each once; codes OpenFlights cannot resolve are left out. */
  airlinesOf(route: RouteRow): AirlineRow[] {
    const network = this.networks.network;
    const ids = new Set(
      network
        .operators(route.id)
        .map((o) => o.airlineId)
        .filter((id): id is number => id !== null),
    );
    return [...ids].map((id) => network.airlineById(id)).filter((a): a is AirlineRow => a !== undefined);
  }
}

function splitEquipment(equipment: string): string[] {
  return equipment.split(/\s+/).filter(Boolean);
}
