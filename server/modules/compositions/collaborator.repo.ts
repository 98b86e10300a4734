import type { PrismaClient } from '../../adapters/prisma.js';

export type CollaboratorRoleValue = 'EDITOR' | 'VIEWER';

export interface CollaboratorRow {
  compositionId: number;
  userId: number;
  role: CollaboratorRoleValue;
}

export class CollaboratorRepo {
  constructor(private readonly prisma: PrismaClient) {}

  async roleOf(compositionId: number, userId: number): Promise<CollaboratorRoleValue | null> {
    const row = await this.prisma.collaborator.findUnique({ where: { compositionId_userId: { compositionId, userId } }, select: { role: true } });
    return row?.role ?? null;
  }

  list(compositionId: number): Promise<CollaboratorRow[]> {
    return this.prisma.collaborator.findMany({ where: { compositionId }, orderBy: { createdAt: 'asc' }, select: { compositionId: true, userId: true, role: true } });
  }

  async set(compositionId: number, userId: number, role: CollaboratorRoleValue): Promise<void> {
    await this.prisma.collaborator.upsert({
      where: { compositionId_userId: { compositionId, userId } },
      create: { compositionId, userId, role },
      update: { role },
    });
  }

  async remove(compositionId: number, userId: number): Promise<void> {
    await this.prisma.collaborator.deleteMany({ where: { compositionId, userId } });
  }
}
