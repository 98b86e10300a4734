/**
 * Sections: how the bars are shared among the legs, where a leg splits at a border or a time-zone
 * change, which tonal centre each section is in, and the homecoming that ends the piece at home.
 */
import type { FlightFeatures, LegFeatures } from './features.js';
import { hubFactor } from './features.js';
import { relatedCentre } from './theory.js';
import type { FlightAirport, ScaleName } from './types.js';

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

/** What the section plan reads from the form request. */
export interface SectionRequest {
  features: FlightFeatures;
  airports: readonly FlightAirport[];
  totalBars: number;
  homeKey: number;
  scale: ScaleName;
  themeDensity: number;
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

export function planSections(request: SectionRequest): SectionPlan[] {
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
