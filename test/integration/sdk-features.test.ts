/**
 * The partner SDK's own features against the real server: typed custom documents, paging across
 * pages, retries of RATE_LIMITED / SERVICE_UNAVAILABLE only, exportAudio, the live iterators and
 * their clock — and the runnable sdk/examples.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createAeroMelodyClient, createLiveClock, type AeroMelodyClient, type TypedDocument } from '../../sdk/src/index.js';
import { dashboard } from '../../sdk/examples/dashboard.js';
import { hubSoundtrack } from '../../sdk/examples/airline.js';
import { radioScreen } from '../../sdk/examples/museum.js';
import { testConfig } from '../support/environment.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { collect, rejection, savedPiece, sdkContext, type SdkContext } from './sdk/context.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
let server: TestServer;
let context: SdkContext;
let client: AeroMelodyClient;

beforeAll(async () => {
  server = await startTestServer(testConfig({ EXPORT_FREE_PER_DAY: '1' }));
  const member = await server.signUp('sdk_features');
  client = createAeroMelodyClient({ url: `${server.url}/graphql`, accessToken: member.accessToken });
  context = sdkContext(server, { ...member, client });
});

afterAll(async () => {
  await context?.dispose();
  await server?.close();
});

/** A fetch that counts requests and answers the first `refusals` with a refusal of its own. */
function refusingFetch(refusals: number, answer: () => Response) {
  const calls: number[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    calls.push(Date.now());
    return calls.length <= refusals ? answer() : fetch(input, init);
  };
  return { calls, fetchImpl };
}

const refusal =
  (status: number, code: string, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify({ errors: [{ message: `refused: ${code}`, extensions: { code } }] }), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('client.request with your own typed documents', () => {
  type RouteResult = { route: { distanceKm: number; origin: { iata: string | null } } | null };
  type RouteVariables = { from: string; to: string };
  const text = 'query MyRoute($from: String!, $to: String!) { route(from: $from, to: $to) { distanceKm origin { iata } } }';

  it('runs a TypedDocumentNode (as graphql-codegen generates) and types its result and variables', async () => {
    const document = parse(text) as unknown as TypedDocument<RouteResult, RouteVariables>;
    const data = await client.request(document, { from: 'JFK', to: 'LAX' });
    expectTypeOf(data).toEqualTypeOf<RouteResult>();
    expectTypeOf(client.request<RouteResult, RouteVariables>)
      .parameter(1)
      .toEqualTypeOf<RouteVariables | undefined>();
    expect(data.route!.distanceKm).toBeCloseTo(3974, 0);
    expect(data.route!.origin.iata).toBe('JFK');
  });

  it('runs a typed document string too, and named operations by name as before', async () => {
    const document = text as TypedDocument<RouteResult, RouteVariables>;
    expect((await client.request(document, { from: 'ZRH', to: 'GVA' })).route!.origin.iata).toBe('ZRH');
    expect((await client.request('Route', { from: 'ZRH', to: 'GVA' })).route!.destination.iata).toBe('GVA');
  });

  it('errors of a custom document are AeroMelodyErrors; a subscription document belongs to subscribe()', async () => {
    const bad = parse('query { route(from: "JFK", to: "NOPE!") { id } }') as TypedDocument<unknown, never>;
    expect((await rejection(client.request(bad))).code).toBe('BAD_USER_INPUT');
    const live = parse('subscription Radio { liveRadio(channel: "ZRH") { turn } }') as TypedDocument<{ liveRadio: { turn: number } }, never>;
    expect(() => client.request(live)).toThrow(/subscription/);
    const [first] = await collect(client.subscribe(live), 1);
    expect(first.liveRadio.turn).toBeGreaterThanOrEqual(0);
  });
});

describe('client.paginate', () => {
  it('iterates nodes across pages with a page size and an overall limit', async () => {
    const pages: unknown[] = [];
    const counting = createAeroMelodyClient({
      url: client.url,
      fetch: async (input, init) => (pages.push(JSON.parse(String(init?.body)).variables), fetch(input, init)),
    });
    const routes = await collect(counting.paginate.routes({ from: 'JFK' }, { pageSize: 7, limit: 20 }));
    expect(routes).toHaveLength(20);
    expect(new Set(routes.map((route) => route.id)).size).toBe(20);
    for (const route of routes) expect(route.origin.iata).toBe('JFK');
    expect(pages).toEqual([
      { from: 'JFK', first: 7 },
      { from: 'JFK', first: 7, after: expect.any(String) },
      { from: 'JFK', first: 6, after: expect.any(String) },
    ]);
  });

  it('without a limit it reads every page; a null parent (unknown user) has none', async () => {
    const { airports } = await client.airports({ country: 'Switzerland', first: 1 });
    const all = await collect(client.paginate.airports({ country: 'Switzerland' }, { pageSize: 10 }));
    expect(all).toHaveLength(airports.totalCount);
    expect(await collect(client.paginate.userCompositions({ username: 'nobody_here_at_all' }))).toEqual([]);
    await expect(collect(client.paginate.routes({}, { pageSize: 500 }))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('retries', () => {
  it('retries RATE_LIMITED after Retry-After, at most retry.attempts times (default 2)', async () => {
    const { calls, fetchImpl } = refusingFetch(2, refusal(429, 'RATE_LIMITED', { 'retry-after': '1' }));
    const patient = createAeroMelodyClient({ url: client.url, fetch: fetchImpl });
    expect((await patient.airport({ code: 'ZRH' })).airport!.iata).toBe('ZRH');
    expect(calls).toHaveLength(3);
    expect(calls[1] - calls[0]).toBeGreaterThanOrEqual(950);

    const { calls: more, fetchImpl: stubborn } = refusingFetch(3, refusal(429, 'RATE_LIMITED', { 'retry-after': '0' }));
    expect((await rejection(createAeroMelodyClient({ url: client.url, fetch: stubborn }).airport({ code: 'ZRH' }))).code).toBe('RATE_LIMITED');
    expect(more).toHaveLength(3);

    // A wait longer than maxDelayMs is not worth an early retry: the error comes back at once.
    const { calls: once, fetchImpl: later } = refusingFetch(1, refusal(429, 'RATE_LIMITED', { 'retry-after': '60' }));
    expect((await rejection(createAeroMelodyClient({ url: client.url, fetch: later, retry: { maxDelayMs: 5_000 } }).airport({ code: 'ZRH' }))).code).toBe('RATE_LIMITED');
    expect(once).toHaveLength(1);
  });

  it('retries 503 SERVICE_UNAVAILABLE with backoff, also a proxy page without GraphQL; attempts: 0 turns retrying off', async () => {
    const { calls, fetchImpl } = refusingFetch(1, refusal(503, 'SERVICE_UNAVAILABLE'));
    const backingOff = createAeroMelodyClient({ url: client.url, fetch: fetchImpl, retry: { baseDelayMs: 20 } });
    expect((await backingOff.airport({ code: 'GVA' })).airport!.iata).toBe('GVA');
    expect(calls).toHaveLength(2);

    const proxy = refusingFetch(1, () => new Response('<h1>503 Service Unavailable</h1>', { status: 503, headers: { 'retry-after': '0' } }));
    expect((await createAeroMelodyClient({ url: client.url, fetch: proxy.fetchImpl }).airport({ code: 'GVA' })).airport!.iata).toBe('GVA');
    expect(proxy.calls).toHaveLength(2);

    const off = refusingFetch(1, refusal(503, 'SERVICE_UNAVAILABLE'));
    expect((await rejection(createAeroMelodyClient({ url: client.url, fetch: off.fetchImpl, retry: { attempts: 0 } }).airport({ code: 'GVA' }))).code).toBe('SERVICE_UNAVAILABLE');
    expect(off.calls).toHaveLength(1);
  });

  it('never retries other errors', async () => {
    const { calls, fetchImpl } = refusingFetch(0, refusal(500, 'INTERNAL_SERVER_ERROR'));
    const counting = createAeroMelodyClient({ url: client.url, fetch: fetchImpl, retry: { attempts: 5, baseDelayMs: 1 } });
    expect((await rejection(counting.previewComposition({ input: { route: { from: 'JFK', to: 'NOPE!' } } }))).code).toBe('BAD_USER_INPUT');
    expect((await rejection(counting.updateProfile({ input: { bio: 'x' } }))).code).toBe('UNAUTHENTICATED');
    expect(calls).toHaveLength(2);
  });
});

describe('client.exportAudio', () => {
  it('follows the render and resolves with the download URL; FLAC on FREE is PREMIUM_REQUIRED; past the quota QUOTA_EXCEEDED', async () => {
    const person = await context.person();
    const piece = await savedPiece(person);
    const progress: string[] = [];
    const url = await person.client.exportAudio(piece.id, { format: 'WAV', onProgress: (current) => progress.push(current.status) });
    expect(url).toMatch(new RegExp(`^${server.url}/exports/[A-Za-z0-9_-]{43}\\.wav$`));
    expect(progress.at(-1)).toBe('DONE');
    const file = await fetch(url);
    expect(file.status).toBe(200);
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 4)
        .toString('latin1'),
    ).toBe('RIFF');

    expect((await rejection(person.client.exportAudio(piece.id, { format: 'FLAC' }))).code).toBe('PREMIUM_REQUIRED');
    const another = await savedPiece(person);
    const quota = await rejection(person.client.exportAudio(another.id, { format: 'WAV' }));
    expect(quota.code).toBe('QUOTA_EXCEEDED');
    expect(quota.errors[0].extensions?.resetsAt).toEqual(expect.any(String));
  });
});

describe('live iterators and the clock', () => {
  it('liveComposition(input) yields typed batches; the clock turns soundsAt into local time', async () => {
    const clock = createLiveClock();
    const batches = await collect(client.liveComposition({ route: { from: 'ZRH', to: 'GVA' }, durationSeconds: 10, tempoBpm: 220 }));
    for (const batch of batches) clock.observe(batch);
    expect(batches[0].events[0].kind).toBe('PIECE_START');
    expect(batches.at(-1)!.events.at(-1)!.kind).toBe('COMPLETE');
    // Server and test share one clock: the estimate is off by the transfer time only.
    expect(Math.abs(clock.offsetMs)).toBeLessThan(3_000);
    const start = batches[0].piece.startsAt;
    expect(clock.localTime(start)).toBe(start - clock.offsetMs);
    expect(clock.delayMs(start + 1_000, clock.localTime(start))).toBe(1_000);
  });

  it('liveRadio(channel) yields batches of the channel', async () => {
    const [batch] = await collect(client.liveRadio('LHR'), 1);
    expect(batch.piece.airports[0]).toBe('LHR');
    expect(createLiveClock().observe(batch, batch.piece.startsAt + (batch.startSeconds - batch.lookaheadSeconds) * 1000)).toBe(0);
  });
});

describe('sdk/examples (run against the server)', () => {
  it('compile on their own (tsc -p sdk/examples/tsconfig.json)', async () => {
    const tsc = resolve(ROOT, 'node_modules/typescript/bin/tsc');
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', 'sdk/examples/tsconfig.json'], { cwd: ROOT }).catch((error: { stdout?: string; stderr?: string; code?: number }) => error);
    expect('code' in result ? result.code : 0, `${result.stdout}\n${result.stderr}`).toBe(0);
  });

  it('airline: the music of every route from a hub, one MIDI file each', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'aero-airline-'));
    try {
      const tracks = await hubSoundtrack({ url: client.url, hub: 'GVA', outDir, limit: 8 });
      expect(tracks.length).toBeGreaterThan(2);
      expect((await readdir(outDir)).sort()).toEqual(tracks.map((track) => track.file.split('/').pop()).sort());
      expect((await readFile(tracks[0].file)).subarray(0, 4).toString('latin1')).toBe('MThd');
      for (const track of tracks) expect(track.route).toMatch(/^GVA → [A-Z]{3}$/);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });

  it('museum: a radio screen with what plays now, on the local clock', async () => {
    const { lines, clockOffsetMs } = await radioScreen({ url: client.url, channel: 'CDG', batches: 2 });
    expect(lines[0].text).toMatch(/^Now playing: .+ \(CDG → [A-Z]{3}/);
    // What plays now was due moments ago on this clock, not minutes off.
    expect(Math.abs(lines[0].showAt - Date.now())).toBeLessThan(60_000);
    expect(Math.abs(clockOffsetMs)).toBeLessThan(3_000);
  });

  it('dashboard: usage, network and music figures by API key', async () => {
    const partner = await context.person('PARTNER', 'sdk_dash');
    const { createApiKey } = await partner.client.createApiKey({ name: 'dashboard' });
    const board = await dashboard({ url: client.url, apiKey: createApiKey.key });
    expect(board.topHubs).toHaveLength(5);
    expect(board.csvUrl).toMatch(new RegExp(`^${server.url}/analytics/usage\\.csv\\?`));
    expect(board.report).toMatch(/^Requests: \d+/);
  });
});
