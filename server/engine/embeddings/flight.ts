/** The geometry of the flight behind a piece: where it heads, how far, at what latitude, across what. */
import { hubFactor, type FlightFeatures } from '../music/features.js';
import type { Flight } from '../music/index.js';
import { agreement, circularBins, joinEqually, radialBins, unit } from './encoding.js';

/** 30 degrees a bin, the same compass the composer maps onto the circle of fifths. */
export function bearingBlock(features: FlightFeatures): number[] {
  return unit(circularBins(features.legs[0].bearingDeg / 360, 12));
}

/** Logarithmic, like the composer's tempo and length: a hop and a long-haul differ in kind. */
export function distanceBlock(features: FlightFeatures): number[] {
  return unit(radialBins(Math.log(Math.max(1, features.totalKm)), Math.log(50), Math.log(15000), 8));
}

/** Signed mean latitude in 15-degree bands, so the band also says which hemisphere. */
export function latitudeBlock(features: FlightFeatures): number[] {
  return unit(radialBins(features.meanLatitude, -60, 75, 10));
}

/** Equator, national border, two or more clock hours, the antimeridian, more than one leg. */
export function crossingsBlock(flight: Flight, features: FlightFeatures): number[] {
  const legs = flight.legs;
  return unit(
    agreement([
      legs.some((leg) => Math.sign(leg.origin.latitude) * Math.sign(leg.destination.latitude) < 0),
      features.legs.some((leg) => leg.crossesBorder),
      features.legs.some((leg) => Math.abs(leg.utcShiftHours) >= 2),
      legs.some((leg) => Math.abs(leg.origin.longitude - leg.destination.longitude) > 180),
      legs.length > 1,
    ]),
  );
}

/** How busy the first and the last airport are: hub size sets the band's density and who plays. */
export function hubBlock(features: FlightFeatures): number[] {
  const first = features.legs[0];
  const last = features.legs[features.legs.length - 1];
  return joinEqually([radialBins(hubFactor(first.originHub), 0, 1, 5), radialBins(hubFactor(last.destinationHub), 0, 1, 5)]);
}
