import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { haversineKm } from '../../../../server/engine/geo/sphere.js';
import { estimateDurationMinutes } from '../../../../server/engine/geo/flight-time.js';
import { parseCsv } from '../../../../server/jobs/openflights/csv.js';
import { assembleDataset, type Dataset } from '../../../../server/jobs/openflights/dataset.js';
import {
  COLUMNS,
  readAirlines,
  readAirports,
  readCountries,
  readRouteRows,
  type AirlineRecord,
  type AirportRecord,
  type CountryRecord,
  type RouteRowRecord,
} from '../../../../server/jobs/openflights/records.js';

function airport(id: number, iata: string | null, icao: string | null, latitude: number, longitude: number): AirportRecord {
  return {
    id,
    name: `Airport ${id}`,
    city: `City ${id}`,
    country: 'Testland',
    iata,
    icao,
    latitude,
    longitude,
    altitudeFt: 0,
    utcOffsetHours: 0,
    dst: 'U',
    timezone: 'UTC',
    kind: 'airport',
    source: 'test',
    searchText: `airport ${id}`,
  };
}

function airline(id: number, iata: string | null, icao: string | null, active: boolean): AirlineRecord {
  return { id, name: `Airline ${id}`, alias: null, iata, icao, callsign: null, country: null, active };
}

let nextLine = 1;
function route(
  airlineCode: string,
  airlineId: number | null,
  source: [string | null, number | null],
  destination: [string | null, number | null],
  extra: Partial<RouteRowRecord> = {},
): RouteRowRecord {
  return {
    line: nextLine++,
    airlineCode,
    airlineId,
    sourceCode: source[0],
    sourceId: source[1],
    destinationCode: destination[0],
    destinationId: destination[1],
    codeshare: false,
    stops: 0,
    equipment: '320',
    ...extra,
  };
}

const AAA = airport(1, 'AAA', 'KAAA', 40.6398, -73.7789);
const BBB = airport(2, 'BBB', 'KBBB', 33.9425, -118.408);
const CCC = airport(3, 'CCC', 'EGLL', 51.4706, -0.461941);
const DDD = airport(4, null, 'ZDDD', -33.9461, 151.177);

const COUNTRIES: CountryRecord[] = [{ name: 'Testland', isoCode: 'TL', dafifCode: null }];

function assemble(routeRows: RouteRowRecord[], overrides: Partial<Parameters<typeof assembleDataset>[0]> = {}): Dataset {
  return assembleDataset({
    countries: COUNTRIES,
    airports: [AAA, BBB, CCC, DDD],
    airlines: [airline(10, 'XX', 'XXX', true), airline(11, 'YY', 'YYY', true)],
    routeRows,
    ...overrides,
  });
}

const pairOf = (dataset: Dataset, originId: number, destinationId: number) => dataset.routes.find((r) => r.originId === originId && r.destinationId === destinationId);

describe('assembleDataset on small inputs', () => {
  it('resolves route ends by airport id', () => {
    // The codes disagree with the ids on purpose: the id wins when it names an airport.
    const dataset = assemble([route('XX', 10, ['CCC', 1], ['DDD', 2])]);
    expect(dataset.routes).toHaveLength(1);
    expect(dataset.routes[0]).toMatchObject({ originId: 1, destinationId: 2 });
  });

  it('falls back to the IATA or ICAO code when the id is null', () => {
    const dataset = assemble([route('XX', 10, ['AAA', null], ['ZDDD', null])]);
    expect(dataset.routes).toHaveLength(1);
    expect(dataset.routes[0]).toMatchObject({ originId: 1, destinationId: 4 });
    expect(dataset.summary.routes).toEqual({ read: 1, imported: 1, skipped: {} });
  });

  it('falls back to the code when the id names no airport', () => {
    const dataset = assemble([route('XX', 10, ['BBB', 999], ['EGLL', 12345])]);
    expect(dataset.routes).toHaveLength(1);
    expect(dataset.routes[0]).toMatchObject({ originId: 2, destinationId: 3 });
  });

  it('skips rows naming an unknown airport and counts them', () => {
    const dataset = assemble([route('XX', 10, ['ZZZ', 999], ['AAA', 1]), route('XX', 10, ['AAA', 1], [null, 888]), route('XX', 10, [null, null], ['AAA', 1]), route('XX', 10, ['AAA', 1], ['BBB', 2])]);
    expect(dataset.routes).toHaveLength(1);
    expect(dataset.summary.routes).toEqual({ read: 4, imported: 1, skipped: { 'unknown airport': 3 } });
  });

  it('skips rows with the same origin and destination, also when reached through different keys', () => {
    const dataset = assemble([route('XX', 10, ['AAA', 1], ['AAA', 1]), route('XX', 10, ['AAA', null], ['KAAA', 999])]);
    expect(dataset.routes).toEqual([]);
    expect(dataset.summary.routes).toEqual({ read: 2, imported: 0, skipped: { 'same origin and destination': 2 } });
  });

  it('aggregates rows of the same directed pair into one route with several airlines', () => {
    const dataset = assemble([route('XX', 10, ['AAA', 1], ['BBB', 2], { equipment: '321 738' }), route('YY', 11, ['AAA', null], ['KBBB', null], { codeshare: true, stops: 1, equipment: 'CRJ' })]);
    expect(dataset.routes).toHaveLength(1);
    expect(dataset.routes[0].airlines).toEqual([
      { airlineId: 10, airlineCode: 'XX', codeshare: false, stops: 0, equipment: '321 738' },
      { airlineId: 11, airlineCode: 'YY', codeshare: true, stops: 1, equipment: 'CRJ' },
    ]);
    expect(dataset.summary.routes.imported).toBe(2);
  });

  it('skips the same airline twice on one route and counts it', () => {
    const dataset = assemble([
      route('XX', 10, ['AAA', 1], ['BBB', 2], { equipment: 'first' }),
      route('XX', 10, ['AAA', 1], ['BBB', 2], { equipment: 'second' }),
      route('XX', null, ['AAA', null], ['BBB', null], { equipment: 'third' }),
    ]);
    expect(dataset.routes).toHaveLength(1);
    expect(dataset.routes[0].airlines).toHaveLength(1);
    expect(dataset.routes[0].airlines[0].equipment).toBe('first');
    expect(dataset.summary.routes).toEqual({ read: 3, imported: 1, skipped: { 'duplicate airline on route': 2 } });
  });

  it('keeps A→B and B→A as two routes', () => {
    const dataset = assemble([route('XX', 10, ['AAA', 1], ['BBB', 2]), route('XX', 10, ['BBB', 2], ['AAA', 1])]);
    expect(dataset.routes).toHaveLength(2);
    const there = pairOf(dataset, 1, 2)!;
    const back = pairOf(dataset, 2, 1)!;
    expect(there).toBeDefined();
    expect(back).toBeDefined();
    expect(there.distanceKm).toBeCloseTo(back.distanceKm, 9);
    expect(dataset.summary.routes.skipped).toEqual({});
  });

  it('measures the great-circle distance by haversine and estimates the duration from it', () => {
    const dataset = assemble([route('XX', 10, ['AAA', 1], ['DDD', 4]), route('XX', 10, ['CCC', 3], ['BBB', 2])]);
    const far = pairOf(dataset, 1, 4)!;
    expect(far.distanceKm).toBe(haversineKm(AAA, DDD));
    expect(far.distanceKm).toBeGreaterThan(15_000);
    expect(far.durationMinutes).toBe(estimateDurationMinutes(far.distanceKm));
    expect(far.durationMinutes).toBe(Math.round(30 + (far.distanceKm / 830) * 60));
    expect(pairOf(dataset, 3, 2)!.distanceKm).toBe(haversineKm(CCC, BBB));
  });

  it('counts distinct destinations per origin airport', () => {
    const dataset = assemble([
      route('XX', 10, ['AAA', 1], ['BBB', 2]),
      route('YY', 11, ['AAA', 1], ['BBB', 2]),
      route('XX', 10, ['AAA', 1], ['CCC', 3]),
      route('XX', 10, ['AAA', 1], ['ZDDD', null]),
      route('XX', 10, ['BBB', 2], ['AAA', 1]),
      route('XX', 10, ['AAA', 1], ['NOPE', null]),
    ]);
    const counts = Object.fromEntries(dataset.airports.map((a) => [a.iata ?? a.icao, a.destinationCount]));
    expect(counts).toEqual({ AAA: 3, BBB: 1, CCC: 0, ZDDD: 0 });
    // The airport records themselves are kept whole.
    expect(dataset.airports[0]).toMatchObject({ ...AAA, destinationCount: 3 });
  });

  it('resolves the airline by id when the id names an airline', () => {
    const dataset = assemble([route('YY', 10, ['AAA', 1], ['BBB', 2])]);
    expect(dataset.routes[0].airlines[0]).toMatchObject({ airlineId: 10, airlineCode: 'YY' });
  });

  it('resolves the airline by code when the id is null or unknown, preferring the active airline', () => {
    const airlines = [airline(20, 'QQ', 'QQA', false), airline(21, 'QQ', 'QQB', true), airline(22, 'RR', null, false), airline(23, null, 'RRR', true)];
    const dataset = assemble(
      [
        route('QQ', null, ['AAA', 1], ['BBB', 2]),
        route('QQ', 999, ['AAA', 1], ['CCC', 3]),
        route('RR', null, ['AAA', 1], ['ZDDD', null]),
        route('RRR', null, ['BBB', 2], ['AAA', 1]),
        route('QQA', null, ['BBB', 2], ['CCC', 3]),
        route('ZZ', null, ['CCC', 3], ['AAA', 1]),
      ],
      { airlines },
    );
    expect(pairOf(dataset, 1, 2)!.airlines[0].airlineId).toBe(21);
    expect(pairOf(dataset, 1, 3)!.airlines[0].airlineId).toBe(21);
    expect(pairOf(dataset, 1, 4)!.airlines[0].airlineId).toBe(22); // only an inactive airline has the code
    expect(pairOf(dataset, 2, 1)!.airlines[0].airlineId).toBe(23); // ICAO code
    expect(pairOf(dataset, 2, 3)!.airlines[0].airlineId).toBe(20); // ICAO of an inactive airline
    expect(pairOf(dataset, 3, 1)!.airlines[0]).toMatchObject({ airlineId: null, airlineCode: 'ZZ' });
  });

  it('skips duplicate country names, airport ids and airline ids and counts them', () => {
    const dataset = assembleDataset({
      countries: [...COUNTRIES, { name: 'Testland', isoCode: 'XT', dafifCode: null }, { name: 'Other', isoCode: 'OT', dafifCode: null }],
      airports: [AAA, BBB, { ...AAA, name: 'Impostor' }],
      airlines: [airline(10, 'XX', null, true), airline(10, 'WW', null, true)],
      routeRows: [],
    });
    expect(dataset.countries.map((c) => [c.name, c.isoCode])).toEqual([
      ['Testland', 'TL'],
      ['Other', 'OT'],
    ]);
    expect(dataset.airports.map((a) => a.name)).toEqual(['Airport 1', 'Airport 2']);
    expect(dataset.airlines.map((a) => a.iata)).toEqual(['XX']);
    expect(dataset.summary.countries).toEqual({ read: 3, imported: 2, skipped: { 'duplicate country name': 1 } });
    expect(dataset.summary.airports).toEqual({ read: 3, imported: 2, skipped: { 'duplicate airport id': 1 } });
    expect(dataset.summary.airlines).toEqual({ read: 2, imported: 1, skipped: { 'duplicate airline id': 1 } });
    expect(dataset.summary.routes).toEqual({ read: 0, imported: 0, skipped: {} });
    expect(dataset.routes).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The full pipeline over the real OpenFlights snapshot (pure code on files; no database).

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const OPENFLIGHTS_DIR = process.env.OPENFLIGHTS_DIR ?? path.resolve(PROJECT_ROOT, '../shared/data/openflights');

describe('assembleDataset over the OpenFlights snapshot', () => {
  let dataset: Dataset;
  const byIata = new Map<string, Dataset['airports'][number]>();

  beforeAll(() => {
    expect(existsSync(path.join(OPENFLIGHTS_DIR, 'routes.dat')), `OpenFlights data in ${OPENFLIGHTS_DIR}`).toBe(true);
    const read = (file: string, columns: number) => parseCsv(readFileSync(path.join(OPENFLIGHTS_DIR, file), 'utf8'), file, columns);
    dataset = assembleDataset({
      countries: readCountries(read('countries.dat', COLUMNS.countries), 'countries.dat'),
      airports: readAirports(read('airports.dat', COLUMNS.airports), 'airports.dat'),
      airlines: readAirlines(read('airlines.dat', COLUMNS.airlines), 'airlines.dat'),
      routeRows: readRouteRows(read('routes.dat', COLUMNS.routes), 'routes.dat'),
    });
    for (const a of dataset.airports) {
      if (a.iata) byIata.set(a.iata, a);
    }
  });

  const route = (from: string, to: string) => {
    const origin = byIata.get(from);
    const destination = byIata.get(to);
    expect(origin, from).toBeDefined();
    expect(destination, to).toBeDefined();
    return dataset.routes.find((r) => r.originId === origin!.id && r.destinationId === destination!.id);
  };

  it('has the airport, airline and route counts of SOURCE.md', () => {
    expect(dataset.airports).toHaveLength(7_698);
    expect(dataset.airlines).toHaveLength(6_162);
    expect(dataset.routes).toHaveLength(37_123);
    expect(dataset.summary.routes.read).toBe(67_663);
    expect(dataset.summary.routes.imported).toBe(67_091);
    const skipped = Object.values(dataset.summary.routes.skipped).reduce((sum, n) => sum + (n ?? 0), 0);
    expect(skipped).toBe(67_663 - 67_091);
  });

  it('has 6,072 airports with an IATA code', () => {
    expect(dataset.airports.filter((a) => a.iata !== null)).toHaveLength(6_072);
  });

  it('has 3,265 airports touching at least one route and 18,972 undirected pairs', () => {
    const touched = new Set<number>();
    const undirected = new Set<string>();
    for (const r of dataset.routes) {
      touched.add(r.originId);
      touched.add(r.destinationId);
      undirected.add(r.originId < r.destinationId ? `${r.originId}-${r.destinationId}` : `${r.destinationId}-${r.originId}`);
    }
    expect(touched.size).toBe(3_265);
    expect(undirected.size).toBe(18_972);
  });

  it('has JFK→LAX with 8 airlines over 3,974 km', () => {
    const jfkLax = route('JFK', 'LAX')!;
    expect(jfkLax).toBeDefined();
    expect(jfkLax.airlines.map((a) => a.airlineCode).sort()).toEqual(['AA', 'AS', 'B6', 'DL', 'QF', 'UA', 'US', 'VX']);
    expect(Math.abs(jfkLax.distanceKm - 3_974)).toBeLessThanOrEqual(1);
  });

  it('has PPW→WRY as the shortest pair at 2.82 km', () => {
    const shortest = route('PPW', 'WRY')!;
    expect(shortest).toBeDefined();
    expect(Math.abs(shortest.distanceKm - 2.82)).toBeLessThanOrEqual(0.01);
    const minimum = Math.min(...dataset.routes.map((r) => r.distanceKm));
    expect(minimum).toBe(shortest.distanceKm);
  });

  it('has SYD→DFW at 13,808 km', () => {
    const sydDfw = route('SYD', 'DFW')!;
    expect(sydDfw).toBeDefined();
    expect(Math.abs(sydDfw.distanceKm - 13_808)).toBeLessThanOrEqual(1);
  });

  it('ranks the most connected origins FRA 239, CDG 237, AMS 232, ISL 226, ATL 217', () => {
    const top = [...dataset.airports]
      .sort((a, b) => b.destinationCount - a.destinationCount)
      .slice(0, 5)
      .map((a) => [a.iata, a.destinationCount]);
    expect(top).toEqual([
      ['FRA', 239],
      ['CDG', 237],
      ['AMS', 232],
      ['ISL', 226],
      ['ATL', 217],
    ]);
    // destinationCount agrees with the routes themselves.
    const fra = byIata.get('FRA')!;
    const fraDestinations = new Set(dataset.routes.filter((r) => r.originId === fra.id).map((r) => r.destinationId));
    expect(fraDestinations.size).toBe(239);
  });

  it('never keeps a route from an airport to itself or the same airline twice on a route', () => {
    const selfLoops = dataset.routes.filter((r) => r.originId === r.destinationId);
    const repeatedAirline = dataset.routes.filter((r) => new Set(r.airlines.map((a) => a.airlineCode)).size !== r.airlines.length);
    const emptyRoutes = dataset.routes.filter((r) => r.airlines.length === 0);
    expect(selfLoops).toEqual([]);
    expect(repeatedAirline).toEqual([]);
    expect(emptyRoutes).toEqual([]);
    expect(dataset.routes.reduce((sum, r) => sum + r.airlines.length, 0)).toBe(67_091);
  });
});
