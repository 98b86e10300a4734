import type { Flight, FlightAirport, FlightKind } from '../../engine/music/index.js';
import { haversineKm } from '../../engine/geo/sphere.js';
import { BadUserInputError } from '../../errors.js';
import type { AirportRow } from '../airports/airport.repo.js';
import type { FlightNetwork } from '../network/flight-network.js';

export interface FlightRequest {
  kind: FlightKind;
  codes: string[];
}

/** The one of route, path or journey that the input gives; anything else is the caller's mistake. */
export function flightRequestOf(input: { route?: { from: string; to: string }; path?: string[]; journey?: string[] }): FlightRequest {
  const given = [input.route && 'route', input.path && 'path', input.journey && 'journey'].filter(Boolean);
  if (given.length !== 1) {
    throw new BadUserInputError(given.length === 0 ? 'give one of route, path or journey' : `give only one of route, path or journey (got ${given.join(' and ')})`);
  }
  if (input.route) return { kind: 'ROUTE', codes: [input.route.from, input.route.to] };
  if (input.path) return { kind: 'PATH', codes: input.path };
  return { kind: 'JOURNEY', codes: input.journey! };
}

const codeOf = (airport: AirportRow): string => airport.iata ?? airport.icao ?? String(airport.id);

function toFlightAirport(airport: AirportRow): FlightAirport {
  return {
    code: codeOf(airport),
    name: airport.name,
    city: airport.city,
    country: airport.country,
    latitude: airport.latitude,
    longitude: airport.longitude,
    altitudeFt: airport.altitudeFt,
    timezone: airport.timezone,
    utcOffsetHours: airport.utcOffsetHours,
    hubDegree: airport.destinationCount,
  };
}

/**
 * Resolves the airports of a request against the network and builds the engine's input. Routes
 * and paths must fly real routes (their distance and airline count come from the data); journey
 * legs may be any two different airports, measured along the great circle.
 */
export function buildFlight(request: FlightRequest, network: FlightNetwork): { flight: Flight; codes: string[] } {
  const field = request.kind.toLowerCase();
  const airports = request.codes.map((code, index) => {
    const airport = network.airportByCode(code);
    if (!airport) throw new BadUserInputError(`${field}: no airport has the code "${code.toUpperCase()}"`, { argument: field, index });
    return airport;
  });
  const legs = airports.slice(1).map((destination, index) => {
    const origin = airports[index];
    const legName = `${codeOf(origin)}→${codeOf(destination)}`;
    if (origin.id === destination.id) {
      throw new BadUserInputError(`${field}: leg ${index + 1} (${legName}) starts and ends at the same airport`, { argument: field, index });
    }
    if (request.kind === 'JOURNEY') {
      return { origin: toFlightAirport(origin), destination: toFlightAirport(destination), distanceKm: haversineKm(origin, destination), airlineCount: 0 };
    }
    const route = network.route(origin.id, destination.id);
    if (!route) {
      const hint = request.kind === 'ROUTE' ? '; use journey for a trip that is not a direct route' : '; every consecutive pair of a path must be a real route';
      throw new BadUserInputError(`${field}: no airline flies ${legName}${hint}`, { argument: field, index });
    }
    return {
      origin: toFlightAirport(origin),
      destination: toFlightAirport(destination),
      distanceKm: route.distanceKm,
      airlineCount: network.airlineCount(route.id),
    };
  });
  return { flight: { kind: request.kind, legs }, codes: airports.map(codeOf) };
}
