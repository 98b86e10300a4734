import type { PrismaClient } from '../../adapters/prisma.js';
import { airportSelect, type AirportRow } from '../airports/airport.repo.js';
import { routeSelect, type RouteRow } from '../routes/route.repo.js';

export type NetworkAirport = AirportRow;
export type NetworkRoute = RouteRow;

export interface NetworkRows {
  airports: AirportRow[];
  routes: RouteRow[];
  /** How many airlines fly each route (routes.dat rows per directed pair). */
  airlineCounts: { routeId: number; _count: { _all: number } }[];
  latestImport: { id: number; checksum: string } | null;
}

export async function loadNetworkRows(prisma: PrismaClient): Promise<NetworkRows> {
  const [airports, routes, airlineCounts, latestImport] = await Promise.all([
    prisma.airport.findMany({ select: airportSelect, orderBy: { id: 'asc' } }),
    prisma.route.findMany({ select: routeSelect, orderBy: { id: 'asc' } }),
    prisma.routeAirline.groupBy({ by: ['routeId'], _count: { _all: true } }),
    prisma.datasetImport.findFirst({ orderBy: { id: 'desc' }, select: { id: true, checksum: true } }),
  ]);
  return { airports, routes, airlineCounts, latestImport };
}
