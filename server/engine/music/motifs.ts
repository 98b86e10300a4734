/**
 * Motifs and their development. A motif is one bar: a rhythm cell from the theme's vocabulary and
 * a contour in scale steps. Later bars develop a motif the way composers do (repeat, sequence,
 * inversion, variation); the seed picks which development, never individual notes.
 */
import type { LegFeatures } from './features.js';
import type { PatternEvent } from './patterns.js';
import type { Rng } from './random.js';

/** One bar of melody: onsets and lengths in sixteenths, pitches as scale degrees (0 = the centre's tonic). */
export interface Figure {
  steps: readonly number[];
  lengths: readonly number[];
  degrees: number[];
}

export interface Motif {
  cell: readonly PatternEvent[];
  /** Scale steps relative to the motif's first note, one per note of the cell. */
  contour: readonly number[];
}

/**
 * Contour archetypes, in scale steps from the first note (cells hold at most 8 notes). Some climb
 * by step, some arch, some leap and fill the gap, some run up a chord (a leap that continues).
 */
const ARCHETYPES: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 2, 1, 2, 3], // run up, turn
  [0, -1, -2, -3, -2, -1, -2, -3], // run down, turn
  [0, 1, 2, 1, 0, 1, 2, 1], // arch
  [0, 1, 0, -1, 0, 1, 0, -1], // neighbour figure
  [0, 2, 4, 3, 2, 1, 2, 3], // up the chord, step down
  [0, 4, 3, 2, 1, 2, 3, 2], // leap a fifth, fill it in
  [0, -2, -1, 0, 1, 0, -1, -2], // drop a third, climb back
  [0, -2, -4, -3, -2, -1, -2, -3], // down the chord, step back
  [0, 0, 1, 2, 1, 1, 0, -1], // repeated-note opening
];
const RISING = [0, 2, 4, 5];
const FALLING = [1, 6, 7];
/**
 * Gapped scales (pentatonic, blues) already step by up to a minor third: their motifs move one
 * degree at a time and repeat notes, as such tunes do, and leap at most two degrees.
 */
const GAPPED_ARCHETYPES: readonly (readonly number[])[] = [
  [0, 0, 1, 2, 1, 1, 0, -1],
  [0, -1, -1, 0, 1, 1, 0, -1],
  [0, 1, 1, 0, -1, 0, 0, 1],
  [0, 1, 2, 2, 1, 0, 0, 1],
  [0, 2, 1, 1, 0, -1, 0, 0],
  [0, -1, -2, -2, -1, 0, 0, 1],
  [0, 0, -1, 0, 1, 0, -1, -1],
];
const GAPPED_RISING = [0, 3, 4];
const GAPPED_FALLING = [1, 5, 6];

/** Rhythm cells near the section's density (2 notes per bar when sparse, 8 when busy) are likelier. */
export function pickCell(cells: readonly (readonly PatternEvent[])[], density: number, rng: Rng, avoid = -1): number {
  const wanted = 2 + density * 6;
  const weights = cells.map((cell, i) => (i === avoid && cells.length > 1 ? 0 : Math.exp(-Math.abs(cell.length - wanted) / 1.5)));
  return rng.weighted(weights, cells.length);
}

/**
 * A motif from the flight: the leg's contour slope favours rising or falling shapes, long legs
 * favour the leaping ones; `contrast` (a second motif) turns the preference the other way.
 */
export function createMotif(cell: readonly PatternEvent[], leg: LegFeatures, rng: Rng, contrast: boolean, gapped: boolean): Motif {
  const slope = leg.contour[leg.contour.length - 1] - leg.contour[0];
  const rising = slope >= 0 !== contrast;
  const long = leg.distanceKm > 3000;
  const archetypes = gapped ? GAPPED_ARCHETYPES : ARCHETYPES;
  const favoured = gapped ? (rising ? GAPPED_RISING : GAPPED_FALLING) : rising ? RISING : FALLING;
  const weights = archetypes.map((_, i) => {
    let weight = 1;
    if (favoured.includes(i)) weight *= 2.5;
    const leaping = !gapped && (i === 4 || i === 5 || i === 7);
    if (leaping && long) weight *= 1.6;
    // In a cell of few notes a leap is a large share of the motion: keep the short motifs mostly stepwise.
    if (leaping && cell.length <= 4) weight *= 0.35;
    return weight;
  });
  const shape = archetypes[rng.weighted(weights, weights.length)];
  return { cell, contour: cell.map((_, i) => shape[i % shape.length]) };
}

export function stateMotif(motif: Motif, anchor: number): Figure {
  return {
    steps: motif.cell.map((event) => event.step),
    lengths: motif.cell.map((event) => event.length),
    degrees: motif.contour.map((offset) => anchor + offset),
  };
}

export enum Development {
  REPEAT = 0,
  SEQUENCE = 1,
  INVERSION = 2,
  VARIATION = 3,
}

const DEVELOPMENT_WEIGHTS = [3, 3, 1.5, 2];

export function pickDevelopment(rng: Rng, allowRepeat: boolean): Development {
  const weights = allowRepeat ? DEVELOPMENT_WEIGHTS : [0, ...DEVELOPMENT_WEIGHTS.slice(1)];
  return rng.weighted(weights, weights.length) as Development;
}

/**
 * A development of a figure. `towards` (+1 / -1) is where the line should head, so sequences and
 * variations climb or fall with the flight's contour.
 */
export function develop(source: Figure, development: Development, towards: number, rng: Rng): Figure {
  const { steps, lengths } = source;
  const first = source.degrees[0];
  switch (development) {
    case Development.REPEAT:
      return { steps, lengths, degrees: [...source.degrees] };
    case Development.SEQUENCE: {
      const shift = towards * (rng.next() < 0.65 ? 1 : 2);
      return { steps, lengths, degrees: source.degrees.map((degree) => degree + shift) };
    }
    case Development.INVERSION:
      return { steps, lengths, degrees: source.degrees.map((degree) => 2 * first - degree) };
    case Development.VARIATION: {
      // The head stays, the tail is rewritten as a scale run heading where the line should go.
      const keep = Math.max(1, Math.ceil(source.degrees.length / 2));
      const direction = rng.next() < 0.7 ? towards : -towards;
      const degrees = source.degrees.slice(0, keep);
      for (let i = keep; i < source.degrees.length; i++) degrees.push(degrees[i - 1] + direction);
      return { steps, lengths, degrees };
    }
  }
}

/** The same tune in a busier or calmer rhythm: each new onset takes the degree sounding there, passing notes move by step. */
export function rhythmicVariation(source: Figure, cell: readonly PatternEvent[]): Figure {
  const degrees: number[] = [];
  for (const event of cell) {
    let sounding = 0;
    for (let i = 0; i < source.steps.length; i++) if (source.steps[i] <= event.step) sounding = i;
    const onOnset = source.steps[sounding] === event.step;
    const next = source.degrees[Math.min(source.degrees.length - 1, sounding + 1)];
    const here = source.degrees[sounding];
    const previous = degrees.length > 0 ? degrees[degrees.length - 1] : here;
    degrees.push(onOnset || degrees.length === 0 ? here : previous + Math.sign(next - previous || 1));
  }
  return { steps: cell.map((event) => event.step), lengths: cell.map((event) => event.length), degrees };
}
