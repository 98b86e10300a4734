/**
 * One take of the melody: each material's motifs stated and developed phrase by phrase, every
 * bar placed on its section's scale near the flight's contour, and every cadence aimed at its
 * goal note. melody.ts draws takes until one meets the promised figures.
 */
import type { FlightFeatures } from './features.js';
import { PROFILE_SAMPLES } from './features.js';
import type { FormPlan, PhrasePlan } from './form.js';
import type { Line } from './melody-rules.js';
import type { Figure, Motif } from './motifs.js';
import { createMotif, develop, pickCell, pickDevelopment, rhythmicVariation, stateMotif } from './motifs.js';
import type { PatternEvent } from './patterns.js';
import { MELODY_SYMBOLS, parseBarPattern } from './patterns.js';
import type { Rng } from './random.js';
import { SCALE_INTERVALS, scaleMask } from './theory.js';

/** The melody stays within this many semitones of its centre: an octave and a half in all. */
const HALF_RANGE = 9;
/** Gapped scales have fewer pitches per octave: a little more room keeps enough of them in reach. */
const GAPPED_HALF_RANGE = 11;
const FINAL_RHYTHM = 'x---------------';
/** At most this many equal pitches in a row (the product promise is "never more than 4"). */
const MAX_RUN = 3;
/** The extra room, in semitones, of a late take (from melody.ts's LATE_TAKE on). */
const LATE_EXTRA_RANGE = 2;
/** Places tried either side of where a development puts a bar, in scale steps. */
const MAX_SHIFT = 4;

/** What a take reads from the melody request. */
export interface LineRequest {
  form: FormPlan;
  features: FlightFeatures;
  /** Centre MIDI pitch after latitude shifted the theme's register. */
  centre: number;
}

interface Material {
  primary: Motif;
  secondary: Motif;
  cadenceCells: Map<string, number>;
}

/** Scale pitches around the centre for one section; degree d is pitches[tonic + d]. */
interface ScaleTable {
  pitches: number[];
  tonic: number;
  mask: number;
  gapped: boolean;
  halfRange: number;
}

function scaleTable(keyRoot: number, scale: keyof typeof SCALE_INTERVALS, centre: number, extraRange: number): ScaleTable {
  const intervals = SCALE_INTERVALS[scale];
  const pitches: number[] = [];
  let tonic = 0;
  for (let pitch = centre - 24; pitch <= centre + 24; pitch++) {
    const offset = (((pitch - keyRoot) % 12) + 12) % 12;
    if (!intervals.includes(offset)) continue;
    if (offset === 0 && (pitches.length === 0 || Math.abs(pitch - centre) < Math.abs(pitches[tonic] - centre))) tonic = pitches.length;
    pitches.push(pitch);
  }
  const gapped = intervals.length < 7;
  return { pitches, tonic, mask: scaleMask(keyRoot, scale), gapped, halfRange: (gapped ? GAPPED_HALF_RANGE : HALF_RANGE) + extraRange };
}

/** Scale tones a semitone from a chord tone the scale lacks (e.g. the b7 under a major V in minor) would clash. */
function clashMask(chordMask: number, keyScaleMask: number): number {
  const foreign = chordMask & ~keyScaleMask;
  let clash = 0;
  for (let pc = 0; pc < 12; pc++) if (foreign & (1 << pc)) clash |= (1 << ((pc + 1) % 12)) | (1 << ((pc + 11) % 12));
  return clash & keyScaleMask;
}

export function writeLine(request: LineRequest, cells: readonly (readonly PatternEvent[])[], cadenceCells: readonly (readonly PatternEvent[])[], rng: Rng, spread: number, late: boolean): Line {
  const { form, features, centre } = request;
  const line: Line = { bars: [], steps: [], lengths: [], pitches: [] };
  const tables = form.sections.map((section) => scaleTable(section.keyRoot, section.scale, centre, late ? LATE_EXTRA_RANGE : 0));
  const skipCost = late ? 2.4 : 1.2;
  const materials = new Map<number, Material>();
  /** Bars as first placed, by material, variation, phrase kind and bar in phrase: a return restates them. */
  const placed = new Map<string, Figure>();
  const finalCell = parseBarPattern(FINAL_RHYTHM, MELODY_SYMBOLS);
  let previousPitch = -1;
  let run = 0;
  let periodStart = -1;
  let antecedent: Figure[] = [];
  let previousFigure: Figure | null = null;

  const targetPitchAt = (bar: number, step: number): number => {
    const plan = form.bars[bar];
    const section = form.sections[plan.sectionIndex];
    const phrase = form.phrases[plan.phraseIndex];
    const position = bar + step / 16;
    const legFraction = section.legFrom + ((section.legTo - section.legFrom) * (position - section.startBar)) / section.bars;
    const contour = features.legs[section.legIndex].contour;
    const sample = Math.min(PROFILE_SAMPLES - 1.000001, Math.max(0, legFraction * (PROFILE_SAMPLES - 1)));
    const low = Math.floor(sample);
    const flightLine = contour[low] + (contour[low + 1] - contour[low]) * (sample - low);
    // Each phrase rises and falls back into its cadence; the piece climbs to a climax at about 70%.
    const arch = Math.sin(Math.PI * ((position - phrase.startBar) / phrase.bars) ** 1.2);
    const climax = Math.sin(Math.PI * (position / form.totalBars) ** 1.9);
    return centre + spread * (3 * flightLine + 4 * arch - 2 + 3 * climax - 1.5);
  };

  const degreeNear = (table: ScaleTable, pitch: number): number => {
    let best = 0;
    for (let i = 1; i < table.pitches.length; i++) if (Math.abs(table.pitches[i] - pitch) < Math.abs(table.pitches[best] - pitch)) best = i;
    return best - table.tonic;
  };

  const materialFor = (phrase: PhrasePlan): Material => {
    let material = materials.get(phrase.material);
    if (!material) {
      const section = form.sections[phrase.sectionIndex];
      const leg = features.legs[section.legIndex];
      const first = pickCell(cells, section.density, rng);
      const second = pickCell(cells, section.density, rng, first);
      const gapped = tables[phrase.sectionIndex].gapped;
      material = {
        primary: createMotif(cells[first], leg, rng, false, gapped),
        secondary: createMotif(cells[second], leg, rng, true, gapped),
        cadenceCells: new Map(),
      };
      materials.set(phrase.material, material);
    }
    return material;
  };

  /** Goals are chosen once, when the bar leading into the cadence is placed, so that bar can lead to it. */
  const goals = new Map<number, number>();
  const goalPitch = (bar: number, home: boolean): number => {
    let goal = goals.get(bar);
    if (goal === undefined) {
      goal = chooseGoal(bar, home);
      goals.set(bar, goal);
    }
    return goal;
  };

  /** The goal of a cadence bar: the tonic (full cadence) or a tone of its chord (half cadence), near the line's target. */
  const chooseGoal = (bar: number, home: boolean): number => {
    const plan = form.bars[bar];
    const section = form.sections[plan.sectionIndex];
    const table = tables[plan.sectionIndex];
    const target = targetPitchAt(bar, 0);
    const reference = previousPitch < 0 ? target : previousPitch;
    const clash = section.scale === 'BLUES' ? 0 : clashMask(plan.chord.mask, table.mask);
    let best = -1;
    let bestCost = Infinity;
    for (const pitch of table.pitches) {
      if (Math.abs(pitch - centre) > table.halfRange) continue;
      const pc = pitch % 12;
      if (home ? pc !== section.keyRoot : !(plan.chord.mask & (1 << pc)) || clash & (1 << pc)) continue;
      const cost = 0.6 * Math.abs(pitch - reference) + Math.abs(pitch - target) + (home || pc === plan.chord.root ? 0 : 0.5);
      if (cost < bestCost) {
        bestCost = cost;
        best = pitch;
      }
    }
    return best;
  };

  /** Puts a figure on the scale: tries nearby shifts and keeps the one that serves the line best. */
  const place = (figure: Figure, bar: number, shiftWeight: number, nextGoal: number): number[] => {
    const plan = form.bars[bar];
    const table = tables[plan.sectionIndex];
    const chordMask = plan.chord.mask;
    const clash = form.sections[plan.sectionIndex].scale === 'BLUES' ? 0 : clashMask(chordMask, table.mask);
    const target = targetPitchAt(bar, 0);
    let bestShift = 0;
    let bestCost = Infinity;
    for (let shift = -MAX_SHIFT; shift <= MAX_SHIFT; shift++) {
      let cost = Math.abs(shift) * shiftWeight;
      let last = previousPitch;
      let equal = run;
      for (let i = 0; i < figure.degrees.length && cost < bestCost; i++) {
        const index = table.tonic + figure.degrees[i] + shift;
        if (index < 0 || index >= table.pitches.length) {
          cost = Infinity;
          break;
        }
        const pitch = table.pitches[index];
        const pc = pitch % 12;
        const outside = Math.abs(pitch - centre) - table.halfRange;
        if (outside > 0) cost += 4 * outside;
        const step = figure.steps[i];
        const chordTone = (chordMask & (1 << pc)) !== 0;
        if (step === 0 && !chordTone) cost += 3;
        else if (step === 8 && !chordTone) cost += 2;
        if (clash & (1 << pc) && (step % 8 === 0 || !table.gapped)) cost += 3;
        equal = last === pitch ? equal + 1 : 1;
        if (equal > MAX_RUN) cost += 50;
        if (i === 0 && last >= 0) {
          const jump = Math.abs(pitch - last);
          if (jump > 2) cost += (table.gapped ? 0.5 : 0.3) * (jump - 2);
          if (jump > 9) cost += 4;
        } else if (table.gapped && last >= 0 && Math.abs(pitch - last) > 2) {
          // In a gapped scale the same contour has more true steps in some places than in others.
          cost += skipCost;
        }
        last = pitch;
      }
      if (nextGoal >= 0 && last >= 0) cost += 0.8 * Math.max(0, Math.abs(last - nextGoal) - 2);
      cost += 0.08 * Math.abs(table.pitches[Math.max(0, Math.min(table.pitches.length - 1, table.tonic + figure.degrees[0] + shift))] - target);
      if (cost < bestCost) {
        bestCost = cost;
        bestShift = shift;
      }
    }
    return figure.degrees.map((degree) => degree + bestShift);
  };

  const emit = (bar: number, figure: Figure, degrees: readonly number[]): void => {
    const table = tables[form.bars[bar].sectionIndex];
    for (let i = 0; i < degrees.length; i++) {
      const index = Math.max(0, Math.min(table.pitches.length - 1, table.tonic + degrees[i]));
      const pitch = table.pitches[index];
      run = pitch === previousPitch ? run + 1 : 1;
      previousPitch = pitch;
      line.bars.push(bar);
      line.steps.push(figure.steps[i]);
      line.lengths.push(figure.lengths[i]);
      line.pitches.push(pitch);
    }
  };

  for (const phrase of form.phrases) {
    const material = materialFor(phrase);
    if (phrase.period !== periodStart) {
      periodStart = phrase.period;
      antecedent = [];
    }
    const table = tables[phrase.sectionIndex];
    for (let barInPhrase = 0; barInPhrase < phrase.bars; barInPhrase++) {
      const bar = phrase.startBar + barInPhrase;
      const isFinal = bar === form.totalBars - 1;
      const towards = Math.sign(targetPitchAt(Math.min(form.totalBars - 1, bar + 1), 0) - (previousPitch < 0 ? centre : previousPitch)) || 1;
      if (isFinal || barInPhrase === phrase.bars - 1) {
        const home = isFinal || phrase.kind === 'CONSEQUENT';
        const cellKey = `${phrase.kind}|${phrase.bars}`;
        let cellIndex = material.cadenceCells.get(cellKey);
        if (cellIndex === undefined) {
          cellIndex = rng.int(cadenceCells.length);
          material.cadenceCells.set(cellKey, cellIndex);
        }
        const cell = isFinal ? finalCell : cadenceCells[cellIndex];
        const goal = degreeNear(table, goalPitch(bar, home));
        // After the goal note, pickups run by step towards where the next phrase begins, on a
        // chord tone when they fall on beat three.
        const degrees = [goal];
        for (let i = 1; i < cell.length; i++) {
          const next = degrees[i - 1] + towards;
          const pitch = table.pitches[table.tonic + next] ?? 0;
          const onBeatThree = !table.gapped && cell[i].step === 8 && !(form.bars[bar].chord.mask & (1 << (pitch % 12)));
          degrees.push(onBeatThree ? next + towards : next);
        }
        const figure: Figure = { steps: cell.map((e) => e.step), lengths: cell.map((e) => e.length), degrees };
        emit(bar, figure, figure.degrees);
        previousFigure = figure;
        continue;
      }
      const key = `${phrase.material}|${phrase.variation}|${phrase.kind}|${barInPhrase}`;
      const originalKey = `${phrase.material}|0|${phrase.kind}|${barInPhrase}`;
      let figure: Figure;
      let shiftWeight = 0.6;
      const stored = placed.get(key);
      if (stored) {
        figure = stored;
        shiftWeight = 2.5;
      } else if (phrase.variation > 0 && placed.has(originalKey)) {
        const original = placed.get(originalKey)!;
        figure = rng.next() < 0.4 ? rhythmicVariation(original, cells[pickCell(cells, form.sections[phrase.sectionIndex].density, rng)]) : develop(original, pickDevelopment(rng, false), towards, rng);
      } else if (phrase.kind === 'CONSEQUENT' && barInPhrase < 2 && antecedent[barInPhrase]) {
        figure = antecedent[barInPhrase];
        shiftWeight = 2.5;
      } else if (barInPhrase === 0 || !previousFigure) {
        const motif = phrase.kind === 'CONTINUATION' ? material.secondary : material.primary;
        figure = stateMotif(motif, degreeNear(table, targetPitchAt(bar, 0)));
      } else if (barInPhrase === 2 && phrase.kind === 'ANTECEDENT' && rng.next() < 0.5) {
        figure = stateMotif(material.secondary, previousFigure.degrees[previousFigure.degrees.length - 1]);
      } else {
        const source = phrase.kind === 'CONSEQUENT' && antecedent[barInPhrase] ? antecedent[barInPhrase] : previousFigure;
        figure = develop(source, pickDevelopment(rng, source !== previousFigure), towards, rng);
      }
      const nextIsCadence = barInPhrase + 1 === phrase.bars - 1 || bar + 1 === form.totalBars - 1;
      const nextGoal = nextIsCadence ? goalPitch(bar + 1, bar + 1 === form.totalBars - 1 || phrase.kind === 'CONSEQUENT') : -1;
      const degrees = place(figure, bar, shiftWeight, nextGoal);
      const settled: Figure = { steps: figure.steps, lengths: figure.lengths, degrees };
      if (!placed.has(key)) placed.set(key, settled);
      if (phrase.kind === 'ANTECEDENT') antecedent[barInPhrase] = settled;
      emit(bar, settled, degrees);
      previousFigure = settled;
    }
  }
  return line;
}
