import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSoundFont } from '../../../../server/adapters/sound-font.js';
import { rmsOf, spectralCentroidHz } from '../../../../server/engine/audio/pcm.js';
import { MidiRenderer } from '../../../../server/engine/audio/render.js';

/**
 * How the three frozen pieces in test/fixtures/audio/ sounded when rendered by the export
 * renderer of commit d729420 (spessasynth_core 4.3.22 with its own Dattorro reverb and chorus,
 * 128-frame blocks), printed by `node dist/bench/export-reference.js`. A faster renderer must
 * sound the same: RMS within 1 dB, spectral centroid within 5 %, same length, no clipping.
 */
const REFERENCE = {
  electronic: { frames: 932_230, rmsDbfs: -19.291, centroidHz: 4449 },
  rock: { frames: 885_780, rmsDbfs: -17.526, centroidHz: 3731.8 },
  classical: { frames: 906_904, rmsDbfs: -16.334, centroidHz: 2544.1 },
};

describe('the export renderer sounds as the reference render did', { timeout: 180_000 }, async () => {
  const soundBank = await loadSoundFont();
  for (const [theme, reference] of Object.entries(REFERENCE)) {
    it(`${theme}: same length, RMS within 1 dB, centroid within 5 %, no clipping`, async () => {
      const midi = new Uint8Array(await readFile(join(import.meta.dirname, '../../../fixtures/audio', `${theme}.mid`)));
      const audio = (await MidiRenderer.create(soundBank, midi)).finish();
      let peak = 0;
      for (const sample of audio.samples) peak = Math.max(peak, Math.abs(sample));
      expect(audio.samples.length / audio.channels).toBe(reference.frames);
      expect(Math.abs(20 * Math.log10(rmsOf(audio.samples)) - reference.rmsDbfs)).toBeLessThanOrEqual(1);
      const centroid = spectralCentroidHz(audio.samples, audio.channels, audio.sampleRate);
      expect(Math.abs(centroid - reference.centroidHz) / reference.centroidHz).toBeLessThanOrEqual(0.05);
      expect(peak).toBeLessThan(32_767);
    });
  }
});
