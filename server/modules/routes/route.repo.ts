import type { PrismaClient } from '../../adapters/prisma.js';

export const routeSelect = { id: true, originId: true, destinationId: true, distanceKm: true, durationMinutes: true } as const;

export interface RouteRow {
  id: number;
  originId: number;
  destinationId: number;
  distanceKm: number;
  durationMinutes: number;
}

export const routeAirlineSelect = { routeId: true, airlineId: true, airlineCode: true, codeshare: true, stops: true, equipment: true } as const;

export interface RouteAirlineRow {
  routeId: number;
  airlineId: number | null;
  airlineCode: string;
  codeshare: boolean;
  stops: number;
  equipment: string;
}

export interface RouteFilter {
  originId?: number;
  destinationId?: number;
}

export class RouteRepo {
  constructor(private readonly prisma: PrismaClient) {}

  page(take: number, afterId: number | undefined, filter: RouteFilter): Promise<RouteRow[]> {
    return this.prisma.route.findMany({
      where: { ...filter, id: afterId === undefined ? undefined : { gt: afterId } },
      orderBy: { id: 'asc' },
      take,
      select: routeSelect,
    });
  }

  count(filter: RouteFilter): Promise<number> {
    return this.prisma.route.count({ where: filter });
  }

  /** Every route leaving any of `originIds` after `afterId`, in id order (at most ~240 per airport). */
  fromOrigins(originIds: readonly number[], afterId: number | undefined): Promise<RouteRow[]> {
    return this.prisma.route.findMany({
      where: { originId: { in: [...originIds] }, id: afterId === undefined ? undefined : { gt: afterId } },
      orderBy: { id: 'asc' },
      select: routeSelect,
    });
  }
}
