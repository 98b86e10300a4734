import { decodeWav, type WavInfo } from '../../server/engine/audio/wav.js';
import { rmsOf } from '../../server/engine/audio/pcm.js';

/** Checks a WAV download the way a player would and returns what it holds. */
export function inspectWav(bytes: Uint8Array): WavInfo & { seconds: number; peak: number; rms: number } {
  const wav = decodeWav(bytes);
  let peak = 0;
  for (const sample of wav.samples) peak = Math.max(peak, Math.abs(sample));
  return { ...wav, seconds: wav.samples.length / wav.channels / wav.sampleRate, peak, rms: rmsOf(wav.samples) };
}

/** The row id inside a global id like the API's (base64url of "Type:key"). */
export const rowIdOf = (globalId: string): number => Number(Buffer.from(globalId, 'base64url').toString().split(':')[1]);
