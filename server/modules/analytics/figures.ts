import { BadUserInputError } from '../../errors.js';

/** Figures about people are shown only when at least this many distinct people make them up. */
export const MIN_PEOPLE = 5;

/** A figure made up by `people` distinct people, or null (withheld) when they are too few to stay anonymous. */
export function withheldBelowMinPeople(value: number, people: number): number | null {
  return people >= MIN_PEOPLE ? value : null;
}

export interface Band {
  label: string;
  minKm: number;
  /** Exclusive upper bound; null for the last, open band. */
  maxKm: number | null;
}

/** The distance bands: < 500, < 1,500, < 4,000, < 8,000 and ≥ 8,000 km. */
export const DISTANCE_BANDS: readonly Band[] = [
  { label: '< 500 km', minKm: 0, maxKm: 500 },
  { label: '< 1,500 km', minKm: 500, maxKm: 1_500 },
  { label: '< 4,000 km', minKm: 1_500, maxKm: 4_000 },
  { label: '< 8,000 km', minKm: 4_000, maxKm: 8_000 },
  { label: '≥ 8,000 km', minKm: 8_000, maxKm: null },
];

/** Upper bounds of every band but the last, for SQL that numbers bands 0..n-1. */
export const DISTANCE_BAND_LIMITS = DISTANCE_BANDS.flatMap((band) => (band.maxKm === null ? [] : [band.maxKm]));

export function distanceBandIndex(distanceKm: number): number {
  const index = DISTANCE_BAND_LIMITS.findIndex((limit) => distanceKm < limit);
  return index === -1 ? DISTANCE_BAND_LIMITS.length : index;
}

export const TEMPO_BANDS: readonly { label: string; maxBpm: number | null }[] = [
  { label: 'slow (< 80 bpm)', maxBpm: 80 },
  { label: 'moderate (80-109 bpm)', maxBpm: 110 },
  { label: 'lively (110-139 bpm)', maxBpm: 140 },
  { label: 'fast (≥ 140 bpm)', maxBpm: null },
];

export const TEMPO_BAND_LIMITS = TEMPO_BANDS.flatMap((band) => (band.maxBpm === null ? [] : [band.maxBpm]));

export function tempoBandLabel(index: number): string {
  return TEMPO_BANDS[Math.min(Math.max(index, 0), TEMPO_BANDS.length - 1)].label;
}

export type Granularity = 'HOUR' | 'DAY' | 'WEEK';

const GRANULARITY_MS: Record<Granularity, number> = { HOUR: 3_600_000, DAY: 86_400_000, WEEK: 7 * 86_400_000 };
/** DuckDB date_trunc part names, bound as a parameter. */
export const DATE_PART: Record<Granularity, string> = { HOUR: 'hour', DAY: 'day', WEEK: 'week' };

/** More buckets than this in one answer is a mistake (an hourly series over years), not a question. */
export const MAX_BUCKETS = 2_000;
export const DEFAULT_WINDOW_DAYS = 30;

export interface TimeWindow {
  from: Date;
  to: Date;
  granularity: Granularity;
}

/** The window a question covers: `to` defaults to now, `from` to 30 days before `to`; from must precede to. */
export function timeWindow(args: { from?: Date | null; to?: Date | null; granularity?: Granularity | null }, now: Date): TimeWindow {
  const granularity = args.granularity ?? 'DAY';
  const to = args.to ?? now;
  const from = args.from ?? new Date(to.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new BadUserInputError('from and to must be valid date-times');
  if (from.getTime() >= to.getTime()) {
    throw new BadUserInputError(`from (${from.toISOString()}) must be before to (${to.toISOString()})`, { invalidFields: [{ field: 'from', message: 'must be before to' }] });
  }
  const buckets = Math.ceil((to.getTime() - from.getTime()) / GRANULARITY_MS[granularity]);
  if (buckets > MAX_BUCKETS) {
    throw new BadUserInputError(`The window spans ${buckets} ${granularity.toLowerCase()}s; ask for at most ${MAX_BUCKETS} buckets (a coarser granularity or a shorter window)`, {
      invalidFields: [{ field: 'granularity', message: 'too many buckets' }],
    });
  }
  return { from, to, granularity };
}

/** The 95th percentile (linear interpolation between closest ranks, as DuckDB's quantile_cont). */
export function percentile(values: readonly number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * fraction;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}
