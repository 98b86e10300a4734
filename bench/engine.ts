/**
 * The music engine alone: 60-second four-part compositions plus the MIDI encode, in-process on one
 * core, over real routes from the OpenFlights files (OPENFLIGHTS_DIR, default ../shared/data/openflights).
 * The baseline, measured in the same run, is JSON-serialising the same scores: a fixed amount of
 * work that scales with the machine, so the ratio travels between machines better than the rate.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BUILT_IN_THEMES, compose, encodeMidi, type Flight, type FlightAirport, type Score } from '../server/engine/music/index.js';
import { parseCsv } from '../server/jobs/openflights/csv.js';
import { assembleDataset } from '../server/jobs/openflights/dataset.js';
import { COLUMNS, readAirlines, readAirports, readCountries, readRouteRows } from '../server/jobs/openflights/records.js';
import { loadConfig, readProcessEnvironment } from '../server/config.js';
import { PROJECT_ROOT } from '../server/paths.js';

const PIECES = 20_000;
const SAMPLE_ROUTES = 500;

async function sampleFlights(): Promise<Flight[]> {
  const dir = loadConfig(readProcessEnvironment()).openflights.dir ?? resolve(PROJECT_ROOT, '../shared/data/openflights');
  const read = async (file: string) => readFile(join(dir, file), 'utf8');
  const dataset = assembleDataset({
    countries: readCountries(parseCsv(await read('countries.dat'), 'countries.dat', COLUMNS.countries), 'countries.dat'),
    airports: readAirports(parseCsv(await read('airports.dat'), 'airports.dat', COLUMNS.airports), 'airports.dat'),
    airlines: readAirlines(parseCsv(await read('airlines.dat'), 'airlines.dat', COLUMNS.airlines), 'airlines.dat'),
    routeRows: readRouteRows(parseCsv(await read('routes.dat'), 'routes.dat', COLUMNS.routes), 'routes.dat'),
  });
  const airports = new Map(dataset.airports.map((a) => [a.id, a]));
  const asFlightAirport = (id: number): FlightAirport => {
    const a = airports.get(id)!;
    return {
      code: a.iata ?? a.icao ?? String(a.id),
      name: a.name,
      city: a.city,
      country: a.country,
      latitude: a.latitude,
      longitude: a.longitude,
      altitudeFt: a.altitudeFt,
      timezone: a.timezone,
      utcOffsetHours: a.utcOffsetHours,
      hubDegree: a.destinationCount,
    };
  };
  const stride = Math.floor(dataset.routes.length / SAMPLE_ROUTES);
  return Array.from({ length: SAMPLE_ROUTES }, (_, i) => {
    const route = dataset.routes[i * stride];
    return { kind: 'ROUTE', legs: [{ origin: asFlightAirport(route.originId), destination: asFlightAirport(route.destinationId), distanceKm: route.distanceKm, airlineCount: route.airlines.length }] };
  });
}

function timed(work: () => void): number {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const flights = await sampleFlights();
const themes = BUILT_IN_THEMES.filter((theme) => theme.parts.length === 4);
const job = (i: number) => ({ flight: flights[i % flights.length], theme: themes[i % themes.length] });

let notes = 0;
const scores: Score[] = [];
timed(() => {
  for (let i = 0; i < 2_000; i++) encodeMidi(compose(job(i).flight, { theme: job(i).theme, durationSeconds: 60 }));
});
const composeMs = timed(() => {
  for (let i = 0; i < PIECES; i++) {
    const { flight, theme } = job(i);
    const score = compose(flight, { theme, durationSeconds: 60 });
    encodeMidi(score);
    if (i < 200) {
      scores.push(score);
      notes += score.tracks.reduce((sum, track) => sum + track.notes.length, 0);
    }
  }
});
const baselineMs = timed(() => {
  for (let i = 0; i < PIECES; i++) JSON.stringify(scores[i % scores.length]);
});

const perSecond = (PIECES / composeMs) * 1000;
console.log(`music engine: ${PIECES} pieces of 60 s (${themes.map((t) => t.id).join(', ')}; ${Math.round(notes / scores.length)} notes each) from ${flights.length} real routes`);
console.log(`  compose + MIDI encode: ${Math.round(perSecond)} per second, ${((composeMs / PIECES) * 1000).toFixed(0)} µs each`);
console.log(`  baseline (JSON.stringify of the same scores): ${((baselineMs / PIECES) * 1000).toFixed(0)} µs each; compose costs ${(composeMs / baselineMs).toFixed(2)}x the baseline`);
