import type { PrismaClient } from '../../adapters/prisma.js';
import { parseCsv } from './csv.js';
import { assembleDataset, type Dataset } from './dataset.js';
import { latestImport, writeDataset } from './dataset.repo.js';
import { COLUMNS, readAirlines, readAirports, readCountries, readRouteRows } from './records.js';
import { loadOpenFlightsSource } from './source.js';

export interface ImportReporter {
  message(text: string): void;
  progress(stage: string, done: number, total: number): void;
}

export interface ImportResult {
  source: string;
  checksum: string;
  durationMs: number;
  summary: Dataset['summary'];
  counts: { airports: number; airlines: number; countries: number; routes: number; routeRows: number };
}

export const silentReporter: ImportReporter = { message: () => undefined, progress: () => undefined };

/**
 * Reads, validates and joins every file before the database is touched, so a malformed file fails
 * with its name and line and the data already imported stays as it was.
 */
export async function importOpenFlights(
  prisma: PrismaClient,
  options: { dir: string | undefined; baseUrl: string; cacheDir: string },
  reporter: ImportReporter = silentReporter,
): Promise<ImportResult> {
  const startedAt = Date.now();
  const source = await loadOpenFlightsSource(options, reporter.message);
  reporter.message(`reading ${source.location}`);
  const dataset = assembleDataset({
    countries: readCountries(parseCsv(source.texts['countries.dat'], 'countries.dat', COLUMNS.countries), 'countries.dat'),
    airports: readAirports(parseCsv(source.texts['airports.dat'], 'airports.dat', COLUMNS.airports), 'airports.dat'),
    airlines: readAirlines(parseCsv(source.texts['airlines.dat'], 'airlines.dat', COLUMNS.airlines), 'airlines.dat'),
    routeRows: readRouteRows(parseCsv(source.texts['routes.dat'], 'routes.dat', COLUMNS.routes), 'routes.dat'),
  });
  await writeDataset(prisma, dataset, { source: source.location, checksum: source.checksum, startedAt }, reporter.progress);
  return {
    source: source.location,
    checksum: source.checksum,
    durationMs: Date.now() - startedAt,
    summary: dataset.summary,
    counts: {
      airports: dataset.airports.length,
      airlines: dataset.airlines.length,
      countries: dataset.countries.length,
      routes: dataset.routes.length,
      routeRows: dataset.summary.routes.imported,
    },
  };
}

/** True when an import has completed into this database (the server's start-up check). */
export async function hasImportedData(prisma: PrismaClient): Promise<boolean> {
  return (await latestImport(prisma)) !== null;
}
