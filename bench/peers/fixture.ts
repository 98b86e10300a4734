/**
 * What every peer server serves: the hot query's airports and routes, read from the same
 * OpenFlights files the import reads (OPENFLIGHTS_DIR), held in memory, behind one small schema.
 * Each peer prints its port as its first line of output, like bench/bare-server.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { haversineKm } from '../../server/engine/geo/sphere.js';

export const HOT_QUERY = '{ airport(code: "JFK") { name city } route(from: "JFK", to: "LAX") { distanceKm } }';

export const TYPE_DEFS = /* GraphQL */ `
  type Airport { code: String! name: String! city: String! }
  type Route { from: String! to: String! distanceKm: Float! }
  type Query {
    airport(code: String!): Airport
    route(from: String!, to: String!): Route
  }
`;

interface FixtureAirport {
  code: string;
  name: string;
  city: string;
  latitude: number;
  longitude: number;
}

/** One CSV line of the OpenFlights files: quoted strings, \N for nothing. */
function fields(line: string): string[] {
  return [...line.matchAll(/"((?:[^"]|"")*)"|([^,]*)/g)].filter((m) => m.index === 0 || line[m.index - 1] === ',').map((m) => m[1] ?? m[2]);
}

function loadFixture() {
  const dir = process.env.OPENFLIGHTS_DIR;
  if (!dir) throw new Error('set OPENFLIGHTS_DIR to the OpenFlights data directory');
  const airports = new Map<string, FixtureAirport>();
  for (const line of readFileSync(join(dir, 'airports.dat'), 'utf8').split('\n')) {
    const [, name, city, , iata, , latitude, longitude] = fields(line);
    if (iata && iata !== '\\N') airports.set(iata, { code: iata, name, city, latitude: Number(latitude), longitude: Number(longitude) });
  }
  const routes = new Set<string>();
  for (const line of readFileSync(join(dir, 'routes.dat'), 'utf8').split('\n')) {
    const [, , from, , to] = fields(line);
    if (from && to) routes.add(`${from}-${to}`);
  }
  return { airports, routes };
}

const { airports, routes } = loadFixture();

export const resolvers = {
  Query: {
    airport: (_: unknown, { code }: { code: string }) => airports.get(code.toUpperCase()) ?? null,
    route: (_: unknown, { from, to }: { from: string; to: string }) => {
      const origin = airports.get(from.toUpperCase());
      const destination = airports.get(to.toUpperCase());
      if (!origin || !destination || !routes.has(`${origin.code}-${destination.code}`)) return null;
      return { from: origin.code, to: destination.code, distanceKm: Math.round(haversineKm(origin, destination) * 10) / 10 };
    },
  },
};

export function announce(server: Server | { address(): unknown }): void {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? (address as { port: number }).port : ''}\n`);
}
