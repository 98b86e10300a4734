import type { PrismaClient } from '../../adapters/prisma.js';

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
   * Revokes `current` and stores its successor in one transaction. False when `current` was
   * already revoked: two refreshes raced or a used token was replayed, and only one may win.
   */
  async rotate(current: RefreshTokenRow, next: { tokenHash: string; expiresAt: Date }): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const revoked = await tx.refreshToken.updateMany({ where: { id: current.id, revokedAt: null }, data: { revokedAt: new Date() } });
      if (revoked.count === 0) return false;
      await tx.refreshToken.create({ data: { userId: current.userId, family: current.family, ...next } });
      return true;
    });
  }

  async revokeFamily(family: string): Promise<void> {
    await this.prisma.refreshToken.updateMany({ where: { family, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  /** Revokes every session of the user and returns their families. */
  async revokeAllOf(userId: number): Promise<string[]> {
    const families = await this.prisma.refreshToken.findMany({ where: { userId, revokedAt: null }, select: { family: true }, distinct: ['family'] });
    await this.prisma.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    return families.map((row) => row.family);
  }
}
