import { haversineKm } from '../../engine/geo/sphere.js';
import { estimateDurationMinutes } from '../../engine/geo/flight-time.js';
import type { AirlineRecord, AirportRecord, CountryRecord, RouteRowRecord } from './records.js';

export interface RouteAirlineRecord {
  airlineId: number | null;
  airlineCode: string;
  codeshare: boolean;
  stops: number;
  equipment: string;
}

export interface RoutePairRecord {
  originId: number;
  destinationId: number;
  distanceKm: number;
  durationMinutes: number;
  airlines: RouteAirlineRecord[];
}

export type SkipReason = 'duplicate country name' | 'duplicate airport id' | 'duplicate airline id' | 'unknown airport' | 'same origin and destination' | 'duplicate airline on route';

export interface FileSummary {
  read: number;
  imported: number;
  skipped: Partial<Record<SkipReason, number>>;
}

export interface Dataset {
  countries: CountryRecord[];
  airports: (AirportRecord & { destinationCount: number })[];
  airlines: AirlineRecord[];
  routes: RoutePairRecord[];
  summary: Record<'countries' | 'airports' | 'airlines' | 'routes', FileSummary>;
}

function uniqueBy<T, K>(records: T[], key: (record: T) => K, reason: SkipReason): { kept: T[]; summary: FileSummary } {
  const seen = new Set<K>();
  const kept: T[] = [];
  for (const record of records) {
    const value = key(record);
    if (seen.has(value)) continue;
    seen.add(value);
    kept.push(record);
  }
  const skipped = records.length - kept.length;
  return { kept, summary: { read: records.length, imported: kept.length, skipped: skipped ? { [reason]: skipped } : {} } };
}

/** An airline code resolves to the active airline using it, else to any airline using it. */
function indexAirlinesByCode(airlines: AirlineRecord[]): Map<string, number> {
  const byCode = new Map<string, number>();
  for (const preferActive of [true, false]) {
    for (const airline of airlines) {
      if (airline.active !== preferActive) continue;
      for (const code of [airline.iata, airline.icao]) if (code && !byCode.has(code)) byCode.set(code, airline.id);
    }
  }
  return byCode;
}

/**
 * Joins the four files into what the database stores: routes become directed airport pairs with
 * the airlines flying them. Each end resolves by OpenFlights id, falling back to the IATA/ICAO
 * code when the id is missing or names no airport (a few rows carry stale ids), which is how
 * SOURCE.md counts 67,091 usable rows.
 */
export function assembleDataset(input: { countries: CountryRecord[]; airports: AirportRecord[]; airlines: AirlineRecord[]; routeRows: RouteRowRecord[] }): Dataset {
  const countries = uniqueBy(input.countries, (c) => c.name, 'duplicate country name');
  const airports = uniqueBy(input.airports, (a) => a.id, 'duplicate airport id');
  const airlines = uniqueBy(input.airlines, (a) => a.id, 'duplicate airline id');

  const airportById = new Map(airports.kept.map((a) => [a.id, a]));
  const airportIdByCode = new Map<string, number>();
  for (const airport of airports.kept) {
    if (airport.iata) airportIdByCode.set(airport.iata, airport.id);
    if (airport.icao) airportIdByCode.set(airport.icao, airport.id);
  }
  const resolveAirport = (id: number | null, code: string | null): number | undefined => {
    if (id !== null && airportById.has(id)) return id;
    return code === null ? undefined : airportIdByCode.get(code);
  };
  const airlineIds = new Set(airlines.kept.map((a) => a.id));
  const airlineIdByCode = indexAirlinesByCode(airlines.kept);

  const pairs = new Map<string, RoutePairRecord>();
  const routeSkips: Partial<Record<SkipReason, number>> = {};
  const skip = (reason: SkipReason) => (routeSkips[reason] = (routeSkips[reason] ?? 0) + 1);
  let importedRows = 0;
  for (const row of input.routeRows) {
    const originId = resolveAirport(row.sourceId, row.sourceCode);
    const destinationId = resolveAirport(row.destinationId, row.destinationCode);
    if (originId === undefined || destinationId === undefined) {
      skip('unknown airport');
      continue;
    }
    if (originId === destinationId) {
      skip('same origin and destination');
      continue;
    }
    const key = `${originId}>${destinationId}`;
    let pair = pairs.get(key);
    if (!pair) {
      const distanceKm = haversineKm(airportById.get(originId)!, airportById.get(destinationId)!);
      pair = { originId, destinationId, distanceKm, durationMinutes: estimateDurationMinutes(distanceKm), airlines: [] };
      pairs.set(key, pair);
    }
    if (pair.airlines.some((airline) => airline.airlineCode === row.airlineCode)) {
      skip('duplicate airline on route');
      continue;
    }
    const airlineId = row.airlineId !== null && airlineIds.has(row.airlineId) ? row.airlineId : (airlineIdByCode.get(row.airlineCode) ?? null);
    pair.airlines.push({
      airlineId,
      airlineCode: row.airlineCode,
      codeshare: row.codeshare,
      stops: row.stops,
      equipment: row.equipment,
    });
    importedRows++;
  }

  const destinationCount = new Map<number, number>();
  for (const pair of pairs.values()) destinationCount.set(pair.originId, (destinationCount.get(pair.originId) ?? 0) + 1);

  return {
    countries: countries.kept,
    airports: airports.kept.map((a) => ({ ...a, destinationCount: destinationCount.get(a.id) ?? 0 })),
    airlines: airlines.kept,
    routes: [...pairs.values()],
    summary: {
      countries: countries.summary,
      airports: airports.summary,
      airlines: airlines.summary,
      routes: { read: input.routeRows.length, imported: importedRows, skipped: routeSkips },
    },
  };
}
