import { describe, expect, it } from 'vitest';
import { WAV_HEADER_BYTES, decodeWav, encodeWav } from '../../../../server/engine/audio/wav.js';
import { fadeOut, normalisingGain, peakOf, rmsOf, toPcm16 } from '../../../../server/engine/audio/pcm.js';

describe('encodeWav', () => {
  const samples = Int16Array.from([0, 1, -1, 32767, -32767, 1234, -4321, 7]);
  const bytes = encodeWav({ sampleRate: 44_100, channels: 2, samples });
  const view = new DataView(bytes.buffer);
  const text = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));

  it('writes the canonical RIFF/WAVE header for 16-bit PCM stereo', () => {
    expect(bytes.length).toBe(WAV_HEADER_BYTES + samples.length * 2);
    expect(text(0)).toBe('RIFF');
    expect(view.getUint32(4, true)).toBe(bytes.length - 8);
    expect(text(8)).toBe('WAVE');
    expect(text(12)).toBe('fmt ');
    expect(view.getUint32(16, true)).toBe(16);
    expect(view.getUint16(20, true)).toBe(1);
    expect(view.getUint16(22, true)).toBe(2);
    expect(view.getUint32(24, true)).toBe(44_100);
    expect(view.getUint32(28, true)).toBe(44_100 * 4);
    expect(view.getUint16(32, true)).toBe(4);
    expect(view.getUint16(34, true)).toBe(16);
    expect(text(36)).toBe('data');
    expect(view.getUint32(40, true)).toBe(samples.length * 2);
  });

  it('stores samples little-endian and reads back exactly', () => {
    expect(view.getInt16(WAV_HEADER_BYTES + 6, true)).toBe(32767);
    const decoded = decodeWav(bytes);
    expect(decoded).toMatchObject({ sampleRate: 44_100, channels: 2, bitsPerSample: 16, formatTag: 1, riffSize: bytes.length - 8 });
    expect([...decoded.samples]).toEqual([...samples]);
  });

  it('refuses partial frames and malformed files', () => {
    expect(() => encodeWav({ sampleRate: 44_100, channels: 2, samples: new Int16Array(3) })).toThrow(RangeError);
    expect(() => decodeWav(new Uint8Array(10))).toThrow(/RIFF/);
    expect(() => decodeWav(bytes.subarray(0, 50))).toThrow(/past the end/);
  });
});

describe('normalisation to 16-bit PCM', () => {
  it('brings the peak to the target without reaching full scale', () => {
    const left = Float32Array.from([0, 0.25, -0.5, 0.1]);
    const right = Float32Array.from([0, -0.2, 0.3, 0.05]);
    expect(peakOf([left, right])).toBe(0.5);
    const gain = normalisingGain(0.5, -1);
    const pcm = toPcm16([left, right], gain);
    const peak = Math.max(...[...pcm].map(Math.abs));
    expect(peak).toBe(Math.round(10 ** (-1 / 20) * 32767));
    expect(peak).toBeLessThan(32767);
    // Interleaved: left then right in each frame.
    expect(pcm[4]).toBe(-peak);
    expect(pcm.length).toBe(8);
  });

  it('scales quiet and loud input alike, and leaves silence alone', () => {
    expect(normalisingGain(2, -1)).toBeCloseTo(0.4456, 3);
    expect(normalisingGain(0.01, -1)).toBeCloseTo(89.125, 2);
    expect(normalisingGain(0, -1)).toBe(1);
    expect(() => normalisingGain(1, 0)).toThrow(RangeError);
    expect(rmsOf(toPcm16([new Float32Array(100), new Float32Array(100)], 1))).toBe(0);
  });

  it('fades the last frames to silence', () => {
    const channel = new Float32Array(10).fill(1);
    fadeOut([channel], 4);
    expect([...channel.subarray(0, 6)]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(channel[9]).toBe(0);
    expect(channel[6]).toBeCloseTo(0.75);
  });

  it('measures RMS as a fraction of full scale', () => {
    expect(rmsOf(Int16Array.from([32767, -32767]))).toBeCloseTo(1);
    expect(rmsOf(Int16Array.from([16384, -16384, 16384, -16384]))).toBeCloseTo(0.5, 3);
  });
});
