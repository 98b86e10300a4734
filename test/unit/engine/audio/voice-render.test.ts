import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BasicMIDI, InterpolationTypes, SpessaSynthProcessor, SpessaSynthSequencer } from 'spessasynth_core';
import { describe, expect, it } from 'vitest';
import { loadSoundFont } from '../../../../server/adapters/sound-font.js';
import { BusReverb } from '../../../../server/engine/audio/reverb.js';
import { fuseVoiceRendering } from '../../../../server/engine/audio/voice-render.js';

const SAMPLE_RATE = 44_100;
const BLOCK = 128;

/** The first `seconds` of a frozen piece through the synthesiser, with its own voice render or the fused one. */
async function renderFloat(midi: Uint8Array, fused: boolean, seconds: number): Promise<Float32Array[]> {
  const soundBank = await loadSoundFont();
  const synth = new SpessaSynthProcessor(SAMPLE_RATE, { eventsEnabled: false, maxBufferSize: BLOCK, reverbProcessor: new BusReverb(SAMPLE_RATE, BLOCK) });
  synth.soundBankManager.addSoundBank(soundBank, 'general-midi');
  await synth.processorInitialized;
  synth.setSystemParameter('interpolationType', InterpolationTypes.linear);
  if (fused) fuseVoiceRendering(synth);
  const sequencer = new SpessaSynthSequencer(synth);
  sequencer.loadNewSongList([BasicMIDI.fromArrayBuffer(midi.buffer.slice(midi.byteOffset, midi.byteOffset + midi.byteLength) as ArrayBuffer)]);
  sequencer.play();
  const left = new Float32Array(seconds * SAMPLE_RATE);
  const right = new Float32Array(seconds * SAMPLE_RATE);
  for (let start = 0; start < left.length; start += BLOCK) {
    sequencer.processTick();
    synth.process(left, right, start, Math.min(BLOCK, left.length - start));
  }
  return [left, right];
}

describe('the fused voice render', { timeout: 180_000 }, () => {
  for (const theme of ['electronic', 'classical']) {
    it(`${theme}: renders what the library's own voice render does, to float rounding`, async () => {
      const midi = new Uint8Array(await readFile(join(import.meta.dirname, '../../../fixtures/audio', `${theme}.mid`)));
      const library = await renderFloat(midi, false, 8);
      const fused = await renderFloat(midi, true, 8);
      let peak = 0;
      let difference = 0;
      for (let c = 0; c < 2; c++) {
        for (let i = 0; i < library[c].length; i++) {
          peak = Math.max(peak, Math.abs(library[c][i]));
          difference = Math.max(difference, Math.abs(fused[c][i] - library[c][i]));
        }
      }
      expect(peak).toBeGreaterThan(0.05);
      // The fused loop did run (it keeps the filtered sample in 64 bits, so it rounds differently)...
      expect(difference).toBeGreaterThan(0);
      // ...and stays under one 16-bit step of the normalised export.
      expect(difference / peak).toBeLessThan(1 / 32_767);
    });
  }
});
