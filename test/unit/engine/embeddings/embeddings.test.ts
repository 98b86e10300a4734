import { describe, expect, it } from 'vitest';
import { EMBEDDING_BLOCKS, EMBEDDING_DIMENSIONS, blockSimilarities, embedComposition, similarity } from '../../../../server/engine/embeddings/index.js';
import { agreement, circularBins, histogramShares, joinEqually, radialBins, unit } from '../../../../server/engine/embeddings/encoding.js';
import { compose, defaultThemeIdFor, themeById, type ComposeOptions, type Flight } from '../../../../server/engine/music/index.js';
import { flightThrough } from '../music/fixtures.js';

const cosine = (a: number[], b: number[]): number => {
  const dot = a.reduce((sum, v, i) => sum + v * b[i], 0);
  return dot / Math.sqrt(a.reduce((s, v) => s + v * v, 0) * b.reduce((s, v) => s + v * v, 0));
};
const norm = (v: ArrayLike<number>): number => Math.sqrt(Array.from(v).reduce((sum, x) => sum + x * x, 0));

function embedRoute(from: string, to: string, options: Partial<ComposeOptions> = {}): Float32Array {
  const flight: Flight = flightThrough([from, to], 'ROUTE');
  const theme = options.theme ?? themeById(defaultThemeIdFor(flight))!;
  return embedComposition(compose(flight, { ...options, theme }), flight);
}

describe('encoders', () => {
  it('radial bins: nearer values have higher cosines, and values beyond the ends clamp', () => {
    const at = (value: number) => radialBins(value, 0, 10, 8);
    expect(cosine(at(5), at(5.5))).toBeGreaterThan(cosine(at(5), at(7)));
    expect(cosine(at(5), at(7))).toBeGreaterThan(cosine(at(5), at(10)));
    expect(at(-3)).toEqual(at(0));
  });

  it('circular bins wrap around: 355° is as near to 5° as 15° is', () => {
    const heading = (deg: number) => circularBins(deg / 360, 12);
    expect(cosine(heading(5), heading(355))).toBeCloseTo(cosine(heading(5), heading(15)), 3);
    expect(cosine(heading(0), heading(180))).toBeLessThan(0.01);
  });

  it('agreement: the cosine is the share of flags that agree', () => {
    expect(cosine(agreement([true, false, true, true]), agreement([true, true, true, false]))).toBeCloseTo(0.5, 10);
  });

  it('histogram shares, unit and joinEqually give unit vectors; an empty one turns uniform', () => {
    expect(norm(histogramShares([3, 1, 0, 4]))).toBeCloseTo(1, 10);
    expect(unit([0, 0, 0, 0])).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(norm(joinEqually([[1, 2], [0, 0, 0], [5]]))).toBeCloseTo(1, 10);
  });
});

describe('embedComposition', () => {
  it('declares its blocks: dimensions add up and weights sum to 1, sound 70%, flight 30%', () => {
    expect(EMBEDDING_DIMENSIONS).toBe(EMBEDDING_BLOCKS.reduce((sum, b) => sum + b.dimensions, 0));
    const total = (family?: string) => EMBEDDING_BLOCKS.filter((b) => !family || b.family === family).reduce((sum, b) => sum + b.weight, 0);
    expect(total()).toBeCloseTo(1, 12);
    expect(total('sound')).toBeCloseTo(0.7, 12);
    expect(total('flight')).toBeCloseTo(0.3, 12);
    expect(new Set(EMBEDDING_BLOCKS.map((b) => b.name)).size).toBe(EMBEDDING_BLOCKS.length);
  });

  it('is unit length, non-negative and deterministic; every block of a piece matches itself fully', () => {
    for (const [from, to] of [
      ['JFK', 'LAX'],
      ['SYD', 'LHR'],
      ['SFO', 'SJC'],
      ['NAN', 'AKL'],
    ]) {
      const vector = embedRoute(from, to);
      expect(vector).toHaveLength(EMBEDDING_DIMENSIONS);
      expect(norm(vector)).toBeCloseTo(1, 5);
      expect(Math.min(...vector)).toBeGreaterThanOrEqual(0);
      expect(embedRoute(from, to)).toEqual(vector);
      expect(similarity(vector, vector)).toBeCloseTo(1, 5);
      for (const value of Object.values(blockSimilarities(vector, vector))) expect(value).toBeCloseTo(1, 4);
    }
  });

  it('the similarity is the weighted mean of the block cosines', () => {
    const a = embedRoute('JFK', 'LAX');
    const b = embedRoute('LHR', 'CDG');
    const blocks = blockSimilarities(a, b);
    const weighted = EMBEDDING_BLOCKS.reduce((sum, block) => sum + block.weight * blocks[block.name], 0);
    expect(similarity(a, b)).toBeCloseTo(weighted, 6);
  });

  it('another take of the same flight sounds more alike than the same flight in another style', () => {
    const flight = flightThrough(['JFK', 'LAX'], 'ROUTE');
    const jazz = themeById('jazz')!;
    const base = embedComposition(compose(flight, { theme: jazz }), flight);
    const take = embedComposition(compose(flight, { theme: jazz, variation: 3 }), flight);
    const ambient = embedComposition(compose(flight, { theme: themeById('ambient')! }), flight);
    expect(similarity(base, take)).toBeGreaterThan(similarity(base, ambient));
    expect(similarity(base, take)).toBeGreaterThan(0.9);
  });

  it('a route sounds more like another take of itself than like its reverse (other key, heading, contour)', () => {
    const there = embedRoute('JFK', 'LAX');
    const again = embedRoute('JFK', 'LAX', { variation: 1 });
    const back = embedRoute('LAX', 'JFK');
    expect(similarity(there, again)).toBeGreaterThan(similarity(there, back));
    expect(blockSimilarities(there, back).key).toBeLessThan(0.2);
  });

  it('keys are compared on the circle of fifths and modes by their shared notes', () => {
    const flight = flightThrough(['JFK', 'LAX'], 'ROUTE');
    const theme = themeById('classical')!;
    const piece = (options: Partial<ComposeOptions>) => embedComposition(compose(flight, { theme, ...options }), flight);
    const inC = piece({ keyRoot: 'C', scale: 'DORIAN' });
    expect(blockSimilarities(inC, piece({ keyRoot: 'G', scale: 'DORIAN' })).key).toBeGreaterThan(blockSimilarities(inC, piece({ keyRoot: 'F#', scale: 'DORIAN' })).key);
    expect(blockSimilarities(inC, piece({ keyRoot: 'C', scale: 'NATURAL_MINOR' })).mode).toBeGreaterThan(
      blockSimilarities(piece({ keyRoot: 'C', scale: 'LYDIAN' }), piece({ keyRoot: 'C', scale: 'PHRYGIAN' })).mode,
    );
  });

  it('a tempo override moves only the sound, not the flight blocks', () => {
    const flight = flightThrough(['DEN', 'MIA'], 'ROUTE');
    const theme = themeById('rock')!;
    const slow = embedComposition(compose(flight, { theme, tempoBpm: 70 }), flight);
    const fast = embedComposition(compose(flight, { theme, tempoBpm: 160 }), flight);
    const blocks = blockSimilarities(slow, fast);
    expect(blocks.tempo).toBeLessThan(0.1);
    for (const block of EMBEDDING_BLOCKS.filter((b) => b.family === 'flight')) expect(blocks[block.name]).toBeCloseTo(1, 5);
  });

  it('handles paths and journeys (crossings count the legs)', () => {
    const flight = flightThrough(['SYD', 'SIN', 'LHR'], 'PATH');
    const vector = embedComposition(compose(flight, { theme: themeById('cinematic')! }), flight);
    expect(norm(vector)).toBeCloseTo(1, 5);
    expect(blockSimilarities(vector, embedRoute('SYD', 'LHR')).crossings).toBeLessThan(1);
  });
});
