import type { PrismaClient } from '../../adapters/prisma.js';
import { airlineSelect, type AirlineRow } from '../airlines/airline.repo.js';
import { airportSelect, type AirportRow } from '../airports/airport.repo.js';
import { routeAirlineSelect, routeSelect, type RouteAirlineRow, type RouteRow } from '../routes/route.repo.js';

export type NetworkAirport = AirportRow;
export type NetworkRoute = RouteRow;

export interface NetworkRows {
  airports: AirportRow[];
  routes: RouteRow[];
  /** Every airline entry of every route (routes.dat rows), by route id then airline code. */
  operators: RouteAirlineRow[];
  airlines: AirlineRow[];
  latestImport: { id: number; checksum: string } | null;
}

export async function loadNetworkRows(prisma: PrismaClient): Promise<NetworkRows> {
  const [airports, routes, operators, airlines, latestImport] = await Promise.all([
    prisma.airport.findMany({ select: airportSelect, orderBy: { id: 'asc' } }),
    prisma.route.findMany({ select: routeSelect, orderBy: { id: 'asc' } }),
    prisma.routeAirline.findMany({ select: routeAirlineSelect, orderBy: [{ routeId: 'asc' }, { airlineCode: 'asc' }] }),
    prisma.airline.findMany({ select: airlineSelect, orderBy: { id: 'asc' } }),
    prisma.datasetImport.findFirst({ orderBy: { id: 'desc' }, select: { id: true, checksum: true } }),
  ]);
  return { airports, routes, operators, airlines, latestImport };
}
