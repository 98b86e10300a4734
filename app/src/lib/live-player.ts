// Tone.js is loaded when the first piece plays, not with the page (it is most of a page's script).
type ToneModule = typeof import('tone');
let tone: ToneModule | null = null;
const loadTone = async (): Promise<ToneModule> => (tone ??= await import('tone'));

/** The fields of a live event the player uses (see LiveEvent in schema/schema.graphql). */
export interface LiveEventData {
  kind: 'PIECE_START' | 'SECTION' | 'CHORD' | 'NOTE' | 'PROGRESS' | 'COMPLETE';
  at: number;
  soundsAt: number;
  role?: 'MELODY' | 'HARMONY' | 'BASS' | 'DRUMS' | null;
  program?: number | null;
  channel?: number | null;
  pitch?: number | null;
  velocity?: number | null;
  duration?: number | null;
  section?: string | null;
  key?: string | null;
  scale?: string | null;
  chord?: string | null;
  roman?: string | null;
  progress?: number | null;
}

export interface LivePieceData {
  compositionId: string;
  title: string;
  airports: string[];
  theme: string;
  tempoBpm: number;
  key: string;
  scale: string;
  durationSeconds: number;
  startsAt: number;
}

export interface LiveBatchData {
  turn: number;
  sequence: number;
  startSeconds: number;
  lookaheadSeconds: number;
  piece: LivePieceData;
  events: LiveEventData[];
}

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

/** Counters the end-to-end tests read through `window.__aeroAudio`. */
export interface AudioCounters {
  batches: number;
  events: number;
  notesScheduled: number;
  contextState(): string;
}

declare global {
  interface Window {
    __aeroAudio?: AudioCounters;
  }
}

/** How far a batch's clock estimate may stray from the current one before it replaces it. */
const CLOCK_RESET_MS = 1_000;

type Voice = { trigger(pitch: number, duration: number, time: number, velocity: number): void; dispose(): void };

/** A General-MIDI family (program / 8) as a Tone.js synth: oscillator shape and envelope. */
function melodicVoice(Tone: ToneModule, program: number, destination: InstanceType<ToneModule['Volume']>): Voice {
  const family = Math.floor(program / 8);
  const shapes: Record<number, { type: 'sine' | 'triangle' | 'square' | 'sawtooth'; attack: number; decay: number; sustain: number; release: number }> = {
    0: { type: 'triangle', attack: 0.005, decay: 0.8, sustain: 0.2, release: 0.6 }, // piano
    1: { type: 'sine', attack: 0.002, decay: 0.6, sustain: 0.1, release: 0.8 }, // chromatic percussion
    2: { type: 'sine', attack: 0.02, decay: 0.1, sustain: 0.9, release: 0.3 }, // organ
    3: { type: 'triangle', attack: 0.003, decay: 0.5, sustain: 0.15, release: 0.4 }, // guitar
    4: { type: 'triangle', attack: 0.01, decay: 0.3, sustain: 0.6, release: 0.2 }, // bass
    5: { type: 'sawtooth', attack: 0.08, decay: 0.2, sustain: 0.7, release: 0.5 }, // strings
    6: { type: 'sawtooth', attack: 0.1, decay: 0.3, sustain: 0.6, release: 0.8 }, // ensemble
    7: { type: 'square', attack: 0.03, decay: 0.1, sustain: 0.8, release: 0.2 }, // brass
    8: { type: 'square', attack: 0.03, decay: 0.1, sustain: 0.7, release: 0.2 }, // reed
    9: { type: 'sine', attack: 0.04, decay: 0.1, sustain: 0.8, release: 0.3 }, // pipe
    10: { type: 'sawtooth', attack: 0.01, decay: 0.2, sustain: 0.6, release: 0.3 }, // synth lead
    11: { type: 'triangle', attack: 0.4, decay: 0.5, sustain: 0.8, release: 1.5 }, // synth pad
  };
  const shape = shapes[family] ?? shapes[0];
  const synth = new Tone.PolySynth(Tone.Synth, {
    oscillator: { type: shape.type },
    envelope: { attack: shape.attack, decay: shape.decay, sustain: shape.sustain, release: shape.release },
    volume: -14,
  }).connect(destination);
  synth.maxPolyphony = 24;
  return {
    trigger: (pitch, duration, time, velocity) => synth.triggerAttackRelease(Tone.Frequency(pitch, 'midi').toFrequency(), Math.max(0.05, duration), time, velocity),
    dispose: () => synth.dispose(),
  };
}

/** General-MIDI drums (channel 10) by key: kicks, snares, hats and cymbals, toms. */
function drumVoice(Tone: ToneModule, destination: InstanceType<ToneModule['Volume']>): Voice {
  const kick = new Tone.MembraneSynth({ volume: -8 }).connect(destination);
  const tom = new Tone.MembraneSynth({ volume: -14, pitchDecay: 0.02 }).connect(destination);
  const snare = new Tone.NoiseSynth({ volume: -20, envelope: { attack: 0.001, decay: 0.15, sustain: 0 } }).connect(destination);
  const hat = new Tone.MetalSynth({ volume: -32, envelope: { attack: 0.001, decay: 0.06, release: 0.01 } }).connect(destination);
  const cymbal = new Tone.MetalSynth({ volume: -30, envelope: { attack: 0.001, decay: 0.8, release: 0.3 } }).connect(destination);
  // Monophonic Tone instruments refuse two starts at one instant; nudge a repeat by a millisecond.
  const lastStart = new Map<object, number>();
  const at = (voice: object, time: number) => {
    const previous = lastStart.get(voice) ?? -1;
    const start = time <= previous ? previous + 0.001 : time;
    lastStart.set(voice, start);
    return start;
  };
  return {
    trigger: (pitch, _duration, time, velocity) => {
      if (pitch === 35 || pitch === 36) kick.triggerAttackRelease('C1', 0.2, at(kick, time), velocity);
      else if (pitch === 38 || pitch === 40 || pitch === 37 || pitch === 39) snare.triggerAttackRelease(0.12, at(snare, time), velocity);
      else if (pitch === 42 || pitch === 44 || pitch === 46 || pitch === 51 || pitch === 59) hat.triggerAttackRelease('C6', 0.05, at(hat, time), velocity);
      else if (pitch === 49 || pitch === 52 || pitch === 55 || pitch === 57) cymbal.triggerAttackRelease('C5', 0.6, at(cymbal, time), velocity);
      else tom.triggerAttackRelease(Tone.Frequency(pitch, 'midi').toFrequency() / 2, 0.2, at(tom, time), velocity);
    },
    dispose: () => [kick, tom, snare, hat, cymbal].forEach((node) => node.dispose()),
  };
}

/**
 * Plays live batches with Tone.js: each NOTE at its `soundsAt`, mapped from the server's clock to
 * the audio clock. The server's clock is estimated from each batch (sent `lookaheadSeconds` before
 * its window sounds); the largest estimate is the one least delayed by the network.
 */
export class LivePlayer {
  readonly counters: AudioCounters;
  private serverOffsetMs: number | null = null;
  private readonly voices = new Map<number, Voice>();
  private readonly output: InstanceType<ToneModule['Volume']>;
  private readonly pending: LiveEventData[] = [];
  private readonly listeners = new Set<(state: NowPlaying) => void>();
  private readonly notes: RollNote[] = [];
  private state: NowPlaying = { turn: -1, piece: null, section: null, key: null, scale: null, chord: null, roman: null, progress: 0, complete: false };
  private timer: ReturnType<typeof setInterval> | null = null;

  private constructor(private readonly Tone: ToneModule) {
    this.counters = { batches: 0, events: 0, notesScheduled: 0, contextState: () => Tone.getContext().state };
    this.output = new Tone.Volume(-4).toDestination();
    if (typeof window !== 'undefined') window.__aeroAudio = this.counters;
  }

  /**
   * Call from a click or tap: browsers start audio only on a gesture (its activation outlives the
   * few milliseconds that loading Tone.js takes).
   */
  static async start(): Promise<LivePlayer> {
    const player = new LivePlayer(await loadTone());
    await player.Tone.start();
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
    const channel = event.channel ?? 1;
    let voice = this.voices.get(channel);
    if (!voice) {
      voice = channel === 10 ? drumVoice(this.Tone, this.output) : melodicVoice(this.Tone, event.program ?? 0, this.output);
      this.voices.set(channel, voice);
    }
    voice.trigger(event.pitch, event.duration, this.Tone.now() + Math.max(0, delaySeconds), (event.velocity ?? 80) / 127);
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
    for (const voice of this.voices.values()) voice.dispose();
    this.voices.clear();
    this.output.dispose();
    this.listeners.clear();
  }
}
