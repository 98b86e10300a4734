import type { PrismaClient } from '../../adapters/prisma.js';

/** What recomposing a saved piece needs: its snapshots and the overrides it was made with. */
export interface SavedPieceSource {
  id: number;
  flightSnapshot: unknown;
  themeSnapshot: unknown;
  requestedKeyRoot: string | null;
  requestedScale: string | null;
  requestedTempoBpm: number | null;
  requestedDurationSeconds: number | null;
  variation: number;
}

export class SimilarityRepo {
  constructor(private readonly prisma: PrismaClient) {}

  /** Public saved pieces after `afterId` in id order, `take` at a time (the MIDI bytes stay in the database). */
  savedPiecesAfter(afterId: number, take: number): Promise<SavedPieceSource[]> {
    return this.prisma.composition.findMany({
      where: { id: { gt: afterId }, visibility: 'PUBLIC' },
      orderBy: { id: 'asc' },
      take,
      select: {
        id: true,
        flightSnapshot: true,
        themeSnapshot: true,
        requestedKeyRoot: true,
        requestedScale: true,
        requestedTempoBpm: true,
        requestedDurationSeconds: true,
        variation: true,
      },
    });
  }

  /** What a person's taste is made of: pieces they liked and pieces they made, most recent first. */
  async tasteOf(userId: number, take: number): Promise<{ liked: number[]; made: number[] }> {
    const [liked, made] = await Promise.all([
      this.prisma.like.findMany({ where: { userId }, orderBy: { createdAt: 'desc' }, take, select: { compositionId: true } }),
      this.prisma.composition.findMany({ where: { ownerId: userId }, orderBy: { id: 'desc' }, take, select: { id: true } }),
    ]);
    return { liked: liked.map((row) => row.compositionId), made: made.map((row) => row.id) };
  }
}
