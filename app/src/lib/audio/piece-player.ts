import type { Sequencer } from 'spessasynth_lib';
import type { PieceFile } from './piece-file';
import { setVolume, soundEngine, type SoundEngine } from './sound-engine';

export type PlaybackState = 'idle' | 'loading' | 'playing' | 'paused' | 'ended';

/**
 * A saved piece's MIDI file on the SoundFont synthesizer (spessasynth's sequencer): exactly the
 * bytes the WAV/FLAC exports render, so what plays here is what a download sounds like.
 */
export class PiecePlayback {
  private sequencer: Sequencer | null = null;
  private engine: SoundEngine | null = null;
  private position = 0;
  private volume = 0.8;
  private state: PlaybackState = 'idle';
  private readonly listeners = new Set<(state: PlaybackState) => void>();

  constructor(private readonly file: PieceFile) {}

  get playbackState(): PlaybackState {
    return this.state;
  }

  get duration(): number {
    return this.file.durationSeconds;
  }

  /** Seconds into the piece (smoothed for drawing while it plays). */
  currentTime(): number {
    if (this.sequencer && this.state === 'playing') {
      if (this.sequencer.isFinished) this.finish();
      else {
        const time = this.sequencer.currentHighResolutionTime;
        if (Number.isFinite(time)) this.position = Math.min(this.duration, Math.max(0, time));
      }
    }
    return this.position;
  }

  onChange(listener: (state: PlaybackState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Call from a click, tap or key press: the first play starts the audio context. */
  async play(): Promise<void> {
    if (this.state === 'loading' || this.state === 'playing') return;
    if (this.state === 'ended') this.position = 0;
    if (!this.sequencer) {
      this.set('loading');
      const engine = await soundEngine();
      engine.synth.stopAll(true);
      this.engine = engine;
      window.__aeroAudio = { batches: 0, events: 0, notesScheduled: this.file.notes.length, contextState: () => engine.context.state };
      this.sequencer = new engine.lib.Sequencer(engine.synth, { skipToFirstNoteOn: false });
      this.sequencer.loopCount = 0;
      this.sequencer.loadNewSongList([{ binary: this.file.midi.slice(0), fileName: 'piece.mid' }]);
      setVolume(engine, this.volume);
    }
    await this.engine?.context.resume();
    this.sequencer.currentTime = this.position;
    this.sequencer.play();
    this.set('playing');
  }

  pause(): void {
    if (this.state !== 'playing') return;
    this.position = this.currentTime();
    this.sequencer?.pause();
    this.set('paused');
  }

  toggle(): Promise<void> | void {
    return this.state === 'playing' ? this.pause() : this.play();
  }

  seek(seconds: number): void {
    this.position = Math.max(0, Math.min(this.duration, seconds));
    if (this.sequencer && this.state === 'playing') this.sequencer.currentTime = this.position;
    else if (this.state === 'ended') this.set('paused');
    else this.emit();
  }

  setVolume(volume: number): void {
    this.volume = volume;
    if (this.engine) setVolume(this.engine, volume);
  }

  dispose(): void {
    this.sequencer?.pause();
    this.engine?.synth.stopAll(true);
    this.sequencer = null;
    this.listeners.clear();
  }

  private finish(): void {
    this.position = this.duration;
    this.sequencer?.pause();
    this.set('ended');
  }

  private set(state: PlaybackState): void {
    this.state = state;
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.state);
  }
}
