/** Keys spelled as musicians spell them, in the score, its sections, its chord symbols and the MIDI key signature. */
import { Midi } from '@tonejs/midi';
import { describe, expect, test } from 'vitest';
import { BUILT_IN_THEMES, compose, encodeMidi, keySignature, pitchClassOf, themeById } from '../../../../server/engine/music/index.js';
import { chordPitchClasses } from './chords.js';
import { flightThrough, sampleFlights } from './fixtures.js';

const MAJOR = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
const MINOR = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'G#', 'A', 'Bb', 'B'];
const MAJOR_SHARPS = [0, -5, 2, -3, 4, -1, 6, 1, -4, 3, -2, 5];
const MINOR_SHARPS = [-3, 4, -1, -6, 1, -4, 3, -2, 5, 0, -5, 2];

describe('key signature and tonic spelling', () => {
  test('every tonic takes the spelling with fewer accidentals; F# major and Eb minor by convention', () => {
    for (let pc = 0; pc < 12; pc++) {
      expect(keySignature(pc, 'MAJOR')).toEqual({ name: MAJOR[pc], sharps: MAJOR_SHARPS[pc], minor: false });
      expect(keySignature(pc, 'NATURAL_MINOR')).toEqual({ name: MINOR[pc], sharps: MINOR_SHARPS[pc], minor: true });
    }
  });

  test('modes are spelled by the major or minor key of their tonic', () => {
    expect(keySignature(10, 'DORIAN').name).toBe('Bb');
    expect(keySignature(3, 'MIXOLYDIAN').name).toBe('Eb');
    expect(keySignature(1, 'PHRYGIAN').name).toBe('C#');
    expect(keySignature(8, 'LYDIAN').name).toBe('Ab');
  });

  test('inside a flat piece a centre keeps to the flat side (Gb, Cb), inside a sharp piece to the sharp side (C#)', () => {
    expect(keySignature(6, 'LYDIAN', true)).toMatchObject({ name: 'Gb', sharps: -6 });
    expect(keySignature(11, 'LYDIAN', true)).toMatchObject({ name: 'Cb', sharps: -7 });
    expect(keySignature(1, 'MIXOLYDIAN', false)).toMatchObject({ name: 'C#', sharps: 7 });
    expect(keySignature(2, 'DORIAN', true)).toMatchObject({ name: 'D', sharps: -1 });
  });

  test('note names read back to pitch classes', () => {
    expect(['C', 'B#', 'Db', 'C#', 'Cb', 'Fb', 'E#', 'Bb'].map(pitchClassOf)).toEqual([0, 0, 1, 1, 11, 4, 5, 10]);
    expect(pitchClassOf('H')).toBe(-1);
    expect(pitchClassOf('C##')).toBe(-1);
  });
});

describe('in a piece', () => {
  const jfkLax = flightThrough(['JFK', 'LAX'], 'ROUTE');

  test('A# minor is written Bb minor: score, sections, chord symbols and MIDI key signature', () => {
    const score = compose(jfkLax, { theme: themeById('classical')!, keyRoot: 'A#', scale: 'NATURAL_MINOR' });
    expect(score.keyRoot).toBe('Bb');
    for (const section of score.sections) expect(section.keyRoot).not.toContain('#');
    for (const chord of score.chords) expect(chord.symbol, chord.roman).not.toContain('#');
    expect(score.chords.map((chord) => chord.symbol)).toContain('Bbm');
    const signature = new Midi(encodeMidi(score)).header.keySignatures[0];
    // The parser names a signature by its major key: five flats is Db.
    expect(signature).toMatchObject({ key: 'Db', scale: 'minor', ticks: 0 });
  });

  test('D# major is written Eb major, with Ab and Bb chords', () => {
    const score = compose(jfkLax, { theme: themeById('rock')!, keyRoot: 'D#', scale: 'MAJOR' });
    expect(score.keyRoot).toBe('Eb');
    const roots = new Set(score.chords.map((chord) => /^[A-G][b#]?/.exec(chord.symbol)![0]));
    for (const root of roots) expect(['Eb', 'F', 'G', 'Ab', 'Bb', 'C', 'D']).toContain(root);
    expect(new Midi(encodeMidi(score)).header.keySignatures[0]).toMatchObject({ key: 'Eb', scale: 'major' });
  });

  test('over the whole sample, pieces never mix sharps and flats and chord symbols still read back to their chords', { timeout: 60_000 }, () => {
    for (const theme of BUILT_IN_THEMES) {
      for (const { label, flight } of sampleFlights().filter((_, index) => index % 3 === 0)) {
        const score = compose(flight, { theme });
        const names = [score.keyRoot, ...score.sections.map((s) => s.keyRoot), ...score.chords.map((c) => /^[A-G][b#]?/.exec(c.symbol)![0])];
        const sharps = names.some((name) => name.includes('#'));
        const flats = names.some((name) => name.includes('b'));
        expect(sharps && flats, `${theme.id} ${label}: ${names.join(' ')}`).toBe(false);
        for (const chord of score.chords) expect(chordPitchClasses(chord.symbol).length).toBeGreaterThanOrEqual(3);
      }
    }
  });
});
