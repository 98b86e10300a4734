import type { PrismaClient } from '../../adapters/prisma.js';
import type { Theme as EngineTheme } from '../../engine/music/index.js';
import type { VisibilityValue } from '../compositions/composition.repo.js';

export interface CustomThemeRow {
  id: number;
  ownerId: number;
  name: string;
  description: string;
  visibility: VisibilityValue;
  definition: unknown;
  usageCount: number;
}

const select = { id: true, ownerId: true, name: true, description: true, visibility: true, definition: true, usageCount: true } as const;

export class ThemeRepo {
  constructor(private readonly prisma: PrismaClient) {}

  insert(theme: { ownerId: number; name: string; description: string; visibility: VisibilityValue; definition: Omit<EngineTheme, 'id'> }): Promise<CustomThemeRow> {
    return this.prisma.customTheme.create({ data: { ...theme, definition: theme.definition as object }, select });
  }

  findById(id: number): Promise<CustomThemeRow | null> {
    return this.prisma.customTheme.findUnique({ where: { id }, select });
  }

  update(id: number, theme: { name: string; description: string; visibility: VisibilityValue; definition: Omit<EngineTheme, 'id'> }): Promise<CustomThemeRow> {
    return this.prisma.customTheme.update({ where: { id }, data: { ...theme, definition: theme.definition as object }, select });
  }

  async delete(id: number): Promise<void> {
    await this.prisma.customTheme.deleteMany({ where: { id } });
  }

  /** The public gallery, most used first. */
  gallery(take: number): Promise<CustomThemeRow[]> {
    return this.prisma.customTheme.findMany({ where: { visibility: 'PUBLIC' }, orderBy: [{ usageCount: 'desc' }, { id: 'asc' }], take, select });
  }

  ownedBy(ownerId: number): Promise<CustomThemeRow[]> {
    return this.prisma.customTheme.findMany({ where: { ownerId }, orderBy: { id: 'asc' }, select });
  }

  async countUse(id: number): Promise<void> {
    await this.prisma.customTheme.updateMany({ where: { id }, data: { usageCount: { increment: 1 } } });
  }
}
