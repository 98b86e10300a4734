import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabasePool, type DatabasePool } from '../../server/adapters/mariadb.js';
import { createPrisma, type PrismaClient } from '../../server/adapters/prisma.js';
import { CsvFormatError } from '../../server/jobs/openflights/csv.js';
import { importOpenFlights } from '../../server/jobs/openflights/import.js';
import { OPENFLIGHTS_DIR, testConfig } from '../support/environment.js';

const config = testConfig();
let database: DatabasePool;
let prisma: PrismaClient;

beforeAll(() => {
  database = createDatabasePool(config.database);
  prisma = createPrisma(database);
});

afterAll(async () => {
  await prisma.$disconnect();
  await database.dispose();
});

async function snapshot() {
  const [airports, airlines, routes, routeAirlines, countries, routeIds] = await Promise.all([
    prisma.airport.count(),
    prisma.airline.count(),
    prisma.route.count(),
    prisma.routeAirline.count(),
    prisma.country.count(),
    prisma.route.findMany({ select: { id: true, originId: true, destinationId: true }, orderBy: { id: 'asc' } }),
  ]);
  return { airports, airlines, routes, routeAirlines, countries, routeIds };
}

describe('the imported OpenFlights data (imported once by the test setup)', () => {
  it('has the counts SOURCE.md states', async () => {
    const counts = await snapshot();
    expect(counts.airports).toBe(7698);
    expect(counts.airlines).toBe(6162);
    expect(counts.routes).toBe(37123);
    expect(counts.routeAirlines).toBe(67091);
    const [{ touched }] = await prisma.$queryRaw<{ touched: number }[]>`
      SELECT COUNT(*) AS touched FROM (SELECT originId FROM routes UNION SELECT destinationId FROM routes) AS ends`;
    expect(Number(touched)).toBe(3265);
  });

  it('keeps UTF-8 names, quoted commas and missing values intact', async () => {
    const zurich = await prisma.airport.findFirst({ where: { iata: 'ZRH' } });
    expect(zurich?.name).toBe('Zürich Airport');
    expect(zurich?.searchText).toContain('zurich');
    const magdeburg = await prisma.airport.findUnique({ where: { id: 332 } });
    expect(magdeburg?.name).toBe('Magdeburg "City" Airport');
    const noIata = await prisma.airport.count({ where: { iata: null } });
    expect(noIata).toBe(7698 - 6072);
  });

  it('stores great-circle distances (haversine, R = 6,371.0088 km)', async () => {
    const pair = async (from: string, to: string) => {
      const [row] = await prisma.$queryRaw<{ distanceKm: number }[]>`
        SELECT r.distanceKm FROM routes r JOIN airports o ON o.id = r.originId JOIN airports d ON d.id = r.destinationId
        WHERE o.iata = ${from} AND d.iata = ${to}`;
      return row.distanceKm;
    };
    expect(await pair('JFK', 'LAX')).toBeCloseTo(3974, -1);
    expect(Math.abs((await pair('PPW', 'WRY')) - 2.82)).toBeLessThan(0.01);
    expect(Math.abs((await pair('SYD', 'DFW')) - 13808)).toBeLessThan(1);
  });
});

describe('re-importing', () => {
  it('is idempotent: same rows, same route ids, one more import record', async () => {
    const before = await snapshot();
    const importsBefore = await prisma.datasetImport.count();
    const result = await importOpenFlights(prisma, config.openflights);
    expect(result.counts).toMatchObject({ airports: 7698, airlines: 6162, routes: 37123, routeRows: 67091 });
    expect(result.summary.routes.skipped['unknown airport']).toBeGreaterThan(0);
    expect(result.summary.routes.read).toBe(67663);
    expect(await snapshot()).toEqual(before);
    expect(await prisma.datasetImport.count()).toBe(importsBefore + 1);
  });

  it('fails on a malformed file with its name and line, leaving the data as it was', async () => {
    const before = await snapshot();
    const broken = await mkdtemp(join(tmpdir(), 'openflights-broken-'));
    try {
      await cp(OPENFLIGHTS_DIR, broken, { recursive: true });
      const lines = (await readFile(join(broken, 'routes.dat'), 'utf8')).split('\n');
      lines[41] = 'XX,1,"unterminated,2,LHR,507,,0,320';
      await writeFile(join(broken, 'routes.dat'), lines.join('\n'));
      const attempt = importOpenFlights(prisma, { ...config.openflights, dir: broken });
      await expect(attempt).rejects.toBeInstanceOf(CsvFormatError);
      await expect(attempt).rejects.toThrow(/^routes\.dat:42: /);
      expect(await snapshot()).toEqual(before);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });

  it('downloads the files into the cache when no directory is given', async () => {
    // The OpenFlights repository is the one genuinely remote part; a local HTTP server stands in.
    const requested: string[] = [];
    const remote = createHttpServer(async (req, res) => {
      requested.push(req.url ?? '');
      try {
        res.end(await readFile(join(OPENFLIGHTS_DIR, (req.url ?? '').replace('/data/', ''))));
      } catch {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => remote.listen(0, '127.0.0.1', resolve));
    const cacheDir = await mkdtemp(join(tmpdir(), 'openflights-cache-'));
    try {
      const baseUrl = `http://127.0.0.1:${(remote.address() as AddressInfo).port}/data`;
      const result = await importOpenFlights(prisma, { dir: undefined, baseUrl, cacheDir });
      expect(requested.sort()).toEqual(['/data/airlines.dat', '/data/airports.dat', '/data/countries.dat', '/data/routes.dat']);
      expect(result.source).toBe(cacheDir);
      expect(result.counts.routes).toBe(37123);
      await importOpenFlights(prisma, { dir: undefined, baseUrl, cacheDir });
      expect(requested).toHaveLength(4);
    } finally {
      remote.close();
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});
