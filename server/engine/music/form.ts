/**
 * The large-scale plan: how many bars, which leg each bar belongs to, where the key changes,
 * how bars group into phrases and which chord sits in every bar.
 */
import type { FlightFeatures, LegFeatures } from './features.js';
import { hubFactor } from './features.js';
import type { Rng } from './random.js';
import type { Chord } from './theory.js';
import { HARMONIC_SYSTEMS, chordOnDegree, collectionSignature, keySignature, relatedCentre } from './theory.js';
import type { FlightAirport, HarmonyStyle, MelodicForm, ScaleName } from './types.js';

export const PPQ = 480;
export const BEATS_PER_BAR = 4;
export const TICKS_PER_BAR = PPQ * BEATS_PER_BAR;
export const TICKS_PER_STEP = PPQ / 4;

export interface SectionPlan {
  name: string;
  legIndex: number;
  startBar: number;
  bars: number;
  keyRoot: number;
  scale: ScaleName;
  /** Portion of the leg's great circle this section covers, 0..1, for reading the contour. */
  legFrom: number;
  legTo: number;
  /** Destinations served by the airport the section is "at". */
  hubDegree: number;
  /** 0..1 busyness after the hub scaled the theme's density. */
  density: number;
  /** First bar is the new key's dominant, preparing the modulation. */
  pivot: boolean;
}

export type PhraseKind = 'ANTECEDENT' | 'CONSEQUENT' | 'CONTINUATION';

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

export interface FormRequest {
  features: FlightFeatures;
  airports: readonly FlightAirport[];
  totalBars: number;
  homeKey: number;
  scale: ScaleName;
  harmony: HarmonyStyle;
  themeDensity: number;
  melodicForm: MelodicForm;
  rng: Rng;
}

/**
 * Largest-remainder apportionment. Legs get bars in whole four-bar phrases when there is room for
 * at least one phrase each, so every leg can finish on a cadence; leftover bars extend the last leg.
 */
function apportionBars(totalBars: number, legs: readonly LegFeatures[]): number[] {
  const count = legs.length;
  let meanKm = 0;
  for (const leg of legs) meanKm += leg.distanceKm / count;
  // A floor on each weight so a 100 km connection inside a 12,000 km journey is still heard.
  const weights = legs.map((leg) => leg.distanceKm + 0.25 * meanKm + 1);
  const units = Math.floor(totalBars / 4);
  const phraseWise = units >= count;
  const pool = phraseWise ? units - count : totalBars >= count ? totalBars - count : totalBars;
  const minimum = phraseWise || totalBars >= count ? 1 : 0;
  let weightSum = 0;
  for (const weight of weights) weightSum += weight;
  const shares = weights.map((weight) => (weight / weightSum) * pool);
  const allotted = shares.map((share) => minimum + Math.floor(share));
  let remaining = pool;
  for (const share of shares) remaining -= Math.floor(share);
  const order = shares.map((_, index) => index).sort((a, b) => shares[b] - Math.floor(shares[b]) - (shares[a] - Math.floor(shares[a])) || a - b);
  for (let i = 0; i < remaining; i++) allotted[order[i]]++;
  if (!phraseWise) return allotted;
  const bars = allotted.map((phrases) => phrases * 4);
  bars[count - 1] += totalBars - units * 4;
  return bars;
}

/** Signed turn between two headings, -180..180 (positive = clockwise). */
function turnDeg(from: number, to: number): number {
  return ((to - from + 540) % 360) - 180;
}

function sectionDensity(themeDensity: number, hubDegree: number): number {
  // Hub size scales the theme's density by 0.65x (one-route strip) to 1.35x (mega-hub).
  return Math.min(1, Math.max(0, themeDensity * (0.65 + 0.7 * hubFactor(hubDegree))));
}

function planSections(request: FormRequest): SectionPlan[] {
  const { features, airports, totalBars, homeKey, scale, themeDensity } = request;
  const legBars = apportionBars(totalBars, features.legs);
  const sections: SectionPlan[] = [];
  // Modulations move the tonal centre at most two fifths from home and onto another mode of the
  // home scale's notes (see relatedCentre), so the piece keeps one key signature.
  let keyOffset = 0;
  const centreAt = (offset: number) => relatedCentre(homeKey, scale, offset);
  let startBar = 0;
  for (let legIndex = 0; legIndex < features.legs.length; legIndex++) {
    const leg = features.legs[legIndex];
    const origin = airports[legIndex].code;
    const destination = airports[legIndex + 1].code;
    if (legIndex > 0) {
      // A turn at a stopover moves the key a fifth per 45 degrees: right turns sharpen, left turns flatten.
      const previous = features.legs[legIndex - 1];
      const steps = Math.round(turnDeg(previous.arrivalBearingDeg, leg.bearingDeg) / 45);
      keyOffset = Math.max(-2, Math.min(2, keyOffset + steps));
    }
    const bars = legBars[legIndex];
    if (bars === 0) continue;
    const crossesClocks = Math.abs(leg.utcShiftHours) >= 2;
    if (bars >= 8 && (crossesClocks || leg.crossesBorder)) {
      // Crossing borders or time zones opens a new section mid-leg; gaining clock hours (flying
      // east) modulates up a fifth per ~3 hours, losing them modulates down.
      const departureBars = Math.ceil(Math.floor(bars / 4) / 2) * 4;
      const shiftSteps = crossesClocks ? Math.sign(leg.utcShiftHours) * Math.min(2, Math.round(Math.abs(leg.utcShiftHours) / 3)) : 0;
      sections.push({
        name: `${origin} departure`,
        legIndex,
        startBar,
        bars: departureBars,
        ...centreAt(keyOffset),
        legFrom: 0,
        legTo: departureBars / bars,
        hubDegree: leg.originHub,
        density: sectionDensity(themeDensity, leg.originHub),
        pivot: false,
      });
      keyOffset = Math.max(-2, Math.min(2, keyOffset + shiftSteps));
      sections.push({
        name: `${destination} arrival`,
        legIndex,
        startBar: startBar + departureBars,
        bars: bars - departureBars,
        ...centreAt(keyOffset),
        legFrom: departureBars / bars,
        legTo: 1,
        hubDegree: leg.destinationHub,
        density: sectionDensity(themeDensity, leg.destinationHub),
        pivot: false,
      });
    } else {
      const hubDegree = Math.max(leg.originHub, leg.destinationHub);
      sections.push({
        name: `${origin} to ${destination}`,
        legIndex,
        startBar,
        bars,
        ...centreAt(keyOffset),
        legFrom: 0,
        legTo: 1,
        hubDegree,
        density: sectionDensity(themeDensity, hubDegree),
        pivot: false,
      });
    }
    startBar += bars;
  }
  comeHome(sections, centreAt(0), airports[airports.length - 1].code);
  for (let i = 1; i < sections.length; i++) {
    sections[i].pivot = sections[i].keyRoot !== sections[i - 1].keyRoot && sections[i].bars >= 2;
  }
  return sections;
}

/**
 * The piece ends on the tonic of the key it started in: a last section away from home hands its
 * final four bars to a homecoming section (or, when too short to split, returns home whole).
 */
function comeHome(sections: SectionPlan[], home: { keyRoot: number; scale: ScaleName }, destination: string): void {
  const last = sections[sections.length - 1];
  if (last.keyRoot === home.keyRoot && last.scale === home.scale) return;
  if (last.bars < 8) {
    Object.assign(last, home);
    return;
  }
  const split = last.legFrom + ((last.legTo - last.legFrom) * (last.bars - 4)) / last.bars;
  sections.push({ ...last, ...home, name: `${destination} landing`, startBar: last.startBar + last.bars - 4, bars: 4, legFrom: split });
  last.bars -= 4;
  last.legTo = split;
}

/**
 * Four-bar phrases paired into periods: antecedent (half cadence) + consequent (authentic
 * cadence). An odd phrase out becomes a continuation before the last consequent, and bars that do
 * not fill a phrase extend the last one.
 */
function phraseKinds(units: number): PhraseKind[] {
  if (units <= 1) return ['CONSEQUENT'];
  const kinds: PhraseKind[] = [];
  for (let i = 0; i + 1 < units; i += 2) kinds.push('ANTECEDENT', 'CONSEQUENT');
  if (units % 2 === 1) kinds.splice(kinds.length - 1, 0, 'CONTINUATION');
  return kinds;
}

/** A four-bar template stretched or squeezed to the phrase length, always keeping its cadence. */
function fitProgression(template: readonly number[], kind: PhraseKind, length: number): number[] {
  const [first, second, third, last] = template;
  if (length >= 4) {
    const degrees = kind === 'CONSEQUENT' ? [first, second] : [first, second, third];
    while (degrees.length < length - (kind === 'CONSEQUENT' ? 2 : 1)) degrees.push(degrees[degrees.length - 1]);
    if (kind === 'CONSEQUENT') degrees.push(third);
    degrees.push(last);
    return degrees;
  }
  if (length === 3) return kind === 'CONSEQUENT' ? [second, third, last] : [first, third, last];
  if (length === 2) return kind === 'CONSEQUENT' ? [third, last] : [first, last];
  return [last];
}

interface PeriodPart {
  material: number;
  variation: number;
  label: string;
}

const LETTERS = 'ABCDEFGH';

function cycle(pattern: readonly number[], count: number): number[] {
  return Array.from({ length: count }, (_, i) => pattern[i % pattern.length]);
}

/**
 * The order in which the periods state their material. Short pieces take the form's opening
 * (a one-period piece is its A); longer ones cycle it and end on a return or a final chorus.
 */
export function periodParts(form: MelodicForm, count: number): PeriodPart[] {
  const plain = (materials: readonly number[]): PeriodPart[] => materials.map((material) => ({ material, variation: 0, label: LETTERS[material] }));
  switch (form) {
    case 'THEME_AND_VARIATIONS':
      return Array.from({ length: count }, (_, i) => ({ material: 0, variation: i, label: i === 0 ? 'A' : `A${i}` }));
    case 'VERSE_CHORUS': {
      const materials = count % 2 === 1 ? [1, ...cycle([0, 1], count - 1)] : cycle([0, 1], count);
      return materials.map((material) => ({ material, variation: 0, label: material === 0 ? 'V' : 'C' }));
    }
    case 'ABAC': {
      const materials = count === 2 ? [0, 1] : cycle([0, 1, 0, 2], count);
      if (materials.length > 2 && materials[materials.length - 1] === 1) materials[materials.length - 1] = 0;
      return plain(materials);
    }
    case 'AABA': {
      if (count === 2)
        return [
          { material: 0, variation: 0, label: 'A' },
          { material: 0, variation: 1, label: 'A1' },
        ];
      const materials = count === 3 ? [0, 1, 0] : cycle([0, 0, 1, 0], count);
      materials[materials.length - 1] = 0;
      return plain(materials);
    }
  }
}

interface PhraseSkeleton {
  sectionIndex: number;
  startBar: number;
  bars: number;
  kind: PhraseKind;
  period: number;
}

/** Phrases of every section, grouped into periods: an antecedent opens one, a consequent closes it. */
function phraseSkeletons(sections: readonly SectionPlan[]): { phrases: PhraseSkeleton[]; periods: number } {
  const phrases: PhraseSkeleton[] = [];
  let period = -1;
  let open = false;
  for (let sectionIndex = 0; sectionIndex < sections.length; sectionIndex++) {
    const section = sections[sectionIndex];
    const units = Math.floor(section.bars / 4);
    const kinds = phraseKinds(units);
    let startBar = section.startBar;
    open = false;
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[k];
      const bars = units === 0 ? section.bars : k === kinds.length - 1 ? section.bars - 4 * (units - 1) : 4;
      if (!open || kind === 'ANTECEDENT') period++;
      open = kind !== 'CONSEQUENT';
      phrases.push({ sectionIndex, startBar, bars, kind, period });
      startBar += bars;
    }
  }
  return { phrases, periods: period + 1 };
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
