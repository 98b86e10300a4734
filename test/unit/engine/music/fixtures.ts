/**
 * A deterministic sample of synthetic-but-realistic flights: real airport positions, elevations,
 * time zones and approximate hub sizes, paired into routes from 50 km hops to 15,000 km
 * ultra-long-hauls, every route also flown in reverse, plus multi-stop paths and journeys.
 */
import { haversineKm } from '../../../../server/engine/geo/sphere.js';
import type { Flight, FlightAirport, FlightKind, FlightLeg } from '../../../../server/engine/music/index.js';

type AirportRow = [code: string, city: string, country: string, latitude: number, longitude: number, altitudeFt: number, timezone: string | null, utcOffsetHours: number | null, hubDegree: number];

const ROWS: AirportRow[] = [
  ['JFK', 'New York', 'United States', 40.6398, -73.7789, 13, 'America/New_York', -5, 200],
  ['LAX', 'Los Angeles', 'United States', 33.9425, -118.408, 125, 'America/Los_Angeles', -8, 190],
  ['ORD', 'Chicago', 'United States', 41.9786, -87.9048, 672, 'America/Chicago', -6, 220],
  ['ATL', 'Atlanta', 'United States', 33.6367, -84.4281, 1026, 'America/New_York', -5, 240],
  ['DEN', 'Denver', 'United States', 39.8617, -104.673, 5431, 'America/Denver', -7, 190],
  ['SFO', 'San Francisco', 'United States', 37.619, -122.375, 13, 'America/Los_Angeles', -8, 150],
  ['SJC', 'San Jose', 'United States', 37.3626, -121.929, 62, 'America/Los_Angeles', -8, 40],
  ['SEA', 'Seattle', 'United States', 47.449, -122.309, 433, 'America/Los_Angeles', -8, 120],
  ['MIA', 'Miami', 'United States', 25.7932, -80.2906, 8, 'America/New_York', -5, 160],
  ['YYZ', 'Toronto', 'Canada', 43.6772, -79.6306, 569, 'America/Toronto', -5, 170],
  ['YVR', 'Vancouver', 'Canada', 49.1939, -123.184, 14, 'America/Vancouver', -8, 110],
  ['MEX', 'Mexico City', 'Mexico', 19.4363, -99.0721, 7316, 'America/Mexico_City', -6, 120],
  ['GRU', 'Sao Paulo', 'Brazil', -23.4356, -46.4731, 2459, 'America/Sao_Paulo', -3, 130],
  ['EZE', 'Buenos Aires', 'Argentina', -34.8222, -58.5358, 67, 'America/Argentina/Buenos_Aires', -3, 80],
  ['SCL', 'Santiago', 'Chile', -33.393, -70.7858, 1555, 'America/Santiago', -4, 70],
  ['LIM', 'Lima', 'Peru', -12.0219, -77.1143, 113, 'America/Lima', -5, 75],
  ['BOG', 'Bogota', 'Colombia', 4.70159, -74.1469, 8361, 'America/Bogota', -5, 85],
  ['LPB', 'La Paz', 'Bolivia', -16.5133, -68.1923, 13355, 'America/La_Paz', -4, 12],
  ['USH', 'Ushuaia', 'Argentina', -54.8433, -68.2958, 102, 'America/Argentina/Ushuaia', -3, 6],
  ['ANC', 'Anchorage', 'United States', 61.1744, -149.996, 152, 'America/Anchorage', -9, 40],
  ['HNL', 'Honolulu', 'United States', 21.3187, -157.922, 13, 'Pacific/Honolulu', -10, 60],
  ['LHR', 'London', 'United Kingdom', 51.4706, -0.461941, 83, 'Europe/London', 0, 230],
  ['CDG', 'Paris', 'France', 49.0128, 2.55, 392, 'Europe/Paris', 1, 240],
  ['AMS', 'Amsterdam', 'Netherlands', 52.3086, 4.76389, -11, 'Europe/Amsterdam', 1, 230],
  ['FRA', 'Frankfurt', 'Germany', 50.0333, 8.57056, 364, 'Europe/Berlin', 1, 235],
  ['MAD', 'Madrid', 'Spain', 40.4719, -3.56264, 1998, 'Europe/Madrid', 1, 180],
  ['FCO', 'Rome', 'Italy', 41.8003, 12.2389, 13, 'Europe/Rome', 1, 170],
  ['IST', 'Istanbul', 'Turkey', 41.2753, 28.7519, 325, 'Europe/Istanbul', 3, 240],
  ['KEF', 'Reykjavik', 'Iceland', 63.985, -22.6056, 171, 'Atlantic/Reykjavik', 0, 60],
  ['OSL', 'Oslo', 'Norway', 60.1939, 11.1004, 681, 'Europe/Oslo', 1, 130],
  ['VDS', 'Vadso', 'Norway', 70.0653, 29.8447, 127, 'Europe/Oslo', 1, 3],
  ['LYR', 'Longyearbyen', 'Norway', 78.2461, 15.4656, 88, 'Arctic/Longyearbyen', 1, 3],
  ['SVO', 'Moscow', 'Russia', 55.9726, 37.4146, 622, 'Europe/Moscow', 3, 180],
  ['DXB', 'Dubai', 'United Arab Emirates', 25.2528, 55.3644, 62, 'Asia/Dubai', 4, 230],
  ['DOH', 'Doha', 'Qatar', 25.2731, 51.6081, 35, 'Asia/Qatar', 3, 160],
  ['JNB', 'Johannesburg', 'South Africa', -26.1392, 28.246, 5558, 'Africa/Johannesburg', 2, 110],
  ['NBO', 'Nairobi', 'Kenya', -1.31924, 36.9278, 5330, 'Africa/Nairobi', 3, 80],
  ['CAI', 'Cairo', 'Egypt', 30.1219, 31.4056, 382, 'Africa/Cairo', 2, 120],
  ['LOS', 'Lagos', 'Nigeria', 6.57737, 3.32116, 135, 'Africa/Lagos', 1, 60],
  ['DEL', 'Delhi', 'India', 28.5665, 77.1031, 777, 'Asia/Kolkata', 5.5, 150],
  ['BOM', 'Mumbai', 'India', 19.0887, 72.8679, 39, 'Asia/Kolkata', 5.5, 130],
  ['SIN', 'Singapore', 'Singapore', 1.35019, 103.994, 22, 'Asia/Singapore', 8, 200],
  ['HKG', 'Hong Kong', 'Hong Kong', 22.308, 113.915, 28, 'Asia/Hong_Kong', 8, 190],
  ['MFM', 'Macau', 'Macau', 22.1496, 113.592, 20, 'Asia/Macau', 8, 40],
  ['PEK', 'Beijing', 'China', 40.0801, 116.585, 116, 'Asia/Shanghai', 8, 220],
  ['NRT', 'Tokyo', 'Japan', 35.7647, 140.386, 141, 'Asia/Tokyo', 9, 150],
  ['HND', 'Tokyo', 'Japan', 35.5523, 139.78, 35, 'Asia/Tokyo', 9, 110],
  ['ICN', 'Seoul', 'South Korea', 37.4691, 126.451, 23, 'Asia/Seoul', 9, 170],
  ['SYD', 'Sydney', 'Australia', -33.9461, 151.177, 21, 'Australia/Sydney', 10, 110],
  ['MEL', 'Melbourne', 'Australia', -37.6733, 144.843, 434, 'Australia/Melbourne', 10, 90],
  ['AKL', 'Auckland', 'New Zealand', -37.0082, 174.792, 23, 'Pacific/Auckland', 12, 80],
  ['PPT', 'Papeete', 'French Polynesia', -17.5537, -149.606, 5, 'Pacific/Tahiti', -10, 25],
  ['NAN', 'Nadi', 'Fiji', -17.7554, 177.443, 59, null, null, 30],
  ['TNR', 'Antananarivo', 'Madagascar', -18.7969, 47.4788, 4198, 'Indian/Antananarivo', 3, 20],
  ['MCM', 'Monaco', 'Monaco', 43.7258, 7.4197, 0, null, null, 1],
  ['NCE', 'Nice', 'France', 43.6584, 7.21587, 12, 'Europe/Paris', 1, 110],
];

export const AIRPORTS: ReadonlyMap<string, FlightAirport> = new Map(
  ROWS.map(([code, city, country, latitude, longitude, altitudeFt, timezone, utcOffsetHours, hubDegree]) => [
    code,
    { code, name: `${city} International`, city, country, latitude, longitude, altitudeFt, timezone, utcOffsetHours, hubDegree },
  ]),
);

function airport(code: string): FlightAirport {
  const found = AIRPORTS.get(code);
  if (!found) throw new Error(`fixture airport ${code} missing`);
  return found;
}

export function flightThrough(codes: readonly string[], kind: FlightKind): Flight {
  const legs: FlightLeg[] = [];
  for (let i = 0; i + 1 < codes.length; i++) {
    const origin = airport(codes[i]);
    const destination = airport(codes[i + 1]);
    legs.push({ origin, destination, distanceKm: haversineKm(origin, destination), airlineCount: kind === 'JOURNEY' ? 0 : 1 + ((i * 7 + codes[i].charCodeAt(0)) % 9) });
  }
  return { kind, legs };
}

/** Hand-picked routes covering the extremes: tiny hops, ultra long-hauls, high altitude, polar, equatorial. */
const CURATED_ROUTES: [string, string][] = [
  ['JFK', 'LAX'],
  ['SFO', 'SJC'],
  ['HKG', 'MFM'],
  ['MCM', 'NCE'],
  ['HND', 'NRT'],
  ['SIN', 'JFK'],
  ['SYD', 'LHR'],
  ['AKL', 'DOH'],
  ['LPB', 'LIM'],
  ['BOG', 'MEX'],
  ['OSL', 'LYR'],
  ['VDS', 'OSL'],
  ['USH', 'EZE'],
  ['ANC', 'KEF'],
  ['HNL', 'PPT'],
  ['NAN', 'AKL'],
  ['TNR', 'NBO'],
  ['LHR', 'CDG'],
  ['JNB', 'GRU'],
  ['DEN', 'MIA'],
];

/** Deterministic LCG so the sample never changes between runs. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

export interface SampleFlight {
  label: string;
  flight: Flight;
}

function routeSample(): [string, string][] {
  const codes = [...AIRPORTS.keys()];
  const random = lcg(20240611);
  const routes: [string, string][] = [...CURATED_ROUTES];
  const seen = new Set(routes.map(([a, b]) => `${a}>${b}`));
  while (routes.length < 55) {
    const a = codes[Math.floor(random() * codes.length)];
    const b = codes[Math.floor(random() * codes.length)];
    if (a === b || seen.has(`${a}>${b}`) || seen.has(`${b}>${a}`)) continue;
    const km = haversineKm(airport(a), airport(b));
    if (km < 50 || km > 15500) continue;
    seen.add(`${a}>${b}`);
    routes.push([a, b]);
  }
  return routes;
}

/** Every route both ways (110 routes), six multi-leg paths and eight journeys up to 20 airports. */
export function sampleFlights(): SampleFlight[] {
  const flights: SampleFlight[] = [];
  for (const [a, b] of routeSample()) {
    flights.push({ label: `${a}>${b}`, flight: flightThrough([a, b], 'ROUTE') });
    flights.push({ label: `${b}>${a}`, flight: flightThrough([b, a], 'ROUTE') });
  }
  const paths: string[][] = [
    ['VDS', 'OSL', 'LHR'],
    ['LPB', 'LIM', 'MIA', 'JFK'],
    ['SJC', 'SFO', 'HNL', 'SYD'],
    ['MFM', 'HKG', 'SIN'],
    ['USH', 'EZE', 'GRU', 'LOS'],
    ['MCM', 'NCE', 'CDG', 'JFK'],
  ];
  for (const codes of paths) flights.push({ label: codes.join('>'), flight: flightThrough(codes, 'PATH') });
  const journeys: string[][] = [
    ['LHR', 'JFK'],
    ['JFK', 'LHR', 'DXB', 'SIN', 'SYD'],
    ['SYD', 'SIN', 'DXB', 'LHR', 'JFK'],
    ['LAX', 'HNL', 'NAN', 'AKL', 'SYD', 'MEL', 'SIN', 'DEL', 'IST', 'FRA', 'KEF', 'YYZ'],
    ['AMS', 'FRA'],
    ['CAI', 'NBO', 'JNB', 'TNR'],
    ['SEA', 'ANC', 'ICN', 'PEK', 'SVO', 'OSL', 'LYR'],
    ['JFK', 'ORD', 'DEN', 'SFO', 'SEA', 'YVR', 'ANC', 'NRT', 'HND', 'ICN', 'PEK', 'HKG', 'MFM', 'SIN', 'BOM', 'DEL', 'DXB', 'IST', 'FCO', 'MAD'],
  ];
  for (const codes of journeys) flights.push({ label: `journey ${codes.join('>')}`, flight: flightThrough(codes, 'JOURNEY') });
  return flights;
}
