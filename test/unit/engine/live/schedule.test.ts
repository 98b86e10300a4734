import { describe, expect, test } from 'vitest';
import { departureAt, firstWindowFrom, liveEvents, sendAt, windowsOf } from '../../../../server/engine/live/schedule.js';
import { compose, themeById } from '../../../../server/engine/music/index.js';
import { sampleFlights } from '../music/fixtures.js';

const score = compose(sampleFlights()[0].flight, { theme: themeById('jazz')!, durationSeconds: 20 });

describe('liveEvents', () => {
  const events = liveEvents(score);

  test('holds every note, section and chord of the score in sounding order, framed by PIECE_START and COMPLETE', () => {
    expect(events[0]).toEqual({ kind: 'PIECE_START', at: 0 });
    expect(events.at(-1)).toMatchObject({ kind: 'COMPLETE', progress: 1 });
    expect(events.at(-1)!.at).toBeCloseTo(score.durationSeconds, 5);
    expect(events.filter((e) => e.kind === 'NOTE')).toHaveLength(score.tracks.reduce((sum, t) => sum + t.notes.length, 0));
    expect(events.filter((e) => e.kind === 'SECTION')).toHaveLength(score.sections.length);
    expect(events.filter((e) => e.kind === 'CHORD')).toHaveLength(score.chords.length);
    for (let i = 1; i < events.length; i++) expect(events[i].at).toBeGreaterThanOrEqual(events[i - 1].at);
  });

  test('puts markers before the notes they govern and numbers channels 1-16 with drums on 10', () => {
    const firstNote = events.findIndex((e) => e.kind === 'NOTE');
    expect(events.slice(0, firstNote).map((e) => e.kind)).toEqual(expect.arrayContaining(['SECTION', 'CHORD']));
    const drums = score.tracks.find((t) => t.role === 'DRUMS');
    if (drums) expect(events.find((e) => e.kind === 'NOTE' && e.role === 'DRUMS')!.channel).toBe(10);
    for (const e of events) if (e.kind === 'NOTE') expect(e.channel).toBeGreaterThanOrEqual(1);
  });

  test('ticks progress once a second, rising from 0 to 1', () => {
    const progress = events.filter((e) => e.kind === 'PROGRESS').map((e) => e.progress!);
    expect(progress).toHaveLength(Math.ceil(score.durationSeconds) - 1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBeLessThan(1);
  });

  test('is a pure function of the score', () => {
    expect(liveEvents(score)).toEqual(events);
  });
});

describe('windowsOf', () => {
  const events = liveEvents(score);
  const windows = windowsOf(events, 0.1);

  test('groups events into increasing, non-empty windows that keep every event once', () => {
    expect(windows.flatMap((w) => w.events)).toEqual(events);
    for (const window of windows) {
      expect(window.events.length).toBeGreaterThan(0);
      for (const event of window.events) {
        expect(event.at).toBeGreaterThanOrEqual(window.startSeconds - 1e-9);
        expect(event.at).toBeLessThan(window.startSeconds + 0.1);
      }
    }
    for (let i = 1; i < windows.length; i++) expect(windows[i].index).toBeGreaterThan(windows[i - 1].index);
  });

  test('sends a window its lookahead before it sounds, and a late joiner starts at the next window due', () => {
    expect(sendAt(windows[0], 0.5)).toBe(-0.5);
    const joinAt = 5.03;
    const first = firstWindowFrom(windows, joinAt, 0.5);
    expect(sendAt(windows[first], 0.5)).toBeGreaterThanOrEqual(joinAt);
    expect(sendAt(windows[first - 1], 0.5)).toBeLessThan(joinAt);
    expect(firstWindowFrom(windows, -10, 0.5)).toBe(0);
    expect(firstWindowFrom(windows, 1_000, 0.5)).toBe(windows.length);
  });

  test('refuses a window that is not positive', () => {
    expect(() => windowsOf(events, 0)).toThrow(RangeError);
  });
});

describe('departureAt', () => {
  const departures = [{ destination: 'LHR' }, { destination: 'CDG' }, { destination: 'JFK' }];

  test('cycles through destinations in code order', () => {
    expect([0, 1, 2, 3, 4].map((turn) => departureAt(departures, turn)!.destination)).toEqual(['CDG', 'JFK', 'LHR', 'CDG', 'JFK']);
    expect(departureAt([], 3)).toBeUndefined();
  });
});
