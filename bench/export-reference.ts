/**
 * The export sound's reference figures: renders the three frozen MIDI pieces in
 * test/fixtures/audio/ with the current renderer and prints, per piece, its length in frames,
 * RMS (dBFS), spectral centroid (Hz) and peak. test/unit/engine/audio/render-equality.test.ts
 * keeps the figures one commit printed and checks every later renderer against them.
 * `--write-midi` first composes the pieces afresh (do that only when the reference is renewed).
 *
 *   node dist/bench/export-reference.js [--write-midi]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSoundFont } from '../server/adapters/sound-font.js';
import { rmsOf, spectralCentroidHz } from '../server/engine/audio/pcm.js';
import { MidiRenderer } from '../server/engine/audio/render.js';
import { compose, encodeMidi, themeById } from '../server/engine/music/index.js';
import { EXPORT_BENCH_FLIGHT as FLIGHT } from './export-flight.js';
import { PROJECT_ROOT } from '../server/paths.js';

const REFERENCE_PIECES = ['electronic', 'rock', 'classical'] as const;
const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures', 'audio');

const { values } = parseArgs({ options: { 'write-midi': { type: 'boolean', default: false } } });
if (values['write-midi']) {
  for (const theme of REFERENCE_PIECES) {
    await writeFile(join(FIXTURES, `${theme}.mid`), encodeMidi(compose(FLIGHT, { theme: themeById(theme)!, durationSeconds: 20, variation: 0 })));
  }
}

const soundBank = await loadSoundFont();
const figures: Record<string, { frames: number; rmsDbfs: number; centroidHz: number; peak: number }> = {};
for (const theme of REFERENCE_PIECES) {
  const audio = (await MidiRenderer.create(soundBank, new Uint8Array(await readFile(join(FIXTURES, `${theme}.mid`))))).finish();
  let peak = 0;
  for (const sample of audio.samples) peak = Math.max(peak, Math.abs(sample));
  figures[theme] = {
    frames: audio.samples.length / audio.channels,
    rmsDbfs: Number((20 * Math.log10(rmsOf(audio.samples))).toFixed(3)),
    centroidHz: Number(spectralCentroidHz(audio.samples, audio.channels, audio.sampleRate).toFixed(1)),
    peak,
  };
}
console.log(JSON.stringify(figures, null, 2));
