import { BasicSample } from 'spessasynth_core';
import { describe, expect, it, vi } from 'vitest';
import { decodeProgramSamples, loadSoundFont } from '../../../../server/adapters/sound-font.js';
import { MidiRenderer } from '../../../../server/engine/audio/render.js';
import { BUILT_IN_PROGRAMS, BUILT_IN_THEMES, compose, encodeMidi } from '../../../../server/engine/music/index.js';
import { flightThrough } from '../music/fixtures.js';

describe('decoding the built-in themes’ samples before any render (a render thread’s warm-up)', { timeout: 180_000 }, () => {
  it('leaves no sample for a built-in theme’s render to decode, drum kits included', async () => {
    // The SF3 bank's Ogg decoder, which a render would otherwise call on a note's first use.
    const decodes = vi.spyOn(BasicSample.prototype as unknown as { decodeVorbis(): Float32Array }, 'decodeVorbis');
    try {
      const soundBank = await loadSoundFont();
      decodeProgramSamples(soundBank, BUILT_IN_PROGRAMS);
      expect(decodes.mock.calls.length).toBeGreaterThan(BUILT_IN_PROGRAMS.length);
      decodes.mockClear();
      for (const theme of BUILT_IN_THEMES) {
        const audio = (await MidiRenderer.create(soundBank, encodeMidi(compose(flightThrough(['JFK', 'LAX'], 'ROUTE'), { theme, durationSeconds: 10, variation: 0 })))).finish();
        expect(audio.samples.length).toBeGreaterThan(0);
      }
      expect(decodes).not.toHaveBeenCalled();
    } finally {
      decodes.mockRestore();
    }
  });
});
