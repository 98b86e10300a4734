import type { FileStorage } from '../adapters/file-storage.js';
import type { Logger } from '../logger.js';
import type { ExportRepo } from '../modules/exports/export.repo.js';

/** A `.tmp` file this old is no write in progress (a put takes seconds) but one a killed process left. */
export const STRAY_TEMPORARY_AGE_MS = 60 * 60_000;
/** A file this fresh may belong to a request between its "already rendered?" check and its row. */
const FRESH_FILE_AGE_MS = 60_000;
const SWEEP_EVERY_MS = 10 * 60_000;
const KEYS_PER_QUERY = 500;

/**
 * Removes the export files no link can reach any more (every export of that render has expired)
 * and temporary files left by writers that died. Returns what it removed.
 */
export async function sweepExports(repo: ExportRepo, storage: FileStorage, now: Date): Promise<{ expired: number; stray: number }> {
  const files = await storage.list();
  const removed = { expired: 0, stray: 0 };
  const rendered = new Map<string, string[]>();
  for (const file of files) {
    const age = now.getTime() - file.modifiedAt.getTime();
    if (file.key.endsWith('.tmp')) {
      if (age < STRAY_TEMPORARY_AGE_MS) continue;
      await storage.remove(file.key);
      removed.stray += 1;
    } else if (age >= FRESH_FILE_AGE_MS) {
      const renderKey = file.key.split('.')[0];
      rendered.set(renderKey, [...(rendered.get(renderKey) ?? []), file.key]);
    }
  }
  const renderKeys = [...rendered.keys()];
  for (let start = 0; start < renderKeys.length; start += KEYS_PER_QUERY) {
    const batch = renderKeys.slice(start, start + KEYS_PER_QUERY);
    const wanted = await repo.wantedRenderKeys(batch, now);
    for (const renderKey of batch) {
      if (wanted.has(renderKey)) continue;
      for (const key of rendered.get(renderKey)!) {
        await storage.remove(key);
        removed.expired += 1;
      }
    }
  }
  return removed;
}

/** Sweeps now and then every ten minutes until stopped; a failed sweep is logged and tried again next time. */
export function startExportSweeper(repo: ExportRepo, storage: FileStorage, logger: Logger): { stop(): Promise<void> } {
  let sweeping: Promise<void> = Promise.resolve();
  const sweep = () => {
    sweeping = sweepExports(repo, storage, new Date())
      .then((removed) => {
        if (removed.expired + removed.stray > 0) logger.info(removed, 'expired and stray export files removed');
      })
      .catch((error: unknown) => logger.warn({ err: error instanceof Error ? error.message : error }, 'sweeping export files failed; trying again later'));
  };
  sweep();
  const timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await sweeping;
    },
  };
}
