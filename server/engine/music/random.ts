/**
 * Deterministic randomness. Every choice the composer makes flows from a seed hashed from the
 * canonical inputs, so the same flight and options always give byte-identical output.
 */

/** FNV-1a over UTF-16 code units, finished with a murmur3 avalanche so near-identical inputs spread apart. */
export function hashString(text: string, basis = 0): number {
  let hash = (0x811c9dc5 ^ basis) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * Independent stream for one concern (melody, drums, ...): changing how the drums consume
 * randomness must not change the melody of an existing flight.
 */
export function deriveSeed(seed: number, label: string): number {
  return hashString(label, seed);
}

/** mulberry32: tiny state, fast, and good enough statistically for musical choices. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, count). */
  int(count: number): number {
    return Math.floor(this.next() * count);
  }

  /** Uniform in [-1, 1). */
  signed(): number {
    return this.next() * 2 - 1;
  }

  /** Index drawn in proportion to weights[0..count); weights must not all be zero. */
  weighted(weights: ArrayLike<number>, count: number): number {
    let total = 0;
    for (let i = 0; i < count; i++) total += weights[i];
    let threshold = this.next() * total;
    for (let i = 0; i < count; i++) {
      threshold -= weights[i];
      if (threshold < 0 && weights[i] > 0) return i;
    }
    for (let i = count - 1; i >= 0; i--) if (weights[i] > 0) return i;
    return 0;
  }
}
