// spessasynth_lib and the General MIDI SoundFont (the one the WAV/FLAC exports render with) load
// on the first Play, not with the page: together they are most of what a page would download.
import type { WorkletSynthesizer } from 'spessasynth_lib';

type SpessaLib = typeof import('spessasynth_lib');

const SOUND_FONT_URL = process.env.NEXT_PUBLIC_SOUND_FONT_URL ?? '';
const PROCESSOR_URL = process.env.NEXT_PUBLIC_SYNTH_PROCESSOR_URL ?? '';

export interface SoundEngine {
  lib: SpessaLib;
  context: AudioContext;
  synth: WorkletSynthesizer;
  /** Everything sounds through it: the volume control. */
  output: GainNode;
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

let library: Promise<SpessaLib> | null = null;
let soundFont: Promise<ArrayBuffer> | null = null;
let engine: Promise<SoundEngine> | null = null;

/** Starts fetching the synthesizer and the SoundFont (e.g. when a player comes into view). */
export function preloadSound(): void {
  library ??= import('spessasynth_lib');
  if (engine) return;
  soundFont ??= fetch(SOUND_FONT_URL).then((response) => {
    if (!response.ok) throw new Error(`the SoundFont did not load (HTTP ${response.status})`);
    return response.arrayBuffer();
  });
  soundFont.catch(() => {
    soundFont = null;
  });
}

async function createEngine(context: AudioContext): Promise<SoundEngine> {
  preloadSound();
  const [lib, font] = await Promise.all([library!, soundFont!, context.audioWorklet.addModule(PROCESSOR_URL)]);
  const synth = new lib.WorkletSynthesizer(context);
  const output = context.createGain();
  synth.connect(output);
  output.connect(context.destination);
  // The synthesizer takes the buffer over; a later engine (after a failure) fetches it again.
  soundFont = null;
  await synth.soundBankManager.addSoundBank(font, 'main');
  await synth.isReady;
  return { lib, context, synth, output };
}

/**
 * The page's one synthesizer. Call from a click or tap: the audio context is created and resumed
 * inside the gesture, before anything is awaited.
 */
export function soundEngine(): Promise<SoundEngine> {
  if (engine) {
    void engine.then(({ context }) => context.resume());
    return engine;
  }
  const context = new AudioContext({ latencyHint: 'playback' });
  void context.resume();
  engine = createEngine(context);
  engine.catch(() => {
    engine = null;
    void context.close();
  });
  return engine;
}

/** 0-1 from a slider to a gain that sounds even (a squared curve). */
export function setVolume(target: SoundEngine, volume: number): void {
  const level = Math.max(0, Math.min(1, volume));
  target.output.gain.setTargetAtTime(level * level, target.context.currentTime, 0.02);
}
