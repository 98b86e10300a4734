import { AeroMelodyError } from './errors.js';
import type { AeroMelodyOperations } from './generated/operations.js';
import type { ExportFieldsFragment, ExportFormat } from './generated/types.js';
import { sleep } from './retry.js';

export interface ExportAudioOptions {
  /** WAV (every account) or FLAC (PREMIUM). */
  format: ExportFormat;
  /** Stops following the job (the render itself goes on on the server). */
  signal?: AbortSignal;
  /** Called with the export on every change of status or progress. */
  onProgress?: (current: ExportFieldsFragment) => void;
  /** How often to ask when the subscription socket is not available (default 1,000 ms). */
  pollIntervalMs?: number;
}

const finished = (current: ExportFieldsFragment) => current.status === 'DONE' || current.status === 'FAILED';

/**
 * Requests an audio export of a saved piece, follows the job (graphql-ws, or polling when the
 * socket fails) and resolves with the absolute download URL. PREMIUM_REQUIRED, QUOTA_EXCEEDED and
 * the other refusals reject as they come; a render that fails is EXPORT_FAILED.
 */
export async function exportAudio(client: AeroMelodyOperations, endpoint: string, compositionId: string, options: ExportAudioOptions): Promise<string> {
  const { signal } = options;
  let current = (await client.requestExport({ compositionId, format: options.format }, { signal })).requestExport;
  options.onProgress?.(current);
  if (!finished(current)) {
    try {
      for await (const { exportProgress } of client.exportProgress({ id: current.id }, { signal })) {
        current = exportProgress;
        options.onProgress?.(current);
        if (finished(current)) break;
      }
    } catch (error) {
      if (!(error instanceof AeroMelodyError) || !['SOCKET_CLOSED', 'NETWORK_ERROR'].includes(error.code)) throw error;
    }
    while (!finished(current)) {
      signal?.throwIfAborted();
      await sleep(options.pollIntervalMs ?? 1000, signal);
      const polled = (await client.export({ id: current.id }, { signal })).export;
      if (!polled) throw new AeroMelodyError(`Export ${current.id} is gone`, { code: 'NOT_FOUND', operationName: 'Export' });
      if (polled.status !== current.status || polled.progress !== current.progress) options.onProgress?.(polled);
      current = polled;
    }
  }
  signal?.throwIfAborted();
  if (current.status === 'FAILED' || !current.url) {
    throw new AeroMelodyError(`Export ${current.id} failed on the server`, { code: 'EXPORT_FAILED', operationName: 'ExportProgress' });
  }
  return new URL(current.url, endpoint).href;
}
