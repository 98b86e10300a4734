/**
 * Composition embeddings: one fixed-length, unit-length vector per piece that says how it sounds
 * and what flight it came from, so "sounds alike" becomes a nearest-neighbour search.
 *
 * The vector is a concatenation of blocks. Each block encodes one aspect and is unit length on its
 * own; it is then scaled by the square root of its weight, and the weights sum to 1. The inner
 * product of two embeddings is therefore exactly the weighted mean of the blocks' cosines: a
 * similarity in [0, 1] (every encoder is non-negative) in which each aspect counts precisely as
 * much as its weight says, however many dimensions it happens to need.
 */
import { analyseFlight, type FlightFeatures } from '../music/features.js';
import type { Flight, Score } from '../music/index.js';
import { bearingBlock, crossingsBlock, distanceBlock, hubBlock, latitudeBlock } from './flight.js';
import { contourBlock, type Heard, densityBlock, intervalBlock, keyBlock, lengthBlock, modeBlock, pitchClassBlock, listen, registerBlock, rhythmBlock, tempoBlock, themeBlock } from './sound.js';

/** Bump whenever an encoder, a block or a weight changes: saved indexes built with another version are stale. */
export const EMBEDDING_VERSION = '1';

export type BlockFamily = 'sound' | 'flight';

export interface EmbeddingBlock {
  name: string;
  family: BlockFamily;
  /** Share of the similarity this aspect decides; the weights sum to 1. */
  weight: number;
  dimensions: number;
  encode(heard: Heard, flight: Flight, features: FlightFeatures): number[];
}

/**
 * Sound decides 70% and the flight 30%: the product promises pieces that sound alike, and the
 * flight's geometry already reaches the ear through key, tempo, mode and register, so weighting
 * it heavily would count those twice. Within sound, the aspects a listener notices first (style,
 * tempo, tonal colour) weigh most; fine melodic statistics refine the ranking among those.
 */
export const EMBEDDING_BLOCKS: readonly EmbeddingBlock[] = [
  { name: 'theme', family: 'sound', weight: 0.12, dimensions: 8, encode: themeBlock },
  { name: 'tempo', family: 'sound', weight: 0.1, dimensions: 8, encode: tempoBlock },
  { name: 'pitchClasses', family: 'sound', weight: 0.09, dimensions: 12, encode: pitchClassBlock },
  { name: 'key', family: 'sound', weight: 0.07, dimensions: 12, encode: keyBlock },
  { name: 'mode', family: 'sound', weight: 0.07, dimensions: 12, encode: modeBlock },
  { name: 'intervals', family: 'sound', weight: 0.05, dimensions: 9, encode: intervalBlock },
  { name: 'contour', family: 'sound', weight: 0.05, dimensions: 9, encode: contourBlock },
  { name: 'rhythm', family: 'sound', weight: 0.05, dimensions: 16, encode: rhythmBlock },
  { name: 'density', family: 'sound', weight: 0.05, dimensions: 21, encode: densityBlock },
  { name: 'register', family: 'sound', weight: 0.03, dimensions: 8, encode: registerBlock },
  { name: 'length', family: 'sound', weight: 0.02, dimensions: 6, encode: lengthBlock },
  { name: 'distance', family: 'flight', weight: 0.08, dimensions: 8, encode: (_heard, _flight, features) => distanceBlock(features) },
  { name: 'bearing', family: 'flight', weight: 0.07, dimensions: 12, encode: (_heard, _flight, features) => bearingBlock(features) },
  { name: 'latitude', family: 'flight', weight: 0.06, dimensions: 10, encode: (_heard, _flight, features) => latitudeBlock(features) },
  { name: 'crossings', family: 'flight', weight: 0.05, dimensions: 10, encode: (_heard, flight, features) => crossingsBlock(flight, features) },
  { name: 'hubs', family: 'flight', weight: 0.04, dimensions: 10, encode: (_heard, _flight, features) => hubBlock(features) },
];

export const EMBEDDING_DIMENSIONS = EMBEDDING_BLOCKS.reduce((sum, block) => sum + block.dimensions, 0);

/** The embedding of a piece composed from `flight`; unit length, deterministic. */
export function embedComposition(score: Score, flight: Flight): Float32Array {
  const heard = listen(score);
  const features = analyseFlight(flight);
  const vector = new Float32Array(EMBEDDING_DIMENSIONS);
  let offset = 0;
  for (const block of EMBEDDING_BLOCKS) {
    const values = block.encode(heard, flight, features);
    if (values.length !== block.dimensions) throw new Error(`embedding block ${block.name} gave ${values.length} values, not ${block.dimensions}`);
    const scale = Math.sqrt(block.weight);
    for (let i = 0; i < values.length; i++) vector[offset + i] = values[i] * scale;
    offset += block.dimensions;
  }
  return vector;
}

/** Inner product: for two embeddings, the weighted mean of their blocks' cosines (1 = alike in every aspect). */
export function similarity(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** Each block's cosine between two embeddings: why two pieces are (or are not) alike. */
export function blockSimilarities(a: Float32Array, b: Float32Array): Record<string, number> {
  const result: Record<string, number> = {};
  let offset = 0;
  for (const block of EMBEDDING_BLOCKS) {
    let sum = 0;
    for (let i = offset; i < offset + block.dimensions; i++) sum += a[i] * b[i];
    result[block.name] = sum / block.weight;
    offset += block.dimensions;
  }
  return result;
}
