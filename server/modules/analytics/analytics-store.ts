import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { createAnalyticsDatabase, unavailableAnalyticsDatabase, type AnalyticsDatabase } from '../../adapters/duckdb.js';
import { ServiceUnavailableError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { AnalyticsRepo } from './analytics.repo.js';
import { NoWriter, QuestionTimeout, storeId, WriterLease, WriterQuestions } from './analytics-writer.repo.js';

/** Repo methods that read the event facts, which only the writer's DuckDB holds. */
const FACT_QUESTIONS = ['compositionsByTheme', 'creationTrend', 'topCompositions', 'contestStatistics', 'partnerUsage', 'eventCounts'] as const;
type FactQuestion = (typeof FACT_QUESTIONS)[number];
const USAGE_FILE = 'usageFile';
/** One try's wait for the writer's answer; a writer that died mid-question is asked again after it. */
const ANSWER_TIMEOUT_MS = 3_000;

export interface AnalyticsStoreOptions<Sync> {
  dbPath: string;
  /** Whether this process may take the writer role (ANALYTICS_WORKER). */
  worker: boolean;
  leaseMs: number;
  logger: Logger;
  /** Starts moving events from the Redis stream into the store this process now writes. */
  startSync(repo: AnalyticsRepo): Sync;
}

interface Stoppable {
  stop(): Promise<void>;
}

const unavailable = (path: string) =>
  unavailableAnalyticsDatabase(path, () => new ServiceUnavailableError('Analytics are not available right now (no process holds the analytics store); try again shortly'));

/**
 * The analytics store as every instance sees it. A `:memory:` store is this process's own. A file
 * is written by one process at a time, the holder of a Redis lease: it opens the file, moves
 * events into it and answers every instance's questions about events over Redis. Every instance
 * keeps the network (dimension) tables in its own in-memory DuckDB, loaded from MariaDB, so those
 * figures never cross the network. When the writer dies its lease lapses, another instance opens
 * the file and continues the stream from the same consumer (see docs/analytics-across-instances.md).
 */
export class AnalyticsStore<Sync extends Stoppable> {
  private writer: { database: AnalyticsDatabase; repo: AnalyticsRepo; sync: Sync | null } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> = Promise.resolve();
  private disposed = false;

  private constructor(
    readonly repo: AnalyticsRepo,
    private readonly local: AnalyticsDatabase,
    private readonly options: AnalyticsStoreOptions<Sync>,
    private readonly shared: { lease: WriterLease; questions: WriterQuestions } | null,
  ) {}

  static async open<Sync extends Stoppable>(redis: Redis, options: AnalyticsStoreOptions<Sync>): Promise<AnalyticsStore<Sync>> {
    if (options.dbPath === ':memory:') {
      const database = await createAnalyticsDatabase({ dbPath: ':memory:' });
      const repo = new AnalyticsRepo(database);
      await repo.migrate();
      const store = new AnalyticsStore(repo, database, options, null);
      store.writer = { database, repo, sync: options.worker ? options.startSync(repo) : null };
      return store;
    }
    const local = await createAnalyticsDatabase({ dbPath: ':memory:' });
    const id = storeId(options.dbPath);
    const questions = new WriterQuestions(redis, id);
    await questions.start();
    let store: AnalyticsStore<Sync> | null = null;
    const repo = new RoutedAnalyticsRepo(local, (method, args) => store!.ask(method, args));
    await repo.migrate();
    store = new AnalyticsStore(repo, local, options, { lease: new WriterLease(redis, id, options.leaseMs), questions });
    if (options.worker) {
      await store.tick();
      store.timer = setInterval(() => (store.ticking = store.ticking.then(() => store.tick())), Math.max(100, Math.floor(options.leaseMs / 3)));
      store.timer.unref();
    }
    return store;
  }

  private writerNow() {
    return this.writer;
  }

  /** Whether this process writes the store now. */
  get writing(): boolean {
    return this.writer !== null;
  }

  /** The store this process writes, or one that answers SERVICE_UNAVAILABLE when another process writes it. */
  get database(): AnalyticsDatabase {
    return this.writer?.database ?? unavailable(this.options.dbPath);
  }

  get sync(): Sync | null {
    return this.writer?.sync ?? null;
  }

  /** Renews the lease while writing, else tries to take it. */
  private async tick(): Promise<void> {
    if (this.disposed || !this.shared) return;
    const { lease } = this.shared;
    try {
      if (this.writer) {
        if (!(await lease.renew())) {
          this.options.logger.warn('the analytics writer lease was lost; this process stops writing the analytics store');
          await this.stopWriting();
        }
      } else if (await lease.acquire()) {
        await this.startWriting();
      }
    } catch (error) {
      this.options.logger.warn({ err: error instanceof Error ? error.message : error }, 'analytics writer lease check failed');
    }
  }

  private async startWriting(): Promise<void> {
    const { lease, questions } = this.shared!;
    let database: AnalyticsDatabase;
    try {
      database = await createAnalyticsDatabase({ dbPath: this.options.dbPath });
    } catch (error) {
      // Most often the previous writer has not let go of the file yet: the next tick tries again.
      await lease.release();
      this.options.logger.warn({ path: this.options.dbPath, reason: error instanceof Error ? error.message.split('\n')[0] : String(error) }, 'the analytics store cannot be opened yet');
      return;
    }
    const repo = new AnalyticsRepo(database);
    await repo.migrate();
    this.writer = { database, repo, sync: this.options.startSync(repo) };
    await questions.answerWith((method, args) => this.answer(repo, method, args));
    this.options.logger.info({ path: this.options.dbPath }, 'this process now writes the analytics store');
  }

  private async stopWriting(): Promise<void> {
    const writer = this.writer;
    if (!writer) return;
    this.writer = null;
    await this.shared?.questions.stopAnswering();
    await writer.sync?.stop();
    await writer.database.dispose();
  }

  private async answer(repo: AnalyticsRepo, method: string, args: unknown[]): Promise<unknown> {
    if (method === USAGE_FILE) {
      const [partnerId, window, format] = args as [number, Parameters<AnalyticsRepo['exportUsage']>[1], 'csv' | 'parquet'];
      return (await usageFileBytes(repo, partnerId, window, format)).toString('base64');
    }
    if (!(FACT_QUESTIONS as readonly string[]).includes(method)) throw new Error(`not an analytics question: ${method}`);
    return (repo[method as FactQuestion] as (...values: unknown[]) => Promise<unknown>)(...args);
  }

  /**
   * Asks the writer (this process itself when it writes). A missing writer is waited for about a
   * lease, the time another instance needs to take over; then the answer is SERVICE_UNAVAILABLE.
   */
  private async ask(method: string, args: unknown[]): Promise<unknown> {
    const writer = this.writer;
    if (writer) return this.answer(writer.repo, method, args);
    const deadline = Date.now() + this.options.leaseMs + ANSWER_TIMEOUT_MS;
    for (;;) {
      try {
        return await this.shared!.questions.ask(method, args, ANSWER_TIMEOUT_MS);
      } catch (error) {
        if (!(error instanceof NoWriter || error instanceof QuestionTimeout)) {
          const code = (error as { code?: unknown }).code;
          if (code === 'SERVICE_UNAVAILABLE') throw new ServiceUnavailableError((error as Error).message);
          throw error;
        }
        if (Date.now() >= deadline) throw new ServiceUnavailableError('Analytics are not available right now (no process holds the analytics store); try again shortly');
        // This process may have taken the role meanwhile.
        const promoted = this.writerNow();
        if (promoted) return this.answer(promoted.repo, method, args);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
    if (this.shared) {
      const wasWriting = this.writing;
      await this.stopWriting();
      // Handing over at once: the next instance need not wait for the lease to lapse.
      if (wasWriting) await this.shared.lease.release().catch(() => undefined);
      this.shared.questions.dispose();
      await this.local.dispose();
    } else {
      await this.writer?.sync?.stop();
      await this.local.dispose();
    }
  }
}

async function usageFileBytes(repo: AnalyticsRepo, partnerId: number, window: Parameters<AnalyticsRepo['exportUsage']>[1], format: 'csv' | 'parquet'): Promise<Buffer> {
  const directory = await mkdtemp(join(tmpdir(), 'aero-melody-usage-'));
  try {
    const file = join(directory, `usage.${format}`);
    await repo.exportUsage(partnerId, window, file, format);
    return await readFile(file);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/**
 * The repo every instance's analytics service uses with a shared store: network figures from this
 * instance's own tables, figures about events asked of the writer.
 */
class RoutedAnalyticsRepo extends AnalyticsRepo {
  constructor(
    local: AnalyticsDatabase,
    private readonly ask: (method: string, args: unknown[]) => Promise<unknown>,
  ) {
    super(local);
  }

  private question<M extends FactQuestion>(method: M, args: Parameters<AnalyticsRepo[M]>): ReturnType<AnalyticsRepo[M]> {
    return this.ask(method, args) as ReturnType<AnalyticsRepo[M]>;
  }

  override compositionsByTheme(...args: Parameters<AnalyticsRepo['compositionsByTheme']>) {
    return this.question('compositionsByTheme', args);
  }
  override creationTrend(...args: Parameters<AnalyticsRepo['creationTrend']>) {
    return this.question('creationTrend', args);
  }
  override topCompositions(...args: Parameters<AnalyticsRepo['topCompositions']>) {
    return this.question('topCompositions', args);
  }
  override contestStatistics(...args: Parameters<AnalyticsRepo['contestStatistics']>) {
    return this.question('contestStatistics', args);
  }
  override partnerUsage(...args: Parameters<AnalyticsRepo['partnerUsage']>) {
    return this.question('partnerUsage', args);
  }
  override eventCounts() {
    return this.question('eventCounts', []);
  }
  override async exportUsage(partnerId: number, window: Parameters<AnalyticsRepo['exportUsage']>[1], file: string, format: 'csv' | 'parquet'): Promise<void> {
    const bytes = (await this.ask(USAGE_FILE, [partnerId, window, format])) as string;
    await writeFile(file, Buffer.from(bytes, 'base64'));
  }
}
