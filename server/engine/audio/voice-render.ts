import { GeneratorTypes, type SpessaSynthProcessor } from 'spessasynth_core';

/**
 * The per-voice render of spessasynth_core 4.3.22 (src/synthesizer/audio_engine/channel/
 * render_voice.ts, Apache-2.0), step for step, except that its last four passes over the block —
 * lowpass filter with the envelope's gain ramp, the panned dry mix, the reverb send and the chorus
 * send — run as one loop that reads each sample once: they were three quarters of an export's
 * voice work, mostly loads and stores of the same 128 samples. Samples within 1 LSB of the
 * library's (it rounds the filtered sample to 32-bit float between passes; this does not).
 * Channels with an insertion effect or the delay send active keep the library's own render.
 */

const MIN_ABS_CENT = -20_000;
const MAX_ABS_CENT = 16_500;
const MIN_CENTIBELS = -16_600;
const MAX_CENTIBELS = 16_000;
/** The library's lookup tables, to the same 32-bit values. */
const ABSOLUTE_CENT_HZ = Float32Array.from({ length: MAX_ABS_CENT - MIN_ABS_CENT + 1 }, (_, i) => 440 * 2 ** ((MIN_ABS_CENT + i - 6900) / 1200));
const CENTIBEL_GAIN = Float32Array.from({ length: MAX_CENTIBELS - MIN_CENTIBELS + 1 }, (_, i) => 10 ** (-(MIN_CENTIBELS + i) / 200));
const PAN_LEFT = Float32Array.from({ length: 1001 }, (_, i) => Math.cos((Math.PI / 2) * (i / 1000)));
const PAN_RIGHT = Float32Array.from({ length: 1001 }, (_, i) => Math.sin((Math.PI / 2) * (i / 1000)));
/** The filter's bypass: a fully open cutoff (absolute cents) without resonance. */
const OPEN_CUTOFF = 13_500;

function absCentsToHz(cents: number): number {
  if (cents < MIN_ABS_CENT || cents > MAX_ABS_CENT) return 440 * 2 ** ((cents - 6900) / 1200);
  return ABSOLUTE_CENT_HZ[(cents - MIN_ABS_CENT) | 0];
}

function centibelsToGain(centibels: number): number {
  return CENTIBEL_GAIN[(centibels - MIN_CENTIBELS) | 0];
}

/** The private voice, filter, channel and engine state the render reads and writes. */
interface Filter {
  initialized: boolean;
  currentInitialFc: number;
  lastTargetCutoff: number;
  resonanceCb: number;
  a0: number;
  a1: number;
  a2: number;
  a3: number;
  a4: number;
  x1: number;
  x2: number;
  y1: number;
  y2: number;
  calculateCoefficients(cutoffCents: number): void;
}

interface Voice {
  isInRelease: boolean;
  releaseStartTime: number;
  hasRendered: boolean;
  isActive: boolean;
  loopingMode: number;
  volEnv: { outputGain: number; startRelease(voice: Voice): void; process(sampleCount: number, gainTarget: number): boolean };
  modEnv: { startRelease(voice: Voice): void; process(voice: Voice, timeNow: number): number };
  wavetable: { isLooping: boolean; process(sampleCount: number, tuningRatio: number, output: Float32Array): boolean };
  modulatedGenerators: Int16Array;
  targetKey: number;
  rootKey: number;
  midiNote: number;
  pitchOffset: number;
  portamentoFromKey: number;
  portamentoDuration: number;
  startTime: number;
  gainModifier: number;
  vibLfoStartTime: number;
  vibLfoPhase: number;
  modLfoStartTime: number;
  modLfoPhase: number;
  resonanceOffset: number;
  tuningCents: number;
  tuningRatio: number;
  filter: Filter;
  overridePan: number;
  currentPan: number;
  reverbSend: number;
  chorusSend: number;
}

interface Engine {
  sampleRate: number;
  tunings: Float32Array;
  voiceBuffer: Float32Array;
  panSmoothingFactor: number;
  systemParameters: { effectsEnabled: boolean; reverbGain: number; chorusGain: number };
  insertionActive: boolean;
  delayActive: boolean;
  reverbInput: Float32Array;
  chorusInput: Float32Array;
}

type RenderVoice = (voice: Voice, timeNow: number, outputL: Float32Array, outputR: Float32Array, startIndex: number, sampleCount: number) => void;

interface Channel {
  synthCore: Engine;
  octaveTuning: Int8Array;
  currentTuning: number;
  currentGain: number;
  currentPan: number;
  preset: { program: number };
  _midiParameters: { efxAssign: boolean };
  renderVoice: RenderVoice;
}

/** Gives every MIDI channel of `synth` the fused voice render. */
export function fuseVoiceRendering(synth: SpessaSynthProcessor): void {
  for (const channel of (synth as unknown as { synthCore: { midiChannels: Channel[] } }).synthCore.midiChannels) {
    const library = channel.renderVoice;
    channel.renderVoice = (voice, timeNow, outputL, outputR, startIndex, sampleCount) => {
      const core = channel.synthCore;
      if (!core.systemParameters.effectsEnabled || core.delayActive || (channel._midiParameters.efxAssign && core.insertionActive)) {
        library(voice, timeNow, outputL, outputR, startIndex, sampleCount);
      } else renderVoice(channel, voice, timeNow, outputL, outputR, startIndex, sampleCount);
    };
  }
}

function renderVoice(channel: Channel, voice: Voice, timeNow: number, outputL: Float32Array, outputR: Float32Array, startIndex: number, sampleCount: number): void {
  if (!voice.isInRelease && timeNow >= voice.releaseStartTime) {
    voice.isInRelease = true;
    voice.volEnv.startRelease(voice);
    voice.modEnv.startRelease(voice);
    if (voice.loopingMode === 3) voice.wavetable.isLooping = false;
  }
  voice.hasRendered = true;
  if (!voice.isActive) return;
  const core = channel.synthCore;
  const sampleRate = core.sampleRate;
  const modulated = voice.modulatedGenerators;
  let targetKey = voice.targetKey;
  let cents = voice.pitchOffset + modulated[GeneratorTypes.fineTune] + channel.octaveTuning[targetKey] + channel.currentTuning;
  let semitones = modulated[GeneratorTypes.coarseTune];
  const tuning = core.tunings[channel.preset.program * 128 + voice.midiNote];
  if (tuning !== -1) {
    targetKey = Math.trunc(tuning);
    semitones += tuning - targetKey;
  }
  if (voice.portamentoFromKey > -1) {
    const elapsed = Math.min((timeNow - voice.startTime) / voice.portamentoDuration, 1);
    semitones -= (targetKey - voice.portamentoFromKey) * (1 - elapsed);
  }
  cents += (targetKey - voice.rootKey) * modulated[GeneratorTypes.scaleTuning];
  let lowpassExcursion = 0;
  let volumeExcursionCentibels = 0;
  let voiceGain = voice.gainModifier * (1 + modulated[GeneratorTypes.amplitude] / 1e3);
  if (timeNow >= voice.vibLfoStartTime) {
    const vibPitchDepth = modulated[GeneratorTypes.vibLfoToPitch];
    const vibFilterDepth = modulated[GeneratorTypes.vibLfoToFilterFc];
    const vibAmplitudeDepth = modulated[GeneratorTypes.vibLfoAmplitudeDepth];
    if (vibPitchDepth !== 0 || vibFilterDepth !== 0 || vibAmplitudeDepth !== 0) {
      const rateInc = (Math.max(0, absCentsToHz(modulated[GeneratorTypes.freqVibLFO]) + modulated[GeneratorTypes.vibLfoRate] / 100) * sampleCount) / sampleRate;
      const vibLfoValue = 1 - 4 * Math.abs(voice.vibLfoPhase - 0.5);
      if ((voice.vibLfoPhase += rateInc) >= 1) voice.vibLfoPhase -= 1;
      cents += vibLfoValue * vibPitchDepth;
      lowpassExcursion += vibLfoValue * vibFilterDepth;
      voiceGain *= 1 - ((vibLfoValue + 1) / 2) * (vibAmplitudeDepth / 1e3);
    }
  }
  if (timeNow >= voice.modLfoStartTime) {
    const modPitchDepth = modulated[GeneratorTypes.modLfoToPitch];
    const modVolDepth = modulated[GeneratorTypes.modLfoToVolume];
    const modFilterDepth = modulated[GeneratorTypes.modLfoToFilterFc];
    const modAmplitudeDepth = modulated[GeneratorTypes.modLfoAmplitudeDepth];
    if (modPitchDepth !== 0 || modFilterDepth !== 0 || modVolDepth !== 0 || modAmplitudeDepth !== 0) {
      const rateInc = (Math.max(0, absCentsToHz(modulated[GeneratorTypes.freqModLFO]) + modulated[GeneratorTypes.modLfoRate] / 100) * sampleCount) / sampleRate;
      const modLfoValue = 1 - 4 * Math.abs(voice.modLfoPhase - 0.5);
      if ((voice.modLfoPhase += rateInc) >= 1) voice.modLfoPhase -= 1;
      cents += modLfoValue * modPitchDepth;
      volumeExcursionCentibels += -modLfoValue * modVolDepth;
      lowpassExcursion += modLfoValue * modFilterDepth;
      voiceGain *= 1 - ((modLfoValue + 1) / 2) * (modAmplitudeDepth / 1e3);
    }
  }
  const modEnvPitchDepth = modulated[GeneratorTypes.modEnvToPitch];
  const modEnvFilterDepth = modulated[GeneratorTypes.modEnvToFilterFc];
  if (modEnvFilterDepth !== 0 || modEnvPitchDepth !== 0) {
    const modEnv = voice.modEnv.process(voice, timeNow);
    lowpassExcursion += modEnv * modEnvFilterDepth;
    cents += modEnv * modEnvPitchDepth;
  }
  volumeExcursionCentibels -= voice.resonanceOffset;
  const centsTotal = cents + semitones * 100;
  const centsRounded = centsTotal | 0;
  if (centsRounded !== voice.tuningCents) {
    voice.tuningCents = centsRounded;
    voice.tuningRatio = 2 ** (centsTotal / 1200);
  }
  const gainTarget = centibelsToGain(modulated[GeneratorTypes.initialAttenuation]) * centibelsToGain(volumeExcursionCentibels);
  if (voice.loopingMode === 2 && !voice.isInRelease) {
    voice.isActive = voice.volEnv.process(sampleCount, gainTarget);
    return;
  }
  const buffer = core.voiceBuffer;
  voice.isActive = voice.wavetable.process(sampleCount, voice.tuningRatio, buffer);
  let gain = voice.volEnv.outputGain;
  const envActive = voice.volEnv.process(sampleCount, gainTarget);
  const gainInc = (voice.volEnv.outputGain - gain) / sampleCount;

  const filter = voice.filter;
  const initialFc = modulated[GeneratorTypes.initialFilterFc];
  if (filter.initialized) {
    filter.currentInitialFc += (initialFc - filter.currentInitialFc) * (filter.constructor as unknown as { smoothingConstant: number }).smoothingConstant;
  } else {
    filter.initialized = true;
    filter.currentInitialFc = initialFc;
  }
  const targetCutoff = filter.currentInitialFc + lowpassExcursion;
  const resonance = modulated[GeneratorTypes.initialFilterQ];
  const open = filter.currentInitialFc > OPEN_CUTOFF - 1 && targetCutoff > OPEN_CUTOFF - 1 && resonance === 0;
  if (open) filter.currentInitialFc = OPEN_CUTOFF;
  else if (Math.abs(filter.lastTargetCutoff - targetCutoff) > 1 || filter.resonanceCb !== resonance) {
    filter.lastTargetCutoff = targetCutoff;
    filter.resonanceCb = resonance;
    filter.calculateCoefficients(targetCutoff);
  }
  voice.isActive = voice.isActive && envActive;

  let pan: number;
  if (voice.overridePan) pan = voice.overridePan;
  else {
    voice.currentPan += (modulated[GeneratorTypes.pan] - voice.currentPan) * core.panSmoothingFactor;
    pan = voice.currentPan;
  }
  const { systemParameters } = core;
  const outputGain = channel.currentGain * voiceGain;
  const panIndex = (Math.min(Math.max(-500, pan + channel.currentPan), 500) + 500) | 0;
  const gainLeft = PAN_LEFT[panIndex] * outputGain;
  const gainRight = PAN_RIGHT[panIndex] * outputGain;
  const reverbSend = modulated[GeneratorTypes.reverbEffectsSend] * voice.reverbSend;
  const reverbGain = reverbSend > 0 ? systemParameters.reverbGain * outputGain * (reverbSend / 1e3) : 0;
  const chorusSend = modulated[GeneratorTypes.chorusEffectsSend] * voice.chorusSend;
  const chorusGain = chorusSend > 0 ? systemParameters.chorusGain * (chorusSend / 1e3) * outputGain : 0;
  const reverb = core.reverbInput;
  const chorus = core.chorusInput;

  if (open) {
    for (let i = 0; i < sampleCount; i++) {
      const sample = buffer[i] * gain;
      gain += gainInc;
      outputL[i + startIndex] += gainLeft * sample;
      outputR[i + startIndex] += gainRight * sample;
      reverb[i] += reverbGain * sample;
      chorus[i] += chorusGain * sample;
    }
    return;
  }
  const { a0, a1, a2, a3, a4 } = filter;
  let { x1, x2, y1, y2 } = filter;
  for (let i = 0; i < sampleCount; i++) {
    const input = buffer[i];
    const filtered = a0 * input + a1 * x1 + a2 * x2 - a3 * y1 - y2 * a4;
    x2 = x1;
    x1 = input;
    y2 = y1;
    y1 = filtered;
    const sample = filtered * gain;
    gain += gainInc;
    outputL[i + startIndex] += gainLeft * sample;
    outputR[i + startIndex] += gainRight * sample;
    reverb[i] += reverbGain * sample;
    chorus[i] += chorusGain * sample;
  }
  filter.x1 = x1;
  filter.x2 = x2;
  filter.y1 = y1;
  filter.y2 = y2;
}
