import type { PrismaClient } from '../../adapters/prisma.js';
import type { Role } from '../users/user.repo.js';

export interface ApiKeyRow {
  id: number;
  userId: number;
  name: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const apiKeySelect = { id: true, userId: true, name: true, prefix: true, createdAt: true, revokedAt: true } as const;

export class ApiKeyRepo {
  constructor(private readonly prisma: PrismaClient) {}

  insert(key: { userId: number; name: string; prefix: string; keyHash: string }): Promise<ApiKeyRow> {
    return this.prisma.apiKey.create({ data: key, select: apiKeySelect });
  }

  countActive(userId: number): Promise<number> {
    return this.prisma.apiKey.count({ where: { userId, revokedAt: null } });
  }

  ofUser(userId: number): Promise<ApiKeyRow[]> {
    return this.prisma.apiKey.findMany({ where: { userId }, select: apiKeySelect, orderBy: { id: 'desc' } });
  }

  findById(id: number): Promise<ApiKeyRow | null> {
    return this.prisma.apiKey.findUnique({ where: { id }, select: apiKeySelect });
  }

  /** Sets revokedAt once; revoking a revoked key keeps the first time. */
  async revoke(id: number): Promise<ApiKeyRow> {
    await this.prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    return this.prisma.apiKey.findUniqueOrThrow({ where: { id }, select: apiKeySelect });
  }

  /** The key with this hash and its owner's current role, when it is not revoked. */
  findActiveByHash(keyHash: string): Promise<{ id: number; userId: number; user: { role: Role } } | null> {
    return this.prisma.apiKey.findFirst({ where: { keyHash, revokedAt: null }, select: { id: true, userId: true, user: { select: { role: true } } } });
  }
}
