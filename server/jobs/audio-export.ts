import type { PubSub } from '@graphql-yoga/subscription';
import type { BasicSoundBank } from 'spessasynth_core';
import type { FileStorage } from '../adapters/file-storage.js';
import { createFlacCodec, type FlacCodec } from '../adapters/flac.js';
import { createJobWorker, type Job, type JobWorker } from '../adapters/job-queue.js';
import { loadSoundFont } from '../adapters/sound-font.js';
import { MidiRenderer } from '../engine/audio/render.js';
import { encodeWav, type PcmAudio } from '../engine/audio/wav.js';
import type { Logger } from '../logger.js';
import { EXPORT_MAX_STALLS, EXPORT_QUEUE, fileKeyOf, type ExportJobData } from '../modules/exports/export-render.js';
import type { ExportRepo } from '../modules/exports/export.repo.js';
import { EXPORT_PROGRESS, type ExportTopics } from '../modules/exports/export.topics.js';

/** Rendering takes this share of the progress bar; encoding and storing the rest. */
const RENDER_SHARE = 0.9;
/** Progress is written and announced in steps of at least this much. */
const REPORT_STEP = 0.05;
/** FLAC input per slice: about 1.5 s of stereo audio. */
const FLAC_SLICE_SAMPLES = 4096 * 32;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

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
}

async function encodeFlac(codec: FlacCodec, audio: PcmAudio, onSlice: (fraction: number) => Promise<void>): Promise<Uint8Array> {
  const encoder = codec.encoder({ sampleRate: audio.sampleRate, channels: audio.channels, totalFrames: audio.samples.length / audio.channels });
  for (let start = 0; start < audio.samples.length; start += FLAC_SLICE_SAMPLES) {
    encoder.write(audio.samples.subarray(start, Math.min(audio.samples.length, start + FLAC_SLICE_SAMPLES)));
    await onSlice(Math.min(1, (start + FLAC_SLICE_SAMPLES) / audio.samples.length));
  }
  return encoder.finish();
}

/**
 * Renders queued exports: MIDI -> General-MIDI synthesis -> normalised 16-bit PCM -> WAV or FLAC
 * -> storage, reporting progress on the export rows and over pub/sub. Work happens in slices
 * with the event loop free between them, so BullMQ keeps renewing the job's lock; a worker that
 * dies stops renewing it, and the stalled-job check hands the job to another worker, which
 * starts that render again from the beginning. The stored file only appears, whole, at the end.
 */
export function startExportWorker(deps: ExportWorkerDependencies): JobWorker {
  let soundBank: Promise<BasicSoundBank> | null = null;
  let flac: Promise<FlacCodec> | null = null;
  const announce = (ids: number[]) => {
    for (const exportId of ids) deps.events.publish(EXPORT_PROGRESS, exportId, { exportId });
  };

  const process = async (job: Job<ExportJobData>) => {
    const { renderKey, format } = job.data;
    const fileKey = fileKeyOf(renderKey, format);
    if ((await deps.storage.size(fileKey)) === null) {
      announce(await deps.repo.advance(renderKey, 'RENDERING', 0));
      let reported = 0;
      const report = async (progress: number) => {
        if (progress - reported < REPORT_STEP) return;
        reported = progress;
        announce(await deps.repo.advance(renderKey, 'RENDERING', Math.min(0.99, progress)));
      };
      const renderer = await MidiRenderer.create(await (soundBank ??= loadSoundFont(deps.soundFontPath)), new Uint8Array(Buffer.from(job.data.midi, 'base64')));
      while (renderer.step()) {
        await report(renderer.progress * RENDER_SHARE);
        await yieldToEventLoop();
      }
      const audio = renderer.finish();
      await yieldToEventLoop();
      const bytes =
        format === 'WAV'
          ? encodeWav(audio)
          : await encodeFlac(await (flac ??= createFlacCodec()), audio, async (fraction) => {
              await report(RENDER_SHARE + fraction * (1 - RENDER_SHARE));
              await yieldToEventLoop();
            });
      await deps.storage.put(fileKey, bytes);
    }
    announce(await deps.repo.complete(renderKey, new Date(Date.now() + deps.urlTtlSeconds * 1_000)));
  };

  return createJobWorker<ExportJobData>(
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
}
