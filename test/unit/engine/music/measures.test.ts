/** The form measures of issue #20 on tiny hand-made melodies, where the right answer can be counted by eye. */
import { describe, expect, test } from 'vitest';
import { collapseRepeats, melodyLine, measureMelody, quantile } from '../../../../server/engine/music/measures.js';
import type { MeasuredNote } from '../../../../server/engine/music/measures.js';

const PPQ = 480;

/** Notes from [pitch, beats] pairs played one after another from tick 0. */
function line(...notes: [number, number][]): MeasuredNote[] {
  let tick = 0;
  return notes.map(([pitch, beats]) => {
    const note = { pitch, startTicks: tick, durationTicks: Math.round(beats * PPQ) };
    tick += note.durationTicks;
    return note;
  });
}

describe('melody line', () => {
  test('keeps the highest note of each onset and quantises to an eighth of a beat', () => {
    const notes = [
      { pitch: 60, startTicks: 0, durationTicks: 480 },
      { pitch: 67, startTicks: 0, durationTicks: 470 },
      { pitch: 64, startTicks: 483, durationTicks: 228 },
    ];
    expect(melodyLine(notes, { ppq: PPQ })).toEqual([
      { pitch: 67, onset: 0, duration: 8 },
      { pitch: 64, onset: 8, duration: 4 },
    ]);
  });

  test('maps swung off-beat eighths back to the straight grid', () => {
    // Triplet swing: the off-beat eighth lands 80 ticks late and is 80 ticks shorter.
    const notes = [
      { pitch: 60, startTicks: 0, durationTicks: 320 },
      { pitch: 62, startTicks: 320, durationTicks: 160 },
    ];
    expect(melodyLine(notes, { ppq: PPQ, swing: 1 / 3 }).map((note) => [note.onset, note.duration])).toEqual([
      [0, 4],
      [4, 4],
    ]);
  });
});

describe('measures', () => {
  test('a scale up and down: all steps, no leaps, one duration', () => {
    const m = measureMelody(line([60, 1], [62, 1], [64, 1], [65, 1], [67, 1], [65, 1], [64, 1], [62, 1]), { ppq: PPQ });
    expect(m.stepwiseShare).toBe(1);
    expect(m.range).toBe(7);
    expect(m.distinctDurations).toBe(1);
    expect(m.commonDurationShare).toBe(1);
    expect(Number.isNaN(m.leapRecovery)).toBe(true);
    // Five groups of four notes: (+2 +2 +1), (+2 +1 +2), (+1 +2 -2), (+2 -2 -1), (-2 -1 -2): all different.
    expect(m.motifRecurrence).toBe(0);
    // Bar 2 (G F E D) is not bar 1 (C D E F) relative to its first note.
    expect(m.barRepetition).toBe(0);
  });

  test('a motif stated, then sequenced a step higher, recurs', () => {
    // C D E C | D E F# D : the second bar repeats the first's intervals and rhythm a tone higher.
    const m = measureMelody(line([60, 1], [62, 1], [64, 1], [60, 1], [62, 1], [64, 1], [66, 1], [62, 1]), { ppq: PPQ });
    // Groups: (+2 +2 -4) (+2 -4 +2) (-4 +2 +2) (+2 +2 +2) (+2 +2 -4): the first and last match.
    expect(m.motifRecurrence).toBeCloseTo(2 / 5, 9);
    expect(m.barRepetition).toBe(1 / 2);
  });

  test('durations must match too for a group to recur', () => {
    const m = measureMelody(line([60, 1], [62, 1], [64, 1], [60, 1], [62, 0.5], [64, 0.5], [66, 1], [62, 2]), { ppq: PPQ });
    expect(m.motifRecurrence).toBe(0);
    expect(m.distinctDurations).toBe(3);
    expect(m.commonDurationShare).toBeCloseTo(5 / 8, 9);
    expect(m.barRepetition).toBe(0);
  });

  test('leap recovery counts only leaps of more than 4 semitones answered by a step the other way', () => {
    // +7 then -2 (recovered), +5 then +4 (continues, an arpeggio), -4 (not a leap) then +1.
    const m = measureMelody(line([60, 1], [67, 1], [65, 1], [70, 1], [74, 1], [70, 1], [71, 1]), { ppq: PPQ });
    expect(m.leapRecovery).toBe(1 / 2);
    // Intervals +7 -2 +5 +4 -4 +1: two of six within 2 semitones.
    expect(m.stepwiseShare).toBeCloseTo(2 / 6, 9);
    expect(m.range).toBe(14);
  });

  test('an immediately repeated block of four bars counts once; a later return counts', () => {
    const bar = (root: number): [number, number][] => [
      [root, 1],
      [root + 2, 1],
      [root + 4, 1],
      [root + 5, 1],
    ];
    const a = [...bar(60), ...bar(62), ...bar(64), ...bar(65)];
    const b = [...bar(67), ...bar(69), ...bar(71), ...bar(72)];
    const repeated = measureMelody(line(...a, ...a), { ppq: PPQ });
    const once = measureMelody(line(...a), { ppq: PPQ });
    expect(repeated).toEqual(once);
    const returned = measureMelody(line(...a, ...b, ...a), { ppq: PPQ });
    expect(returned.notes).toBe(48);
    // Every bar is the same four-note figure from its first note: only the very first is new.
    expect(returned.barRepetition).toBeCloseTo(11 / 12, 9);
  });

  test('collapseRepeats leaves blocks shorter than four bars alone', () => {
    const bars = [0, 1, 0, 1].map((k) => [{ pitch: 60 + k, onset: 0, duration: 32 }]);
    expect(collapseRepeats(bars, 32)).toHaveLength(4);
  });
});

test('quantile interpolates and ignores NaN', () => {
  expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
  expect(quantile([5, Number.NaN, 1], 0.5)).toBe(3);
  expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.1)).toBe(2);
  expect(Number.isNaN(quantile([], 0.5))).toBe(true);
});
