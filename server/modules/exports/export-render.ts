import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { JobsOptions } from 'bullmq';
import type { ExportFormat } from './export.repo.js';

export const EXPORT_QUEUE = 'audio-exports';

/** Bump when the same MIDI would render to different samples (synthesiser, mixing, encoders). */
export const RENDERER_VERSION = 'spessasynth_core-4.3.22/normalise-1dB/tail-0.8s/release-floor-70dB/v2';

/** What a render job carries: everything needed, so a worker never reads the composition. */
export interface ExportJobData {
  renderKey: string;
  format: ExportFormat;
  /** The Standard MIDI File, base64. */
  midi: string;
}

/** Three tries, a few seconds apart; finished and failed jobs leave Redis (the rows keep the outcome). */
export const EXPORT_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: true,
  removeOnFail: true,
};

/** A job may stall (its worker died) this many times before it fails. */
export const EXPORT_MAX_STALLS = 2;

export const EXTENSIONS: Record<ExportFormat, string> = { WAV: 'wav', FLAC: 'flac' };
export const CONTENT_TYPES: Record<ExportFormat, string> = { WAV: 'audio/wav', FLAC: 'audio/flac' };

/** Identical music in the same format with the same font gives the same key, so one render serves all. */
export function renderKeyOf(midi: Uint8Array, format: ExportFormat, soundFontPath: string): string {
  return createHash('sha256')
    .update(`${RENDERER_VERSION}\n${basename(soundFontPath)}\n${format}\n`)
    .update(midi)
    .digest('hex');
}

export function fileKeyOf(renderKey: string, format: ExportFormat): string {
  return `${renderKey}.${EXTENSIONS[format]}`;
}
