import { parentPort } from 'node:worker_threads';
import type { BasicSoundBank } from 'spessasynth_core';
import { createFlacCodec, type FlacCodec } from '../adapters/flac.js';
import { decodeProgramSamples, loadSoundFont } from '../adapters/sound-font.js';
import { MidiRenderer } from '../engine/audio/render.js';
import { encodeWav, type PcmAudio } from '../engine/audio/wav.js';
import { BUILT_IN_PROGRAMS } from '../engine/music/index.js';
import type { ExportFormat } from '../modules/exports/export.repo.js';
import type { ThreadReply, ThreadRequest } from './render-pool.js';

/** FLAC input per slice: about 1.5 s of stereo audio. */
const FLAC_SLICE_SAMPLES = 4096 * 32;
/** Rendering takes this share of the progress bar; encoding the rest. */
const RENDER_SHARE = 0.9;

/**
 * One render thread of the export pool: MIDI -> General-MIDI synthesis -> normalised 16-bit PCM
 * -> WAV or FLAC bytes, one request at a time, with progress after every second of audio. The
 * sound bank and the FLAC codec load once per thread, on first use; a warm-up request loads the
 * bank ahead of it and decodes the samples of the built-in themes' instruments.
 */
let soundBank: Promise<BasicSoundBank> | null = null;
let flac: Promise<FlacCodec> | null = null;
const port = parentPort!;
const reply = (message: ThreadReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function encode(audio: PcmAudio, format: ExportFormat): Promise<Uint8Array> {
  if (format === 'WAV') return encodeWav(audio);
  const encoder = (await (flac ??= createFlacCodec())).encoder({ sampleRate: audio.sampleRate, channels: audio.channels, totalFrames: audio.samples.length / audio.channels });
  for (let start = 0; start < audio.samples.length; start += FLAC_SLICE_SAMPLES) {
    encoder.write(audio.samples.subarray(start, Math.min(audio.samples.length, start + FLAC_SLICE_SAMPLES)));
    reply({ type: 'progress', fraction: RENDER_SHARE + (1 - RENDER_SHARE) * Math.min(1, (start + FLAC_SLICE_SAMPLES) / audio.samples.length) });
  }
  return encoder.finish();
}

port.on('message', async (request: ThreadRequest) => {
  try {
    const bank = await (soundBank ??= loadSoundFont(request.soundFontPath));
    if (request.type === 'warm') {
      decodeProgramSamples(bank, BUILT_IN_PROGRAMS);
      reply({ type: 'warm' });
      return;
    }
    const { midi, format } = request;
    const renderer = await MidiRenderer.create(bank, midi);
    while (renderer.step()) reply({ type: 'progress', fraction: renderer.progress * RENDER_SHARE });
    const bytes = await encode(renderer.finish(), format);
    reply({ type: 'done', bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
