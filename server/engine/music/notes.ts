/**
 * Notes as the generators write them (grid ticks, raw velocity) and the performance pass that
 * turns them into ScoreNotes: swing, deterministic humanisation, and clean-up so every note-on
 * has an unambiguous note-off.
 */
import { PPQ } from './form.js';
import type { Rng } from './random.js';
import type { ScoreNote } from './types.js';

/** Struct-of-arrays so generators append numbers without allocating an object per note. */
export class NoteBuffer {
  readonly start: number[] = [];
  readonly length: number[] = [];
  readonly pitch: number[] = [];
  readonly velocity: number[] = [];
  /** Tick of the bar the note belongs to: humanising never drags a note into the previous bar. */
  readonly barStart: number[] = [];

  get count(): number {
    return this.start.length;
  }

  add(start: number, length: number, pitch: number, velocity: number, barStart: number): void {
    this.start.push(start);
    this.length.push(length);
    this.pitch.push(pitch);
    this.velocity.push(velocity);
    this.barStart.push(barStart);
  }
}

export interface PerformanceStyle {
  /** 0..0.5 of an eighth note. */
  swing: number;
  /** 0..1 */
  humanize: number;
  /** Timing jitter ceiling in ticks at humanize = 1. */
  maxJitterTicks: number;
  tempoBpm: number;
  totalTicks: number;
  /** A single line: each note ends before the next begins. */
  monophonic: boolean;
}

/** Off-beat eighths land late by `swing` of an eighth; the beat itself never moves. */
function swingTick(tick: number, delay: number): number {
  if (delay === 0) return tick;
  const beatStart = tick - (tick % PPQ);
  const within = tick - beatStart;
  const half = PPQ / 2;
  const warped = within <= half ? (within * (half + delay)) / half : half + delay + ((within - half) * (half - delay)) / half;
  return beatStart + Math.round(warped);
}

export function performNotes(buffer: NoteBuffer, style: PerformanceStyle, rng: Rng): ScoreNote[] {
  const count = buffer.count;
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  const velocities = new Int32Array(count);
  const delay = Math.round(Math.min(0.5, Math.max(0, style.swing)) * (PPQ / 2));
  const jitter = Math.min(1, Math.max(0, style.humanize)) * style.maxJitterTicks;
  const velocityJitter = Math.min(1, Math.max(0, style.humanize)) * 10;
  for (let i = 0; i < count; i++) {
    const shift = Math.round(rng.signed() * jitter);
    const start = Math.max(buffer.barStart[i], swingTick(buffer.start[i], delay) + shift);
    const gridEnd = buffer.start[i] + buffer.length[i];
    // Whatever rings to the end of the piece stops together with it.
    const end = gridEnd >= style.totalTicks ? style.totalTicks : Math.min(style.totalTicks, swingTick(gridEnd, delay) + shift);
    starts[i] = start;
    ends[i] = end;
    velocities[i] = Math.min(127, Math.max(1, Math.round(buffer.velocity[i] + rng.signed() * velocityJitter)));
  }
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  const pitches = buffer.pitch;
  order.sort((a, b) => starts[a] - starts[b] || pitches[a] - pitches[b]);

  // Same pitch overlapping itself would make note-off pairing ambiguous: the earlier note yields.
  const lastOfPitch = new Int32Array(128).fill(-1);
  let previous = -1;
  for (let k = 0; k < count; k++) {
    const i = order[k];
    const samePitch = lastOfPitch[pitches[i]];
    if (samePitch >= 0 && ends[samePitch] > starts[i]) ends[samePitch] = starts[i];
    if (style.monophonic && previous >= 0 && ends[previous] > starts[i]) ends[previous] = starts[i];
    lastOfPitch[pitches[i]] = i;
    previous = i;
  }

  const secondsPerTick = 60 / (style.tempoBpm * PPQ);
  const notes: ScoreNote[] = [];
  for (let k = 0; k < count; k++) {
    const i = order[k];
    const durationTicks = ends[i] - starts[i];
    if (durationTicks <= 0) continue;
    notes.push({
      pitch: pitches[i],
      velocity: velocities[i],
      startTicks: starts[i],
      durationTicks,
      start: starts[i] * secondsPerTick,
      duration: durationTicks * secondsPerTick,
    });
  }
  return notes;
}
