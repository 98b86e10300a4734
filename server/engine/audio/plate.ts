/**
 * The plate of the reverb bus (characters 0-5): the Dattorro tank as spessasynth_core 4.3.22 runs
 * it, sample for sample, with the twelve delay lines read through one shared counter (see
 * reverb.ts for why it is written this way). BusReverb owns the MIDI-facing parameters and sets
 * the coefficients here; this class owns the tank's lines and running state.
 */
const TANK_DELAY_SECONDS = [0.004771345, 0.003595309, 0.012734787, 0.009307483, 0.022579886, 0.149625349, 0.060481839, 0.1249958, 0.030509727, 0.141695508, 0.089244313, 0.106280031];
const TAP_SECONDS = [
  0.008937872, 0.099929438, 0.064278754, 0.067067639, 0.066866033, 0.006283391, 0.035818689, 0.011861161, 0.121870905, 0.041262054, 0.08981553, 0.070931756, 0.011256342, 0.004065724,
];
/** Every line's length divides this, so the shared counter may wrap at it. */
const COUNTER_MASK = (1 << 20) - 1;

export class PlateTank {
  preDelaySamples = 0;
  preLPF = 0.5;
  inputDiffusion1 = 0.75;
  inputDiffusion2 = 0.625;
  decay = 0.5;
  decayDiffusion1 = 0.7;
  decayDiffusion2 = 0.5;
  damping = 0.005;
  excursionRate = 0.1;
  excursionDepth = 0.2;
  gain = 1;

  private readonly buffers: Float32Array[];
  private readonly masks: Int32Array;
  /** Where each line writes, ahead of where it reads: its length minus one. */
  private readonly writeOffsets: Int32Array;
  private readonly taps: Int32Array;
  private readonly preDelayRing = new Float32Array(1 << 16);
  private preDelayWrite = 0;
  private counter = 0;
  private lp1 = 0;
  private lp2 = 0;
  private lp3 = 0;
  private excursionPhase = 0;

  constructor(private readonly sampleRate: number) {
    const lengths = TANK_DELAY_SECONDS.map((seconds) => Math.round(seconds * sampleRate));
    this.buffers = lengths.map((length) => new Float32Array(2 ** Math.ceil(Math.log2(length))));
    this.masks = Int32Array.from(this.buffers, (buffer) => buffer.length - 1);
    this.writeOffsets = Int32Array.from(lengths, (length) => length - 1);
    this.taps = Int32Array.from(TAP_SECONDS, (seconds) => Math.round(seconds * sampleRate));
  }

  process(input: Float32Array, outputLeft: Float32Array, outputRight: Float32Array, startIndex: number, sampleCount: number): void {
    const pd = this.preDelaySamples | 0;
    const fi = this.inputDiffusion1;
    const si = this.inputDiffusion2;
    const dc = this.decay;
    const ft = this.decayDiffusion1;
    const st = this.decayDiffusion2;
    const dp = 1 - this.damping;
    const preLPF = this.preLPF;
    const gain = this.gain;
    const ex = this.excursionRate / this.sampleRate;
    const ed = (this.excursionDepth * this.sampleRate) / 1e3;
    const ring = this.preDelayRing;
    const ringMask = ring.length - 1;
    const blockStart = this.preDelayWrite;
    for (let j = 0; j < sampleCount; j++) ring[(blockStart + j) & ringMask] = input[j];

    const [b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11] = this.buffers;
    const [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11] = this.masks;
    const [w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11] = this.writeOffsets;
    const [t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13] = this.taps;
    let { lp1, lp2, lp3, counter: n } = this;
    // The two excursion LFOs, cos(6.28 phase) and sin(6.2847 phase), as phasors turned one step a
    // sample instead of two trigonometric calls a sample; set afresh every block, they drift by
    // less than 1e-13 in between.
    const phase = this.excursionPhase;
    let cos1 = Math.cos(phase * 6.28);
    let sin1 = Math.sin(phase * 6.28);
    let cos2 = Math.cos(phase * 6.2847);
    let sin2 = Math.sin(phase * 6.2847);
    const stepCos1 = Math.cos(ex * 6.28);
    const stepSin1 = Math.sin(ex * 6.28);
    const stepCos2 = Math.cos(ex * 6.2847);
    const stepSin2 = Math.sin(ex * 6.2847);

    for (let i = 0; i < sampleCount; i++) {
      lp1 += preLPF * (ring[(blockStart - pd + i) & ringMask] - lp1);
      let pre = (b0[(n + w0) & m0] = lp1 - fi * b0[n & m0]);
      pre = b1[(n + w1) & m1] = fi * (pre - b1[n & m1]) + b0[n & m0];
      pre = b2[(n + w2) & m2] = fi * pre + b1[n & m1] - si * b2[n & m2];
      pre = b3[(n + w3) & m3] = si * (pre - b3[n & m3]) + b2[n & m2];
      const split = si * pre + b3[n & m3];
      const exc = ed * (1 + cos1);
      const exc2 = ed * (1 + sin2);

      const modulated4 = cubicAt(b4, m4, n, exc);
      let temp = (b4[(n + w4) & m4] = split + dc * b11[n & m11] + ft * modulated4);
      b5[(n + w5) & m5] = modulated4 - ft * temp;
      lp2 += dp * (b5[n & m5] - lp2);
      temp = b6[(n + w6) & m6] = dc * lp2 - st * b6[n & m6];
      b7[(n + w7) & m7] = b6[n & m6] + st * temp;

      const modulated8 = cubicAt(b8, m8, n, exc2);
      temp = b8[(n + w8) & m8] = split + dc * b7[n & m7] + ft * modulated8;
      b9[(n + w9) & m9] = modulated8 - ft * temp;
      lp3 += dp * (b9[n & m9] - lp3);
      temp = b10[(n + w10) & m10] = dc * lp3 - st * b10[n & m10];
      b11[(n + w11) & m11] = b10[n & m10] + st * temp;

      const left = b9[(n + t0) & m9] + b9[(n + t1) & m9] - b10[(n + t2) & m10] + b11[(n + t3) & m11] - b5[(n + t4) & m5] - b6[(n + t5) & m6] - b7[(n + t6) & m7];
      const right = b5[(n + t7) & m5] + b5[(n + t8) & m5] - b6[(n + t9) & m6] + b7[(n + t10) & m7] - b9[(n + t11) & m9] - b10[(n + t12) & m10] - b11[(n + t13) & m11];
      outputLeft[i + startIndex] += left * gain;
      outputRight[i + startIndex] += right * gain;
      const nextCos1 = cos1 * stepCos1 - sin1 * stepSin1;
      sin1 = sin1 * stepCos1 + cos1 * stepSin1;
      cos1 = nextCos1;
      const nextCos2 = cos2 * stepCos2 - sin2 * stepSin2;
      sin2 = sin2 * stepCos2 + cos2 * stepSin2;
      cos2 = nextCos2;
      n = (n + 1) & COUNTER_MASK;
    }
    this.lp1 = lp1;
    this.lp2 = lp2;
    this.lp3 = lp3;
    this.excursionPhase = phase + ex * sampleCount;
    this.counter = n;
    this.preDelayWrite = (blockStart + sampleCount) & ringMask;
  }
}

/** Cubic (Catmull-Rom) read of a modulated tap `offset` samples past the line's read point. */
function cubicAt(buffer: Float32Array, mask: number, counter: number, offset: number): number {
  const frac = offset - ~~offset;
  let index = ~~offset + (counter & mask) - 1;
  const x0 = buffer[index++ & mask];
  const x1 = buffer[index++ & mask];
  const x2 = buffer[index++ & mask];
  const x3 = buffer[index & mask];
  const a = (3 * (x1 - x2) - x0 + x3) / 2;
  const b = 2 * x2 + x0 - (5 * x1 + x3) / 2;
  const c = (x2 - x0) / 2;
  return ((a * frac + b) * frac + c) * frac + x1;
}
