import { describe, expect, it } from 'vitest';
import { actorOfListener, decodeEntry, weightOf } from '../../../../server/modules/analytics/analytics-event.js';
import { DISTANCE_BANDS, MAX_BUCKETS, distanceBandIndex, percentile, tempoBandLabel, timeWindow, withheldBelowMinPeople } from '../../../../server/modules/analytics/figures.js';

const NOW = new Date('2026-11-27T12:00:00Z');

describe('distance bands', () => {
  it('are the issue bands, contiguous from 0 km with an open last band', () => {
    expect(DISTANCE_BANDS.map((band) => band.label)).toEqual(['< 500 km', '< 1,500 km', '< 4,000 km', '< 8,000 km', '≥ 8,000 km']);
    for (let i = 1; i < DISTANCE_BANDS.length; i += 1) expect(DISTANCE_BANDS[i].minKm).toBe(DISTANCE_BANDS[i - 1].maxKm);
    expect(DISTANCE_BANDS.at(-1)!.maxKm).toBeNull();
  });

  it('put a distance in the band whose upper bound it is below, boundaries going up', () => {
    expect([0, 499.9, 500, 1_499, 1_500, 3_999.99, 4_000, 7_999, 8_000, 16_000].map(distanceBandIndex)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });
});

describe('time windows', () => {
  it('default to the 30 days before now, per day', () => {
    expect(timeWindow({}, NOW)).toEqual({ from: new Date('2026-10-28T12:00:00Z'), to: NOW, granularity: 'DAY' });
  });

  it('refuse from at or after to, and more buckets than allowed, as BAD_USER_INPUT', () => {
    const code = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as { extensions: { code: string } }).extensions.code;
      }
      return null;
    };
    expect(code(() => timeWindow({ from: NOW, to: NOW }, NOW))).toBe('BAD_USER_INPUT');
    expect(code(() => timeWindow({ from: new Date('2027-01-01T00:00:00Z') }, NOW))).toBe('BAD_USER_INPUT');
    const hours = (n: number) => ({ from: new Date(NOW.getTime() - n * 3_600_000), to: NOW, granularity: 'HOUR' as const });
    expect(code(() => timeWindow(hours(MAX_BUCKETS), NOW))).toBeNull();
    expect(code(() => timeWindow(hours(MAX_BUCKETS + 1), NOW))).toBe('BAD_USER_INPUT');
    expect(code(() => timeWindow({ from: new Date(Number.NaN) }, NOW))).toBe('BAD_USER_INPUT');
  });
});

describe('figures about people', () => {
  it('are shown from 5 people on and withheld below', () => {
    expect(withheldBelowMinPeople(12, 4)).toBeNull();
    expect(withheldBelowMinPeople(12, 5)).toBe(12);
  });

  it('never carry a listener address, only a hash of it', () => {
    expect(actorOfListener('user:7')).toBe('user:7');
    const actor = actorOfListener('address:203.0.113.9');
    expect(actor).toMatch(/^anon:[0-9a-f]{32}$/);
    expect(actor).not.toContain('203.0.113.9');
    expect(actorOfListener('address:203.0.113.9')).toBe(actor);
  });
});

describe('percentile and tempo bands', () => {
  it('interpolate like DuckDB quantile_cont', () => {
    expect(percentile([], 0.95)).toBeNull();
    expect(percentile([10], 0.95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21], 0.95)).toBe(20);
    expect(percentile([0, 10], 0.95)).toBeCloseTo(9.5);
  });

  it('label tempo bands', () => {
    expect([0, 1, 2, 3].map(tempoBandLabel)).toEqual(['slow (< 80 bpm)', 'moderate (80-109 bpm)', 'lively (110-139 bpm)', 'fast (≥ 140 bpm)']);
  });
});

describe('stream entries', () => {
  const id = '0b6f1c9e-2a4b-4c1d-9e8f-7a6b5c4d3e2f';

  it('hold a batch of events; events this version does not understand are counted, not stored', () => {
    const played = { id, at: 1, kind: 'COMPOSITION_PLAYED', actor: 'user:1', compositionId: 3 };
    const request = { id, at: 1, kind: 'API_REQUEST', operation: 'Q', partnerId: null, latencyMs: 2.5, cacheHit: false, ok: true };
    expect(decodeEntry(JSON.stringify([played, request]))).toEqual({ events: [played, request], unreadable: 0 });
    const bad = [null, 'x', [], { ...played, id: 'x' }, { ...played, kind: 'DROP TABLE' }, { ...played, compositionId: 1.5 }, { ...request, latencyMs: 'slow' }];
    expect(decodeEntry(JSON.stringify([played, ...bad]))).toEqual({ events: [played], unreadable: bad.length });
    for (const entry of ['not json', 'null', JSON.stringify(played)]) expect(decodeEntry(entry)).toEqual({ events: [], unreadable: 1 });
  });

  it('weigh undoing events negatively', () => {
    expect(weightOf('COMPOSITION_LIKED')).toBe(1);
    expect(weightOf('COMPOSITION_UNLIKED')).toBe(-1);
    expect(weightOf('CONTEST_VOTE_RETRACTED')).toBe(-1);
  });
});
