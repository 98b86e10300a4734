import type { PrismaClient } from '../../adapters/prisma.js';
import type { Flight, Theme as EngineTheme } from '../../engine/music/index.js';

export interface NewComposition {
  title: string;
  kind: string;
  airportCodes: string[];
  themeId: string;
  themeSnapshot: EngineTheme;
  flightSnapshot: Flight;
  requestedKeyRoot: string | null;
  requestedScale: string | null;
  requestedTempoBpm: number | null;
  requestedDurationSeconds: number | null;
  variation: number;
  seed: number;
  engineVersion: string;
  tempoBpm: number;
  keyRoot: string;
  scale: string;
  timeSignature: string;
  durationSeconds: number;
  midi: Uint8Array;
}

export interface CompositionRow extends Omit<NewComposition, 'airportCodes' | 'seed' | 'themeSnapshot' | 'flightSnapshot'> {
  id: number;
  airportCodes: string;
  seed: bigint;
  themeSnapshot: unknown;
  flightSnapshot: unknown;
  createdAt: Date;
}

export class CompositionRepo {
  constructor(private readonly prisma: PrismaClient) {}

  insert(composition: NewComposition): Promise<CompositionRow> {
    return this.prisma.composition.create({
      data: {
        ...composition,
        airportCodes: composition.airportCodes.join(' '),
        seed: BigInt(composition.seed),
        themeSnapshot: composition.themeSnapshot as object,
        flightSnapshot: composition.flightSnapshot as object,
        midi: Buffer.from(composition.midi),
      },
    }) as Promise<CompositionRow>;
  }

  findByIds(ids: readonly number[]): Promise<CompositionRow[]> {
    return this.prisma.composition.findMany({ where: { id: { in: [...ids] } } }) as Promise<CompositionRow[]>;
  }

  /** Newest first: `take` compositions older than `beforeId`. */
  page(take: number, beforeId: number | undefined): Promise<CompositionRow[]> {
    return this.prisma.composition.findMany({
      where: beforeId === undefined ? undefined : { id: { lt: beforeId } },
      orderBy: { id: 'desc' },
      take,
    }) as Promise<CompositionRow[]>;
  }

  count(): Promise<number> {
    return this.prisma.composition.count();
  }
}
