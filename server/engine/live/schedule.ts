import type { Score, TrackRole } from '../music/types.js';

export type LiveEventKind = 'PIECE_START' | 'NOTE' | 'SECTION' | 'CHORD' | 'PROGRESS' | 'COMPLETE';

/** One thing that happens at `at` seconds from the start of a piece; only the fields of its kind are set. */
export interface LiveEvent {
  kind: LiveEventKind;
  at: number;
  track?: string;
  role?: TrackRole;
  program?: number;
  channel?: number;
  pitch?: number;
  velocity?: number;
  duration?: number;
  section?: string;
  keyRoot?: string;
  scale?: string;
  chord?: string;
  roman?: string;
  /** 0..1 of the piece's length. */
  progress?: number;
}

/** The events sounding in [startSeconds, startSeconds + window): sent together, ahead of startSeconds. */
export interface LiveWindow {
  index: number;
  startSeconds: number;
  events: LiveEvent[];
}

/** Markers and starts at the same moment keep a stable order: structure first, so a client sets up before notes. */
const KIND_ORDER: Record<LiveEventKind, number> = { PIECE_START: 0, SECTION: 1, CHORD: 2, NOTE: 3, PROGRESS: 4, COMPLETE: 5 };

const round = (seconds: number) => Math.round(seconds * 1e6) / 1e6;

/**
 * Every event of a score in the order it sounds: PIECE_START, section and chord markers, notes
 * (channel 1-16, drums on 10), a progress tick each second and a final COMPLETE at the end.
 */
export function liveEvents(score: Score, progressEverySeconds = 1): LiveEvent[] {
  const events: LiveEvent[] = [{ kind: 'PIECE_START', at: 0 }];
  for (const section of score.sections) {
    events.push({ kind: 'SECTION', at: round(section.startSeconds), section: section.name, keyRoot: section.keyRoot, scale: section.scale });
  }
  for (const chord of score.chords) events.push({ kind: 'CHORD', at: round(chord.startSeconds), chord: chord.symbol, roman: chord.roman });
  for (const track of score.tracks) {
    for (const note of track.notes) {
      events.push({
        kind: 'NOTE',
        at: round(note.start),
        track: track.name,
        role: track.role,
        program: track.program,
        channel: track.channel + 1,
        pitch: note.pitch,
        velocity: note.velocity,
        duration: round(note.duration),
      });
    }
  }
  for (let second = progressEverySeconds; second < score.durationSeconds; second += progressEverySeconds) {
    events.push({ kind: 'PROGRESS', at: second, progress: round(second / score.durationSeconds) });
  }
  events.push({ kind: 'COMPLETE', at: round(score.durationSeconds), progress: 1 });
  return events.sort((a, b) => a.at - b.at || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.channel ?? 0) - (b.channel ?? 0) || (a.pitch ?? 0) - (b.pitch ?? 0));
}

/** Groups time-ordered events into windows of `windowSeconds`; empty windows are left out. */
export function windowsOf(events: readonly LiveEvent[], windowSeconds: number): LiveWindow[] {
  if (!(windowSeconds > 0)) throw new RangeError('windowSeconds must be positive');
  const windows: LiveWindow[] = [];
  for (const event of events) {
    const index = Math.floor(event.at / windowSeconds + 1e-9);
    const last = windows.at(-1);
    if (last && last.index === index) last.events.push(event);
    else windows.push({ index, startSeconds: round(index * windowSeconds), events: [event] });
  }
  return windows;
}

/** When a window leaves the server, in seconds from the start of the piece (negative: before it starts). */
export const sendAt = (window: LiveWindow, lookaheadSeconds: number): number => window.startSeconds - lookaheadSeconds;

/** The first window still worth sending to someone joining `positionSeconds` into the piece. */
export function firstWindowFrom(windows: readonly LiveWindow[], positionSeconds: number, lookaheadSeconds: number): number {
  const index = windows.findIndex((window) => sendAt(window, lookaheadSeconds) >= positionSeconds - 1e-9);
  return index === -1 ? windows.length : index;
}

/**
 * A deterministic, never-ending order of departures: destinations sorted by code, cycling. `turn`
 * counts pieces played on the channel so far.
 */
export function departureAt<T extends { destination: string }>(departures: readonly T[], turn: number): T | undefined {
  if (departures.length === 0) return undefined;
  const sorted = [...departures].sort((a, b) => (a.destination < b.destination ? -1 : a.destination > b.destination ? 1 : 0));
  return sorted[((turn % sorted.length) + sorted.length) % sorted.length];
}
