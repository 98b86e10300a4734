import type { PrismaClient } from '../../adapters/prisma.js';

export const airportSelect = {
  id: true,
  iata: true,
  icao: true,
  name: true,
  city: true,
  country: true,
  latitude: true,
  longitude: true,
  altitudeFt: true,
  timezone: true,
  utcOffsetHours: true,
  searchText: true,
  destinationCount: true,
} as const;

export interface AirportRow {
  id: number;
  iata: string | null;
  icao: string | null;
  name: string;
  city: string;
  country: string;
  latitude: number;
  longitude: number;
  altitudeFt: number;
  timezone: string | null;
  utcOffsetHours: number | null;
  searchText: string;
  destinationCount: number;
}

export class AirportRepo {
  constructor(private readonly prisma: PrismaClient) {}

  findByIds(ids: readonly number[]): Promise<AirportRow[]> {
    return this.prisma.airport.findMany({ where: { id: { in: [...ids] } }, select: airportSelect });
  }

  /** Up to `take` airports after `afterId` in id order, optionally in one country. */
  page(take: number, afterId: number | undefined, country: string | undefined): Promise<AirportRow[]> {
    return this.prisma.airport.findMany({
      where: { country, id: afterId === undefined ? undefined : { gt: afterId } },
      orderBy: { id: 'asc' },
      take,
      select: airportSelect,
    });
  }

  count(country: string | undefined): Promise<number> {
    return this.prisma.airport.count({ where: { country } });
  }
}
