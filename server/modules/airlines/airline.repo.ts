import type { PrismaClient } from '../../adapters/prisma.js';

export const airlineSelect = {
  id: true,
  name: true,
  alias: true,
  iata: true,
  icao: true,
  callsign: true,
  country: true,
  active: true,
} as const;

export interface AirlineRow {
  id: number;
  name: string;
  alias: string | null;
  iata: string | null;
  icao: string | null;
  callsign: string | null;
  country: string | null;
  active: boolean;
}

export class AirlineRepo {
  constructor(private readonly prisma: PrismaClient) {}

  findByIds(ids: readonly number[]): Promise<AirlineRow[]> {
    return this.prisma.airline.findMany({ where: { id: { in: [...ids] } }, select: airlineSelect });
  }

  /** Codes are reused after airlines fold, so an active airline wins, then the oldest entry. */
  findByCode(code: string): Promise<AirlineRow | null> {
    return this.prisma.airline.findFirst({
      where: code.length === 2 ? { iata: code } : { icao: code },
      orderBy: [{ active: 'desc' }, { id: 'asc' }],
      select: airlineSelect,
    });
  }

  page(take: number, afterId: number | undefined): Promise<AirlineRow[]> {
    return this.prisma.airline.findMany({
      where: afterId === undefined ? undefined : { id: { gt: afterId } },
      orderBy: { id: 'asc' },
      take,
      select: airlineSelect,
    });
  }

  count(): Promise<number> {
    return this.prisma.airline.count();
  }
}
