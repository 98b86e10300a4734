/** Pitch classes, scales, modes and keys, and how notes are spelled in them. Pitch classes are integers 0-11 with C = 0. */
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
