/** The Standard MIDI File, read back with an independent parser (@tonejs/midi). */
import { Midi } from '@tonejs/midi';
import { describe, expect, test } from 'vitest';
import { BUILT_IN_THEMES, compose, encodeMidi, pitchClassOf, themeById } from '../../../../server/engine/music/index.js';
import type { Score, Theme } from '../../../../server/engine/music/index.js';
import { flightThrough, sampleFlights } from './fixtures.js';

const SAMPLE = sampleFlights();

function sortedNotes(notes: { pitch: number; ticks: number; durationTicks: number }[]): string {
  return notes
    .map((note) => `${note.ticks}/${note.pitch}/${note.durationTicks}`)
    .sort()
    .join(' ');
}

function expectRoundTrip(score: Score, bytes: Uint8Array, label: string): void {
  const midi = new Midi(bytes);
  expect(midi.header.ppq, label).toBe(480);
  // @tonejs/midi drops a format-1 conductor track (no notes) and lists the parts.
  expect(midi.tracks.length, label).toBe(score.tracks.length);
  expect(midi.header.tempos[0].bpm, label).toBeCloseTo(score.tempoBpm, 2);
  expect(midi.header.timeSignatures[0].timeSignature, label).toEqual([4, 4]);
  score.tracks.forEach((track, index) => {
    const parsed = midi.tracks[index];
    expect(parsed.name, label).toBe(track.name);
    expect(parsed.instrument.number, label).toBe(track.program);
    expect(parsed.endOfTrackTicks, label).toBe(score.totalTicks);
    if (track.notes.length > 0) expect(parsed.channel, label).toBe(track.channel);
    expect(sortedNotes(parsed.notes.map((note) => ({ pitch: note.midi, ticks: note.ticks, durationTicks: note.durationTicks }))), `${label} ${track.name}`).toBe(
      sortedNotes(track.notes.map((note) => ({ pitch: note.pitch, ticks: note.startTicks, durationTicks: note.durationTicks }))),
    );
    for (const note of parsed.notes) expect(note.velocity).toBeGreaterThan(0);
  });
}

// Composing and parsing the whole sample takes seconds: more than vitest's 5 s default on a busy machine.
describe.each(BUILT_IN_THEMES.map((theme) => [theme.id, theme] as [string, Theme]))('theme %s', (_themeId, theme) => {
  test('every piece of the sample parses back to the same notes, programs and channels', () => {
    for (const { label, flight } of SAMPLE) {
      const score = compose(flight, { theme });
      expectRoundTrip(score, encodeMidi(score), label);
    }
  }, 60_000);
});

test('header: format 1, one conductor track plus one per part, 480 PPQ', () => {
  const score = compose(flightThrough(['JFK', 'LAX'], 'ROUTE'), { theme: themeById('jazz')! });
  const bytes = encodeMidi(score);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('MThd');
  expect(view.getUint32(4)).toBe(6);
  expect(view.getUint16(8)).toBe(1);
  expect(view.getUint16(10)).toBe(score.tracks.length + 1);
  expect(view.getUint16(12)).toBe(480);
  // Chunks tile the file exactly.
  let offset = 14;
  let chunks = 0;
  while (offset < bytes.length) {
    expect(String.fromCharCode(...bytes.subarray(offset, offset + 4))).toBe('MTrk');
    const length = view.getUint32(offset + 4);
    expect(Array.from(bytes.subarray(offset + 8 + length - 3, offset + 8 + length))).toEqual([0xff, 0x2f, 0x00]);
    offset += 8 + length;
    chunks++;
  }
  expect(offset).toBe(bytes.length);
  expect(chunks).toBe(score.tracks.length + 1);
});

test('conductor track carries tempo, time signature, a key signature per key and section markers', () => {
  const score = compose(flightThrough(['JFK', 'LAX'], 'ROUTE'), { theme: themeById('classical')! });
  const midi = new Midi(encodeMidi(score));
  expect(midi.header.name).toContain('JFK - LAX');
  const keys = midi.header.keySignatures;
  expect(keys.length).toBeGreaterThanOrEqual(1);
  expect(keys[0].ticks).toBe(0);
  const minor = ['NATURAL_MINOR', 'HARMONIC_MINOR', 'DORIAN', 'PHRYGIAN', 'MINOR_PENTATONIC', 'BLUES'].includes(score.scale);
  expect(keys[0].scale).toBe(minor ? 'minor' : 'major');
  // The parser names the signature by its major key; a minor key's tonic is a minor third below.
  const signatureMajor = pitchClassOf(keys[0].key);
  expect((signatureMajor + (minor ? 9 : 0)) % 12).toBe(pitchClassOf(score.keyRoot));
  expect(midi.header.meta.filter((event) => event.type === 'marker').map((event) => event.text)).toEqual(score.sections.map((section) => section.name));
});

test('seconds are ticks / 480 * 60 / tempo, for the Score and for the parsed file', () => {
  const score = compose(flightThrough(['LHR', 'SYD'], 'ROUTE'), { theme: themeById('rock')!, tempoBpm: 120 });
  const midi = new Midi(encodeMidi(score));
  for (const track of score.tracks) {
    for (const note of track.notes) {
      expect(note.start).toBeCloseTo((note.startTicks / 480) * (60 / score.tempoBpm), 9);
      expect(note.duration).toBeCloseTo((note.durationTicks / 480) * (60 / score.tempoBpm), 9);
    }
  }
  expect(midi.duration).toBeCloseTo(score.durationSeconds, 6);
  expect(score.durationSeconds).toBeCloseTo((score.totalTicks / 480) * 0.5, 9);
});

test('a repeated pitch is released before it is struck again at the same tick', () => {
  const bytes = encodeMidi({
    seed: 0,
    themeId: 'test',
    ppq: 480,
    tempoBpm: 100,
    keyRoot: 'C',
    scale: 'MAJOR',
    timeSignature: [4, 4],
    durationSeconds: 2.4,
    totalTicks: 1920,
    sections: [],
    chords: [],
    airports: ['AAA', 'BBB'],
    tracks: [
      {
        name: 'Line',
        role: 'MELODY',
        program: 0,
        channel: 0,
        notes: [
          { pitch: 60, velocity: 90, startTicks: 480, durationTicks: 480, start: 0.3, duration: 0.3 },
          { pitch: 60, velocity: 80, startTicks: 0, durationTicks: 480, start: 0, duration: 0.3 },
        ],
      },
    ],
  });
  const midi = new Midi(bytes);
  expect(midi.tracks[0].notes.map((note) => [note.ticks, note.durationTicks])).toEqual([
    [0, 480],
    [480, 480],
  ]);
  // Raw order at tick 480: note-off (0x80) precedes the note-on (running status 0x90 is not reused for it).
  const body = Array.from(bytes);
  const off = body.findIndex((byte, index) => byte === 0x80 && body[index + 1] === 60);
  const secondOn = body.lastIndexOf(90);
  expect(off).toBeGreaterThan(0);
  expect(off).toBeLessThan(secondOn);
});

test('drums sit on channel 10 (index 9) and only there; other parts get distinct channels', () => {
  for (const theme of BUILT_IN_THEMES) {
    const score = compose(flightThrough(['ATL', 'ORD'], 'ROUTE'), { theme });
    const pitched = score.tracks.filter((track) => track.role !== 'DRUMS');
    for (const track of score.tracks) expect(track.channel === 9, `${theme.id} ${track.name}`).toBe(track.role === 'DRUMS');
    expect(new Set(pitched.map((track) => track.channel)).size).toBe(pitched.length);
    expect(score.tracks.map((track) => track.program)).toEqual(theme.parts.map((part) => part.program));
    expect(score.tracks.some((track) => track.role === 'DRUMS')).toBe(theme.drumPattern !== null);
  }
});
