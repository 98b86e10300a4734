/** Turning the synthesiser's float output into 16-bit PCM: peak normalisation without clipping. */

const FULL_SCALE = 32767;

/** The largest absolute sample value across channels (0 for silence). */
export function peakOf(channels: readonly Float32Array[]): number {
  let peak = 0;
  for (const channel of channels) {
    for (let i = 0; i < channel.length; i++) {
      const value = Math.abs(channel[i]);
      if (value > peak) peak = value;
    }
  }
  return peak;
}

/**
 * The gain that brings `peak` to `targetDbfs` (e.g. -1 dBFS): loud enough to use the range, with
 * headroom so that no sample reaches full scale after rounding. Silence keeps gain 1.
 */
export function normalisingGain(peak: number, targetDbfs: number): number {
  if (!(targetDbfs < 0)) throw new RangeError('the target must be below 0 dBFS');
  if (!(peak > 0) || !Number.isFinite(peak)) return 1;
  return 10 ** (targetDbfs / 20) / peak;
}

/** Interleaves the channels into signed 16-bit samples after applying `gain`, rounding to nearest. */
export function toPcm16(channels: readonly Float32Array[], gain: number): Int16Array {
  const frames = channels[0]?.length ?? 0;
  if (channels.some((channel) => channel.length !== frames)) throw new RangeError('channels differ in length');
  const out = new Int16Array(frames * channels.length);
  const scale = gain * FULL_SCALE;
  for (let c = 0; c < channels.length; c++) {
    const channel = channels[c];
    for (let i = 0, j = c; i < frames; i++, j += channels.length) {
      // The clamp only guards against a non-finite gain or sample: a normalised peak stays below it.
      out[j] = Math.max(-FULL_SCALE, Math.min(FULL_SCALE, Math.round(channel[i] * scale)));
    }
  }
  return out;
}

/** Linear fade to silence over the last `frames` frames, so a cut-off reverb tail does not click. */
export function fadeOut(channels: readonly Float32Array[], frames: number): void {
  for (const channel of channels) {
    const length = Math.min(frames, channel.length);
    const start = channel.length - length;
    for (let i = 0; i < length; i++) channel[start + i] *= 1 - (i + 1) / length;
  }
}

/** Root mean square of interleaved PCM as a fraction of full scale. */
export function rmsOf(samples: Int16Array): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
  return samples.length === 0 ? 0 : Math.sqrt(sum / samples.length) / FULL_SCALE;
}

/** Radix-2 in-place FFT of `re`/`im` (length a power of two). */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let size = 2; size <= n; size <<= 1) {
    const step = (-2 * Math.PI) / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < size / 2; k++) {
        const wr = Math.cos(step * k);
        const wi = Math.sin(step * k);
        const a = start + k;
        const b = a + size / 2;
        const tr = re[b] * wr - im[b] * wi;
        const ti = re[b] * wi + im[b] * wr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
}

/**
 * The spectral centroid (Hz) of interleaved PCM: the magnitude-weighted mean frequency of the
 * channels' mix over Hann-windowed frames, a single figure for how bright a render sounds.
 */
export function spectralCentroidHz(samples: Int16Array, channels: number, sampleRate: number, frameSize = 2048): number {
  const re = new Float64Array(frameSize);
  const im = new Float64Array(frameSize);
  let weighted = 0;
  let total = 0;
  const frames = Math.floor(samples.length / channels);
  for (let start = 0; start + frameSize <= frames; start += frameSize) {
    for (let i = 0; i < frameSize; i++) {
      let mix = 0;
      for (let c = 0; c < channels; c++) mix += samples[(start + i) * channels + c];
      re[i] = (mix / channels) * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (frameSize - 1)));
      im[i] = 0;
    }
    fft(re, im);
    for (let bin = 1; bin < frameSize / 2; bin++) {
      const magnitude = Math.hypot(re[bin], im[bin]);
      weighted += magnitude * ((bin * sampleRate) / frameSize);
      total += magnitude;
    }
  }
  return total === 0 ? 0 : weighted / total;
}
