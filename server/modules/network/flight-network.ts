import { haversineKm } from '../../engine/geo/sphere.js';
import { kShortestPaths, type FlightGraph } from '../../engine/geo/paths.js';
import { foldForSearch } from '../airports/search-text.js';
import type { AirlineRow } from '../airlines/airline.repo.js';
import type { RouteAirlineRow } from '../routes/route.repo.js';
import type { NetworkAirport, NetworkRoute, NetworkRows } from './network.repo.js';

export interface Itinerary {
  legs: NetworkRoute[];
  totalDistanceKm: number;
}

const SEARCH_TIER = { exactCode: 0, namePrefix: 1, wordPrefix: 2, substring: 3 } as const;

interface SearchEntry {
  airport: NetworkAirport;
  name: string;
  city: string;
  text: string;
}

const NO_OPERATORS: readonly RouteAirlineRow[] = Object.freeze([]);

/**
 * The whole route network held in memory (7,698 airports, 37,123 routes, 67,091 airline entries,
 * 6,162 airlines: some tens of MB), for what SQL does badly: ranked autocomplete over every
 * airport and k-shortest itineraries, and so that a route and its airlines are answered without a
 * database round trip. Built once per import and swapped whole, so a request always sees one
 * consistent snapshot.
 */
export class FlightNetwork {
  readonly importId: number | null;
  /** Every route, in id order. */
  readonly routes: readonly NetworkRoute[];
  private readonly airportsById = new Map<number, NetworkAirport>();
  private readonly airportsByCode = new Map<string, NetworkAirport>();
  private readonly indexById = new Map<number, number>();
  private readonly airportAtIndex: NetworkAirport[];
  private readonly routeByPair = new Map<number, NetworkRoute>();
  private readonly operatorsByRoute = new Map<number, RouteAirlineRow[]>();
  private readonly airlinesById: Map<number, AirlineRow>;
  private readonly graph: FlightGraph;
  private readonly searchEntries: SearchEntry[];

  constructor(rows: NetworkRows) {
    this.importId = rows.latestImport?.id ?? null;
    this.routes = rows.routes;
    for (const operator of rows.operators) {
      const list = this.operatorsByRoute.get(operator.routeId);
      if (list) list.push(operator);
      else this.operatorsByRoute.set(operator.routeId, [operator]);
    }
    this.airlinesById = new Map(rows.airlines.map((airline) => [airline.id, airline]));
    this.airportAtIndex = rows.airports;
    rows.airports.forEach((airport, index) => {
      this.airportsById.set(airport.id, airport);
      this.indexById.set(airport.id, index);
      if (airport.icao) this.airportsByCode.set(airport.icao, airport);
    });
    // IATA wins over ICAO where a 3-letter string is both (e.g. an ICAO-less field's code).
    for (const airport of rows.airports) if (airport.iata) this.airportsByCode.set(airport.iata, airport);

    const count = rows.airports.length;
    const outgoing: { targets: number[]; distances: number[] }[] = Array.from({ length: count }, () => ({ targets: [], distances: [] }));
    for (const route of rows.routes) {
      const from = this.indexById.get(route.originId)!;
      const to = this.indexById.get(route.destinationId)!;
      outgoing[from].targets.push(to);
      outgoing[from].distances.push(route.distanceKm);
      this.routeByPair.set(from * count + to, route);
    }
    const airports = this.airportAtIndex;
    this.graph = {
      outgoingTargets: outgoing.map((o) => Int32Array.from(o.targets)),
      outgoingDistances: outgoing.map((o) => Float64Array.from(o.distances)),
      directDistance: (from, to) => haversineKm(airports[from], airports[to]),
      hasEdge: (from, to) => this.routeByPair.has(from * count + to),
    };
    this.searchEntries = rows.airports.map((airport) => ({
      airport,
      name: foldForSearch(airport.name),
      city: foldForSearch(airport.city),
      text: airport.searchText,
    }));
  }

  get airportCount(): number {
    return this.airportAtIndex.length;
  }

  get routeCount(): number {
    return this.routeByPair.size;
  }

  /** How many airlines fly the route (routes.dat rows for the directed pair). */
  airlineCount(routeId: number): number {
    return this.operatorsByRoute.get(routeId)?.length ?? 0;
  }

  /** The route's airline entries, in airline-code order. */
  operators(routeId: number): readonly RouteAirlineRow[] {
    return this.operatorsByRoute.get(routeId) ?? NO_OPERATORS;
  }

  airlineById(id: number): AirlineRow | undefined {
    return this.airlinesById.get(id);
  }

  airportByCode(code: string): NetworkAirport | undefined {
    return this.airportsByCode.get(code.toUpperCase());
  }

  airportById(id: number): NetworkAirport | undefined {
    return this.airportsById.get(id);
  }

  route(originId: number, destinationId: number): NetworkRoute | undefined {
    const from = this.indexById.get(originId);
    const to = this.indexById.get(destinationId);
    if (from === undefined || to === undefined) return undefined;
    return this.routeByPair.get(from * this.airportAtIndex.length + to);
  }

  /**
   * Autocomplete ranking: an exact IATA/ICAO code, then names or cities starting with the query,
   * then any word starting with it, then a substring anywhere; within a tier, busier airports
   * first. Accent-insensitive on both sides.
   */
  searchAirports(query: string, first: number): NetworkAirport[] {
    const folded = foldForSearch(query);
    if (folded === '') return [];
    const code = query.trim().toUpperCase();
    const wordPrefix = ` ${folded}`;
    const ranked: { airport: NetworkAirport; tier: number }[] = [];
    for (const entry of this.searchEntries) {
      let tier: number;
      if (entry.airport.iata === code || entry.airport.icao === code) tier = SEARCH_TIER.exactCode;
      else if (entry.name.startsWith(folded) || entry.city.startsWith(folded)) tier = SEARCH_TIER.namePrefix;
      else if (entry.name.includes(wordPrefix) || entry.city.includes(wordPrefix)) tier = SEARCH_TIER.wordPrefix;
      else if (entry.text.includes(folded)) tier = SEARCH_TIER.substring;
      else continue;
      ranked.push({ airport: entry.airport, tier });
    }
    ranked.sort((a, b) => a.tier - b.tier || b.airport.destinationCount - a.airport.destinationCount || a.airport.name.localeCompare(b.airport.name) || a.airport.id - b.airport.id);
    return ranked.slice(0, first).map((entry) => entry.airport);
  }

  findItineraries(originId: number, destinationId: number, maxStops: number, limit: number): Itinerary[] {
    const from = this.indexById.get(originId)!;
    const to = this.indexById.get(destinationId)!;
    const count = this.airportAtIndex.length;
    return kShortestPaths(this.graph, from, to, maxStops + 1, limit).map((path) => ({
      totalDistanceKm: path.distanceKm,
      legs: path.nodes.slice(1).map((node, i) => this.routeByPair.get(path.nodes[i] * count + node)!),
    }));
  }
}
