/**
 * The melody, built the way a tune is: each material of the form (A, B, verse, chorus ...) grows
 * from one or two motifs; a phrase states a motif and develops it, a period answers its
 * antecedent by restating its opening, and a returning material comes back note for note. Every
 * bar is then placed on the scale where its downbeat is a chord tone, it joins the previous bar
 * smoothly and it stays inside an octave and a half.
 */
import { TICKS_PER_BAR, TICKS_PER_STEP, intensityAt } from './form.js';
import type { LineRequest } from './melody-line.js';
import { writeLine } from './melody-line.js';
import type { Line } from './melody-rules.js';
import { repeatOnWeakBeats, shortfall } from './melody-rules.js';
import type { NoteBuffer } from './notes.js';
import { MELODY_SYMBOLS, parseBarPattern } from './patterns.js';
import { Rng, deriveSeed } from './random.js';
import type { Theme } from './types.js';

const MAX_TAKES = 24;
/** From this take on, a line still missing its figures gets a little more room (LATE_EXTRA_RANGE) and fewer skips. */
const LATE_TAKE = 12;

export interface MelodyRequest extends LineRequest {
  theme: Theme;
  seed: number;
  /** 30 s or more: the line must use at least 8 distinct pitches. */
  longPiece: boolean;
}

export interface MelodyResult {
  /** Attempts it took to meet the figures (1 = first take). */
  attempts: number;
}

/**
 * Writes the melody. A take that misses the promised figures (steps, pitch variety) is redrawn
 * with other developments, like a composer revising a line; the first passing take is kept, else
 * the closest. Deterministic: the takes and their order depend only on the seed.
 */
export function composeMelody(request: MelodyRequest, out: NoteBuffer): MelodyResult {
  const { form, theme, seed } = request;
  const cells = theme.melodyRhythms.map((pattern) => parseBarPattern(pattern, MELODY_SYMBOLS));
  const cadenceCells = theme.cadenceRhythms.map((pattern) => parseBarPattern(pattern, MELODY_SYMBOLS));
  if (cells.length === 0 || cadenceCells.length === 0) throw new RangeError(`theme "${theme.id}" needs melody and cadence rhythms`);
  for (let i = 0; i < cadenceCells.length; i++) {
    if (cadenceCells[i].length === 0 || cadenceCells[i][0].step !== 0) throw new RangeError(`cadence rhythm "${theme.cadenceRhythms[i]}" must start a note on the downbeat`);
  }
  for (let i = 0; i < cells.length; i++) if (cells[i].length === 0) throw new RangeError(`melody rhythm "${theme.melodyRhythms[i]}" has no note`);
  let best: Line | null = null;
  let bestShortfall = Infinity;
  let attempts = 0;
  for (let take = 0; take < MAX_TAKES && bestShortfall > 0; take++) {
    // Later retakes let the line travel further and hold it to steps harder: the usual misses
    // are a line that stays put and, in gapped scales, one that skips too often.
    const late = take >= LATE_TAKE;
    const line = writeLine(request, cells, cadenceCells, new Rng(deriveSeed(seed, `take:${take}`)), Math.min(2, 1 + 0.1 * Math.max(0, take - 6)), late);
    const missing = shortfall(line.pitches, request.longPiece);
    attempts = take + 1;
    if (missing < bestShortfall) {
      best = line;
      bestShortfall = missing;
    }
  }
  const line = best!;
  if (bestShortfall > 0) repeatOnWeakBeats(line);
  const count = line.pitches.length;
  for (let i = 0; i < count; i++) {
    const bar = line.bars[i];
    const step = line.steps[i];
    const startTick = bar * TICKS_PER_BAR + step * TICKS_PER_STEP;
    const lengthTicks = line.lengths[i] * TICKS_PER_STEP;
    const accent = step % 8 === 0 ? 6 : step % 4 === 0 ? 3 : 0;
    const velocity = theme.dynamics.base + theme.dynamics.range * intensityAt(form, bar, step) + 6 + accent;
    // Slightly detached so repeated pitches re-articulate; the final note rings for its whole bar.
    const articulated = i === count - 1 ? lengthTicks : Math.max(TICKS_PER_STEP / 2, lengthTicks - 12);
    out.add(startTick, articulated, line.pitches[i], velocity, bar * TICKS_PER_BAR);
  }
  return { attempts };
}
