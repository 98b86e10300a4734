import { BasicMIDI, GeneratorTypes, InterpolationTypes, SpessaSynthProcessor, SpessaSynthSequencer, type BasicSoundBank } from 'spessasynth_core';
import { fadeOut, normalisingGain, peakOf, toPcm16 } from './pcm.js';
import { BusReverb } from './reverb.js';
import { fuseVoiceRendering } from './voice-render.js';
import type { PcmAudio } from './wav.js';

export const SAMPLE_RATE = 44_100;
/** Sound after the last note-off: releases and reverb ring on briefly, then fade out. */
export const TAIL_SECONDS = 0.8;
const FADE_SECONDS = 0.25;
/** The peak of every export: 1 dB of headroom under full scale. */
export const TARGET_PEAK_DBFS = -1;
/** The synthesiser's block: modulators and LFOs update once per block, so it stays small. */
const BLOCK_FRAMES = 128;
/**
 * A released voice ends once its gain falls 70 dB under the loudest sample rendered so far: the
 * peak becomes -1 dBFS, so what it would still add lies under -71 dBFS, inaudible under the music.
 * The synthesiser itself only ends a release 90 dB under the voice's own level, so sustained pads
 * and cymbals kept a crowd of near-silent voices busy (a third of an electronic piece's voice work).
 */
const RELEASE_FLOOR = 10 ** (-70 / 20);

/**
 * What ending released voices early reads of spessasynth_core 4.3.22's private voice pool: the
 * version is pinned in package.json, and a voice the synthesiser marks inactive is simply free again.
 */
interface VoicePool {
  synthCore: {
    voices: readonly {
      isActive: boolean;
      isInRelease: boolean;
      channel: number;
      gainModifier: number;
      modulatedGenerators: Int16Array;
      volEnv: { outputGain: number };
    }[];
    midiChannels: readonly { currentGain: number }[];
  };
}

export interface RenderedAudio extends PcmAudio {
  /** The MIDI file's own length in seconds, without the tail. */
  midiSeconds: number;
  /** The gain normalisation applied (the raw peak times it is the target peak). */
  gain: number;
}

/**
 * Renders a Standard MIDI File with a General-MIDI sound bank to 44.1 kHz stereo, a slice at a
 * time: the caller decides when to run each `step()` (a worker yields its event loop between
 * them, so a long render never stalls lock renewals or progress reports). Program changes pick
 * the instruments, channel 10 plays drums, and tempo, velocities and controllers come from the file.
 */
export class MidiRenderer {
  private readonly left: Float32Array;
  private readonly right: Float32Array;
  private filled = 0;
  private peak = 0;

  private constructor(
    private readonly synth: SpessaSynthProcessor,
    private readonly sequencer: SpessaSynthSequencer,
    readonly midiSeconds: number,
    readonly sampleRate: number,
  ) {
    const frames = Math.ceil(sampleRate * (midiSeconds + TAIL_SECONDS));
    this.left = new Float32Array(frames);
    this.right = new Float32Array(frames);
  }

  static async create(soundBank: BasicSoundBank, midi: Uint8Array, sampleRate = SAMPLE_RATE): Promise<MidiRenderer> {
    const parsed = BasicMIDI.fromArrayBuffer(midi.buffer.slice(midi.byteOffset, midi.byteOffset + midi.byteLength) as ArrayBuffer);
    const synth = new SpessaSynthProcessor(sampleRate, { eventsEnabled: false, maxBufferSize: BLOCK_FRAMES, reverbProcessor: new BusReverb(sampleRate, BLOCK_FRAMES) });
    synth.soundBankManager.addSoundBank(soundBank, 'general-midi');
    await synth.processorInitialized;
    // Linear instead of Hermite sample interpolation: a fifth of the voice work, and the same
    // loudness and brightness (test/unit/engine/audio/render-equality.test.ts).
    synth.setSystemParameter('interpolationType', InterpolationTypes.linear);
    fuseVoiceRendering(synth);
    const sequencer = new SpessaSynthSequencer(synth);
    sequencer.loadNewSongList([parsed]);
    sequencer.play();
    return new MidiRenderer(synth, sequencer, parsed.duration, sampleRate);
  }

  get totalFrames(): number {
    return this.left.length;
  }

  /** Fraction rendered, 0 to 1. */
  get progress(): number {
    return this.totalFrames === 0 ? 1 : this.filled / this.totalFrames;
  }

  get done(): boolean {
    return this.filled >= this.totalFrames;
  }

  /** Renders up to `frames` more frames (default one second); returns whether any are left. */
  step(frames = this.sampleRate): boolean {
    const end = Math.min(this.totalFrames, this.filled + frames);
    while (this.filled < end) {
      this.sequencer.processTick();
      const block = Math.min(BLOCK_FRAMES, end - this.filled);
      this.synth.process(this.left, this.right, this.filled, block);
      this.endQuietReleases(this.filled, block);
      this.filled += block;
    }
    return !this.done;
  }

  private endQuietReleases(start: number, frames: number): void {
    const { left, right } = this;
    let peak = this.peak;
    for (let i = start; i < start + frames; i++) {
      const sample = Math.max(Math.abs(left[i]), Math.abs(right[i]));
      if (sample > peak) peak = sample;
    }
    this.peak = peak;
    const floor = peak * RELEASE_FLOOR;
    const { voices, midiChannels } = (this.synth as unknown as VoicePool).synthCore;
    for (const voice of voices) {
      if (!voice.isActive || !voice.isInRelease) continue;
      // The gain renderVoice applies to the voice's samples, less the pan law and LFOs, which only lower it.
      const amplitude = 1 + voice.modulatedGenerators[GeneratorTypes.amplitude] / 1e3;
      if (voice.volEnv.outputGain * voice.gainModifier * amplitude * midiChannels[voice.channel].currentGain < floor) voice.isActive = false;
    }
  }

  /** Peak-normalised 16-bit stereo; renders whatever is left first. */
  finish(): RenderedAudio {
    while (this.step());
    const channels = [this.left, this.right];
    fadeOut(channels, Math.round(FADE_SECONDS * this.sampleRate));
    const gain = normalisingGain(peakOf(channels), TARGET_PEAK_DBFS);
    return { sampleRate: this.sampleRate, channels: 2, samples: toPcm16(channels, gain), midiSeconds: this.midiSeconds, gain };
  }
}
