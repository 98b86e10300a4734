/**
 * What the composer hears in a flight: geometry of each leg along its great circle, clocks and
 * borders crossed, and how connected the airports are. Everything downstream reads these numbers
 * rather than the raw flight, so the mapping from flight to music lives here and in form.ts.
 */
import { initialBearingDeg, sampleGreatCircle } from '../geo/sphere.js';
import type { Flight, FlightAirport, FlightLeg, ScaleName, TempoDriver, Theme } from './types.js';
import { SCALE_BRIGHTNESS } from './theory.js';

/** Samples per leg: enough to catch the great-circle bulge, few enough to stay cheap. */
export const PROFILE_SAMPLES = 17;

export interface LegFeatures {
  distanceKm: number;
  /** Initial great-circle heading, degrees clockwise from north. */
  bearingDeg: number;
  /** Heading on arrival (the great circle turns as it goes). */
  arrivalBearingDeg: number;
  /** Mean latitude along the great circle. */
  meanLatitude: number;
  /**
   * Latitude along the great circle plus the airports' elevation, centred on the leg's mean and
   * scaled to roughly -1..1, PROFILE_SAMPLES evenly spaced points from origin to destination.
   */
  contour: Float64Array;
  /** Clock change on landing, hours (arrival offset minus departure offset). */
  utcShiftHours: number;
  crossesBorder: boolean;
  originHub: number;
  destinationHub: number;
}

export interface FlightFeatures {
  legs: LegFeatures[];
  totalKm: number;
  meanLatitude: number;
  /** Eastward component of the first heading, -1 (due west) .. 1 (due east). */
  eastness: number;
  maxHubDegree: number;
  /** The highest airport on the way, in feet. */
  maxAltitudeFt: number;
  originLongitude: number;
  codes: string[];
}

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Solar time stands in for a missing tz offset: 15 degrees of longitude per hour. */
function utcOffsetOf(airport: FlightAirport): number {
  return airport.utcOffsetHours ?? Math.round(airport.longitude / 15);
}

function legFeatures(leg: FlightLeg): LegFeatures {
  const { origin, destination } = leg;
  const points = sampleGreatCircle(origin, destination, PROFILE_SAMPLES);
  let latitudeSum = 0;
  let lowest = Infinity;
  let highest = -Infinity;
  for (const point of points) {
    latitudeSum += point.latitude;
    if (point.latitude < lowest) lowest = point.latitude;
    if (point.latitude > highest) highest = point.latitude;
  }
  const meanLatitude = latitudeSum / points.length;
  // Short hops barely change latitude; a 4-degree floor keeps their contour gentle instead of
  // blowing a few kilometres of drift up into full-range melodic swings.
  const halfSpan = Math.max(4, (highest - lowest) / 2);
  const contour = new Float64Array(PROFILE_SAMPLES);
  for (let i = 0; i < PROFILE_SAMPLES; i++) {
    const fraction = i / (PROFILE_SAMPLES - 1);
    const elevationFt = origin.altitudeFt + (destination.altitudeFt - origin.altitudeFt) * fraction;
    // A mile-high airport lifts the line by about a third of the latitude swing.
    contour[i] = (points[i].latitude - meanLatitude) / halfSpan + Math.min(1, Math.max(0, elevationFt) / 15000);
  }
  const reverseBearing = initialBearingDeg(destination, origin);
  return {
    distanceKm: leg.distanceKm,
    bearingDeg: initialBearingDeg(origin, destination),
    arrivalBearingDeg: (reverseBearing + 180) % 360,
    meanLatitude,
    contour,
    utcShiftHours: utcOffsetOf(destination) - utcOffsetOf(origin),
    crossesBorder: origin.country !== destination.country,
    originHub: origin.hubDegree,
    destinationHub: destination.hubDegree,
  };
}

export function analyseFlight(flight: Flight): FlightFeatures {
  if (flight.legs.length === 0) throw new RangeError('a flight needs at least one leg');
  const legs = flight.legs.map(legFeatures);
  let totalKm = 0;
  let latitudeSum = 0;
  let maxHubDegree = 0;
  for (let i = 0; i < legs.length; i++) {
    totalKm += legs[i].distanceKm;
    latitudeSum += legs[i].meanLatitude;
    maxHubDegree = Math.max(maxHubDegree, legs[i].originHub, legs[i].destinationHub);
  }
  const codes = [flight.legs[0].origin.code, ...flight.legs.map((leg) => leg.destination.code)];
  const airports = [flight.legs[0].origin, ...flight.legs.map((leg) => leg.destination)];
  return {
    maxAltitudeFt: Math.max(...airports.map((airport) => airport.altitudeFt)),
    originLongitude: flight.legs[0].origin.longitude,
    legs,
    totalKm,
    meanLatitude: latitudeSum / legs.length,
    eastness: Math.sin(toRadians(legs[0].bearingDeg)),
    maxHubDegree,
    codes,
  };
}

/** 0 for a 50 km hop, 1 for 15,000 km; logarithmic because a hop and a long-haul differ in kind, not by a factor. */
function distanceFraction(km: number): number {
  return Math.min(1, Math.max(0, Math.log(Math.max(km, 1) / 50) / Math.log(15000 / 50)));
}

/**
 * Short hops are brisk (140 BPM), ultra long-hauls stately (70 BPM). The 70-140 scale is rescaled
 * into the theme's own range rather than clamped, so every theme keeps the distance contrast.
 */
export function defaultTempo(features: FlightFeatures, theme: Theme): number {
  const bpm = 70 + 70 * tempoDrive(features, theme.mapping?.tempo ?? 'DISTANCE');
  const { min, max } = theme.tempoRange;
  return Math.round(min + ((bpm - 70) / 70) * (max - min));
}

/** About 28 s for a hop, 90 s across a continent, two minutes across an ocean; journeys add time per stop. */
export function defaultDurationSeconds(features: FlightFeatures): number {
  const seconds = 24 + 16 * Math.log2(1 + features.totalKm / 250) + 5 * (features.legs.length - 1);
  return Math.min(240, Math.max(20, seconds));
}

/** 0 (slowest) to 1 (fastest) from the feature a theme chose to drive the tempo. */
function tempoDrive(features: FlightFeatures, driver: TempoDriver): number {
  switch (driver) {
    case 'HUB_SIZE':
      return hubFactor(features.maxHubDegree);
    case 'ALTITUDE':
      return Math.min(1, Math.max(0, features.maxAltitudeFt / 8_000));
    case 'DISTANCE':
      return 1 - distanceFraction(features.totalKm);
  }
}

/** The home key from the feature a theme chose: heading (default), origin longitude or mean latitude, 12 bands each. */
export function homeKeyFor(features: FlightFeatures, theme: Theme): number {
  switch (theme.mapping?.key ?? 'HEADING') {
    case 'LONGITUDE':
      return ((Math.round((features.originLongitude + 180) / 30) % 12) * 7) % 12;
    case 'LATITUDE':
      return (((Math.min(11, Math.floor((features.meanLatitude + 90) / 15)) * 7) % 12) + 12) % 12;
    case 'HEADING':
      return keyRootForBearing(features.legs[0].bearingDeg);
  }
}

/**
 * The compass rose laid on the circle of fifths: north is C, each 30 degrees clockwise adds a
 * sharp (NE = D, E = A, S = F#, W = D#). Reversing a route turns the heading by about 180 degrees,
 * the furthest key on the circle.
 */
export function keyRootForBearing(bearingDeg: number): number {
  const sector = Math.round(bearingDeg / 30) % 12;
  return (sector * 7) % 12;
}

/**
 * Tropics sound bright, high latitudes darker; flying east into the sunrise brightens, west into
 * the sunset darkens. The theme's allowed scale nearest that brightness wins, with a small pull
 * towards the theme's first preferences.
 */
export function scaleForFlight(features: FlightFeatures, theme: Theme): ScaleName {
  if (theme.scales.length === 0) throw new RangeError(`theme "${theme.id}" allows no scales`);
  const target = theme.mapping?.mode === 'HEADING' ? 0.5 + 0.5 * features.eastness : 0.9 - Math.abs(features.meanLatitude) / 75 + 0.15 * features.eastness;
  const brightness = Math.min(1, Math.max(0, target));
  let best = theme.scales[0];
  let bestCost = Infinity;
  for (let i = 0; i < theme.scales.length; i++) {
    const cost = Math.abs(SCALE_BRIGHTNESS[theme.scales[i]] - brightness) + 0.05 * i;
    if (cost < bestCost) {
      bestCost = cost;
      best = theme.scales[i];
    }
  }
  return best;
}

/** log-scaled hub size, 0 for a one-route strip, 1 for the biggest hubs (~240 destinations). */
export function hubFactor(hubDegree: number): number {
  return Math.min(1, Math.log1p(Math.max(0, hubDegree)) / Math.log1p(240));
}

/**
 * Default style from the flight's character: multi-stop journeys are stories (cinematic), ultra
 * long-hauls drift (ambient), tropical routes dance (world), mega-hub pairs pulse (electronic),
 * short hops are casual (lofi), high-latitude routes are stately (classical), busy trunk routes
 * rock, and the rest choose by heading between jazz and classical.
 */
export function defaultThemeIdFor(flight: Flight): string {
  const features = analyseFlight(flight);
  if (features.legs.length >= 3) return 'cinematic';
  if (features.totalKm >= 9000) return 'ambient';
  if (Math.abs(features.meanLatitude) < 23.5) return 'world';
  if (features.legs.every((leg) => Math.min(leg.originHub, leg.destinationHub) >= 150)) return 'electronic';
  if (features.totalKm < 600) return 'lofi';
  if (Math.abs(features.meanLatitude) >= 50) return 'classical';
  if (features.legs.every((leg) => Math.min(leg.originHub, leg.destinationHub) >= 60)) return 'rock';
  return features.eastness >= 0 ? 'jazz' : 'classical';
}
