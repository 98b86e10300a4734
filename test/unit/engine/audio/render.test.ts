import { describe, expect, it } from 'vitest';
import { createFlacCodec } from '../../../../server/adapters/flac.js';
import { loadSoundFont } from '../../../../server/adapters/sound-font.js';
import { MidiRenderer, SAMPLE_RATE, TAIL_SECONDS } from '../../../../server/engine/audio/render.js';
import { rmsOf } from '../../../../server/engine/audio/pcm.js';
import { compose, encodeMidi, themeById } from '../../../../server/engine/music/index.js';
import { flightThrough } from '../music/fixtures.js';

describe('MidiRenderer with the General-MIDI SoundFont', { timeout: 120_000 }, async () => {
  const soundBank = await loadSoundFont();
  const score = compose(flightThrough(['JFK', 'LAX'], 'ROUTE'), { theme: themeById('rock')!, durationSeconds: 12, variation: 0 });
  const midi = encodeMidi(score);
  const renderer = await MidiRenderer.create(soundBank, midi);
  let steps = 0;
  while (renderer.step()) steps++;
  const audio = renderer.finish();
  const frames = audio.samples.length / 2;

  it('renders 44.1 kHz stereo as long as the piece plus a short tail', () => {
    expect(audio.sampleRate).toBe(SAMPLE_RATE);
    expect(audio.channels).toBe(2);
    expect(Math.abs(frames / SAMPLE_RATE - score.durationSeconds)).toBeLessThanOrEqual(1);
    expect(frames).toBe(Math.ceil(SAMPLE_RATE * (renderer.midiSeconds + TAIL_SECONDS)));
    expect(steps).toBeGreaterThanOrEqual(Math.floor(score.durationSeconds));
  });

  it('is audible, peak-normalised to -1 dBFS, and never clips', () => {
    let peak = 0;
    for (const sample of audio.samples) peak = Math.max(peak, Math.abs(sample));
    expect(peak).toBeLessThan(32767);
    expect(peak).toBeGreaterThanOrEqual(Math.round(10 ** (-1 / 20) * 32767) - 1);
    expect(rmsOf(audio.samples)).toBeGreaterThan(0.02);
  });

  it('plays drums on channel 10 with a drum kit, and the other parts on their own programs', async () => {
    const drums = score.tracks.find((track) => track.role === 'DRUMS')!;
    expect(drums.channel).toBe(9);
    expect(score.tracks.filter((track) => track !== drums).every((track) => track.channel !== 9)).toBe(true);
    const renderOnly = async (tracks: typeof score.tracks) => (await MidiRenderer.create(soundBank, encodeMidi({ ...score, tracks }))).finish().samples;
    const kit = await renderOnly([drums]);
    // The same notes on a melodic channel play a pitched instrument: a different sound.
    const pitched = await renderOnly([{ ...drums, channel: 0 }]);
    expect(rmsOf(kit)).toBeGreaterThan(0.02);
    expect(Buffer.from(kit.buffer).equals(Buffer.from(pitched.buffer))).toBe(false);
  });

  it('is deterministic: the same MIDI renders the same samples', async () => {
    const again = await MidiRenderer.create(soundBank, midi);
    expect(Buffer.from(again.finish().samples.buffer).equals(Buffer.from(audio.samples.buffer))).toBe(true);
  });

  it('FLAC-encodes losslessly: decoding gives the same samples', async () => {
    const codec = await createFlacCodec();
    const encoder = codec.encoder({ sampleRate: audio.sampleRate, channels: 2, totalFrames: frames });
    for (let i = 0; i < audio.samples.length; i += 50_000) encoder.write(audio.samples.subarray(i, i + 50_000));
    const flac = encoder.finish();
    expect(String.fromCharCode(...flac.subarray(0, 4))).toBe('fLaC');
    expect(flac.length).toBeLessThan(audio.samples.length * 2);
    const decoded = codec.decode(flac);
    expect(decoded.sampleRate).toBe(SAMPLE_RATE);
    expect(decoded.channels).toBe(2);
    expect(Buffer.from(decoded.samples.buffer).equals(Buffer.from(audio.samples.buffer))).toBe(true);
  });
});
