import type { Flight, FlightAirport } from '../server/engine/music/index.js';

const airport = (code: string, latitude: number, longitude: number, utcOffsetHours: number): FlightAirport => ({
  code,
  name: code,
  city: code,
  country: '',
  latitude,
  longitude,
  altitudeFt: 50,
  timezone: null,
  utcOffsetHours,
  hubDegree: 150,
});

/** JFK to LAX: the flight every export bench and the render reference compose, fixed so figures compare run to run. */
export const EXPORT_BENCH_FLIGHT: Flight = {
  kind: 'ROUTE',
  legs: [{ origin: airport('JFK', 40.64, -73.78, -5), destination: airport('LAX', 33.94, -118.41, -8), distanceKm: 3_983, airlineCount: 6 }],
};
