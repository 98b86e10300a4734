import type { AnalyticsDatabase } from '../../adapters/duckdb.js';
import { inTransaction } from './analytics-layout.repo.js';
import { num, numOrNull } from './analytics-sql.js';
import { DISTANCE_BAND_LIMITS } from './figures.js';

export interface DimensionRows {
  airports: { id: number; iata: string | null; icao: string | null; name: string; city: string; country: string }[];
  airlines: { id: number; name: string; iata: string | null; country: string | null; active: boolean }[];
  routes: { id: number; originId: number; destinationId: number; distanceKm: number; airlineCount: number }[];
}

export interface RoutePair {
  originId: number;
  destinationId: number;
  distanceKm: number;
}

/** The airport, airline and route tables: every instance keeps its own copy, loaded from MariaDB. */
export class NetworkQueries {
  constructor(private readonly db: AnalyticsDatabase) {}

  /** Replaces the airport, airline and route tables with the current import, in one transaction. */
  async replaceDimensions(rows: DimensionRows): Promise<void> {
    await this.db.write((connection) =>
      inTransaction(connection, async () => {
        for (const table of ['routes', 'airlines', 'airports']) await connection.run(`DELETE FROM ${table}`);
        const airports = await connection.createAppender('airports');
        for (const a of rows.airports) {
          airports.appendInteger(a.id);
          appendOptionalVarchar(airports, a.iata);
          appendOptionalVarchar(airports, a.icao);
          airports.appendVarchar(a.name);
          airports.appendVarchar(a.city);
          airports.appendVarchar(a.country);
          airports.endRow();
        }
        airports.closeSync();
        const airlines = await connection.createAppender('airlines');
        for (const a of rows.airlines) {
          airlines.appendInteger(a.id);
          airlines.appendVarchar(a.name);
          appendOptionalVarchar(airlines, a.iata);
          appendOptionalVarchar(airlines, a.country);
          airlines.appendBoolean(a.active);
          airlines.endRow();
        }
        airlines.closeSync();
        const routes = await connection.createAppender('routes');
        for (const r of rows.routes) {
          routes.appendInteger(r.id);
          routes.appendInteger(r.originId);
          routes.appendInteger(r.destinationId);
          routes.appendDouble(r.distanceKm);
          routes.appendInteger(r.airlineCount);
          routes.endRow();
        }
        routes.closeSync();
      }),
    );
  }

  async routeCountsByDistanceBand(): Promise<number[]> {
    const [l0, l1, l2, l3] = DISTANCE_BAND_LIMITS;
    const rows = await this.db.query(
      `SELECT CASE WHEN distance_km < $l0 THEN 0 WHEN distance_km < $l1 THEN 1 WHEN distance_km < $l2 THEN 2 WHEN distance_km < $l3 THEN 3 ELSE 4 END AS band,
              count(*) AS n
       FROM routes GROUP BY band`,
      { l0, l1, l2, l3 },
    );
    const counts = new Array<number>(DISTANCE_BAND_LIMITS.length + 1).fill(0);
    for (const row of rows) counts[num(row.band)] = num(row.n);
    return counts;
  }

  async topHubs(first: number): Promise<{ airportId: number; destinationCount: number }[]> {
    const rows = await this.db.query(`SELECT origin_id, count(DISTINCT destination_id) AS n FROM routes GROUP BY origin_id ORDER BY n DESC, origin_id LIMIT $first`, { first });
    return rows.map((row) => ({ airportId: num(row.origin_id), destinationCount: num(row.n) }));
  }

  async topCountries(first: number): Promise<{ country: string; routeCount: number; airportCount: number; destinationCountryCount: number; airlineCount: number }[]> {
    const rows = await this.db.query(
      `WITH departures AS (
         SELECT o.country, count(*) AS routes, count(DISTINCT r.origin_id) AS airports, count(DISTINCT d.country) AS destination_countries
         FROM routes r JOIN airports o ON o.id = r.origin_id JOIN airports d ON d.id = r.destination_id
         GROUP BY o.country
       ), carriers AS (SELECT country, count(*) AS airlines FROM airlines WHERE active AND country IS NOT NULL GROUP BY country)
       SELECT departures.*, coalesce(carriers.airlines, 0) AS airlines
       FROM departures LEFT JOIN carriers ON carriers.country = departures.country
       ORDER BY routes DESC, departures.country LIMIT $first`,
      { first },
    );
    return rows.map((row) => ({
      country: String(row.country),
      routeCount: num(row.routes),
      airportCount: num(row.airports),
      destinationCountryCount: num(row.destination_countries),
      airlineCount: num(row.airlines),
    }));
  }

  async routesByDistance(first: number, longest: boolean): Promise<RoutePair[]> {
    // Two fixed statements rather than a spliced ORDER BY direction.
    const sql = longest
      ? 'SELECT origin_id, destination_id, distance_km FROM routes ORDER BY distance_km DESC, id LIMIT $first'
      : 'SELECT origin_id, destination_id, distance_km FROM routes ORDER BY distance_km ASC, id LIMIT $first';
    const rows = await this.db.query(sql, { first });
    return rows.map((row) => ({ originId: num(row.origin_id), destinationId: num(row.destination_id), distanceKm: num(row.distance_km) }));
  }

  async airportProfile(airportId: number) {
    const [l0, l1, l2, l3] = DISTANCE_BAND_LIMITS;
    const [[summary], bands, [longest]] = await Promise.all([
      this.db.query(
        `SELECT
           (SELECT count(*) FROM routes WHERE origin_id = $id) AS departures,
           (SELECT count(*) FROM routes WHERE destination_id = $id) AS arrivals,
           (SELECT count(DISTINCT destination_id) FROM routes WHERE origin_id = $id) AS destinations,
           (SELECT count(DISTINCT d.country) FROM routes r JOIN airports d ON d.id = r.destination_id WHERE r.origin_id = $id) AS countries,
           (SELECT avg(distance_km) FROM routes WHERE origin_id = $id) AS average_km,
           (SELECT coalesce(sum(airline_count), 0) FROM routes WHERE origin_id = $id) AS airline_routes`,
        { id: airportId },
      ),
      this.db.query(
        `SELECT CASE WHEN distance_km < $l0 THEN 0 WHEN distance_km < $l1 THEN 1 WHEN distance_km < $l2 THEN 2 WHEN distance_km < $l3 THEN 3 ELSE 4 END AS band,
                count(*) AS n
         FROM routes WHERE origin_id = $id GROUP BY band`,
        { id: airportId, l0, l1, l2, l3 },
      ),
      this.db.query('SELECT origin_id, destination_id, distance_km FROM routes WHERE origin_id = $id ORDER BY distance_km DESC, id LIMIT 1', { id: airportId }),
    ]);
    const bandCounts = new Array<number>(DISTANCE_BAND_LIMITS.length + 1).fill(0);
    for (const row of bands) bandCounts[num(row.band)] = num(row.n);
    return {
      departureCount: num(summary.departures),
      arrivalCount: num(summary.arrivals),
      destinationCount: num(summary.destinations),
      destinationCountryCount: num(summary.countries),
      averageDistanceKm: numOrNull(summary.average_km),
      airlineRouteCount: num(summary.airline_routes),
      bandCounts,
      longestRoute: longest ? { originId: num(longest.origin_id), destinationId: num(longest.destination_id), distanceKm: num(longest.distance_km) } : null,
    };
  }
}

function appendOptionalVarchar(appender: { appendVarchar(v: string): void; appendNull(): void }, value: string | null | undefined) {
  if (value === null || value === undefined) appender.appendNull();
  else appender.appendVarchar(value);
}
