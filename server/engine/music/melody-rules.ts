/**
 * The figures every melody promises (mostly steps, enough distinct pitches, pitch-class entropy
 * in range), how far a line falls short of them, and the last-resort repair for a line that is
 * still short of steps.
 */

/**
 * Promised figures: >= 60% steps, >= 8 pitches, entropy 2.0-3.4 bits. The performance keeps every
 * pitch, so the written line is what gets measured; the small margins only guard rounding.
 */
const MIN_STEP_RATIO = 0.61;
const MIN_DISTINCT_PITCHES = 8;
const MIN_ENTROPY_BITS = 2.05;
const MAX_ENTROPY_BITS = 3.35;

export interface Line {
  bars: number[];
  steps: number[];
  lengths: number[];
  pitches: number[];
}

/** How far a finished line falls short of the promised figures; 0 means it passes. */
export function shortfall(pitches: readonly number[], longPiece: boolean): number {
  const count = pitches.length;
  let steps = 0;
  const histogram = new Int32Array(12);
  const seen = new Set<number>();
  for (let i = 0; i < count; i++) {
    histogram[pitches[i] % 12]++;
    seen.add(pitches[i]);
    if (i > 0 && Math.abs(pitches[i] - pitches[i - 1]) <= 2) steps++;
  }
  let entropy = 0;
  for (let pc = 0; pc < 12; pc++) {
    if (histogram[pc] === 0) continue;
    const share = histogram[pc] / count;
    entropy -= share * Math.log2(share);
  }
  const stepRatio = count > 1 ? steps / (count - 1) : 1;
  let penalty = Math.max(0, MIN_STEP_RATIO - stepRatio) * 10;
  if (longPiece) penalty += Math.max(0, MIN_DISTINCT_PITCHES - seen.size);
  penalty += Math.max(0, MIN_ENTROPY_BITS - entropy) * 4 + Math.max(0, entropy - MAX_ENTROPY_BITS) * 4;
  return penalty;
}

/**
 * Last resort for a line still short of steps (short, slow pieces in gapped scales): weak-beat
 * notes reached by a leap repeat the note before instead, the way pentatonic tunes do, as long
 * as that adds a step and keeps runs short.
 */
export function repeatOnWeakBeats(line: Line): void {
  const { pitches, steps: onsets } = line;
  const isStep = (a: number, b: number): number => (Math.abs(a - b) <= 2 ? 1 : 0);
  let steps = 0;
  for (let i = 1; i < pitches.length; i++) steps += isStep(pitches[i], pitches[i - 1]);
  // Beats two and four first, then beat three; a downbeat is never given up.
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 1; i + 1 < pitches.length - 1 && steps < MIN_STEP_RATIO * (pitches.length - 1); i++) {
      if (onsets[i] === 0 || (pass === 0 && onsets[i] === 8) || isStep(pitches[i], pitches[i - 1])) continue;
      if (i >= 2 && pitches[i - 1] === pitches[i - 2]) continue;
      const before = isStep(pitches[i], pitches[i - 1]) + isStep(pitches[i + 1], pitches[i]);
      const after = 1 + isStep(pitches[i + 1], pitches[i - 1]);
      if (after <= before || pitches[i + 1] === pitches[i - 1]) continue;
      pitches[i] = pitches[i - 1];
      steps += after - before;
    }
  }
}
