import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineKm } from '../../server/engine/geo/sphere.js';
import { BUILT_IN_THEMES, type Flight, type FlightAirport } from '../../server/engine/music/index.js';
import { ComposePool } from '../../server/modules/compositions/compose-pool.js';
import { renderSummary, type ComposeRequest } from '../../server/modules/compositions/compose-render.js';
import { testConfig } from '../support/environment.js';
import { startTestServer, type TestServer } from '../support/server.js';

const airport = (code: string, latitude: number, longitude: number, utcOffsetHours: number, hubDegree: number): FlightAirport => ({
  code,
  name: code,
  city: code,
  country: 'Somewhere',
  latitude,
  longitude,
  altitudeFt: 100,
  timezone: null,
  utcOffsetHours,
  hubDegree,
});

const JFK = airport('JFK', 40.64, -73.78, -5, 200);
const LAX = airport('LAX', 33.94, -118.41, -8, 190);
const NRT = airport('NRT', 35.76, 140.39, 9, 150);
const leg = (origin: FlightAirport, destination: FlightAirport) => ({ origin, destination, distanceKm: haversineKm(origin, destination), airlineCount: 4 });

/** Different kinds, themes and choices, so every part of the engine runs on both sides. */
const REQUESTS: ComposeRequest[] = [
  { flight: { kind: 'ROUTE', legs: [leg(JFK, LAX)] }, options: { theme: BUILT_IN_THEMES[0] } },
  { flight: { kind: 'PATH', legs: [leg(LAX, JFK), leg(JFK, NRT)] }, options: { theme: BUILT_IN_THEMES[1], variation: 3 } },
  ...BUILT_IN_THEMES.map(
    (theme, i): ComposeRequest => ({
      flight: { kind: 'JOURNEY', legs: [leg(NRT, LAX)] } satisfies Flight,
      options: { theme, keyRoot: 'D', scale: 'DORIAN', tempoBpm: 90 + i, durationSeconds: 20 + i, variation: i },
    }),
  ),
];

describe('the compose pool', () => {
  it('gives exactly the summary and MIDI bytes the main thread composes, many requests at once', async () => {
    const pool = new ComposePool(2);
    try {
      const batch = [...REQUESTS, ...REQUESTS, ...REQUESTS];
      const pooled = await Promise.all(batch.map((request) => pool.render(request)));
      batch.forEach((request, i) => {
        const inline = renderSummary(request);
        expect(pooled[i].summary).toEqual(inline.summary);
        expect(Buffer.from(pooled[i].midi).equals(Buffer.from(inline.midi))).toBe(true);
      });
    } finally {
      await pool.dispose();
    }
  });

  it('refuses work once disposed', async () => {
    const pool = new ComposePool(1);
    await pool.render(REQUESTS[0]);
    await pool.dispose();
    await expect(pool.render(REQUESTS[0])).rejects.toThrow(/shut down/);
  });

  it('composes inline with no workers', async () => {
    const pool = new ComposePool(0);
    const { summary, midi } = await pool.render(REQUESTS[1]);
    expect(summary).toEqual(renderSummary(REQUESTS[1]).summary);
    expect(midi.length).toBeGreaterThan(100);
    await pool.dispose();
  });
});

describe('previewComposition on worker threads', () => {
  let pooled: TestServer;
  let inline: TestServer;

  beforeAll(async () => {
    pooled = await startTestServer(testConfig({ COMPOSE_WORKERS: '2' }));
    inline = await startTestServer(testConfig({ COMPOSE_WORKERS: '0' }));
  });

  afterAll(async () => {
    await pooled?.close();
    await inline?.close();
  });

  const FIELDS = `id title tempoBpm key scale timeSignature durationSeconds seed midi
    sections { name startBar bars key scale } chords { bar symbol } tracks { role program notes { pitch start duration velocity } }`;
  const INPUTS = [
    { route: { from: 'JFK', to: 'LAX' } },
    { route: { from: 'LHR', to: 'SIN' }, theme: 'jazz', variation: 2 },
    { path: ['CDG', 'JFK', 'LAX'], theme: 'cinematic' },
    { journey: ['NRT', 'HNL', 'SFO'], keyRoot: 'E', scale: 'HARMONIC_MINOR', tempoBpm: 120, durationSeconds: 30 },
  ];

  it('answers every preview exactly as the server composing inline does', async () => {
    const query = `query($input: ComposeInput!) { previewComposition(input: $input) { ${FIELDS} } }`;
    const fromPool = await Promise.all(INPUTS.map((input) => pooled.graphql(query, { input })));
    const fromInline = await Promise.all(INPUTS.map((input) => inline.graphql(query, { input })));
    for (const [i, response] of fromPool.entries()) {
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      expect(response.data!.previewComposition.tracks.length).toBeGreaterThan(1);
      expect(response.data).toEqual(fromInline[i].data);
    }
  });
});
