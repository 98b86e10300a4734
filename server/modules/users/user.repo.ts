import type { PrismaClient } from '../../adapters/prisma.js';
import { Prisma } from '../../adapters/prisma.js';

import type { Role } from './user.policy.js';

export type { Role };
export type Tier = 'FREE' | 'PREMIUM';

export interface UserRow {
  id: number;
  email: string;
  username: string;
  displayName: string;
  bio: string;
  passwordHash: string;
  role: Role;
  tier: Tier;
  createdAt: Date;
}

export class DuplicateUserError extends Error {
  constructor(readonly field: 'email' | 'username') {
    super(`duplicate ${field}`);
  }
}

export class UserRepo {
  constructor(private readonly prisma: PrismaClient) {}

  /** Inserts a user; a taken email or username (unique, case-insensitive) is a DuplicateUserError. */
  async create(data: { email: string; username: string; displayName: string; passwordHash: string }): Promise<UserRow> {
    try {
      return await this.prisma.user.create({ data });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        const emailTaken = await this.prisma.user.count({ where: { email: data.email } });
        throw new DuplicateUserError(emailTaken > 0 ? 'email' : 'username');
      }
      throw error;
    }
  }

  findByLogin(login: string): Promise<UserRow | null> {
    return this.prisma.user.findFirst({ where: login.includes('@') ? { email: login.toLowerCase() } : { username: login } });
  }

  findByUsername(username: string): Promise<UserRow | null> {
    return this.prisma.user.findUnique({ where: { username } });
  }

  findById(id: number): Promise<UserRow | null> {
    return this.prisma.user.findUnique({ where: { id } });
  }

  findByIds(ids: readonly number[]): Promise<UserRow[]> {
    return this.prisma.user.findMany({ where: { id: { in: [...ids] } } });
  }

  updateProfile(id: number, profile: { displayName?: string; bio?: string }): Promise<UserRow> {
    return this.prisma.user.update({ where: { id }, data: profile });
  }

  async setRole(username: string, role: Role): Promise<UserRow | null> {
    const updated = await this.prisma.user.updateMany({ where: { username }, data: { role } });
    return updated.count === 0 ? null : this.findByUsername(username);
  }

  /** Sets a person's tier; null when nobody has this username. Takes effect at their next request. */
  async setTier(username: string, tier: Tier): Promise<UserRow | null> {
    const updated = await this.prisma.user.updateMany({ where: { username }, data: { tier } });
    return updated.count === 0 ? null : this.findByUsername(username);
  }

  /**
   * Removes the person: sessions go with the row (cascade), private and unlisted pieces are
   * deleted, public pieces stay for the community with no owner (the foreign key sets it null).
   */
  async delete(id: number): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.composition.deleteMany({ where: { ownerId: id, visibility: { not: 'PUBLIC' } } }),
      // Their votes go with them (cascade); contests still running count them out too, so each
      // entry's vote counter keeps matching its vote rows. Frozen results stay as announced.
      this.prisma.$executeRaw`
        UPDATE contest_entries e
        JOIN contest_votes v ON v.entryId = e.id
        JOIN contests c ON c.id = e.contestId
        SET e.votes = e.votes - 1, e.votesVersion = e.votesVersion + 1
        WHERE v.voterId = ${id} AND c.resultsFrozenAt IS NULL`,
      this.prisma.user.delete({ where: { id } }),
    ]);
  }
}
