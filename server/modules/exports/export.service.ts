import { randomBytes } from 'node:crypto';
import type { PubSub } from '@graphql-yoga/subscription';
import type { FileStorage } from '../../adapters/file-storage.js';
import type { JobQueue } from '../../adapters/job-queue.js';
import { requireRedis } from '../../adapters/redis.js';
import { ForbiddenError, NotFoundError, PremiumRequiredError, QuotaExceededError, UnauthenticatedError } from '../../errors.js';
import { can, DENIED } from '../compositions/composition.policy.js';
import type { CompositionService } from '../compositions/composition.service.js';
import type { Viewer } from '../users/tokens.js';
import type { UserRepo } from '../users/user.repo.js';
import { ExportQuota } from './export-quota.repo.js';
import { EXPORT_JOB_OPTIONS, EXTENSIONS, fileKeyOf, renderKeyOf, type ExportJobData } from './export-render.js';
import type { ExportFormat, ExportRepo, ExportRow } from './export.repo.js';
import { EXPORT_PROGRESS, type ExportProgressEvent, type ExportTopics } from './export.topics.js';

export interface ExportSettings {
  urlTtlSeconds: number;
  freePerDay: number;
  premiumPerDay: number;
  freeMaxSeconds: number;
  soundFontPath: string;
}

/** What the Export GraphQL type reads. */
export interface ExportView {
  /** The row id (the GraphQL layer makes the global id). */
  id: number;
  status: string;
  progress: number;
  format: string;
  url: string | null;
  expiresAt: Date | null;
}

/** A job still to run or running: a new request for the same render joins it instead of paying for another. */
const PENDING_JOB_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

function describeWait(from: Date, to: Date): string {
  const minutes = Math.max(1, Math.ceil((to.getTime() - from.getTime()) / 60_000));
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * Audio exports of saved pieces. Who may export a piece is composition.policy.ts's `export`
 * rule (under ALL RIGHTS RESERVED: its owner and collaborators only). FREE accounts export WAV of
 * pieces up to a length; PREMIUM also FLAC and any length. Each account may start a number of
 * renders per UTC day; a request answered by a file already rendered (or joining a render under
 * way) is not charged.
 */
export class ExportService {
  constructor(
    private readonly repo: ExportRepo,
    private readonly compositions: CompositionService,
    private readonly users: UserRepo,
    private readonly quota: ExportQuota,
    private readonly queue: JobQueue<ExportJobData>,
    private readonly storage: FileStorage,
    private readonly events: PubSub<ExportTopics>,
    private readonly settings: ExportSettings,
  ) {}

  async request(compositionId: number | null, format: ExportFormat, viewer: Viewer): Promise<ExportView> {
    const { row: composition, piece } = await this.compositions.rowWithAccess(compositionId, viewer);
    if (!can(viewer, 'export', piece)) throw new ForbiddenError(DENIED.export);
    const user = await this.users.findById(viewer.id);
    if (!user) throw new UnauthenticatedError('This account no longer exists');
    const premium = user.tier === 'PREMIUM';
    if (format === 'FLAC' && !premium) {
      throw new PremiumRequiredError('FLAC exports need a PREMIUM account; FREE accounts can export WAV and download MIDI');
    }
    if (!premium && composition.durationSeconds > this.settings.freeMaxSeconds + 0.5) {
      throw new PremiumRequiredError(
        `This piece lasts ${Math.round(composition.durationSeconds)} s; FREE accounts export pieces of up to ${this.settings.freeMaxSeconds} s, PREMIUM accounts any length`,
      );
    }
    const midi = new Uint8Array(composition.midi);
    const renderKey = renderKeyOf(midi, format, this.settings.soundFontPath);
    const now = new Date();
    const mine = await this.repo.findReusable(viewer.id, renderKey, now);
    if (mine) return this.view(mine, now);

    const base = { userId: viewer.id, compositionId: composition.id, format, renderKey, token: randomBytes(32).toString('base64url'), durationSeconds: composition.durationSeconds };
    if ((await this.storage.size(fileKeyOf(renderKey, format))) !== null) {
      const done = await this.repo.create({ ...base, status: 'DONE', progress: 1, expiresAt: this.expiryFrom(now) });
      return this.view(done, now);
    }
    const joining = PENDING_JOB_STATES.has((await requireRedis(this.queue.stateOf(renderKey), 'Exporting audio')) ?? '');
    if (!joining) await this.charge(viewer.id, premium, now);
    const row = await this.repo.create(base).catch(async (error: unknown) => {
      if (!joining) await this.quota.refund(viewer.id, now).catch(() => undefined);
      throw error;
    });
    try {
      await requireRedis(this.queue.add(renderKey, { renderKey, format, midi: Buffer.from(midi).toString('base64') }, EXPORT_JOB_OPTIONS), 'Exporting audio');
    } catch (error) {
      // Nothing will render it: the request leaves no trace and costs nothing.
      await this.repo.remove(row.id).catch(() => undefined);
      if (!joining) await this.quota.refund(viewer.id, now).catch(() => undefined);
      throw error;
    }
    // The render may have finished between the checks above and this row's insert, and then no
    // worker will touch the row again: the stored file says it is done.
    if ((await this.storage.size(fileKeyOf(renderKey, format))) !== null) {
      for (const exportId of await this.repo.complete(renderKey, this.expiryFrom(new Date()))) this.events.publish(EXPORT_PROGRESS, exportId, { exportId });
      return this.view((await this.repo.findById(row.id)) ?? row, new Date());
    }
    return this.view(row, now);
  }

  private async charge(userId: number, premium: boolean, now: Date): Promise<void> {
    const limit = premium ? this.settings.premiumPerDay : this.settings.freePerDay;
    if (await requireRedis(this.quota.charge(userId, limit, now), 'Exporting audio')) return;
    const resetsAt = ExportQuota.resetsAt(now);
    const upgrade = premium ? '' : ` PREMIUM accounts get ${this.settings.premiumPerDay} a day.`;
    throw new QuotaExceededError(
      `You have used today's ${limit} audio export${limit === 1 ? '' : 's'} of your ${premium ? 'PREMIUM' : 'FREE'} account; the quota resets at ${resetsAt.toISOString()} (in ${describeWait(now, resetsAt)}).${upgrade}`,
      resetsAt,
      limit,
    );
  }

  private expiryFrom(now: Date): Date {
    return new Date(now.getTime() + this.settings.urlTtlSeconds * 1_000);
  }

  /** The requester's export; NOT_FOUND for anyone else (an export's link is personal). */
  private async ownRow(id: number | null, viewer: Viewer): Promise<ExportRow> {
    const row = id === null ? null : await this.repo.findById(id);
    if (!row || row.userId !== viewer.id) throw new NotFoundError('You have no export with this id');
    return row;
  }

  /** `id` null: the client sent an id that names no export. */
  async byId(id: number | null, viewer: Viewer): Promise<ExportView | null> {
    try {
      return this.view(await this.ownRow(id, viewer), new Date());
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  async current(exportId: number): Promise<ExportView | null> {
    const row = await this.repo.findById(exportId);
    return row ? this.view(row, new Date()) : null;
  }

  /**
   * The export's state now, then every change until it is DONE or FAILED. The pub/sub stream is
   * started before the current state is read, so no change in between is lost.
   */
  async watch(id: number | null, viewer: Viewer): Promise<AsyncIterable<ExportProgressEvent>> {
    const row = await this.ownRow(id, viewer);
    const repo = this.repo;
    const changes = this.events.subscribe(EXPORT_PROGRESS, row.id)[Symbol.asyncIterator]();
    const firstChange = changes.next();
    return (async function* () {
      try {
        const now = await repo.findById(row.id);
        yield { exportId: row.id };
        if (!now || now.status === 'DONE' || now.status === 'FAILED') return;
        for (let next = await firstChange; !next.done; next = await changes.next()) {
          yield next.value;
          const state = await repo.findById(row.id);
          if (!state || state.status === 'DONE' || state.status === 'FAILED') return;
        }
      } finally {
        await changes.return?.();
      }
    })();
  }

  /**
   * The download behind a URL token: the row, or why there is none. The link is only as good as
   * its requester's view of the piece: once it is deleted, or made PRIVATE to someone who is not
   * its owner or a collaborator, the link finds nothing.
   */
  async download(token: string): Promise<{ row: ExportRow; fileKey: string; size: number } | 'missing' | 'expired'> {
    const row = /^[A-Za-z0-9_-]{43}$/.test(token) ? await this.repo.findByToken(token) : null;
    if (row?.status !== 'DONE' || !row.expiresAt || row.compositionId === null) return 'missing';
    if (row.expiresAt.getTime() <= Date.now()) return 'expired';
    if (!(await this.compositions.mayStillSee(row.compositionId, row.userId))) return 'missing';
    const fileKey = fileKeyOf(row.renderKey, row.format);
    const size = await this.storage.size(fileKey);
    return size === null ? 'missing' : { row, fileKey, size };
  }

  readFile(fileKey: string) {
    return this.storage.read(fileKey);
  }

  private view(row: ExportRow, now: Date): ExportView {
    const live = row.status === 'DONE' && row.expiresAt !== null && row.expiresAt.getTime() > now.getTime();
    return {
      id: row.id,
      status: row.status,
      progress: row.progress,
      format: row.format,
      url: live ? `/exports/${row.token}.${EXTENSIONS[row.format]}` : null,
      expiresAt: row.expiresAt,
    };
  }
}
