/**
 * The reverb bus of an export, sample for sample the algorithm spessasynth_core 4.3.22 runs
 * (its `SpessaSynthReverb`: the Dattorro plate by khoin, public domain, for characters 0-5, a
 * delay for 6 and a panning delay for 7; Apache-2.0), written for speed: the plate's twelve delay
 * lines (plate.ts) are separate typed arrays read through one shared sample counter instead of an
 * array of per-line index triples stepped one by one, the pre-delay is a power-of-two ring, and
 * each modulated tap is interpolated once per sample instead of twice. It was half of an export's
 * render time; this does the same arithmetic in a fraction of it. This file maps the MIDI-facing
 * parameters onto the plate and runs the two echo characters.
 */
import type { ReverbProcessor, ReverbProcessorSnapshot } from 'spessasynth_core';
import { PlateTank } from './plate.js';

const DELAY_GAIN = 1.5;

/** One echo line of the delay characters: fixed length, feedback, overwrites its output. */
class EchoLine {
  feedback = 0;
  private readonly buffer: Float32Array;
  private writeIndex = 0;
  private length: number;

  constructor(maxSamples: number) {
    this.buffer = new Float32Array(maxSamples);
    this.length = maxSamples - 5;
  }

  set time(samples: number) {
    this.length = Math.min(this.buffer.length, samples) | 0;
  }

  clear(): void {
    this.buffer.fill(0);
  }

  process(input: Float32Array, output: Float32Array, sampleCount: number): void {
    const { buffer, feedback, length } = this;
    let write = this.writeIndex;
    for (let i = 0; i < sampleCount; i++) {
      let read = write - length;
      if (read < 0) read += buffer.length;
      const delayed = buffer[read];
      output[i] = delayed;
      buffer[write] = input[i] + delayed * feedback;
      if (++write >= buffer.length) write = 0;
    }
    this.writeIndex = write;
  }
}

export class BusReverb implements ReverbProcessor {
  private readonly plate: PlateTank;
  private readonly echoLeft: EchoLine;
  private readonly echoRight: EchoLine;
  private readonly echoLeftOut: Float32Array;
  private readonly echoRightOut: Float32Array;
  private readonly echoLeftIn: Float32Array;
  private readonly echoPreLPF: Float32Array;
  private preLPFa = 0;
  private preLPFz = 0;
  private characterTime = 1;
  private characterGain = 1;
  private characterLPF = 0;
  private echoGain = 1;
  private panEchoFeedback = 0;

  private _character = 0;
  private _time = 0;
  private _level = 0;
  private _preLowpass = 0;
  private _delayFeedback = 0;
  private _preDelayTime = 0;

  constructor(
    private readonly sampleRate: number,
    maxBufferSize: number,
  ) {
    this.plate = new PlateTank(sampleRate);
    this.echoLeft = new EchoLine(sampleRate);
    this.echoRight = new EchoLine(sampleRate);
    this.echoLeftOut = new Float32Array(maxBufferSize);
    this.echoRightOut = new Float32Array(maxBufferSize);
    this.echoLeftIn = new Float32Array(maxBufferSize);
    this.echoPreLPF = new Float32Array(maxBufferSize);
  }

  get character(): number {
    return this._character;
  }

  set character(value: number) {
    this._character = value;
    const [damping, time, gain, lpf, diffusion1, diffusion2] = CHARACTERS[value] ?? [0.005, 1, 1, 0, 0.7, 0.5];
    this.plate.damping = damping;
    this.characterTime = time;
    this.characterGain = gain;
    this.characterLPF = lpf;
    this.plate.decayDiffusion1 = diffusion1;
    this.plate.decayDiffusion2 = diffusion2;
    this.plate.inputDiffusion1 = 0.75;
    this.plate.inputDiffusion2 = 0.625;
    this.plate.excursionRate = 0.5;
    this.plate.excursionDepth = 0.7;
    this.updateTime();
    this.updateGain();
    this.updateLowpass();
    this.updateFeedback();
    this.echoLeft.clear();
    this.echoRight.clear();
  }

  get time(): number {
    return this._time;
  }

  set time(value: number) {
    this._time = value;
    this.updateTime();
  }

  get level(): number {
    return this._level;
  }

  set level(value: number) {
    this._level = value;
    this.updateGain();
  }

  get preLowpass(): number {
    return this._preLowpass;
  }

  set preLowpass(value: number) {
    this._preLowpass = value;
    this.preLPFa = 1 - Math.exp((-2 * Math.PI * (8e3 * 0.63 ** value)) / this.sampleRate);
    this.updateLowpass();
  }

  get delayFeedback(): number {
    return this._delayFeedback;
  }

  set delayFeedback(value: number) {
    this._delayFeedback = value;
    this.updateFeedback();
  }

  get preDelayTime(): number {
    return this._preDelayTime;
  }

  set preDelayTime(value: number) {
    this._preDelayTime = value;
    this.plate.preDelaySamples = (value / 1e3) * this.sampleRate;
  }

  getSnapshot(): ReverbProcessorSnapshot {
    return {
      level: this._level,
      preLowpass: this._preLowpass,
      character: this._character,
      time: this._time,
      delayFeedback: this._delayFeedback,
      preDelayTime: this._preDelayTime,
    };
  }

  process(input: Float32Array, outputLeft: Float32Array, outputRight: Float32Array, startIndex: number, sampleCount: number): void {
    if (this._character === 6 || this._character === 7) this.processEcho(input, outputLeft, outputRight, startIndex, sampleCount);
    else this.plate.process(input, outputLeft, outputRight, startIndex, sampleCount);
  }

  private processEcho(input: Float32Array, outputLeft: Float32Array, outputRight: Float32Array, startIndex: number, sampleCount: number): void {
    let echoIn = input;
    if (this._preLowpass > 0) {
      let z = this.preLPFz;
      for (let i = 0; i < sampleCount; i++) {
        z += this.preLPFa * (input[i] - z);
        this.echoPreLPF[i] = z;
      }
      this.preLPFz = z;
      echoIn = this.echoPreLPF;
    }
    const g = this.echoGain;
    const { echoLeftOut, echoRightOut, echoLeftIn } = this;
    if (this._character === 6) {
      this.echoLeft.process(echoIn, echoLeftOut, sampleCount);
      for (let i = 0; i < sampleCount; i++) {
        outputLeft[i + startIndex] += echoLeftOut[i] * g;
        outputRight[i + startIndex] += echoLeftOut[i] * g;
      }
      return;
    }
    for (let i = 0; i < sampleCount; i++) echoLeftIn[i] = echoIn[i] + echoRightOut[i] * this.panEchoFeedback;
    this.echoLeft.process(echoLeftIn, echoLeftOut, sampleCount);
    this.echoRight.process(echoLeftOut, echoRightOut, sampleCount);
    for (let i = 0; i < sampleCount; i++) {
      outputLeft[i + startIndex] += echoLeftOut[i] * g;
      outputRight[i + startIndex] += echoRightOut[i] * g;
    }
  }

  private updateFeedback(): void {
    const feedback = 1 - (1 - this._delayFeedback / 127) ** 1.9;
    if (this._character === 6) {
      this.echoLeft.feedback = feedback * 0.73;
    } else {
      this.echoLeft.feedback = this.echoRight.feedback = 0;
      this.panEchoFeedback = feedback * 0.73;
    }
  }

  private updateLowpass(): void {
    this.plate.preLPF = Math.min(1, 0.1 + (7 - this._preLowpass) / 14 + this.characterLPF);
  }

  private updateGain(): void {
    this.plate.gain = (this._level / 345) * this.characterGain;
    this.echoGain = (this._level / 127) * DELAY_GAIN;
  }

  private updateTime(): void {
    const t = this._time / 127;
    this.plate.decay = this.characterTime * (0.05 + 0.65 * t);
    const timeSamples = Math.max(21, (t * this.sampleRate * 0.4468) | 0);
    if (this._character === 7) this.echoRight.time = this.echoLeft.time = Math.floor(timeSamples / 2);
    else this.echoLeft.time = timeSamples;
  }
}

/** Per plate character: damping, time and gain coefficients, pre-lowpass boost, decay diffusions. */
const CHARACTERS: Record<number, [number, number, number, number, number, number]> = {
  0: [0.85, 0.9, 0.9, 0.2, 0.7, 0.5],
  1: [0.2, 1, 0.7, 0.2, 0.6, 0.64],
  2: [0.56, 1, 0.75, 0.1, 0.6, 0.64],
  3: [0.3, 1.3, 1.25, 0, 0.66, 0.7],
  4: [0.1, 1.2, 1, 0.1, 0.67, 0.69],
  5: [0.65, 0.5, 0.75, 0, 0.7, 0.5],
};
