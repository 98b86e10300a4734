/**
 * How each scale is harmonised: the chord progressions its phrases draw from and the rules that
 * turn a scale degree into a chord (raised dominants, blues sevenths).
 */
import type { Chord } from './chords.js';
import { makeChord, qualityFromIntervals } from './chords.js';
import { SCALE_INTERVALS } from './theory.js';
import type { ScaleName } from './types.js';

/**
 * How a scale is harmonised. Pentatonic and blues melodies sit over the chords of their parent
 * mode; phrase templates are scale degrees (0 = tonic), one chord per bar, and every antecedent
 * ends on the cadential chord (half cadence) while every consequent ends cadential chord -> tonic.
 */
export interface HarmonicSystem {
  /** Seven-note scale the chords are stacked from. */
  chordScale: readonly number[];
  antecedents: readonly (readonly number[])[];
  consequents: readonly (readonly number[])[];
  /** Non-cadential middle phrases of long sections. */
  continuations: readonly (readonly number[])[];
  /** Degree whose chord resolves to the tonic: V, or bII in Phrygian. */
  cadentialDegree: number;
  /** Raise the leading tone on V (harmonic-minor dominant) so cadences pull home. */
  majorDominant: boolean;
  /** Blues harmony: every chord a dominant seventh. */
  dominantSevenths: boolean;
}

const MAJOR_SYSTEM: HarmonicSystem = {
  chordScale: SCALE_INTERVALS.MAJOR,
  antecedents: [
    [0, 5, 1, 4],
    [0, 3, 1, 4],
    [0, 2, 3, 4],
    [0, 3, 0, 4],
    [0, 5, 3, 4],
  ],
  consequents: [
    [0, 3, 4, 0],
    [0, 1, 4, 0],
    [5, 1, 4, 0],
    [3, 1, 4, 0],
    [0, 5, 4, 0],
  ],
  continuations: [
    [0, 4, 5, 3],
    [5, 3, 0, 4],
  ],
  cadentialDegree: 4,
  majorDominant: true,
  dominantSevenths: false,
};

const MINOR_SYSTEM: HarmonicSystem = {
  chordScale: SCALE_INTERVALS.NATURAL_MINOR,
  antecedents: [
    [0, 5, 3, 4],
    [0, 3, 5, 4],
    [0, 6, 5, 4],
    [0, 5, 2, 4],
  ],
  consequents: [
    [0, 3, 4, 0],
    [5, 3, 4, 0],
    [0, 5, 4, 0],
    [2, 5, 4, 0],
  ],
  continuations: [
    [0, 5, 2, 6],
    [3, 6, 2, 5],
  ],
  cadentialDegree: 4,
  majorDominant: true,
  dominantSevenths: false,
};

export const HARMONIC_SYSTEMS: Readonly<Record<ScaleName, HarmonicSystem>> = {
  MAJOR: MAJOR_SYSTEM,
  MAJOR_PENTATONIC: MAJOR_SYSTEM,
  LYDIAN: {
    chordScale: SCALE_INTERVALS.LYDIAN,
    antecedents: [
      [0, 1, 0, 4],
      [0, 1, 5, 4],
      [0, 6, 1, 4],
    ],
    consequents: [
      [0, 1, 4, 0],
      [5, 1, 4, 0],
      [2, 1, 4, 0],
    ],
    continuations: [[0, 1, 2, 1]],
    cadentialDegree: 4,
    majorDominant: true,
    dominantSevenths: false,
  },
  MIXOLYDIAN: {
    chordScale: SCALE_INTERVALS.MIXOLYDIAN,
    antecedents: [
      [0, 6, 3, 4],
      [0, 3, 6, 4],
      [0, 6, 0, 4],
    ],
    consequents: [
      [0, 6, 4, 0],
      [3, 6, 4, 0],
      [0, 3, 4, 0],
    ],
    continuations: [
      [0, 6, 3, 0],
      [3, 0, 6, 3],
    ],
    cadentialDegree: 4,
    majorDominant: true,
    dominantSevenths: false,
  },
  NATURAL_MINOR: MINOR_SYSTEM,
  HARMONIC_MINOR: MINOR_SYSTEM,
  MINOR_PENTATONIC: { ...MINOR_SYSTEM, majorDominant: false },
  DORIAN: {
    chordScale: SCALE_INTERVALS.DORIAN,
    antecedents: [
      [0, 3, 0, 4],
      [0, 6, 3, 4],
      [0, 1, 3, 4],
    ],
    consequents: [
      [0, 3, 4, 0],
      [6, 3, 4, 0],
      [1, 3, 4, 0],
    ],
    continuations: [
      [0, 3, 6, 3],
      [0, 6, 3, 6],
    ],
    cadentialDegree: 4,
    majorDominant: true,
    dominantSevenths: false,
  },
  PHRYGIAN: {
    chordScale: SCALE_INTERVALS.PHRYGIAN,
    antecedents: [
      [0, 6, 5, 1],
      [0, 5, 6, 1],
      [0, 3, 6, 1],
    ],
    consequents: [
      [0, 6, 1, 0],
      [5, 6, 1, 0],
      [3, 6, 1, 0],
    ],
    continuations: [
      [0, 1, 6, 5],
      [5, 1, 0, 6],
    ],
    cadentialDegree: 1,
    majorDominant: false,
    dominantSevenths: false,
  },
  BLUES: {
    chordScale: SCALE_INTERVALS.MIXOLYDIAN,
    antecedents: [
      [0, 3, 0, 4],
      [0, 0, 3, 4],
    ],
    consequents: [
      [3, 3, 4, 0],
      [0, 3, 4, 0],
      [4, 3, 4, 0],
    ],
    continuations: [
      [3, 3, 0, 0],
      [0, 3, 0, 0],
    ],
    cadentialDegree: 4,
    majorDominant: true,
    dominantSevenths: true,
  },
};

/** Triad (or seventh chord) on a scale degree of the key, with the system's dominant and blues rules applied. */
export function chordOnDegree(keyRoot: number, scale: ScaleName, degree: number, sevenths: boolean, signature: number): Chord {
  const system = HARMONIC_SYSTEMS[scale];
  const steps = system.chordScale;
  const rootOffset = steps[degree];
  if (system.dominantSevenths) return makeChord(keyRoot, degree, rootOffset, 'DOMINANT_7', signature);
  if (degree === 4 && system.majorDominant) return makeChord(keyRoot, degree, rootOffset, sevenths ? 'DOMINANT_7' : 'MAJOR', signature);
  const third = (steps[(degree + 2) % 7] - rootOffset + 12) % 12;
  const fifth = (steps[(degree + 4) % 7] - rootOffset + 12) % 12;
  const seventh = sevenths ? (steps[(degree + 6) % 7] - rootOffset + 12) % 12 : null;
  return makeChord(keyRoot, degree, rootOffset, qualityFromIntervals(third, fifth, seventh), signature);
}
