import { Rng } from '../../server/engine/music/random.js';

/** A seeded random source (the engine's mulberry32), so tests that generate data build the same every run. */
export function mulberry32(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}
