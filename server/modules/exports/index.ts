import { createLocalFileStorage } from '../../adapters/file-storage.js';
import { createJobQueue } from '../../adapters/job-queue.js';
import { createRedisPubSub } from '../../adapters/pubsub.js';
import { DEFAULT_SOUND_FONT } from '../../adapters/sound-font.js';
import { startExportWorker } from '../../jobs/audio-export.js';
import { startExportSweeper } from '../../jobs/export-sweeper.js';
import type { CompositionService } from '../compositions/composition.service.js';
import { defineModule } from '../module.js';
import type { UserRepo } from '../users/user.repo.js';
import { requireViewer } from '../users/user.service.js';
import { ExportQuota } from './export-quota.repo.js';
import { EXPORT_JOB_OPTIONS, EXPORT_QUEUE, type ExportJobData } from './export-render.js';
import { ExportRepo } from './export.repo.js';
import { ExportResolver } from './export.resolver.js';
import { ExportService } from './export.service.js';
import type { ExportTopics } from './export.topics.js';

export const exportsModule = defineModule<{ compositions: CompositionService }, { users: UserRepo }>()({
  name: 'exports',
  repos: (prisma) => ({ exports: new ExportRepo(prisma) }),
  services: ({ repos, services, deps: { redis, config, logger, disposer } }) => {
    const settings = config.exports;
    const storage = createLocalFileStorage(settings.dir);
    disposer.defer(() => storage.dispose());
    const events = disposer.use(createRedisPubSub<ExportTopics>(redis));
    const exportQueue = disposer.use(createJobQueue<ExportJobData>(config.redisUrl, EXPORT_QUEUE, EXPORT_JOB_OPTIONS));
    const exportSettings = { ...settings, soundFontPath: settings.soundFontPath ?? DEFAULT_SOUND_FONT };
    const exports = new ExportService(repos.exports, services.compositions, repos.users, new ExportQuota(redis), exportQueue, storage, events.pubSub, exportSettings);
    // By default this process renders exports too; with EXPORT_WORKERS=off only `npm run worker` processes do.
    if (settings.workers === 'inline') {
      const worker = startExportWorker({
        redisUrl: config.redisUrl,
        repo: repos.exports,
        storage,
        events: events.pubSub,
        logger,
        soundFontPath: settings.soundFontPath,
        urlTtlSeconds: settings.urlTtlSeconds,
        concurrency: settings.workerConcurrency,
        lockMs: settings.lockMs,
      });
      // A render in hand is dropped, not awaited: its lock lapses and another worker retries it.
      disposer.defer(() => worker.close(true));
      // Whoever renders also cleans up: files no live link reaches, temporary files of dead writers.
      const sweeper = startExportSweeper(repos.exports, storage, logger);
      disposer.defer(() => sweeper.stop());
    }
    return { exports, exportQueue };
  },
  resolvers: [[ExportResolver, (services) => new ExportResolver(services.exports)]],
  streams: (services, asking) => ({ watchExport: async (exportId) => services.exports.watch(exportId, requireViewer(asking)) }),
});
