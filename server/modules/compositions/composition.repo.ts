import type { PrismaClient } from '../../adapters/prisma.js';
import type { Flight, Theme as EngineTheme } from '../../engine/music/index.js';

export type VisibilityValue = 'PUBLIC' | 'UNLISTED' | 'PRIVATE';
export type LicenseValue = 'CC_BY_4_0' | 'CC_BY_NC_4_0' | 'ALL_RIGHTS_RESERVED';

export interface NewComposition {
  ownerId: number;
  visibility: VisibilityValue;
  license: LicenseValue;
  parentId: number | null;
  attribution: string | null;
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

export interface CompositionRow extends Omit<NewComposition, 'ownerId' | 'airportCodes' | 'seed' | 'themeSnapshot' | 'flightSnapshot'> {
  id: number;
  ownerId: number | null;
  version: number;
  playCount: number;
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

  /** Public pieces, newest first: `take` of them older than `beforeId`. */
  publicPage(take: number, beforeId: number | undefined): Promise<CompositionRow[]> {
    return this.prisma.composition.findMany({
      where: { visibility: 'PUBLIC', ...(beforeId === undefined ? {} : { id: { lt: beforeId } }) },
      orderBy: { id: 'desc' },
      take,
    }) as Promise<CompositionRow[]>;
  }

  countPublic(): Promise<number> {
    return this.prisma.composition.count({ where: { visibility: 'PUBLIC' } });
  }

  /**
   * Applies `patch` only if the row is still at `expectedVersion`, bumping the version in the same
   * statement; returns the updated row, or null when another update got there first.
   */
  async updateAtVersion(
    id: number,
    expectedVersion: number,
    patch: Partial<
      Pick<
        NewComposition,
        | 'title'
        | 'visibility'
        | 'license'
        | 'themeId'
        | 'themeSnapshot'
        | 'requestedKeyRoot'
        | 'requestedScale'
        | 'requestedTempoBpm'
        | 'requestedDurationSeconds'
        | 'variation'
        | 'seed'
        | 'engineVersion'
        | 'tempoBpm'
        | 'keyRoot'
        | 'scale'
        | 'timeSignature'
        | 'durationSeconds'
        | 'midi'
      >
    >,
  ): Promise<CompositionRow | null> {
    const { seed, midi, themeSnapshot, ...rest } = patch;
    const updated = await this.prisma.composition.updateMany({
      where: { id, version: expectedVersion },
      data: {
        ...rest,
        ...(seed === undefined ? {} : { seed: BigInt(seed) }),
        ...(midi === undefined ? {} : { midi: Buffer.from(midi) }),
        ...(themeSnapshot === undefined ? {} : { themeSnapshot: themeSnapshot as object }),
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) return null;
    return this.prisma.composition.findUnique({ where: { id } }) as Promise<CompositionRow | null>;
  }

  /** A person's pieces, newest first: all of them, or only the public ones. */
  byOwner(ownerId: number, publicOnly: boolean, take: number, beforeId: number | undefined): Promise<CompositionRow[]> {
    return this.prisma.composition.findMany({
      where: { ownerId, ...(publicOnly ? { visibility: 'PUBLIC' as const } : {}), ...(beforeId === undefined ? {} : { id: { lt: beforeId } }) },
      orderBy: { id: 'desc' },
      take,
    }) as Promise<CompositionRow[]>;
  }

  countByOwner(ownerId: number, publicOnly: boolean): Promise<number> {
    return this.prisma.composition.count({ where: { ownerId, ...(publicOnly ? { visibility: 'PUBLIC' as const } : {}) } });
  }

  /** Public remixes of a piece, newest first. */
  publicRemixes(parentId: number, take: number, beforeId: number | undefined): Promise<CompositionRow[]> {
    return this.prisma.composition.findMany({
      where: { parentId, visibility: 'PUBLIC', ...(beforeId === undefined ? {} : { id: { lt: beforeId } }) },
      orderBy: { id: 'desc' },
      take,
    }) as Promise<CompositionRow[]>;
  }

  countPublicRemixes(parentId: number): Promise<number> {
    return this.prisma.composition.count({ where: { parentId, visibility: 'PUBLIC' } });
  }

  async incrementPlays(id: number): Promise<void> {
    await this.prisma.composition.updateMany({ where: { id }, data: { playCount: { increment: 1 } } });
  }

  async delete(id: number): Promise<boolean> {
    return (await this.prisma.composition.deleteMany({ where: { id } })).count === 1;
  }
}
