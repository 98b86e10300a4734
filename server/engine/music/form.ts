/**
 * The large-scale plan: how many bars, which leg each bar belongs to, where the key changes,
 * how bars group into phrases and which chord sits in every bar.
 */
import type { Chord } from './chords.js';
import { HARMONIC_SYSTEMS, chordOnDegree } from './harmony.js';
import type { PhraseKind } from './phrases.js';
import { fitProgression, periodParts, phraseSkeletons } from './phrases.js';
import type { Rng } from './random.js';
import type { SectionPlan, SectionRequest } from './sections.js';
import { planSections } from './sections.js';
import { collectionSignature, keySignature } from './theory.js';
import type { HarmonyStyle, MelodicForm } from './types.js';

export const PPQ = 480;
export const BEATS_PER_BAR = 4;
export const TICKS_PER_BAR = PPQ * BEATS_PER_BAR;
export const TICKS_PER_STEP = PPQ / 4;

export interface PhrasePlan {
  sectionIndex: number;
  startBar: number;
  bars: number;
  kind: PhraseKind;
  /** Accompaniment plays its busy pattern. */
  busy: boolean;
  /** Index of the period (antecedent + consequent, or a lone phrase) this phrase belongs to. */
  period: number;
  /** Which melodic material the period states: equal numbers are the same tune (A, B, C ... of the form). */
  material: number;
  /** 0 = the material as first stated; 1, 2 ... = variations of it (theme and variations). */
  variation: number;
}

export interface BarPlan {
  sectionIndex: number;
  phraseIndex: number;
  barInPhrase: number;
  chord: Chord;
}

export interface FormPlan {
  totalBars: number;
  sections: SectionPlan[];
  phrases: PhrasePlan[];
  bars: BarPlan[];
  /** Letters of the periods in order, e.g. "AABA", "VCVC", "A A1 A2": the form a listener hears. */
  periodLabels: string[];
}

export interface FormRequest extends SectionRequest {
  harmony: HarmonyStyle;
  melodicForm: MelodicForm;
  rng: Rng;
}

export function planForm(request: FormRequest): FormPlan {
  const { harmony, rng } = request;
  const sections = planSections(request);
  const skeleton = phraseSkeletons(sections);
  const parts = periodParts(request.melodicForm, skeleton.periods);
  const homeFlats = keySignature(request.homeKey, request.scale).sharps < 0;
  const phrases: PhrasePlan[] = [];
  const bars: BarPlan[] = [];
  // A returning material returns with its chords: one progression per material and phrase kind.
  const chosenTemplates = new Map<string, number>();
  for (const { sectionIndex, startBar, bars: length, kind, period } of skeleton.phrases) {
    const section = sections[sectionIndex];
    const system = HARMONIC_SYSTEMS[section.scale];
    const signature = collectionSignature(section.keyRoot, section.scale, homeFlats);
    const { material, variation } = parts[period];
    const templates = kind === 'ANTECEDENT' ? system.antecedents : kind === 'CONSEQUENT' ? system.consequents : system.continuations;
    const templateKey = `${material}|${kind}`;
    let templateIndex = chosenTemplates.get(templateKey);
    if (templateIndex === undefined) {
      templateIndex = rng.int(templates.length);
      chosenTemplates.set(templateKey, templateIndex);
    }
    const degrees = fitProgression(templates[templateIndex % templates.length], kind, length);
    const phraseIndex = phrases.length;
    const opensSection = startBar === section.startBar;
    phrases.push({ sectionIndex, startBar, bars: length, kind, busy: rng.next() < section.density, period, material, variation });
    for (let barInPhrase = 0; barInPhrase < length; barInPhrase++) {
      const degree = degrees[barInPhrase];
      const isPivot = section.pivot && opensSection && barInPhrase === 0 && length >= 2;
      const chordDegree = isPivot ? system.cadentialDegree : degree;
      // Dominants resolving home (and the pivot into a new key) take their seventh in every style.
      const resolvesHome = degree === system.cadentialDegree && barInPhrase === length - 2 && kind === 'CONSEQUENT';
      const sevenths = harmony === 'SEVENTHS' || ((isPivot || resolvesHome) && chordDegree === 4);
      bars.push({ sectionIndex, phraseIndex, barInPhrase, chord: chordOnDegree(section.keyRoot, section.scale, chordDegree, sevenths, signature) });
    }
  }
  return { totalBars: request.totalBars, sections, phrases, bars, periodLabels: parts.map((part) => part.label) };
}

/** 0..1 loudness arc: each phrase swells to ~60% and relaxes into its cadence; the piece peaks at ~70%. */
export function intensityAt(form: FormPlan, bar: number, step: number): number {
  const phrase = form.phrases[form.bars[bar].phraseIndex];
  const position = bar + step / 16;
  const inPhrase = (position - phrase.startBar) / phrase.bars;
  const inPiece = position / form.totalBars;
  return 0.35 + 0.35 * Math.sin(Math.PI * inPhrase ** 1.5) + 0.3 * Math.sin(Math.PI * inPiece ** 1.9);
}
