import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM, haversineKm, initialBearingDeg, interpolateGreatCircle, sampleGreatCircle, type LatLon } from '../../../../server/engine/geo/sphere.js';

const at = (latitude: number, longitude: number): LatLon => ({ latitude, longitude });

// Coordinates as in OpenFlights airports.dat.
const JFK = at(40.63980103, -73.77890015);
const LAX = at(33.94250107, -118.4079971);
const LHR = at(51.4706, -0.461941);
const NRT = at(35.7647018433, 140.386001587);
const SYD = at(-33.94609832763672, 151.177001953125);
const DFW = at(32.896801, -97.038002);

/** Longitude difference folded into [-180, 180]. */
const longitudeGap = (a: number, b: number) => ((((a - b) % 360) + 540) % 360) - 180;

describe('EARTH_RADIUS_KM', () => {
  it('is the IUGG mean Earth radius', () => {
    expect(EARTH_RADIUS_KM).toBe(6371.0088);
  });
});

describe('haversineKm', () => {
  it('measures one degree along a meridian and along the equator as πR/180', () => {
    const oneDegree = (Math.PI * EARTH_RADIUS_KM) / 180;
    expect(haversineKm(at(0, 0), at(1, 0))).toBeCloseTo(oneDegree, 9);
    expect(haversineKm(at(0, 0), at(0, 1))).toBeCloseTo(oneDegree, 9);
    expect(haversineKm(at(10, 20), at(11, 20))).toBeCloseTo(oneDegree, 9);
  });

  it('measures a quarter of the equator and pole to equator as πR/2', () => {
    expect(haversineKm(at(0, 0), at(0, 90))).toBeCloseTo((Math.PI * EARTH_RADIUS_KM) / 2, 6);
    expect(haversineKm(at(90, 0), at(0, 123))).toBeCloseTo((Math.PI * EARTH_RADIUS_KM) / 2, 6);
  });

  it('narrows along a parallel by cos(latitude) for short hops', () => {
    const oneDegreeAt60 = haversineKm(at(60, 10), at(60, 11));
    expect(oneDegreeAt60 / haversineKm(at(0, 10), at(0, 11))).toBeCloseTo(0.5, 4);
  });

  it('gives known airport distances', () => {
    expect(Math.abs(haversineKm(JFK, LAX) - 3_974)).toBeLessThanOrEqual(1);
    expect(Math.abs(haversineKm(SYD, DFW) - 13_808)).toBeLessThanOrEqual(1);
    expect(Math.abs(haversineKm(JFK, LHR) - 5_540)).toBeLessThanOrEqual(5);
  });

  it('is zero for the same point', () => {
    expect(haversineKm(JFK, JFK)).toBe(0);
    expect(haversineKm(at(90, 0), at(90, 77))).toBeCloseTo(0, 9);
  });

  it('is positive and accurate for very short distances', () => {
    // 1e-6 degrees of latitude is about 11 cm.
    const north = at(45.000001, 7);
    const d = haversineKm(at(45, 7), north);
    expect(d).toBeGreaterThan(0);
    const expected = (Math.PI * EARTH_RADIUS_KM * (north.latitude - 45)) / 180;
    expect(Math.abs(d - expected) / expected).toBeLessThan(1e-6);
  });

  it('gives π·R for antipodes', () => {
    const half = Math.PI * EARTH_RADIUS_KM;
    expect(haversineKm(at(0, 0), at(0, 180))).toBeCloseTo(half, 6);
    expect(haversineKm(at(90, 0), at(-90, 0))).toBeCloseTo(half, 6);
    // asin(√h) is ill-conditioned at h ≈ 1, so off-axis antipodes are only good to well under a metre.
    for (const [a, b] of [
      [at(40, -74), at(-40, 106)],
      [at(33.3, 44.4), at(-33.3, -135.6)],
    ]) {
      const d = haversineKm(a, b);
      expect(Number.isNaN(d)).toBe(false);
      expect(Math.abs(d - half)).toBeLessThan(1e-3);
    }
  });

  it('is symmetric', () => {
    for (const [a, b] of [
      [JFK, LAX],
      [SYD, DFW],
      [LHR, NRT],
      [at(-89, 179), at(89, -179)],
    ]) {
      expect(haversineKm(a, b)).toBeCloseTo(haversineKm(b, a), 9);
    }
  });

  it('does not care which way round the antimeridian the longitudes are written', () => {
    expect(haversineKm(at(10, 179.5), at(10, -179.5))).toBeCloseTo(haversineKm(at(10, -0.5), at(10, 0.5)), 9);
    expect(haversineKm(at(10, 180), at(10, -180))).toBeCloseTo(0, 9);
  });
});

describe('initialBearingDeg', () => {
  it('is 0 due north and 180 due south', () => {
    expect(initialBearingDeg(at(0, 0), at(10, 0))).toBeCloseTo(0, 9);
    expect(initialBearingDeg(at(10, 30), at(-20, 30))).toBeCloseTo(180, 9);
  });

  it('is 90 due east and 270 due west along the equator', () => {
    expect(initialBearingDeg(at(0, 0), at(0, 10))).toBeCloseTo(90, 9);
    expect(initialBearingDeg(at(0, 10), at(0, 0))).toBeCloseTo(270, 9);
  });

  it('stays in [0, 360)', () => {
    const points = [JFK, LAX, LHR, NRT, SYD, DFW, at(0, 0), at(-45, 179)];
    for (const a of points) {
      for (const b of points) {
        if (a === b) continue;
        const bearing = initialBearingDeg(a, b);
        expect(bearing).toBeGreaterThanOrEqual(0);
        expect(bearing).toBeLessThan(360);
      }
    }
  });

  it('heads north-east from JFK to LHR at about 51°', () => {
    expect(Math.abs(initialBearingDeg(JFK, LHR) - 51.4)).toBeLessThan(1);
  });

  it('heads north-west from JFK to NRT (the polar great circle) rather than west', () => {
    const bearing = initialBearingDeg(JFK, NRT);
    expect(bearing).toBeGreaterThan(270);
    expect(bearing).toBeLessThan(360);
  });

  it('heads east across the antimeridian from 179°E to 179°W', () => {
    expect(initialBearingDeg(at(0, 179), at(0, -179))).toBeCloseTo(90, 9);
  });
});

describe('interpolateGreatCircle', () => {
  it('returns the endpoints at fractions 0 and 1', () => {
    for (const [a, b] of [
      [JFK, LAX],
      [JFK, NRT],
      [SYD, DFW],
    ]) {
      const start = interpolateGreatCircle(a, b, 0);
      const end = interpolateGreatCircle(a, b, 1);
      expect(start.latitude).toBeCloseTo(a.latitude, 9);
      expect(start.longitude).toBeCloseTo(a.longitude, 9);
      expect(end.latitude).toBeCloseTo(b.latitude, 9);
      expect(end.longitude).toBeCloseTo(b.longitude, 9);
    }
  });

  it('returns the point itself for a zero-length path', () => {
    expect(interpolateGreatCircle(LHR, LHR, 0.5)).toEqual({ latitude: LHR.latitude, longitude: LHR.longitude });
  });

  it('puts the midpoint on the great circle, halfway', () => {
    for (const [a, b] of [
      [JFK, LAX],
      [JFK, NRT],
      [SYD, DFW],
      [LHR, SYD],
    ]) {
      const total = haversineKm(a, b);
      const mid = interpolateGreatCircle(a, b, 0.5);
      const first = haversineKm(a, mid);
      const second = haversineKm(mid, b);
      expect(Math.abs(first + second - total) / total).toBeLessThan(1e-6);
      expect(Math.abs(first - second) / total).toBeLessThan(1e-6);
    }
  });

  it('puts a fraction f at f of the distance', () => {
    const total = haversineKm(JFK, NRT);
    for (const f of [0.1, 0.25, 0.8]) {
      const point = interpolateGreatCircle(JFK, NRT, f);
      expect(Math.abs(haversineKm(JFK, point) - f * total) / total).toBeLessThan(1e-6);
    }
  });

  it('bends a JFK→NRT path far north of both endpoints', () => {
    const mid = interpolateGreatCircle(JFK, NRT, 0.5);
    expect(mid.latitude).toBeGreaterThan(Math.max(JFK.latitude, NRT.latitude) + 20);
    // A straight lat/lon line would stay between the endpoint latitudes.
    expect(mid.latitude).toBeGreaterThan(60);
  });

  it('crosses the antimeridian the short way', () => {
    const a = at(10, 170);
    const b = at(-10, -170);
    const mid = interpolateGreatCircle(a, b, 0.5);
    expect(mid.latitude).toBeCloseTo(0, 6);
    expect(Math.abs(mid.longitude)).toBeCloseTo(180, 6);
    const total = haversineKm(a, b);
    expect(total).toBeLessThan(3_500); // the short way, not round the world
    expect(Math.abs(haversineKm(a, mid) + haversineKm(mid, b) - total) / total).toBeLessThan(1e-6);
    const quarter = interpolateGreatCircle(a, b, 0.25);
    expect(quarter.longitude).toBeGreaterThan(170);
    const threeQuarters = interpolateGreatCircle(a, b, 0.75);
    expect(threeQuarters.longitude).toBeLessThan(-170);
  });
});

describe('sampleGreatCircle', () => {
  it('samples count evenly spaced points including both ends', () => {
    const points = sampleGreatCircle(SYD, DFW, 9);
    expect(points).toHaveLength(9);
    expect(points[0].latitude).toBeCloseTo(SYD.latitude, 9);
    expect(points[0].longitude).toBeCloseTo(SYD.longitude, 9);
    expect(points[8].latitude).toBeCloseTo(DFW.latitude, 9);
    expect(points[8].longitude).toBeCloseTo(DFW.longitude, 9);
    const step = haversineKm(SYD, DFW) / 8;
    for (let i = 1; i < points.length; i++) {
      expect(Math.abs(haversineKm(points[i - 1], points[i]) - step) / step).toBeLessThan(1e-6);
    }
  });

  it('gives just the two endpoints for count 2', () => {
    const points = sampleGreatCircle(JFK, LAX, 2);
    expect(points).toHaveLength(2);
    expect(haversineKm(points[0], JFK)).toBeLessThan(1e-6);
    expect(haversineKm(points[1], LAX)).toBeLessThan(1e-6);
  });

  it('follows the antimeridian crossing without jumping through the middle of the map', () => {
    const points = sampleGreatCircle(SYD, at(21.32, -157.92), 20);
    for (let i = 1; i < points.length; i++) {
      // Consecutive samples stay close even when the longitude wraps from +180 to -180.
      expect(Math.abs(longitudeGap(points[i].longitude, points[i - 1].longitude))).toBeLessThan(10);
    }
    expect(points.some((p) => p.longitude < 0)).toBe(true);
    expect(points.some((p) => p.longitude > 170)).toBe(true);
  });
});
