import type { PrismaClient } from '../../adapters/prisma.js';

export interface CommentRow {
  id: number;
  compositionId: number;
  authorId: number;
  parentId: number | null;
  body: string;
  atSecond: number | null;
  createdAt: Date;
  editedAt: Date | null;
}

export class CommentRepo {
  constructor(private readonly prisma: PrismaClient) {}

  insert(comment: { compositionId: number; authorId: number; parentId: number | null; body: string; atSecond: number | null }): Promise<CommentRow> {
    return this.prisma.comment.create({ data: comment });
  }

  findById(id: number): Promise<CommentRow | null> {
    return this.prisma.comment.findUnique({ where: { id } });
  }

  /** Top-level comments of a piece, oldest first, after `afterId`. */
  topLevel(compositionId: number, take: number, afterId: number | undefined): Promise<CommentRow[]> {
    return this.prisma.comment.findMany({
      where: { compositionId, parentId: null, ...(afterId === undefined ? {} : { id: { gt: afterId } }) },
      orderBy: { id: 'asc' },
      take,
    });
  }

  countTopLevel(compositionId: number): Promise<number> {
    return this.prisma.comment.count({ where: { compositionId, parentId: null } });
  }

  repliesTo(parentIds: readonly number[]): Promise<CommentRow[]> {
    return this.prisma.comment.findMany({ where: { parentId: { in: [...parentIds] } }, orderBy: { id: 'asc' } });
  }

  async edit(id: number, body: string): Promise<CommentRow> {
    return this.prisma.comment.update({ where: { id }, data: { body, editedAt: new Date() } });
  }

  async delete(id: number): Promise<void> {
    await this.prisma.comment.deleteMany({ where: { id } });
  }
}
