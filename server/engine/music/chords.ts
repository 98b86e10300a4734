/**
 * Chords as the score names them: a quality's intervals, its pitch-class set, its roman numeral
 * and its symbol, spelled in the key's signature. Which chord sits on which degree is harmony.ts.
 */
import { spellInSignature } from './theory.js';

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

export function qualityFromIntervals(third: number, fifth: number, seventh: number | null): ChordQuality {
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
