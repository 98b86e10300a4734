/** Pitch classes, scales, keys and chords. Pitch classes are integers 0-11 with C = 0. */
import type { NoteName, PitchClassName, ScaleName } from './types.js';

export const PITCH_CLASS_NAMES: readonly PitchClassName[] = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
const FLAT_NAMES: readonly string[] = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'];

export const SCALE_NAMES: readonly ScaleName[] = ['MAJOR', 'NATURAL_MINOR', 'HARMONIC_MINOR', 'DORIAN', 'PHRYGIAN', 'LYDIAN', 'MIXOLYDIAN', 'MAJOR_PENTATONIC', 'MINOR_PENTATONIC', 'BLUES'];

/** Semitones above the tonic. */
export const SCALE_INTERVALS: Readonly<Record<ScaleName, readonly number[]>> = {
  MAJOR: [0, 2, 4, 5, 7, 9, 11],
  NATURAL_MINOR: [0, 2, 3, 5, 7, 8, 10],
  HARMONIC_MINOR: [0, 2, 3, 5, 7, 8, 11],
  DORIAN: [0, 2, 3, 5, 7, 9, 10],
  PHRYGIAN: [0, 1, 3, 5, 7, 8, 10],
  LYDIAN: [0, 2, 4, 6, 7, 9, 11],
  MIXOLYDIAN: [0, 2, 4, 5, 7, 9, 10],
  MAJOR_PENTATONIC: [0, 2, 4, 7, 9],
  MINOR_PENTATONIC: [0, 3, 5, 7, 10],
  BLUES: [0, 3, 5, 6, 7, 10],
};

/**
 * Perceived brightness of each mode (raised degrees sound brighter). Latitude and heading set a
 * target brightness and the theme's closest allowed scale wins.
 */
export const SCALE_BRIGHTNESS: Readonly<Record<ScaleName, number>> = {
  LYDIAN: 1,
  MAJOR: 0.86,
  MAJOR_PENTATONIC: 0.8,
  MIXOLYDIAN: 0.7,
  DORIAN: 0.52,
  MINOR_PENTATONIC: 0.44,
  BLUES: 0.38,
  NATURAL_MINOR: 0.3,
  HARMONIC_MINOR: 0.2,
  PHRYGIAN: 0.08,
};

/** Pentatonic and blues scales are not built from diatonic steps; everything else is. */
export function isDiatonic(scale: ScaleName): boolean {
  return SCALE_INTERVALS[scale].length === 7;
}

/** 12-bit set of the scale's pitch classes (bit n = pitch class n). */
export function scaleMask(keyRoot: number, scale: ScaleName): number {
  let mask = 0;
  for (const interval of SCALE_INTERVALS[scale]) mask |= 1 << ((keyRoot + interval) % 12);
  return mask;
}

/** Moving round the circle of fifths: +1 = a fifth up (one more sharp), -1 = a fifth down. */
export function moveOnCircleOfFifths(keyRoot: number, steps: number): number {
  return (((keyRoot + 7 * steps) % 12) + 12) % 12;
}

/** Semitones above the home tonic of the centre each move on the circle of fifths aims for. */
const FIFTHS_TARGET_INTERVAL: Readonly<Record<number, number>> = { 1: 7, [-1]: 5, 2: 2, [-2]: 9 };
const RELATIVE_INTERVALS = [9, 3];

function scaleNamed(intervals: readonly number[]): ScaleName | undefined {
  return SCALE_NAMES.find((name) => {
    const candidate = SCALE_INTERVALS[name];
    return candidate.length === intervals.length && candidate.every((interval, i) => interval === intervals[i]);
  });
}

/**
 * A tonal centre on the same notes as the home key: the mode built on another degree of the home
 * scale. A fifth up (+1) aims for the 5th degree, a fifth down for the 4th, two fifths for the 2nd
 * or 6th, falling back to the relative major or minor. The music moves where it rests, never which
 * notes it uses, so every melody note stays in the piece's scale and the key signature holds.
 * Only seven-note scales move: harmonic minor and the gapped scales (whose short sections lose
 * the variety the melody figures need) stay home.
 */
export function relatedCentre(homeKey: number, scale: ScaleName, fifths: number): { keyRoot: number; scale: ScaleName } {
  if (fifths === 0 || !isDiatonic(scale)) return { keyRoot: homeKey, scale };
  const intervals = SCALE_INTERVALS[scale];
  const targets = [FIFTHS_TARGET_INTERVAL[Math.max(-2, Math.min(2, fifths))], ...RELATIVE_INTERVALS];
  for (const target of targets) {
    const degree = intervals.indexOf(target);
    if (degree <= 0) continue;
    const rotated = intervals.map((_, i) => (intervals[(degree + i) % intervals.length] - target + 12) % 12);
    const name = scaleNamed(rotated);
    if (name) return { keyRoot: (homeKey + target) % 12, scale: name };
  }
  return { keyRoot: homeKey, scale };
}

export function hasMinorThird(scale: ScaleName): boolean {
  return SCALE_INTERVALS[scale][1] === 3 || SCALE_INTERVALS[scale][2] === 3;
}

const LETTERS = 'CDEFGAB';
const LETTER_PITCH: readonly number[] = [0, 2, 4, 5, 7, 9, 11];
/** Position of each letter's major key on the circle of fifths (C = 0, G = 1, F = -1 ...). */
const LETTER_FIFTHS: readonly number[] = [0, 2, 4, -1, 1, 3, 5];
const SHARP_ORDER = 'FCGDAEB';
const FLAT_ORDER = 'BEADGCF';
const ACCIDENTALS: Readonly<Record<string, number>> = { '': 0, '#': 1, b: -1 };

/** Pitch class of a note name ("Bb" -> 10, "E#" -> 5), or -1 when the name is not a note. */
export function pitchClassOf(name: string): number {
  const letter = LETTERS.indexOf(name.charAt(0));
  const accidental = ACCIDENTALS[name.slice(1)];
  if (name.length === 0 || letter < 0 || accidental === undefined) return -1;
  return (LETTER_PITCH[letter] + accidental + 12) % 12;
}

function nameOf(letter: number, accidental: number): NoteName {
  return (LETTERS[letter] + (accidental === 1 ? '#' : accidental === -1 ? 'b' : '')) as NoteName;
}

/**
 * Key signature and spelled tonic, as musicians write them: modes take the signature of the
 * major or minor key of their tonic (so readers show the right tonic), and of the two spellings
 * of a tonic the one with fewer accidentals wins: B-flat minor (5 flats), not A-sharp minor (7
 * sharps). Ties go by convention: F-sharp major, E-flat minor. Inside a piece, `preferFlats`
 * keeps every centre on the home key's side, so a flat piece visits G-flat, not F-sharp.
 */
export function keySignature(keyRoot: number, scale: ScaleName, preferFlats?: boolean): { sharps: number; minor: boolean; name: NoteName } {
  const minor = hasMinorThird(scale);
  let best: { sharps: number; name: NoteName } | null = null;
  let bestCost = Infinity;
  for (let letter = 0; letter < 7; letter++) {
    for (const accidental of [0, 1, -1]) {
      if ((LETTER_PITCH[letter] + accidental + 12) % 12 !== keyRoot) continue;
      const sharps = LETTER_FIFTHS[letter] + 7 * accidental - (minor ? 3 : 0);
      if (Math.abs(sharps) > 7) continue;
      const againstSide = preferFlats === undefined ? 0 : preferFlats ? sharps > 0 : sharps < 0;
      const tieBreak = sharps < 0 === minor ? 0 : 0.5;
      const cost = Math.abs(sharps) + (againstSide ? 8 : 0) + tieBreak;
      if (cost < bestCost) {
        bestCost = cost;
        best = { sharps, name: nameOf(letter, accidental) };
      }
    }
  }
  return { ...best!, minor };
}

/** Semitones from the major key whose notes a scale uses (its parent) up to the scale's tonic. */
const PARENT_MAJOR_OFFSET: Readonly<Record<ScaleName, number>> = {
  MAJOR: 0,
  DORIAN: 2,
  PHRYGIAN: 4,
  LYDIAN: 5,
  MIXOLYDIAN: 7,
  NATURAL_MINOR: 9,
  HARMONIC_MINOR: 9,
  MAJOR_PENTATONIC: 0,
  MINOR_PENTATONIC: 9,
  BLUES: 9,
};

/**
 * The signature of the notes a centre actually uses (A Phrygian uses F major's B-flat), on the
 * piece's side: what chord roots are spelled by.
 */
export function collectionSignature(keyRoot: number, scale: ScaleName, preferFlats: boolean): number {
  return keySignature((keyRoot - PARENT_MAJOR_OFFSET[scale] + 12) % 12, 'MAJOR', preferFlats).sharps;
}

/** A pitch class named inside a key signature: the signature's letters first, else sharps or flats by its side. */
export function spellInSignature(pitchClass: number, sharps: number): NoteName {
  for (let letter = 0; letter < 7; letter++) {
    const accidental = sharps > 0 ? (SHARP_ORDER.indexOf(LETTERS[letter]) < sharps ? 1 : 0) : FLAT_ORDER.indexOf(LETTERS[letter]) < -sharps ? -1 : 0;
    if ((LETTER_PITCH[letter] + accidental + 12) % 12 === pitchClass) return nameOf(letter, accidental);
  }
  return (sharps < 0 ? FLAT_NAMES[pitchClass] : PITCH_CLASS_NAMES[pitchClass]) as NoteName;
}

export type ChordQuality = 'MAJOR' | 'MINOR' | 'DIMINISHED' | 'AUGMENTED' | 'DOMINANT_7' | 'MAJOR_7' | 'MINOR_7' | 'HALF_DIMINISHED_7' | 'DIMINISHED_7';

export interface Chord {
  /** Pitch class of the root. */
  root: number;
  quality: ChordQuality;
  /** Semitones above the root, ascending, 3 or 4 entries. */
  intervals: readonly number[];
  /** 12-bit pitch-class set. */
  mask: number;
  roman: string;
  symbol: string;
}

const ROMAN_NUMERALS: readonly string[] = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'];

const QUALITY_INTERVALS: Readonly<Record<ChordQuality, readonly number[]>> = {
  MAJOR: [0, 4, 7],
  MINOR: [0, 3, 7],
  DIMINISHED: [0, 3, 6],
  AUGMENTED: [0, 4, 8],
  DOMINANT_7: [0, 4, 7, 10],
  MAJOR_7: [0, 4, 7, 11],
  MINOR_7: [0, 3, 7, 10],
  HALF_DIMINISHED_7: [0, 3, 6, 10],
  DIMINISHED_7: [0, 3, 6, 9],
};

const SYMBOL_SUFFIX: Readonly<Record<ChordQuality, string>> = {
  MAJOR: '',
  MINOR: 'm',
  DIMINISHED: 'dim',
  AUGMENTED: 'aug',
  DOMINANT_7: '7',
  MAJOR_7: 'maj7',
  MINOR_7: 'm7',
  HALF_DIMINISHED_7: 'm7b5',
  DIMINISHED_7: 'dim7',
};

const ROMAN_SUFFIX: Readonly<Record<ChordQuality, string>> = {
  MAJOR: '',
  MINOR: '',
  DIMINISHED: '°',
  AUGMENTED: '+',
  DOMINANT_7: '7',
  MAJOR_7: 'maj7',
  MINOR_7: '7',
  HALF_DIMINISHED_7: 'ø7',
  DIMINISHED_7: '°7',
};

function qualityFromIntervals(third: number, fifth: number, seventh: number | null): ChordQuality {
  if (third === 4 && fifth === 8) return 'AUGMENTED';
  if (third === 3 && fifth === 6) {
    if (seventh === null) return 'DIMINISHED';
    return seventh === 9 ? 'DIMINISHED_7' : 'HALF_DIMINISHED_7';
  }
  if (third === 3) return seventh === null ? 'MINOR' : 'MINOR_7';
  if (seventh === null) return 'MAJOR';
  return seventh === 10 ? 'DOMINANT_7' : 'MAJOR_7';
}

/** `signature` (sharps, or flats when negative) spells the root the way the key's score would. */
export function makeChord(keyRoot: number, degree: number, rootOffset: number, quality: ChordQuality, signature: number): Chord {
  const root = (keyRoot + rootOffset) % 12;
  const intervals = QUALITY_INTERVALS[quality];
  let mask = 0;
  for (const interval of intervals) mask |= 1 << ((root + interval) % 12);
  const minorish = quality === 'MINOR' || quality === 'MINOR_7' || quality === 'DIMINISHED' || quality === 'HALF_DIMINISHED_7' || quality === 'DIMINISHED_7';
  const numeral = ROMAN_NUMERALS[degree];
  return {
    root,
    quality,
    intervals,
    mask,
    roman: (minorish ? numeral.toLowerCase() : numeral) + ROMAN_SUFFIX[quality],
    symbol: spellInSignature(root, signature) + SYMBOL_SUFFIX[quality],
  };
}

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
