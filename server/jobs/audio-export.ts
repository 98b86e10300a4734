import type { PubSub } from '@graphql-yoga/subscription';
import type { FileStorage } from '../adapters/file-storage.js';
import { createJobWorker, type Job, type JobWorker } from '../adapters/job-queue.js';
import type { Logger } from '../logger.js';
import { EXPORT_MAX_STALLS, EXPORT_QUEUE, fileKeyOf, type ExportJobData } from '../modules/exports/export-render.js';
import type { ExportRepo } from '../modules/exports/export.repo.js';
import { EXPORT_PROGRESS, type ExportTopics } from '../modules/exports/export.topics.js';
import { createRenderPool } from './render-pool.js';

/** Progress is written and announced in steps of at least this much. */
const REPORT_STEP = 0.05;

export interface ExportWorkerDependencies {
  redisUrl: string;
  repo: ExportRepo;
  storage: FileStorage;
  events: PubSub<ExportTopics>;
  logger: Logger;
  soundFontPath: string | undefined;
  urlTtlSeconds: number;
  concurrency: number;
  lockMs: number;
  /**
   * Start the render threads at once, each loading the sound bank and decoding the built-in
   * themes' samples (about a second of CPU each), instead of on the first renders: for a process
   * that only renders, not for a server whose start should stay light.
   */
  warm?: boolean;
}

/**
 * Renders queued exports: MIDI -> General-MIDI synthesis -> normalised 16-bit PCM -> WAV or FLAC
 * -> storage, reporting progress on the export rows and over pub/sub. Up to `concurrency` renders
 * run at once, each on its own thread (render-pool.ts), so this event loop stays free and BullMQ
 * keeps renewing the jobs' locks; a worker that dies stops renewing them, and the stalled-job
 * check hands each job to another worker, which starts that render again from the beginning.
 * The stored file only appears, whole, at the end.
 */
export function startExportWorker(deps: ExportWorkerDependencies): JobWorker {
  const pool = createRenderPool(deps.concurrency);
  if (deps.warm) {
    const started = Date.now();
    void pool.warm(deps.soundFontPath).then(() => deps.logger.info({ ms: Date.now() - started }, 'audio export render threads warm'));
  }
  const announce = (ids: number[]) => {
    for (const exportId of ids) deps.events.publish(EXPORT_PROGRESS, exportId, { exportId });
  };

  const process = async (job: Job<ExportJobData>) => {
    const { renderKey, format } = job.data;
    const fileKey = fileKeyOf(renderKey, format);
    if ((await deps.storage.size(fileKey)) === null) {
      announce(await deps.repo.advance(renderKey, 'RENDERING', 0));
      // One progress write at a time, always of the latest figure: the rows follow the render
      // closely and never queue up behind it.
      let reported = 0;
      let latest = 0;
      let writing: Promise<void> | null = null;
      let failure: unknown = null;
      const write = async (): Promise<void> => {
        try {
          while (latest - reported >= REPORT_STEP) {
            reported = latest;
            announce(await deps.repo.advance(renderKey, 'RENDERING', Math.min(0.99, reported)));
          }
        } catch (error) {
          failure ??= error;
        } finally {
          writing = null;
        }
      };
      const report = (progress: number) => {
        latest = progress;
        // Only started with a step to write, so write() awaits before it clears `writing`.
        if (!writing && latest - reported >= REPORT_STEP) writing = write();
      };
      const bytes = await pool.render({ midi: new Uint8Array(Buffer.from(job.data.midi, 'base64')), format, soundFontPath: deps.soundFontPath }, report);
      await writing;
      if (failure) throw failure;
      await deps.storage.put(fileKey, bytes);
    }
    announce(await deps.repo.complete(renderKey, new Date(Date.now() + deps.urlTtlSeconds * 1_000)));
  };

  const worker = createJobWorker<ExportJobData>(
    deps.redisUrl,
    EXPORT_QUEUE,
    process,
    { concurrency: deps.concurrency, lockMs: deps.lockMs, maxStalledCount: EXPORT_MAX_STALLS },
    (job, error, final) => {
      deps.logger.warn({ err: error.message, renderKey: job?.data.renderKey, final }, final ? 'audio export failed' : 'audio export attempt failed; retrying');
      if (!final || !job) return;
      deps.repo
        .fail(job.data.renderKey, 'The audio could not be rendered')
        .then(announce)
        .catch((failure: unknown) => deps.logger.error({ err: failure }, 'marking an audio export failed did not work'));
    },
  );
  return {
    async close(force) {
      await worker.close(force);
      await pool.close();
    },
  };
}
