/**
 * Encoders that turn one measurement into a short vector whose cosine with another encoding falls
 * smoothly as the measurements drift apart. That lets a single inner product compare scalars
 * (tempo, distance), angles (heading, key) and distributions (histograms) on one footing.
 */

/** Neighbouring bins overlap by this many bin widths: one step apart keeps a cosine of ~0.78. */
const BUMP_WIDTH = 1;

const gaussian = (distance: number): number => Math.exp(-0.5 * (distance / BUMP_WIDTH) ** 2);

/**
 * Gaussian bumps on `bins` evenly spaced centres over [min, max]; values outside are clamped, so
 * everything beyond the ends reads as the end.
 */
export function radialBins(value: number, min: number, max: number, bins: number): number[] {
  const position = ((Math.min(max, Math.max(min, value)) - min) / (max - min)) * (bins - 1);
  return Array.from({ length: bins }, (_, i) => gaussian(position - i));
}

/** Like radialBins on a circle: `turns` 0 and 1 are the same point (headings, the circle of fifths). */
export function circularBins(turns: number, bins: number): number[] {
  const position = (((turns % 1) + 1) % 1) * bins;
  return Array.from({ length: bins }, (_, i) => {
    const apart = Math.abs(position - i);
    return gaussian(Math.min(apart, bins - apart));
  });
}

/** Two slots per yes/no feature, so the cosine of two encodings is the share of features that agree. */
export function agreement(flags: readonly boolean[]): number[] {
  return flags.flatMap((flag) => (flag ? [1, 0] : [0, 1]));
}

/**
 * Square roots of a histogram's shares: the cosine of two such vectors is the Bhattacharyya
 * coefficient, which does not let one dominant bin (say, stepwise motion) drown the rest.
 */
export function histogramShares(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  return total > 0 ? counts.map((count) => Math.sqrt(count / total)) : counts.map(() => 0);
}

/**
 * Scales to unit length. A block with nothing to say (no melody intervals, say) becomes the
 * uniform vector: neutral towards everything instead of leaving the whole vector short.
 */
export function unit(values: readonly number[]): number[] {
  const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));
  if (norm > 1e-12) return values.map((v) => v / norm);
  const uniform = 1 / Math.sqrt(values.length);
  return values.map(() => uniform);
}

/** Sub-vectors that count equally within one block: each made unit length, the whole unit length too. */
export function joinEqually(parts: readonly (readonly number[])[]): number[] {
  const share = 1 / Math.sqrt(parts.length);
  return parts.flatMap((part) => unit(part).map((v) => v * share));
}
