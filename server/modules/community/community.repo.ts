import { Prisma, type PrismaClient } from '../../adapters/prisma.js';

export class CommunityRepo {
  constructor(private readonly prisma: PrismaClient) {}

  /** Idempotent: liking twice, even concurrently, leaves one like (the primary key decides). */
  /** True when this added the like (false: it was there already). */
  async like(userId: number, compositionId: number): Promise<boolean> {
    const { count } = await this.prisma.like.createMany({ data: [{ userId, compositionId }], skipDuplicates: true });
    return count > 0;
  }

  /** True when this removed a like. */
  async unlike(userId: number, compositionId: number): Promise<boolean> {
    const { count } = await this.prisma.like.deleteMany({ where: { userId, compositionId } });
    return count > 0;
  }

  async likeCounts(compositionIds: readonly number[]): Promise<Map<number, number>> {
    const rows = await this.prisma.like.groupBy({ by: ['compositionId'], where: { compositionId: { in: [...compositionIds] } }, _count: { _all: true } });
    return new Map(rows.map((row) => [row.compositionId, row._count._all]));
  }

  async likedBy(userId: number, compositionIds: readonly number[]): Promise<Set<number>> {
    const rows = await this.prisma.like.findMany({ where: { userId, compositionId: { in: [...compositionIds] } }, select: { compositionId: true } });
    return new Set(rows.map((row) => row.compositionId));
  }

  async follow(followerId: number, followeeId: number): Promise<void> {
    await this.prisma.follow.createMany({ data: [{ followerId, followeeId }], skipDuplicates: true });
  }

  async unfollow(followerId: number, followeeId: number): Promise<void> {
    await this.prisma.follow.deleteMany({ where: { followerId, followeeId } });
  }

  async followedBy(followerId: number, followeeIds: readonly number[]): Promise<Set<number>> {
    const rows = await this.prisma.follow.findMany({ where: { followerId, followeeId: { in: [...followeeIds] } }, select: { followeeId: true } });
    return new Set(rows.map((row) => row.followeeId));
  }

  /** Followers, following, public pieces and likes on them, for many people in four queries. */
  async profileCounts(userIds: readonly number[]) {
    const ids = [...userIds];
    const [followers, following, compositions, likes] = await Promise.all([
      this.prisma.follow.groupBy({ by: ['followeeId'], where: { followeeId: { in: ids } }, _count: { _all: true } }),
      this.prisma.follow.groupBy({ by: ['followerId'], where: { followerId: { in: ids } }, _count: { _all: true } }),
      this.prisma.composition.groupBy({ by: ['ownerId'], where: { ownerId: { in: ids }, visibility: 'PUBLIC' }, _count: { _all: true } }),
      this.prisma.$queryRaw<{ ownerId: number; total: bigint | number }[]>`
        SELECT c.ownerId AS ownerId, COUNT(*) AS total FROM likes l JOIN compositions c ON c.id = l.compositionId
        WHERE c.visibility = 'PUBLIC' AND c.ownerId IN (${Prisma.join(ids)}) GROUP BY c.ownerId`,
    ]);
    const of = (rows: { key: number | null; count: number }[]) => new Map(rows.map((r) => [r.key, r.count]));
    return {
      followers: of(followers.map((r) => ({ key: r.followeeId, count: r._count._all }))),
      following: of(following.map((r) => ({ key: r.followerId, count: r._count._all }))),
      compositions: of(compositions.map((r) => ({ key: r.ownerId, count: r._count._all }))),
      likesReceived: of(likes.map((r) => ({ key: Number(r.ownerId), count: Number(r.total) }))),
    };
  }
}
