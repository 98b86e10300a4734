import type { PrismaClient } from '../../adapters/prisma.js';
import type { DimensionRows } from './analytics.repo.js';

/** The imported network as the analytics store's dimension tables want it. */
export async function loadDimensionRows(prisma: PrismaClient): Promise<DimensionRows> {
  const [airports, airlines, routes, airlineCounts] = await Promise.all([
    prisma.airport.findMany({ select: { id: true, iata: true, icao: true, name: true, city: true, country: true }, orderBy: { id: 'asc' } }),
    prisma.airline.findMany({ select: { id: true, name: true, iata: true, country: true, active: true }, orderBy: { id: 'asc' } }),
    prisma.route.findMany({ select: { id: true, originId: true, destinationId: true, distanceKm: true }, orderBy: { id: 'asc' } }),
    prisma.routeAirline.groupBy({ by: ['routeId'], _count: { _all: true } }),
  ]);
  const counts = new Map(airlineCounts.map((row) => [row.routeId, row._count._all]));
  return { airports, airlines, routes: routes.map((route) => ({ ...route, airlineCount: counts.get(route.id) ?? 0 })) };
}
