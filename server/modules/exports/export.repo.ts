import type { PrismaClient } from '../../adapters/prisma.js';

export type ExportFormat = 'WAV' | 'FLAC';
export type ExportStatus = 'QUEUED' | 'RENDERING' | 'DONE' | 'FAILED';

export interface ExportRow {
  id: number;
  userId: number;
  compositionId: number | null;
  format: ExportFormat;
  renderKey: string;
  status: ExportStatus;
  progress: number;
  token: string;
  durationSeconds: number;
  error: string | null;
  expiresAt: Date | null;
  createdAt: Date;
}

const IN_PROGRESS: ExportStatus[] = ['QUEUED', 'RENDERING'];

/** Export rows. Rows sharing a renderKey share one render: workers update them together. */
export class ExportRepo {
  constructor(private readonly prisma: PrismaClient) {}

  create(row: Pick<ExportRow, 'userId' | 'compositionId' | 'format' | 'renderKey' | 'token' | 'durationSeconds'> & Partial<Pick<ExportRow, 'status' | 'progress' | 'expiresAt'>>): Promise<ExportRow> {
    return this.prisma.audioExport.create({ data: row }) as Promise<ExportRow>;
  }

  async remove(id: number): Promise<void> {
    await this.prisma.audioExport.deleteMany({ where: { id } });
  }

  findById(id: number): Promise<ExportRow | null> {
    return this.prisma.audioExport.findUnique({ where: { id } }) as Promise<ExportRow | null>;
  }

  findByToken(token: string): Promise<ExportRow | null> {
    return this.prisma.audioExport.findUnique({ where: { token } }) as Promise<ExportRow | null>;
  }

  /** This person's newest export of this render that is still under way or downloadable at `now`. */
  findReusable(userId: number, renderKey: string, now: Date): Promise<ExportRow | null> {
    return this.prisma.audioExport.findFirst({
      where: { userId, renderKey, OR: [{ status: { in: IN_PROGRESS } }, { status: 'DONE', expiresAt: { gt: now } }] },
      orderBy: { id: 'desc' },
    }) as Promise<ExportRow | null>;
  }

  /** Of these renders, the ones some export still needs at `now`: under way, or DONE with a link that still works (to a piece that still exists). */
  async wantedRenderKeys(renderKeys: string[], now: Date): Promise<Set<string>> {
    if (renderKeys.length === 0) return new Set();
    const rows = await this.prisma.audioExport.findMany({
      where: { renderKey: { in: renderKeys }, OR: [{ status: { in: IN_PROGRESS } }, { status: 'DONE', expiresAt: { gt: now }, compositionId: { not: null } }] },
      select: { renderKey: true },
      distinct: ['renderKey'],
    });
    return new Set(rows.map((row) => row.renderKey));
  }

  /** Moves every unfinished export of a render to `status`/`progress`; returns the ids it changed. */
  async advance(renderKey: string, status: 'QUEUED' | 'RENDERING', progress: number): Promise<number[]> {
    const rows = await this.prisma.audioExport.findMany({ where: { renderKey, status: { in: IN_PROGRESS } }, select: { id: true } });
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    await this.prisma.audioExport.updateMany({ where: { id: { in: ids }, status: { in: IN_PROGRESS } }, data: { status, progress } });
    return ids;
  }

  /** The file is stored: every unfinished export of the render is DONE, downloadable until `expiresAt`. */
  async complete(renderKey: string, expiresAt: Date): Promise<number[]> {
    const rows = await this.prisma.audioExport.findMany({ where: { renderKey, status: { in: IN_PROGRESS } }, select: { id: true } });
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    await this.prisma.audioExport.updateMany({ where: { id: { in: ids }, status: { in: IN_PROGRESS } }, data: { status: 'DONE', progress: 1, expiresAt, error: null } });
    return ids;
  }

  async fail(renderKey: string, error: string): Promise<number[]> {
    const rows = await this.prisma.audioExport.findMany({ where: { renderKey, status: { in: IN_PROGRESS } }, select: { id: true } });
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    await this.prisma.audioExport.updateMany({ where: { id: { in: ids }, status: { in: IN_PROGRESS } }, data: { status: 'FAILED', error: error.slice(0, 500) } });
    return ids;
  }
}
