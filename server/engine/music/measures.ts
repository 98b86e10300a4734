/**
 * Form measures of a melody, defined exactly as issue #20 measured 1,034 human folk tunes (the
 * Nottingham corpus) so our pieces can be compared with them: motif recurrence, bar repetition,
 * rhythmic vocabulary, leap recovery, range and stepwise share. Pure: notes in, numbers out.
 */

export interface MeasuredNote {
  pitch: number;
  startTicks: number;
  durationTicks: number;
}

export interface MeasureOptions {
  /** Ticks per quarter note. */
  ppq: number;
  /** Beats per bar (4 in 4/4). */
  beatsPerBar?: number;
  /** 0..0.5 of an eighth: how late the performance played off-beat eighths; mapped back to straight. */
  swing?: number;
}

export interface MelodyMeasures {
  notes: number;
  /** Share of 4-note groups (3 intervals + 4 durations, to 1/8 beat) that occur more than once. */
  motifRecurrence: number;
  /** Share of bars that repeat an earlier bar (pitches relative to the bar's first note, onsets within the bar). */
  barRepetition: number;
  /** Distinct note durations, to 1/8 beat. */
  distinctDurations: number;
  /** Share of notes having the most common duration. */
  commonDurationShare: number;
  /** After a leap of more than 4 semitones, share of next intervals that step back (opposite way, 1-2 semitones); NaN without leaps. */
  leapRecovery: number;
  /** Highest minus lowest pitch, semitones. */
  range: number;
  /** Share of intervals of 2 semitones or less (repeats included). */
  stepwiseShare: number;
}

/** The grid everything is quantised to: an eighth of a beat. */
const GRID_PER_BEAT = 8;
/** Blocks of at least this many bars, immediately repeated, are played-out repeat signs: counted once. */
const MIN_REPEATED_BLOCK = 4;
const LEAP = 4;
const STEP = 2;

/** Inverse of the performance's swing: a tick within a beat back to where it stood on the straight grid. */
function unswing(tick: number, ppq: number, swing: number): number {
  if (swing <= 0) return tick;
  const half = ppq / 2;
  const delay = Math.round(Math.min(0.5, swing) * half);
  const beatStart = Math.floor(tick / ppq) * ppq;
  const within = tick - beatStart;
  const straight = within <= half + delay ? (within * half) / (half + delay) : half + ((within - half - delay) * half) / (half - delay);
  return beatStart + straight;
}

interface GridNote {
  pitch: number;
  /** Onset and duration in eighths of a beat. */
  onset: number;
  duration: number;
}

/** The melody as a listener hears it: the highest note of every onset, on the 1/8-beat grid. */
export function melodyLine(notes: readonly MeasuredNote[], options: MeasureOptions): GridNote[] {
  const unit = options.ppq / GRID_PER_BEAT;
  const swing = options.swing ?? 0;
  const byOnset = new Map<number, GridNote>();
  for (const note of notes) {
    const start = unswing(note.startTicks, options.ppq, swing);
    const end = unswing(note.startTicks + note.durationTicks, options.ppq, swing);
    const onset = Math.round(start / unit);
    const duration = Math.max(1, Math.round(end / unit) - onset);
    const held = byOnset.get(onset);
    if (!held || note.pitch > held.pitch) byOnset.set(onset, { pitch: note.pitch, onset, duration });
  }
  return [...byOnset.values()].sort((a, b) => a.onset - b.onset);
}

function barsOf(line: readonly GridNote[], gridPerBar: number): GridNote[][] {
  const bars: GridNote[][] = [];
  for (const note of line) {
    const bar = Math.floor(note.onset / gridPerBar);
    while (bars.length <= bar) bars.push([]);
    bars[bar].push(note);
  }
  return bars;
}

function exactBarKey(bar: readonly GridNote[], gridPerBar: number): string {
  return bar.map((note) => `${note.onset % gridPerBar}:${note.pitch}:${note.duration}`).join(',');
}

/** Drops the second copy of every block of 4+ bars that is immediately repeated note for note. */
export function collapseRepeats(bars: readonly GridNote[][], gridPerBar: number): GridNote[][] {
  const keys = bars.map((bar) => exactBarKey(bar, gridPerBar));
  const kept: number[] = [];
  let i = 0;
  while (i < keys.length) {
    let skipped = false;
    for (let length = Math.floor((keys.length - i) / 2); length >= MIN_REPEATED_BLOCK; length--) {
      let same = true;
      for (let k = 0; k < length && same; k++) same = keys[i + k] === keys[i + length + k];
      if (!same) continue;
      for (let k = 0; k < length; k++) kept.push(i + k);
      i += 2 * length;
      skipped = true;
      break;
    }
    if (!skipped) kept.push(i++);
  }
  return kept.map((index) => bars[index]);
}

function shareRecurring(keys: readonly string[]): number {
  if (keys.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  let recurring = 0;
  for (const key of keys) if (counts.get(key)! > 1) recurring++;
  return recurring / keys.length;
}

export function measureMelody(notes: readonly MeasuredNote[], options: MeasureOptions): MelodyMeasures {
  const gridPerBar = GRID_PER_BEAT * (options.beatsPerBar ?? 4);
  const bars = collapseRepeats(barsOf(melodyLine(notes, options), gridPerBar), gridPerBar);
  const line = bars.flat();
  const pitches = line.map((note) => note.pitch);
  const durations = line.map((note) => note.duration);

  const groups: string[] = [];
  for (let i = 0; i + 3 < line.length; i++) {
    groups.push(`${pitches[i + 1] - pitches[i]},${pitches[i + 2] - pitches[i + 1]},${pitches[i + 3] - pitches[i + 2]}|${durations.slice(i, i + 4).join(',')}`);
  }

  const seenBars = new Set<string>();
  let soundingBars = 0;
  let repeatedBars = 0;
  for (const bar of bars) {
    if (bar.length === 0) continue;
    soundingBars++;
    const key = bar.map((note) => `${note.onset % gridPerBar}:${note.pitch - bar[0].pitch}`).join(',');
    if (seenBars.has(key)) repeatedBars++;
    else seenBars.add(key);
  }

  const durationCounts = new Map<number, number>();
  for (const duration of durations) durationCounts.set(duration, (durationCounts.get(duration) ?? 0) + 1);
  let mostCommon = 0;
  for (const count of durationCounts.values()) mostCommon = Math.max(mostCommon, count);

  let leaps = 0;
  let recovered = 0;
  let steps = 0;
  for (let i = 1; i < pitches.length; i++) {
    const interval = pitches[i] - pitches[i - 1];
    if (Math.abs(interval) <= STEP) steps++;
    if (Math.abs(interval) > LEAP && i + 1 < pitches.length) {
      leaps++;
      const answer = pitches[i + 1] - pitches[i];
      if (answer !== 0 && Math.sign(answer) !== Math.sign(interval) && Math.abs(answer) <= STEP) recovered++;
    }
  }

  return {
    notes: line.length,
    motifRecurrence: shareRecurring(groups),
    barRepetition: soundingBars === 0 ? 0 : repeatedBars / soundingBars,
    distinctDurations: durationCounts.size,
    commonDurationShare: line.length === 0 ? 0 : mostCommon / line.length,
    leapRecovery: leaps === 0 ? Number.NaN : recovered / leaps,
    range: pitches.length === 0 ? 0 : Math.max(...pitches) - Math.min(...pitches),
    stepwiseShare: pitches.length < 2 ? 1 : steps / (pitches.length - 1),
  };
}

/** Linear-interpolated quantile of the finite values (NaN when there are none). */
export function quantile(values: readonly number[], q: number): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

export type MeasureName = Exclude<keyof MelodyMeasures, 'notes'>;

/** The human reference band per measure: p10 / median / p90 over the Nottingham corpus. */
export const HUMAN_BANDS: Readonly<Record<MeasureName, { p10: number; median: number; p90: number }>> = {
  motifRecurrence: { p10: 0.29, median: 0.59, p90: 0.86 },
  barRepetition: { p10: 0.12, median: 0.35, p90: 0.56 },
  distinctDurations: { p10: 2, median: 3, p90: 5 },
  commonDurationShare: { p10: 0.5, median: 0.71, p90: 0.9 },
  leapRecovery: { p10: 0, median: 0.21, p90: 0.53 },
  range: { p10: 12, median: 17, p90: 21 },
  stepwiseShare: { p10: 0.47, median: 0.65, p90: 0.8 },
};
