import type { PrismaClient } from '../../adapters/prisma.js';
import type { Role } from './user.repo.js';

export interface RefreshTokenRow {
  id: number;
  userId: number;
  family: string;
  expiresAt: Date;
  revokedAt: Date | null;
}

export class SessionRepo {
  constructor(private readonly prisma: PrismaClient) {}

  async insert(token: { userId: number; family: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await this.prisma.refreshToken.create({ data: token });
  }

  findByHash(tokenHash: string): Promise<RefreshTokenRow | null> {
    return this.prisma.refreshToken.findUnique({
      where: { tokenHash },
      select: { id: true, userId: true, family: true, expiresAt: true, revokedAt: true },
    });
  }

  /**
   * The person's current role while the sign-in `family` is live (one of its tokens unrevoked),
   * else null. MariaDB, not a cache, answers: a role change or a sign-out holds at the next
   * request, and no cache outage or empty restart can bring an ended sign-in back.
   */
  async liveRole(userId: number, family: string): Promise<Role | null> {
    const rows = await this.prisma.$queryRaw<{ role: Role }[]>`
      SELECT u.role FROM users u
      WHERE u.id = ${userId}
        AND EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family = ${family} AND t.userId = u.id AND t.revokedAt IS NULL)`;
    return rows[0]?.role ?? null;
  }

  /**
   * Revokes `current` (at `rotatedAt`) and stores its successor in one transaction. False when
   * `current` was already revoked: two refreshes raced or a used token was replayed.
   */
  async rotate(current: RefreshTokenRow, next: { tokenHash: string; expiresAt: Date }, rotatedAt: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const revoked = await tx.refreshToken.updateMany({ where: { id: current.id, revokedAt: null }, data: { revokedAt: rotatedAt } });
      if (revoked.count === 0) return false;
      await tx.refreshToken.create({ data: { userId: current.userId, family: current.family, ...next } });
      return true;
    });
  }

  async revokeFamily(family: string): Promise<void> {
    await this.prisma.refreshToken.updateMany({ where: { family, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  /** Revokes every session of the user. */
  async revokeAllOf(userId: number): Promise<void> {
    await this.prisma.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  }
}
