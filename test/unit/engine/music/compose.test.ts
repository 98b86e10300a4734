/** Determinism, overrides, form and arrangement. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BUILT_IN_THEMES, ENGINE_VERSION, pitchClassOf, SCALE_INTERVALS, SCALE_NAMES, scaleMask, compose, defaultThemeIdFor, encodeMidi, themeById } from '../../../../server/engine/music/index.js';
import type { PitchClassName, Score, ScaleName, Theme } from '../../../../server/engine/music/index.js';
import { chordPitchClasses } from './chords.js';
import { flightThrough, sampleFlights } from './fixtures.js';
import { melodyOf, melodySignature } from './metrics.js';

const jazz = themeById('jazz')!;
const JFK_LAX = flightThrough(['JFK', 'LAX'], 'ROUTE');

function secondsPerBar(score: Score): number {
  return (4 * 60) / score.tempoBpm;
}

describe('public surface', () => {
  test('the eight built-in themes exist under their ids', () => {
    const ids = ['classical', 'jazz', 'electronic', 'ambient', 'rock', 'world', 'cinematic', 'lofi'];
    expect(BUILT_IN_THEMES.map((theme) => theme.id)).toEqual(expect.arrayContaining(ids));
    for (const id of ids) expect(themeById(id)?.id).toBe(id);
    expect(themeById('polka')).toBeUndefined();
    expect(ENGINE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('themes are JSON data', () => {
    for (const theme of BUILT_IN_THEMES) expect(JSON.parse(JSON.stringify(theme))).toEqual(theme);
  });

  test('the default theme is deterministic, built-in, and varies with the flight', () => {
    const chosen = sampleFlights().map(({ flight }) => defaultThemeIdFor(flight));
    for (const id of chosen) expect(themeById(id)).toBeDefined();
    expect(new Set(chosen).size).toBeGreaterThanOrEqual(5);
    expect(sampleFlights().map(({ flight }) => defaultThemeIdFor(flight))).toEqual(chosen);
  });
});

describe('reproducibility', () => {
  test('the same input twice gives byte-identical MIDI, for every theme', () => {
    for (const theme of BUILT_IN_THEMES) {
      for (const codes of [
        ['JFK', 'LAX'],
        ['SYD', 'SIN', 'DXB', 'LHR', 'JFK'],
      ]) {
        const flight = flightThrough(codes, codes.length > 2 ? 'JOURNEY' : 'ROUTE');
        const first = encodeMidi(compose(flight, { theme, variation: 3 }));
        const second = encodeMidi(compose(flightThrough(codes, codes.length > 2 ? 'JOURNEY' : 'ROUTE'), { theme: JSON.parse(JSON.stringify(theme)) as Theme, variation: 3 }));
        expect(Buffer.from(second).equals(Buffer.from(first)), theme.id).toBe(true);
      }
    }
  });

  test('a different variation is a different take', () => {
    for (const theme of BUILT_IN_THEMES) {
      const takes = [0, 1, 2].map((variation) => melodySignature(compose(JFK_LAX, { theme, variation })));
      expect(new Set(takes).size, theme.id).toBe(3);
    }
  });

  test('the seed depends on route order, theme and variation', () => {
    const seeds = new Set([
      compose(JFK_LAX, { theme: jazz }).seed,
      compose(flightThrough(['LAX', 'JFK'], 'ROUTE'), { theme: jazz }).seed,
      compose(JFK_LAX, { theme: themeById('rock')! }).seed,
      compose(JFK_LAX, { theme: jazz, variation: 1 }).seed,
    ]);
    expect(seeds.size).toBe(4);
  });
});

describe('overrides', () => {
  test('keyRoot and scale are honoured by the score and every section', () => {
    const keys: PitchClassName[] = ['C', 'F#', 'A#'];
    for (const keyRoot of keys) {
      for (const scale of SCALE_NAMES) {
        const score = compose(JFK_LAX, { theme: jazz, keyRoot, scale });
        // A-sharp is spelled B-flat in every mode (2 or 5 flats against 10 or 7 sharps).
        const spelled = keyRoot === 'A#' ? 'Bb' : keyRoot;
        expect(score.keyRoot).toBe(spelled);
        expect(score.scale).toBe(scale);
        expect(score.sections[0].keyRoot).toBe(spelled);
        // Modulations move the centre onto another mode of the same notes and come home at the end.
        const homeMask = scaleMask(pitchClassOf(keyRoot), scale);
        for (const section of score.sections) expect(scaleMask(pitchClassOf(section.keyRoot), section.scale)).toBe(homeMask);
        expect(score.sections.at(-1)).toMatchObject({ keyRoot: spelled, scale });
        const melody = melodyOf(score);
        const tonic = pitchClassOf(score.sections[score.sections.length - 1].keyRoot);
        expect(melody[melody.length - 1].pitch % 12).toBe(tonic);
        const intervals = SCALE_INTERVALS[scale];
        const root = pitchClassOf(keyRoot);
        const firstSectionEnd = score.sections[0].bars * 1920;
        for (const note of melody.filter((candidate) => candidate.startTicks < firstSectionEnd)) {
          expect(intervals).toContain((note.pitch - root + 120) % 12);
        }
      }
    }
  });

  test('tempoBpm is honoured, outside the theme range too', () => {
    for (const tempoBpm of [40, 96, 180]) {
      const score = compose(JFK_LAX, { theme: jazz, tempoBpm });
      expect(score.tempoBpm).toBe(tempoBpm);
      for (const note of melodyOf(score)) expect(note.start).toBeCloseTo((note.startTicks * 60) / (480 * tempoBpm), 9);
    }
  });

  test('durationSeconds is honoured within half a bar, from 10 s to 300 s', () => {
    for (const theme of BUILT_IN_THEMES) {
      for (const durationSeconds of [10, 17, 30, 60, 95, 180, 300]) {
        for (const codes of [
          ['HKG', 'MFM'],
          ['JFK', 'LAX'],
          ['LAX', 'HNL', 'NAN', 'AKL', 'SYD', 'MEL', 'SIN', 'DEL', 'IST', 'FRA', 'KEF', 'YYZ'],
        ]) {
          const score = compose(flightThrough(codes, 'JOURNEY'), { theme, durationSeconds });
          const label = `${theme.id} ${durationSeconds}s ${codes.length}`;
          expect(Math.abs(score.durationSeconds - durationSeconds), label).toBeLessThanOrEqual(secondsPerBar(score) / 2 + 1e-9);
          expect(score.totalTicks).toBe(score.chords.length * 1920);
          const melody = melodyOf(score);
          expect(melody.length, label).toBeGreaterThan(1);
          expect(melody[melody.length - 1].pitch % 12, label).toBe(pitchClassOf(score.sections[score.sections.length - 1].keyRoot));
        }
      }
    }
  });

  test('default length grows with distance', () => {
    const hop = compose(flightThrough(['HKG', 'MFM'], 'ROUTE'), { theme: jazz });
    const continental = compose(JFK_LAX, { theme: jazz });
    const ultra = compose(flightThrough(['SIN', 'JFK'], 'ROUTE'), { theme: jazz });
    expect(hop.durationSeconds).toBeLessThan(continental.durationSeconds);
    expect(continental.durationSeconds).toBeLessThan(ultra.durationSeconds);
    expect(hop.tempoBpm).toBeGreaterThan(ultra.tempoBpm);
  });

  test('invalid options are refused', () => {
    expect(() => compose(JFK_LAX, { theme: jazz, durationSeconds: 5 })).toThrow(RangeError);
    expect(() => compose(JFK_LAX, { theme: jazz, durationSeconds: 301 })).toThrow(RangeError);
    expect(() => compose(JFK_LAX, { theme: jazz, tempoBpm: Number.NaN })).toThrow(RangeError);
    expect(() => compose(JFK_LAX, { theme: jazz, variation: 1.5 })).toThrow(RangeError);
    expect(() => compose(JFK_LAX, { theme: jazz, keyRoot: 'H' as PitchClassName })).toThrow(RangeError);
    expect(() => compose(JFK_LAX, { theme: jazz, scale: 'CHROMATIC' as ScaleName })).toThrow(RangeError);
    expect(() => compose(JFK_LAX, { theme: { ...jazz, melodyRhythms: ['x---'] } })).toThrow(RangeError);
    expect(() => compose({ kind: 'ROUTE', legs: [] }, { theme: jazz })).toThrow(RangeError);
  });
});

describe('form', () => {
  test('sections tile the piece, follow the legs in order, and carry their keys', () => {
    for (const { label, flight } of sampleFlights()) {
      const score = compose(flight, { theme: themeById('cinematic')! });
      let bar = 0;
      let leg = 0;
      for (const section of score.sections) {
        expect(section.startBar, label).toBe(bar);
        expect(section.bars, label).toBeGreaterThan(0);
        expect(section.legIndex, label).toBeGreaterThanOrEqual(leg);
        expect(section.startSeconds).toBeCloseTo(section.startBar * secondsPerBar(score), 9);
        expect(section.endSeconds).toBeCloseTo((section.startBar + section.bars) * secondsPerBar(score), 9);
        leg = section.legIndex;
        bar += section.bars;
      }
      expect(bar, label).toBe(score.chords.length);
      expect(score.airports).toEqual([flight.legs[0].origin.code, ...flight.legs.map((l) => l.destination.code)]);
    }
  });

  test('a journey becomes one piece with a section per leg and a dominant pivot into each new key', () => {
    const codes = ['JFK', 'LHR', 'DXB', 'SIN', 'SYD'];
    const score = compose(flightThrough(codes, 'JOURNEY'), { theme: themeById('classical')!, durationSeconds: 120 });
    expect(new Set(score.sections.map((section) => section.legIndex))).toEqual(new Set([0, 1, 2, 3]));
    let pivots = 0;
    for (let i = 1; i < score.sections.length; i++) {
      const section = score.sections[i];
      const previous = score.sections[i - 1];
      // Each section closes on its tonic (authentic cadence) before the next begins.
      expect(score.chords[section.startBar - 1].roman).toMatch(/^[Ii](maj7|7)?$/);
      if (section.keyRoot === previous.keyRoot) continue;
      pivots++;
      const pivot = score.chords[section.startBar];
      const dominantRoot = (pitchClassOf(section.keyRoot) + 7) % 12;
      expect(pivot.roman).toBe('V7');
      expect(chordPitchClasses(pivot.symbol)[0]).toBe(dominantRoot);
    }
    expect(pivots).toBeGreaterThan(0);
  });

  test('timezone and border crossings split a long leg into departure and arrival sections', () => {
    const score = compose(JFK_LAX, { theme: jazz, durationSeconds: 90 });
    expect(score.sections.map((section) => section.name)).toEqual(['JFK departure', 'LAX arrival', 'LAX landing']);
    expect(score.sections[2]).toMatchObject({ keyRoot: score.keyRoot, scale: score.scale, bars: 4 });
    // Three hours west: the arrival centres a fifth lower, on the same notes.
    expect((pitchClassOf(score.sections[1].keyRoot) - pitchClassOf(score.sections[0].keyRoot) + 12) % 12).toBe(5);
    const domestic = compose(flightThrough(['SFO', 'SJC'], 'ROUTE'), { theme: jazz, durationSeconds: 90 });
    expect(domestic.sections).toHaveLength(1);
  });

  test('phrases cadence: every section opens with a half cadence on V and closes V-I', () => {
    for (const codes of [
      ['LHR', 'JFK'],
      ['JFK', 'LHR', 'DXB', 'SIN', 'SYD'],
      ['HKG', 'MFM'],
    ]) {
      for (const durationSeconds of [40, 120, 240]) {
        const score = compose(flightThrough(codes, 'JOURNEY'), { theme: themeById('classical')!, scale: 'MAJOR', durationSeconds });
        const romans = score.chords.map((chord) => chord.roman);
        for (const section of score.sections) {
          const end = section.startBar + section.bars;
          // Sections centred on a minor mode of the home notes cadence i, with v or V before it.
          expect(romans[end - 1]).toMatch(/^[Ii]$/);
          if (section.bars >= 2) expect(romans[end - 2]).toMatch(/^[Vv]7?$/);
          if (section.bars >= 8) expect(romans[section.startBar + 3]).toMatch(/^[Vv]7?$/);
        }
      }
    }
  });

  test('jazz harmony uses seventh chords and a ii-V-I vocabulary', () => {
    const score = compose(JFK_LAX, { theme: jazz, scale: 'MAJOR' });
    for (const chord of score.chords) expect(chord.symbol).toMatch(/(7|m7b5)$/);
    expect(score.chords.some((chord) => chord.roman === 'ii7')).toBe(true);
    expect(score.chords.some((chord) => chord.roman === 'V7')).toBe(true);
  });
});

describe('arrangement', () => {
  function notesOf(score: Score, role: string) {
    return score.tracks.filter((track) => track.role === role).flatMap((track) => track.notes);
  }

  test('the bass opens every bar on the chord root', () => {
    for (const theme of BUILT_IN_THEMES) {
      const score = compose(JFK_LAX, { theme });
      const bass = [...notesOf(score, 'BASS')].sort((a, b) => a.startTicks - b.startTicks);
      score.chords.forEach((chord, bar) => {
        const first = bass.find((note) => note.startTicks >= bar * 1920 && note.startTicks < (bar + 1) * 1920);
        expect(first, `${theme.id} bar ${bar}`).toBeDefined();
        expect(first!.pitch % 12, `${theme.id} bar ${bar} ${chord.symbol}`).toBe(chordPitchClasses(chord.symbol)[0]);
      });
    }
  });

  test('harmony voices the chord of its bar and moves smoothly', () => {
    for (const builtIn of BUILT_IN_THEMES.filter((candidate) => candidate.harmony !== 'POWER')) {
      // Block chords every bar make each voicing readable from the notes.
      const theme = { ...builtIn, comping: { sparse: 'x---------------', busy: 'x---------------' } };
      const score = compose(flightThrough(['CDG', 'JFK'], 'ROUTE'), { theme, durationSeconds: 90 });
      const harmony = notesOf(score, 'HARMONY');
      const voicings: number[][] = [];
      score.chords.forEach((chord, bar) => {
        const inBar = harmony.filter((note) => note.startTicks >= bar * 1920 && note.startTicks < (bar + 1) * 1920);
        const tones = chordPitchClasses(chord.symbol);
        for (const note of inBar) expect(tones, `${theme.id} bar ${bar} ${chord.symbol}`).toContain(note.pitch % 12);
        voicings.push([...new Set(inBar.map((note) => note.pitch))].sort((a, b) => a - b));
      });
      let movement = 0;
      let changes = 0;
      for (let i = 1; i < voicings.length; i++) {
        if (voicings[i].length !== 4 || voicings[i - 1].length !== 4) continue;
        for (let v = 0; v < 4; v++) movement += Math.abs(voicings[i][v] - voicings[i - 1][v]);
        changes++;
      }
      expect(changes, theme.id).toBeGreaterThan(10);
      // Voice-led: on average under two semitones per voice per chord change.
      expect(movement / changes / 4, theme.id).toBeLessThan(2);
    }
  });

  test('swing delays off-beat eighths in swung themes only', () => {
    const offbeatShare = (score: Score): number => {
      const melody = melodyOf(score);
      return melody.filter((note) => note.startTicks % 480 === 240).length / melody.length;
    };
    const straight = compose(JFK_LAX, { theme: { ...jazz, swing: 0, humanize: 0 } });
    const swung = compose(JFK_LAX, { theme: { ...jazz, humanize: 0 } });
    expect(offbeatShare(straight)).toBeGreaterThan(0.1);
    expect(offbeatShare(swung)).toBe(0);
    // Triplet feel: the off-beat lands about a third of an eighth late.
    expect(melodyOf(swung).some((note) => note.startTicks % 480 === 240 + Math.round(0.33 * 240))).toBe(true);
  });

  test('small airports get a thinner band: drums sit out below their hub threshold', () => {
    const world = themeById('world')!;
    const tiny = compose(flightThrough(['LYR', 'VDS'], 'ROUTE'), { theme: world });
    const hubs = compose(flightThrough(['LHR', 'FRA'], 'ROUTE'), { theme: world });
    expect(notesOf(tiny, 'DRUMS')).toHaveLength(0);
    expect(notesOf(hubs, 'DRUMS').length).toBeGreaterThan(0);
  });

  test('dynamics follow phrase arcs rather than sitting flat', () => {
    const score = compose(flightThrough(['LHR', 'JFK'], 'ROUTE'), { theme: themeById('cinematic')!, durationSeconds: 90 });
    const velocities = melodyOf(score).map((note) => note.velocity);
    expect(Math.max(...velocities) - Math.min(...velocities)).toBeGreaterThanOrEqual(25);
  });

  // Tens of thousands of assertions: more than vitest's 5 s default on a busy machine.
  test('all velocities and pitches are valid MIDI data, durations positive, nothing past the end', { timeout: 60_000 }, () => {
    for (const theme of BUILT_IN_THEMES) {
      const score = compose(flightThrough(['LPB', 'LIM', 'MIA', 'JFK'], 'PATH'), { theme });
      for (const track of score.tracks) {
        for (const note of track.notes) {
          expect(note.velocity).toBeGreaterThanOrEqual(1);
          expect(note.velocity).toBeLessThanOrEqual(127);
          expect(note.pitch).toBeGreaterThanOrEqual(0);
          expect(note.pitch).toBeLessThanOrEqual(127);
          expect(Number.isInteger(note.startTicks) && Number.isInteger(note.durationTicks)).toBe(true);
          expect(note.durationTicks).toBeGreaterThan(0);
          expect(note.startTicks + note.durationTicks).toBeLessThanOrEqual(score.totalTicks);
        }
      }
    }
  });
});

test('engine code is pure: no clock, no Math.random, no environment, no imports from outside the engine', () => {
  const directory = join(import.meta.dirname, '../../../../server/engine/music');
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.ts'))) {
    const source = readFileSync(join(directory, file), 'utf8');
    expect(source, file).not.toMatch(/Math\.random|Date\.now|new Date|process\.|performance\.now/);
    for (const [, specifier] of source.matchAll(/from '([^']+)'/g)) {
      expect(specifier.startsWith('./') || specifier.startsWith('../geo/'), `${file} imports ${specifier}`).toBe(true);
      expect(specifier.endsWith('.js'), `${file} imports ${specifier}`).toBe(true);
    }
  }
});
