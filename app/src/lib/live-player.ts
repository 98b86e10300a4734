import type { LiveBatchFieldsFragment } from '../gql/graphql';
import { soundEngine, type AudioCounters, type SoundEngine } from './audio/sound-engine';

/** A live batch as the shared LiveBatchFields fragment (schema/operations) selects it. */
export type LiveBatchData = LiveBatchFieldsFragment;
export type LivePieceData = LiveBatchData['piece'];
export type LiveEventData = LiveBatchData['events'][number];

/** A note as the piano roll draws it, in seconds from the start of its piece. */
export interface RollNote {
  at: number;
  duration: number;
  pitch: number;
  role: string;
}

/** What the screen shows: the piece, and the section, chord and progress now sounding. */
export interface NowPlaying {
  turn: number;
  piece: LivePieceData | null;
  section: string | null;
  key: string | null;
  scale: string | null;
  chord: string | null;
  roman: string | null;
  progress: number;
  complete: boolean;
}

/** How far a batch's clock estimate may stray from the current one before it replaces it. */
const CLOCK_RESET_MS = 1_000;

/**
 * Plays live batches on the SoundFont synthesizer: each NOTE at its `soundsAt`, mapped from the
 * server's clock to the audio clock, with its General MIDI program on its channel. The server's
 * clock is estimated from each batch (sent `lookaheadSeconds` before its window sounds); the
 * largest estimate is the one least delayed by the network.
 */
export class LivePlayer {
  readonly counters: AudioCounters;
  private serverOffsetMs: number | null = null;
  /** The program each channel is set to. */
  private readonly programs = new Map<number, number>();
  private readonly pending: LiveEventData[] = [];
  private readonly listeners = new Set<(state: NowPlaying) => void>();
  private readonly notes: RollNote[] = [];
  private state: NowPlaying = { turn: -1, piece: null, section: null, key: null, scale: null, chord: null, roman: null, progress: 0, complete: false };
  private timer: ReturnType<typeof setInterval> | null = null;

  private constructor(private readonly engine: SoundEngine) {
    this.counters = { batches: 0, events: 0, notesScheduled: 0, contextState: () => engine.context.state };
    if (typeof window !== 'undefined') window.__aeroAudio = this.counters;
  }

  /**
   * Call from a click or tap: browsers start audio only on a gesture, so the audio context is
   * created and resumed at once (see soundEngine), before the synthesizer and SoundFont load.
   */
  static async start(): Promise<LivePlayer> {
    const engine = await soundEngine();
    engine.synth.stopAll(true);
    const player = new LivePlayer(engine);
    player.timer = setInterval(() => player.advance(), 50);
    return player;
  }

  onChange(listener: (state: NowPlaying) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get rollNotes(): readonly RollNote[] {
    return this.notes;
  }

  /** Seconds into the current piece, by the server's clock. */
  pieceTime(): number {
    if (!this.state.piece || this.serverOffsetMs === null) return 0;
    return (Date.now() + this.serverOffsetMs - this.state.piece.startsAt) / 1000;
  }

  receive(batch: LiveBatchData): void {
    this.counters.batches += 1;
    this.counters.events += batch.events.length;
    const sentAt = batch.piece.startsAt + (batch.startSeconds - batch.lookaheadSeconds) * 1000;
    const estimate = sentAt - Date.now();
    // Network delay only ever lowers an estimate, so the largest is the best; an estimate far off
    // the current one (the server's clock jumped, or a late listener joined mid-piece) replaces it.
    this.serverOffsetMs = this.serverOffsetMs === null || Math.abs(estimate - this.serverOffsetMs) > CLOCK_RESET_MS ? estimate : Math.max(this.serverOffsetMs, estimate);
    if (batch.turn !== this.state.turn) {
      this.notes.length = 0;
      this.pending.length = 0;
      this.update({ turn: batch.turn, piece: batch.piece, section: null, key: batch.piece.key, scale: batch.piece.scale, chord: null, roman: null, progress: 0, complete: false });
    }
    const serverNow = Date.now() + this.serverOffsetMs;
    for (const event of batch.events) {
      if (event.kind === 'NOTE') this.scheduleNote(event, serverNow);
      else this.pending.push(event);
    }
  }

  private scheduleNote(event: LiveEventData, serverNow: number): void {
    if (event.pitch == null || event.duration == null) return;
    this.notes.push({ at: event.at, duration: event.duration, pitch: event.pitch, role: event.role ?? 'MELODY' });
    const delaySeconds = (event.soundsAt - serverNow) / 1000;
    // A window that arrived late is dropped rather than played out of time.
    if (delaySeconds < -0.05) return;
    const channel = (event.channel ?? 1) - 1;
    const { synth, context } = this.engine;
    const time = context.currentTime + Math.max(0, delaySeconds);
    const program = event.program ?? 0;
    if (channel !== 9 && this.programs.get(channel) !== program) {
      synth.programChange(channel, program, { time });
      this.programs.set(channel, program);
    }
    synth.noteOn(channel, event.pitch, event.velocity ?? 80, { time });
    synth.noteOff(channel, event.pitch, { time: time + Math.max(0.05, event.duration) });
    this.counters.notesScheduled += 1;
  }

  /** Applies the section, chord and progress events whose moment has come. */
  private advance(): void {
    if (this.serverOffsetMs === null || this.pending.length === 0) return;
    const serverNow = Date.now() + this.serverOffsetMs;
    const due = this.pending.filter((event) => event.soundsAt <= serverNow);
    if (due.length === 0) return;
    const remaining = this.pending.filter((event) => event.soundsAt > serverNow);
    this.pending.splice(0, this.pending.length, ...remaining);
    const next = { ...this.state };
    for (const event of due) {
      if (event.kind === 'SECTION') Object.assign(next, { section: event.section ?? null, key: event.key ?? next.key, scale: event.scale ?? next.scale });
      else if (event.kind === 'CHORD') Object.assign(next, { chord: event.chord ?? null, roman: event.roman ?? null });
      else if (event.kind === 'PROGRESS') next.progress = event.progress ?? next.progress;
      else if (event.kind === 'COMPLETE') Object.assign(next, { progress: 1, complete: true });
    }
    this.update(next);
  }

  private update(state: NowPlaying): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.engine.synth.stopAll();
    this.listeners.clear();
  }
}
