/**
 * The melody: rhythm first (motif cells arranged into periods), then pitches chosen note by note
 * by weighted chance. The weights encode the craft: mostly steps, leaps that turn back by step,
 * chord tones on strong beats, a pull towards the flight's contour, repeated motifs, and every
 * phrase steered onto its cadence note.
 */
import type { FlightFeatures } from './features.js';
import { PROFILE_SAMPLES } from './features.js';
import type { FormPlan, PhraseKind } from './form.js';
import { TICKS_PER_BAR, TICKS_PER_STEP, intensityAt } from './form.js';
import type { NoteBuffer } from './notes.js';
import type { PatternEvent } from './patterns.js';
import { MELODY_SYMBOLS, parseBarPattern } from './patterns.js';
import { Rng, deriveSeed } from './random.js';
import { SCALE_INTERVALS, scaleMask } from './theory.js';
import type { Theme } from './types.js';

/** Two octaves around the centre: room for contour without leaving a singable-instrument range. */
const RANGE_SEMITONES = 12;
const FINAL_RHYTHM = 'x---------------';
/** Farthest candidate considered from the previous note, in scale steps (an octave in a diatonic scale). */
const MAX_REACH = 7;
/** At most this many equal pitches in a row (the product promise is "never more than 4"). */
const MAX_RUN = 3;
/** Preference per scale step closer to the contour target (natural log). */
const CONTOUR_PULL = 0.35;
/** Promised figures, with margin: >= 60% steps, >= 8 pitches, entropy 2.0-3.4 bits. */
const MIN_STEP_RATIO = 0.66;
const MIN_DISTINCT_PITCHES = 9;
const MIN_ENTROPY_BITS = 2.15;
const MAX_ENTROPY_BITS = 3.3;
/** Takes drawn before settling for the closest, and how many share one rhythm. */
const MAX_TAKES = 32;
const TAKES_PER_RHYTHM = 4;

const enum Goal {
  NONE = 0,
  HALF_CADENCE = 1,
  HOME = 2,
}

interface PlannedNote {
  bar: number;
  step: number;
  length: number;
  /** Index of the note this one restates (motif reuse), or -1. */
  copyOf: number;
  /** Restate the source's pitch, not just its intervals (only within one period: a literal repeat). */
  literal: boolean;
  goal: Goal;
}

export interface MelodyRequest {
  form: FormPlan;
  features: FlightFeatures;
  theme: Theme;
  /** Centre MIDI pitch after latitude shifted the theme's register. */
  centre: number;
  seed: number;
  /** 30 s or more: the line must use at least MIN_DISTINCT_PITCHES pitches. */
  longPiece: boolean;
}

/** Rhythm cells near the section's density (2 notes per bar when sparse, 8 when busy) are likelier. */
function pickCell(cells: readonly (readonly PatternEvent[])[], density: number, rng: Rng, weights: Float64Array): number {
  const wanted = 2 + density * 6;
  for (let i = 0; i < cells.length; i++) weights[i] = Math.exp(-Math.abs(cells[i].length - wanted) / 1.5);
  return rng.weighted(weights, cells.length);
}

/** Motif roles per bar of a phrase (A, B, C): antecedent A B A, consequent restates A B then turns. */
const ROLES: Readonly<Record<PhraseKind, readonly number[]>> = {
  ANTECEDENT: [0, 1, 0, 2],
  CONSEQUENT: [0, 1, 2, 1],
  CONTINUATION: [2, 1, 2, 0],
};

/** For each note, the index of the next cadence goal at or after it (-1 if none). */
function goalLookup(notes: readonly PlannedNote[]): Int32Array {
  const nextGoal = new Int32Array(notes.length);
  let upcoming = -1;
  for (let i = notes.length - 1; i >= 0; i--) {
    if (notes[i].goal !== Goal.NONE) upcoming = i;
    nextGoal[i] = upcoming;
  }
  return nextGoal;
}

function planRhythm(request: MelodyRequest, rng: Rng, densityBoost: number): PlannedNote[] {
  const { form, theme } = request;
  const cells = theme.melodyRhythms.map((cell) => parseBarPattern(cell, MELODY_SYMBOLS));
  const cadenceCells = theme.cadenceRhythms.map((cell) => parseBarPattern(cell, MELODY_SYMBOLS));
  if (cells.length === 0 || cadenceCells.length === 0) throw new RangeError(`theme "${theme.id}" needs melody and cadence rhythms`);
  for (let i = 0; i < cadenceCells.length; i++) {
    if (cadenceCells[i].length === 0 || cadenceCells[i][0].step !== 0) throw new RangeError(`cadence rhythm "${theme.cadenceRhythms[i]}" must start a note on the downbeat`);
  }
  const finalCell = parseBarPattern(FINAL_RHYTHM, MELODY_SYMBOLS);
  const weights = new Float64Array(cells.length);
  const notes: PlannedNote[] = [];
  const roleCells = [0, 0, 0];
  // First bar that sounded each role: later bars of that role restate it. The A motif is the
  // section's theme and returns throughout it; B and C are fresh in every period.
  const roleSourceBar = [-1, -1, -1];
  const roleSourceNote = [-1, -1, -1];
  let currentSection = -1;
  let periodStartBar = 0;
  for (const phrase of form.phrases) {
    if (phrase.sectionIndex !== currentSection) {
      currentSection = phrase.sectionIndex;
      const density = form.sections[currentSection].density;
      for (let role = 0; role < 3; role++) roleCells[role] = pickCell(cells, Math.min(1, density + densityBoost), rng, weights);
      roleSourceBar[0] = -1;
    }
    if (phrase.kind !== 'CONSEQUENT' || phrase.startBar === form.sections[currentSection].startBar) {
      periodStartBar = phrase.startBar;
      roleSourceBar[1] = -1;
      roleSourceBar[2] = -1;
    }
    for (let barInPhrase = 0; barInPhrase < phrase.bars; barInPhrase++) {
      const bar = phrase.startBar + barInPhrase;
      const firstNote = notes.length;
      if (bar === form.totalBars - 1 || barInPhrase === phrase.bars - 1) {
        const isFinal = bar === form.totalBars - 1;
        const cell = isFinal ? finalCell : cadenceCells[rng.int(cadenceCells.length)];
        const goal = isFinal || phrase.kind === 'CONSEQUENT' ? Goal.HOME : phrase.kind === 'ANTECEDENT' ? Goal.HALF_CADENCE : Goal.NONE;
        for (let i = 0; i < cell.length; i++) {
          notes.push({ bar, step: cell[i].step, length: cell[i].length, copyOf: -1, literal: false, goal: i === 0 ? goal : Goal.NONE });
        }
        continue;
      }
      const role = ROLES[phrase.kind][barInPhrase % 4];
      const cell = cells[roleCells[role]];
      const source = roleSourceBar[role];
      const literal = source >= periodStartBar;
      for (let i = 0; i < cell.length; i++) {
        notes.push({ bar, step: cell[i].step, length: cell[i].length, copyOf: source >= 0 ? roleSourceNote[role] + i : -1, literal, goal: Goal.NONE });
      }
      if (source < 0) {
        roleSourceBar[role] = bar;
        roleSourceNote[role] = firstNote;
      }
    }
  }
  return notes;
}

/** Scale pitches within the melody range, ascending. */
function pitchTable(keyRoot: number, intervals: readonly number[], centre: number): number[] {
  const table: number[] = [];
  for (let pitch = centre - RANGE_SEMITONES; pitch <= centre + RANGE_SEMITONES; pitch++) {
    const offset = (((pitch - keyRoot) % 12) + 12) % 12;
    if (intervals.includes(offset)) table.push(pitch);
  }
  return table;
}

function nearestIndex(table: readonly number[], pitch: number): number {
  let best = 0;
  for (let i = 1; i < table.length; i++) if (Math.abs(table[i] - pitch) < Math.abs(table[best] - pitch)) best = i;
  return best;
}

/** Scale tones a semitone from a chord tone the scale lacks (e.g. the b7 under a major V in minor) would clash. */
function clashMask(chordMask: number, keyScaleMask: number): number {
  const foreign = chordMask & ~keyScaleMask;
  let clash = 0;
  for (let pc = 0; pc < 12; pc++) {
    if (foreign & (1 << pc)) clash |= (1 << ((pc + 1) % 12)) | (1 << ((pc + 11) % 12));
  }
  return clash & keyScaleMask;
}

/**
 * Checks a finished line against the figures promised for every piece (with a margin) and returns
 * how far it falls short; 0 means it passes.
 */
function shortfall(pitches: Int32Array, longPiece: boolean): number {
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

export interface MelodyResult {
  /** Attempts it took to meet the figures (1 = first take). */
  attempts: number;
}

/**
 * Writes the melody. A take that misses the promised figures (steps, range, pitch variety) is
 * redrawn from a derived seed, like a composer revising a line; the first passing take is kept,
 * else the closest one. Deterministic: the takes and their order depend only on the seed.
 */
export function composeMelody(request: MelodyRequest, out: NoteBuffer): MelodyResult {
  const { form, theme, seed } = request;
  let rhythm: PlannedNote[] = [];
  let nextGoal: Int32Array = new Int32Array(0);
  let best: Int32Array = new Int32Array(0);
  let notes: PlannedNote[] = [];
  let bestShortfall = Infinity;
  let attempts = 0;
  for (let take = 0; take < MAX_TAKES && bestShortfall > 0; take++) {
    if (take % TAKES_PER_RHYTHM === 0) {
      // Later rounds redraw the rhythm too, a little busier: a sparse rhythm is usually why a
      // short piece cannot reach enough pitches.
      const round = take / TAKES_PER_RHYTHM;
      rhythm = planRhythm(request, new Rng(deriveSeed(seed, `rhythm:${round}`)), round * 0.2);
      nextGoal = goalLookup(rhythm);
    }
    const pitches = choosePitches(request, rhythm, nextGoal, new Rng(deriveSeed(seed, `take:${take}`)));
    const missing = shortfall(pitches, request.longPiece);
    attempts = take + 1;
    if (missing < bestShortfall) {
      best = pitches;
      notes = rhythm;
      bestShortfall = missing;
    }
  }
  const count = notes.length;
  for (let i = 0; i < count; i++) {
    const planned = notes[i];
    const startTick = planned.bar * TICKS_PER_BAR + planned.step * TICKS_PER_STEP;
    const lengthTicks = planned.length * TICKS_PER_STEP;
    const accent = planned.step % 8 === 0 ? 6 : planned.step % 4 === 0 ? 3 : 0;
    const velocity = theme.dynamics.base + theme.dynamics.range * intensityAt(form, planned.bar, planned.step) + 6 + accent;
    // Slightly detached so repeated pitches re-articulate; the final note rings for its whole bar.
    const articulated = i === count - 1 ? lengthTicks : Math.max(TICKS_PER_STEP / 2, lengthTicks - 12);
    out.add(startTick, articulated, best[i], velocity, planned.bar * TICKS_PER_BAR);
  }
  return { attempts };
}

function choosePitches(request: MelodyRequest, notes: readonly PlannedNote[], nextGoal: Int32Array, rng: Rng): Int32Array {
  const { form, features, centre } = request;
  const count = notes.length;
  const chosenPitch = new Int32Array(count);
  const goalPitch = new Int32Array(count).fill(-1);
  // A fresh register offset per phrase (up to +-3 semitones) keeps restated motifs from sitting in one place.
  const phraseOffset = new Float64Array(form.phrases.length);
  for (let i = 0; i < phraseOffset.length; i++) phraseOffset[i] = rng.signed() * 3;

  // Gapped scales (pentatonic, blues) have fewer true steps: repeated notes, idiomatic in such
  // tunes, make up for it, and a passing rub against the chord is only avoided on strong beats,
  // since forbidding it everywhere would leave gaps of a fourth.
  let gapped = false;
  let repeatWeight = 0.3;
  const candidates = new Int32Array(2 * MAX_REACH + 1);
  const weights = new Float64Array(2 * MAX_REACH + 1);
  let sectionIndex = -1;
  let table: number[] = [];
  let keyMask = 0;
  let blues = false;
  let barIndex = -1;
  let chordMask = 0;
  let clash = 0;
  let previousPitch = -1;
  let previousMotion = 0;
  let run = 0;

  const targetPitchAt = (bar: number, step: number): number => {
    const section = form.sections[form.bars[bar].sectionIndex];
    const phraseIndex = form.bars[bar].phraseIndex;
    const phrase = form.phrases[phraseIndex];
    const position = bar + step / 16;
    const legFraction = section.legFrom + ((section.legTo - section.legFrom) * (position - section.startBar)) / section.bars;
    const contour = features.legs[section.legIndex].contour;
    const sample = Math.min(PROFILE_SAMPLES - 1.000001, Math.max(0, legFraction * (PROFILE_SAMPLES - 1)));
    const low = Math.floor(sample);
    const flightLine = contour[low] + (contour[low + 1] - contour[low]) * (sample - low);
    // Each phrase rises to about two thirds of its length and falls back into its cadence, and the
    // whole piece climbs to its climax at about 70%, where the dynamics peak too.
    const arch = Math.sin(Math.PI * Math.pow((position - phrase.startBar) / phrase.bars, 1.2));
    const climax = Math.sin(Math.PI * Math.pow(position / form.totalBars, 1.9));
    return centre + 5 * flightLine + 7 * arch - 3.5 + 6 * climax - 3 + phraseOffset[phraseIndex];
  };

  const chooseGoal = (goalNote: number): number => {
    const planned = notes[goalNote];
    const bar = form.bars[planned.bar];
    const section = form.sections[bar.sectionIndex];
    const goalTable = pitchTable(section.keyRoot, SCALE_INTERVALS[section.scale], centre);
    const target = targetPitchAt(planned.bar, planned.step);
    const reference = previousPitch < 0 ? target : previousPitch;
    const goalScaleMask = scaleMask(section.keyRoot, section.scale);
    const goalClash = section.scale === 'BLUES' ? 0 : clashMask(bar.chord.mask, goalScaleMask);
    let best = goalTable[0];
    let bestCost = Infinity;
    for (const pitch of goalTable) {
      const pc = pitch % 12;
      let cost: number;
      if (planned.goal === Goal.HOME) {
        if (pc !== section.keyRoot) continue;
        cost = Math.abs(pitch - reference) + 0.5 * Math.abs(pitch - target);
      } else {
        if (!(bar.chord.mask & (1 << pc)) || goalClash & (1 << pc)) continue;
        cost = Math.abs(pitch - reference) + 0.5 * Math.abs(pitch - target) + (pc === bar.chord.root ? 0 : 1);
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = pitch;
      }
    }
    return best;
  };

  for (let i = 0; i < count; i++) {
    const planned = notes[i];
    const bar = form.bars[planned.bar];
    if (bar.sectionIndex !== sectionIndex) {
      sectionIndex = bar.sectionIndex;
      const section = form.sections[sectionIndex];
      table = pitchTable(section.keyRoot, SCALE_INTERVALS[section.scale], centre);
      keyMask = scaleMask(section.keyRoot, section.scale);
      blues = section.scale === 'BLUES';
      gapped = SCALE_INTERVALS[section.scale].length < 7;
      repeatWeight = gapped ? 0.5 : 0.3;
      previousMotion = 0;
    }
    if (planned.bar !== barIndex) {
      barIndex = planned.bar;
      chordMask = bar.chord.mask & keyMask ? bar.chord.mask & keyMask : bar.chord.mask;
      // The blue notes' rub against the dominant-seventh chords is the point of the blues.
      clash = blues ? 0 : clashMask(bar.chord.mask, keyMask);
    }
    const goalNote = nextGoal[i];
    if (goalNote >= 0 && goalPitch[goalNote] < 0 && goalNote - i <= 4) goalPitch[goalNote] = chooseGoal(goalNote);

    let pitch = -1;
    if (planned.goal !== Goal.NONE) {
      pitch = goalPitch[i];
      if (pitch === previousPitch && run >= MAX_RUN) pitch += pitch + 12 <= centre + RANGE_SEMITONES ? 12 : -12;
    } else if (planned.copyOf >= 0 && previousPitch >= 0) {
      pitch = restatedPitch(i, planned);
    }
    if (pitch < 0) pitch = scoredPitch(i, planned);

    const motion = previousPitch < 0 ? 0 : pitch - previousPitch;
    run = motion === 0 && previousPitch >= 0 ? run + 1 : 1;
    previousMotion = motion;
    previousPitch = pitch;
    chosenPitch[i] = pitch;
  }
  return chosenPitch;

  /**
   * Motif restatement: within a period the first note of a restated bar repeats its source exactly
   * when the chord is the same (a true repeat); otherwise it is chosen afresh and the rest of the bar
   * repeats the source's intervals (a sequence). Anything that would break a rule falls back to free choice.
   */
  function restatedPitch(index: number, planned: PlannedNote): number {
    const source = planned.copyOf;
    const sourceBar = notes[source].bar;
    const startsBar = source === 0 || notes[source - 1].bar !== sourceBar;
    let pitch: number;
    if (startsBar) {
      if (!planned.literal || form.bars[sourceBar].chord.mask !== form.bars[planned.bar].chord.mask) return -1;
      pitch = chosenPitch[source];
    } else {
      const sourceIndex = table.indexOf(chosenPitch[source - 1]);
      const sourceNext = table.indexOf(chosenPitch[source]);
      const here = table.indexOf(previousPitch);
      if (sourceIndex < 0 || sourceNext < 0 || here < 0) return -1;
      const next = here + sourceNext - sourceIndex;
      if (next < 0 || next >= table.length) return -1;
      pitch = table[next];
    }
    const pc = pitch % 12;
    const motion = pitch - previousPitch;
    if (clash & (1 << pc) && (planned.step % 8 === 0 || !gapped)) return -1;
    if (motion === 0 && run >= MAX_RUN) return -1;
    if (Math.abs(previousMotion) >= 5 && (Math.sign(motion) === Math.sign(previousMotion) || Math.abs(motion) > 3 || motion === 0)) return -1;
    if (planned.step % 8 === 0 && !(chordMask & (1 << pc))) return -1;
    const goalNote = nextGoal[index];
    if (goalNote >= 0 && goalPitch[goalNote] >= 0) {
      const stepsLeft = goalNote - index;
      if (Math.abs(nearestIndex(table, goalPitch[goalNote]) - table.indexOf(pitch)) > stepsLeft) return -1;
    }
    return pitch;
  }

  function scoredPitch(index: number, planned: PlannedNote): number {
    const target = nearestIndex(table, targetPitchAt(planned.bar, planned.step));
    const here = previousPitch < 0 ? target : nearestIndex(table, previousPitch);
    const strong = planned.step % 8 === 0;
    const onBeat = planned.step % 4 === 0;
    const goalNote = nextGoal[index];
    const goalIndex = goalNote >= 0 && goalPitch[goalNote] >= 0 ? nearestIndex(table, goalPitch[goalNote]) : -1;
    const stepsLeft = goalNote - index;
    let count = 0;
    for (let candidate = here - MAX_REACH; candidate <= here + MAX_REACH; candidate++) {
      if (candidate < 0 || candidate >= table.length) continue;
      const pitch = table[candidate];
      const pc = pitch % 12;
      if (clash & (1 << pc) && (strong || !gapped)) continue;
      const motion = previousPitch < 0 ? 0 : pitch - previousPitch;
      const size = Math.abs(motion);
      if (motion === 0 && previousPitch >= 0 && run >= MAX_RUN) continue;
      if (size > 12) continue;
      // Interval sizes in semitones, so pentatonic and blues lines also favour true steps.
      let weight: number;
      if (previousPitch < 0) weight = 1;
      else if (size === 0) weight = repeatWeight;
      else if (size <= 2) weight = 1;
      else if (size <= 4) weight = 0.16;
      else if (size <= 7) weight = 0.1;
      else weight = size === 12 ? 0.04 : 0.025;
      const previousSize = Math.abs(previousMotion);
      if (previousSize >= 5) {
        // A leap turns back by step.
        if (motion === 0 || Math.sign(motion) === Math.sign(previousMotion) || size > 3) weight *= 0.03;
      } else if (previousSize >= 3) {
        if (motion !== 0 && Math.sign(motion) !== Math.sign(previousMotion)) weight *= 1.3;
        else if (size >= 3) weight *= 0.4;
      } else if (previousSize > 0 && size <= 2 && Math.sign(motion) === Math.sign(previousMotion)) {
        // Scalar runs keep going for a while.
        weight *= 1.5;
      }
      // Each scale step towards the contour is worth a constant factor, however far away it is, so
      // a line that has drifted returns by steps rather than one big jump.
      weight *= Math.exp(-CONTOUR_PULL * Math.abs(candidate - target));
      const chordTone = (chordMask & (1 << pc)) !== 0;
      if (strong) weight *= chordTone ? 2.6 : 0.35;
      else if (onBeat && chordTone) weight *= 1.4;
      if (goalIndex >= 0 && stepsLeft <= 3) {
        const toGoal = Math.abs(candidate - goalIndex);
        if (stepsLeft === 1) weight *= toGoal === 1 ? 3 : toGoal === 0 ? 0.2 : 0.1;
        else if (toGoal > stepsLeft + 1) weight *= 0.05;
      }
      candidates[count] = candidate;
      weights[count] = weight;
      count++;
    }
    if (count === 0) return table[here];
    return table[candidates[rng.weighted(weights, count)]];
  }
}
