import type { PrismaClient } from '../../adapters/prisma.js';
import type { CompositionRow } from '../compositions/composition.repo.js';

export class FeedRepo {
  constructor(private readonly prisma: PrismaClient) {}

  async followsAnyone(userId: number): Promise<boolean> {
    return (await this.prisma.follow.count({ where: { followerId: userId }, take: 1 })) > 0;
  }

  /** Public pieces by the people `userId` follows, newest first, older than `beforeId`. */
  following(userId: number, take: number, beforeId: number | undefined): Promise<CompositionRow[]> {
    return this.prisma.composition.findMany({
      where: {
        visibility: 'PUBLIC',
        owner: { followers: { some: { followerId: userId } } },
        ...(beforeId === undefined ? {} : { id: { lt: beforeId } }),
      },
      orderBy: { id: 'desc' },
      take,
    }) as Promise<CompositionRow[]>;
  }

  countFollowing(userId: number): Promise<number> {
    return this.prisma.composition.count({ where: { visibility: 'PUBLIC', owner: { followers: { some: { followerId: userId } } } } });
  }

  /**
   * Trending public pieces: likes plus a fifth of plays, decayed by age like Hacker News
   * ((points + 1) / (hours + 2)^1.5), so a fresh piece with a few likes beats an old favourite.
   */
  async trendingIds(skip: number, take: number): Promise<number[]> {
    const rows = await this.prisma.$queryRaw<{ id: number }[]>`
      SELECT c.id AS id
      FROM compositions c
      LEFT JOIN (SELECT compositionId, COUNT(*) AS likes FROM likes GROUP BY compositionId) l ON l.compositionId = c.id
      WHERE c.visibility = 'PUBLIC'
      ORDER BY (COALESCE(l.likes, 0) + 0.2 * c.playCount + 1)
               / POW(TIMESTAMPDIFF(SECOND, c.createdAt, NOW(3)) / 3600 + 2, 1.5) DESC, c.id DESC
      LIMIT ${take} OFFSET ${skip}`;
    return rows.map((row) => Number(row.id));
  }

  countPublic(): Promise<number> {
    return this.prisma.composition.count({ where: { visibility: 'PUBLIC' } });
  }

  findByIds(ids: number[]): Promise<CompositionRow[]> {
    return this.prisma.composition.findMany({ where: { id: { in: ids } } }) as Promise<CompositionRow[]>;
  }
}
