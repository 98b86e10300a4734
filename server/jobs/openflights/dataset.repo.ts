import type { PrismaClient } from '../../adapters/prisma.js';
import type { Dataset } from './dataset.js';

type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
type SqlValue = string | number | boolean | null;

const BATCH_ROWS = 2_000;

export type WriteProgress = (table: string, done: number, total: number) => void;

/** Multi-row upserts: one statement per batch instead of one per row keeps the import in seconds. */
async function upsertRows(tx: Transaction, table: string, columns: string[], rows: SqlValue[][], progress: WriteProgress, keyColumns: string[]): Promise<void> {
  const placeholders = `(${columns.map(() => '?').join(',')})`;
  const updates = columns
    .filter((column) => !keyColumns.includes(column))
    .map((column) => `\`${column}\`=VALUES(\`${column}\`)`)
    .join(',');
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    const sql = `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(',')}) VALUES ${batch.map(() => placeholders).join(',')} ON DUPLICATE KEY UPDATE ${updates}`;
    await tx.$executeRawUnsafe(sql, ...batch.flat());
    progress(table, Math.min(start + BATCH_ROWS, rows.length), rows.length);
  }
}

async function deleteByIds(tx: Transaction, table: string, column: string, ids: (number | string)[]): Promise<void> {
  for (let start = 0; start < ids.length; start += BATCH_ROWS) {
    const batch = ids.slice(start, start + BATCH_ROWS);
    await tx.$executeRawUnsafe(`DELETE FROM \`${table}\` WHERE \`${column}\` IN (${batch.map(() => '?').join(',')})`, ...batch);
  }
}

function stale<T>(existing: T[], wanted: Set<T>): T[] {
  return existing.filter((value) => !wanted.has(value));
}

/**
 * Replaces the reference data with `dataset` in one transaction: readers see the old data or the
 * new, never a mix, and a failure leaves the old data intact. Rows keep their ids across imports
 * (upserts on natural keys), so anything that points at an airport or route stays valid.
 */
export async function writeDataset(prisma: PrismaClient, dataset: Dataset, record: { source: string; checksum: string; startedAt: number }, progress: WriteProgress): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      await upsertRows(
        tx,
        'countries',
        ['name', 'isoCode', 'dafifCode'],
        dataset.countries.map((c) => [c.name, c.isoCode, c.dafifCode]),
        progress,
        ['name'],
      );
      await upsertRows(
        tx,
        'airlines',
        ['id', 'name', 'alias', 'iata', 'icao', 'callsign', 'country', 'active'],
        dataset.airlines.map((a) => [a.id, a.name, a.alias, a.iata, a.icao, a.callsign, a.country, a.active]),
        progress,
        ['id'],
      );
      await upsertRows(
        tx,
        'airports',
        ['id', 'name', 'city', 'country', 'iata', 'icao', 'latitude', 'longitude', 'altitudeFt', 'utcOffsetHours', 'dst', 'timezone', 'kind', 'source', 'searchText', 'destinationCount'],
        dataset.airports.map((a) => [
          a.id,
          a.name,
          a.city,
          a.country,
          a.iata,
          a.icao,
          a.latitude,
          a.longitude,
          a.altitudeFt,
          a.utcOffsetHours,
          a.dst,
          a.timezone,
          a.kind,
          a.source,
          a.searchText,
          a.destinationCount,
        ]),
        progress,
        ['id'],
      );
      await upsertRows(
        tx,
        'routes',
        ['originId', 'destinationId', 'distanceKm', 'durationMinutes'],
        dataset.routes.map((r) => [r.originId, r.destinationId, r.distanceKm, r.durationMinutes]),
        progress,
        ['originId', 'destinationId'],
      );

      const routeRows = await tx.route.findMany({ select: { id: true, originId: true, destinationId: true } });
      const routeIdByPair = new Map(routeRows.map((r) => [`${r.originId}>${r.destinationId}`, r.id]));
      const wantedPairs = new Set(dataset.routes.map((r) => `${r.originId}>${r.destinationId}`));
      await deleteByIds(
        tx,
        'routes',
        'id',
        routeRows.filter((r) => !wantedPairs.has(`${r.originId}>${r.destinationId}`)).map((r) => r.id),
      );

      const routeAirlineRows = dataset.routes.flatMap((route) => {
        const routeId = routeIdByPair.get(`${route.originId}>${route.destinationId}`)!;
        return route.airlines.map((a) => [routeId, a.airlineId, a.airlineCode, a.codeshare, a.stops, a.equipment]);
      });
      await upsertRows(tx, 'route_airlines', ['routeId', 'airlineId', 'airlineCode', 'codeshare', 'stops', 'equipment'], routeAirlineRows, progress, ['routeId', 'airlineCode']);
      const existingRouteAirlines = await tx.routeAirline.findMany({ select: { id: true, routeId: true, airlineCode: true } });
      const wantedRouteAirlines = new Set(routeAirlineRows.map(([routeId, , code]) => `${routeId}:${code}`));
      await deleteByIds(
        tx,
        'route_airlines',
        'id',
        existingRouteAirlines.filter((r) => !wantedRouteAirlines.has(`${r.routeId}:${r.airlineCode}`)).map((r) => r.id),
      );

      const airportIds = (await tx.airport.findMany({ select: { id: true } })).map((a) => a.id);
      await deleteByIds(tx, 'airports', 'id', stale(airportIds, new Set(dataset.airports.map((a) => a.id))));
      const airlineIds = (await tx.airline.findMany({ select: { id: true } })).map((a) => a.id);
      await deleteByIds(tx, 'airlines', 'id', stale(airlineIds, new Set(dataset.airlines.map((a) => a.id))));
      const countryNames = (await tx.country.findMany({ select: { name: true } })).map((c) => c.name);
      await deleteByIds(tx, 'countries', 'name', stale(countryNames, new Set(dataset.countries.map((c) => c.name))));

      const skippedRows = Object.values(dataset.summary.routes.skipped).reduce((sum, n) => sum + (n ?? 0), 0);
      await tx.datasetImport.create({
        data: {
          source: record.source.slice(0, 500),
          checksum: record.checksum,
          airports: dataset.airports.length,
          airlines: dataset.airlines.length,
          countries: dataset.countries.length,
          routes: dataset.routes.length,
          routeRows: dataset.summary.routes.imported,
          skippedRows,
          durationMs: Date.now() - record.startedAt,
        },
      });
    },
    { maxWait: 10_000, timeout: 600_000 },
  );
}

export async function latestImport(prisma: PrismaClient) {
  return prisma.datasetImport.findFirst({ orderBy: { id: 'desc' } });
}
