import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestServer, type GraphQLResponse, type TestServer } from '../support/server.js';
import { testConfig } from '../support/environment.js';

type Person = Awaited<ReturnType<TestServer['signUp']>>;

let server: TestServer;
let directory: string;
let partner: Person;
let otherPartner: Person;
let admin: Person;

async function withRole(person: Person, role: 'PARTNER' | 'ADMIN'): Promise<Person> {
  await server.app.prisma.user.update({ where: { username: person.username }, data: { role } });
  const response = await server.graphql('mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }', {
    input: { login: person.username, password: 'correct horse 42' },
  });
  return { ...person, accessToken: response.data!.logIn.accessToken };
}

async function withKey<T = Record<string, any>>(key: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

/** Polls until `check` returns a value; the freshness bound (5 s) is the deadline. */
async function visibleWithin5s<T>(check: () => Promise<T | undefined | null | false>): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('not visible in analytics within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function createKey(person: Person, name = 'dashboard'): Promise<{ key: string; id: string }> {
  const created = await server.graphql('mutation($name: String!) { createApiKey(name: $name) { key apiKey { id name prefix revokedAt } } }', { name }, person.accessToken);
  expect(created.errors).toBeUndefined();
  return { key: created.data!.createApiKey.key, id: created.data!.createApiKey.apiKey.id };
}

async function piece(person: Person, input: Record<string, unknown>): Promise<string> {
  const response = await server.graphql('mutation($input: ComposeInput!) { createComposition(input: $input) { id } }', { input: { route: { from: 'JFK', to: 'LAX' }, ...input } }, person.accessToken);
  expect(response.errors).toBeUndefined();
  return response.data!.createComposition.id;
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'aero-melody-analytics-'));
  server = await startTestServer(testConfig({ ANALYTICS_DB_PATH: join(directory, 'analytics.duckdb') }));
  partner = await withRole(await server.signUp('an_partner'), 'PARTNER');
  otherPartner = await withRole(await server.signUp('an_partner'), 'PARTNER');
  admin = await withRole(await server.signUp('an_admin'), 'ADMIN');
});

afterAll(async () => {
  // Other files rank pieces by likes across the database: leave none of ours behind.
  const mine = { username: { startsWith: 'an_' } };
  await server?.app.prisma.composition.deleteMany({ where: { owner: mine } });
  await server?.app.prisma.customTheme.deleteMany({ where: { owner: mine } });
  await server?.app.prisma.user.deleteMany({ where: mine });
  await server?.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('access', () => {
  it('is for partner accounts and admins', async () => {
    const query = '{ analytics { network { distanceBands { routeCount } } } }';
    expect(errorCode(await server.graphql(query))).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.graphql(query, {}, (await server.signUp('an_plain')).accessToken))).toBe('FORBIDDEN');
    expect((await server.graphql(query, {}, partner.accessToken)).errors).toBeUndefined();
    expect((await server.graphql(query, {}, admin.accessToken)).errors).toBeUndefined();
  });
});

describe('network analytics', () => {
  it('counts routes by distance band, the bands summing to every route', async () => {
    const response = await server.graphql('{ analytics { network { distanceBands { label minKm maxKm routeCount } } } }', {}, partner.accessToken);
    expect(response.errors).toBeUndefined();
    const bands = response.data!.analytics.network.distanceBands as { label: string; minKm: number; maxKm: number | null; routeCount: number }[];
    expect(bands.map((band) => band.label)).toEqual(['< 500 km', '< 1,500 km', '< 4,000 km', '< 8,000 km', '≥ 8,000 km']);
    expect(bands.reduce((sum, band) => sum + band.routeCount, 0)).toBe(await server.app.prisma.route.count());
    for (const band of bands) {
      const expected = await server.app.prisma.route.count({ where: { distanceKm: { gte: band.minKm, ...(band.maxKm === null ? {} : { lt: band.maxKm }) } } });
      expect(band.routeCount).toBe(expected);
    }
  });

  it('ranks hubs by nonstop destinations exactly as MariaDB counts them', async () => {
    const response = await server.graphql('{ analytics { network { topHubs(first: 10) { airport { id iata } destinationCount } } } }', {}, partner.accessToken);
    expect(response.errors).toBeUndefined();
    const expected = await server.app.prisma.$queryRaw<{ originId: number; n: bigint; iata: string | null }[]>`
      SELECT r.originId, COUNT(DISTINCT r.destinationId) AS n, a.iata FROM routes r JOIN airports a ON a.id = r.originId
      GROUP BY r.originId, a.iata ORDER BY n DESC, r.originId LIMIT 10`;
    expect(response.data!.analytics.network.topHubs).toEqual(
      expected.map((row) => ({ airport: { id: Buffer.from(`Airport:${row.originId}`).toString('base64url'), iata: row.iata }, destinationCount: Number(row.n) })),
    );
  });

  it('gives longest and shortest routes, top countries and an airport profile from the data', async () => {
    const response = await server.graphql(
      `{ analytics { network {
          longestRoutes(first: 3) { distanceKm origin { iata } destination { iata } }
          shortestRoutes(first: 1) { distanceKm }
          topCountries(first: 3) { country routeCount airportCount }
          airport(code: "jfk") { airport { iata } departureCount arrivalCount destinationCount distanceBands { routeCount } longestRoute { distanceKm } }
        } } }`,
      {},
      partner.accessToken,
    );
    expect(response.errors).toBeUndefined();
    const network = response.data!.analytics.network;
    const { _max, _min } = await server.app.prisma.route.aggregate({ _max: { distanceKm: true }, _min: { distanceKm: true } });
    expect(network.longestRoutes[0].distanceKm).toBeCloseTo(_max.distanceKm!, 6);
    expect(network.longestRoutes[0].distanceKm).toBeGreaterThanOrEqual(network.longestRoutes[2].distanceKm);
    expect(network.shortestRoutes[0].distanceKm).toBeCloseTo(_min.distanceKm!, 6);

    const [country] = await server.app.prisma.$queryRaw<{ country: string; n: bigint; airports: bigint }[]>`
      SELECT a.country, COUNT(*) AS n, COUNT(DISTINCT r.originId) AS airports FROM routes r JOIN airports a ON a.id = r.originId
      GROUP BY a.country ORDER BY n DESC, a.country LIMIT 1`;
    expect(network.topCountries[0]).toEqual({ country: country.country, routeCount: Number(country.n), airportCount: Number(country.airports) });

    const jfk = await server.app.prisma.airport.findFirstOrThrow({ where: { iata: 'JFK' } });
    const profile = network.airport;
    expect(profile.airport.iata).toBe('JFK');
    expect(profile.departureCount).toBe(await server.app.prisma.route.count({ where: { originId: jfk.id } }));
    expect(profile.arrivalCount).toBe(await server.app.prisma.route.count({ where: { destinationId: jfk.id } }));
    expect(profile.destinationCount).toBe(jfk.destinationCount);
    expect(profile.distanceBands.reduce((sum: number, band: { routeCount: number }) => sum + band.routeCount, 0)).toBe(profile.departureCount);
    const unknown = await server.graphql('{ analytics { network { airport(code: "ZZZ") { departureCount } } } }', {}, partner.accessToken);
    expect(errorCode(unknown)).toBe('NOT_FOUND');
  });
});

describe('bad input', () => {
  it('answers BAD_USER_INPUT for a window that ends before it starts, an unknown granularity or first out of range', async () => {
    const music = 'query($from: DateTimeISO, $to: DateTimeISO, $granularity: Granularity) { analytics { music(from: $from, to: $to, granularity: $granularity) { keysOverTime { count } } } }';
    const backwards = await server.graphql(music, { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, partner.accessToken);
    expect(errorCode(backwards)).toBe('BAD_USER_INPUT');
    expect(backwards.errors![0].message).toMatch(/from .* must be before to/);
    expect(errorCode(await server.graphql(music, { granularity: 'MONTH' }, partner.accessToken))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.graphql(music, { from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z', granularity: 'HOUR' }, partner.accessToken))).toBe('BAD_USER_INPUT');
    const hubs = 'query($first: Int) { analytics { network { topHubs(first: $first) { destinationCount } } } }';
    for (const first of [0, 101, -5]) expect(errorCode(await server.graphql(hubs, { first }, partner.accessToken))).toBe('BAD_USER_INPUT');
    const usage = 'query($from: DateTimeISO, $to: DateTimeISO) { analytics { usage(from: $from, to: $to) { requests } } }';
    expect(errorCode(await server.graphql(usage, { from: '2026-03-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }, partner.accessToken))).toBe('BAD_USER_INPUT');
  });
});

describe('music analytics', () => {
  it('shows a saved piece within 5 s and withholds counts made by fewer than 5 people', async () => {
    const designer = await server.signUp('an_designer');
    const theme = await server.graphql('mutation($input: ThemeInput!) { createTheme(input: $input) { id } }', { input: { name: 'Analytics Dawn', basedOn: 'ambient' } }, designer.accessToken);
    expect(theme.errors).toBeUndefined();
    const themeId: string = theme.data!.createTheme.id;
    const byTheme = async () => {
      const response = await server.graphql('{ analytics { music { compositionsByTheme { theme { id name } count } } } }', {}, partner.accessToken);
      expect(response.errors).toBeUndefined();
      return (response.data!.analytics.music.compositionsByTheme as { theme: { id: string; name: string }; count: number | null }[]).find((row) => row.theme.id === themeId);
    };

    const makers = [designer, ...(await Promise.all([1, 2, 3, 4].map(() => server.signUp('an_maker'))))];
    await piece(makers[0], { theme: themeId });
    const first = await visibleWithin5s(byTheme);
    expect(first).toEqual({ theme: { id: themeId, name: 'Analytics Dawn' }, count: null });

    // A second piece by the same person: still one person, still withheld.
    await piece(makers[0], { theme: themeId, variation: 1 });
    for (const maker of makers.slice(1, 4)) await piece(maker, { theme: themeId });
    await visibleWithin5s(async () => (await themeEvents(themeId)) === 5);
    expect((await byTheme())!.count).toBeNull();

    await piece(makers[4], { theme: themeId });
    const shown = await visibleWithin5s(async () => {
      const row = await byTheme();
      return row?.count !== null ? row : undefined;
    });
    expect(shown!.count).toBe(6);
  });

  it('ranks pieces liked by at least 5 people, counting a repeated like once', async () => {
    const author = await server.signUp('an_author');
    const id = await piece(author, { theme: 'jazz', variation: 7, title: 'Liked by five' });
    const likers = await Promise.all([1, 2, 3, 4, 5].map(() => server.signUp('an_liker')));
    const mostLiked = async () => {
      const response = await server.graphql('{ analytics { music { mostLiked(first: 100) { composition { id } count } } } }', {}, partner.accessToken);
      expect(response.errors).toBeUndefined();
      return (response.data!.analytics.music.mostLiked as { composition: { id: string }; count: number }[]).find((row) => row.composition.id === id);
    };
    const like = (person: Person) => server.graphql('mutation($id: ID!) { likeComposition(id: $id) { id } }', { id }, person.accessToken);
    for (const liker of likers.slice(0, 4)) await like(liker);
    await like(likers[0]);
    await visibleWithin5s(async () => (await likeEvents(id)) === 4);
    expect(await mostLiked()).toBeUndefined();

    await like(likers[4]);
    expect(await visibleWithin5s(mostLiked)).toEqual({ composition: { id }, count: 5 });
  });

  it('reports key, scale and tempo trends and contest statistics', async () => {
    const response = await server.graphql(
      '{ analytics { music(granularity: HOUR) { keysOverTime { bucket value count } scalesOverTime { value } tempoBandsOverTime { value } contests { contestCount entryCount voteCount } } } }',
      {},
      partner.accessToken,
    );
    expect(response.errors).toBeUndefined();
    const music = response.data!.analytics.music;
    expect(music.keysOverTime.length).toBeGreaterThan(0);
    for (const point of music.keysOverTime) expect(new Date(point.bucket).getUTCMinutes()).toBe(0);
    const keys = await server.app.analytics.database.query(`SELECT count(*) AS n FROM music_events WHERE kind = 'COMPOSITION_CREATED'`);
    const shown = music.keysOverTime.reduce((sum: number, point: { count: number | null }) => sum + (point.count ?? 0), 0);
    expect(shown).toBeLessThanOrEqual(Number(keys[0].n));
    for (const point of music.tempoBandsOverTime) expect(point.value).toMatch(/bpm/);
    expect(music.contests.contestCount).toBeGreaterThanOrEqual(0);
  });
});

async function themeEvents(themeId: string): Promise<number> {
  const [row] = await server.app.analytics.database.query(`SELECT count(*) AS n FROM music_events WHERE kind = 'COMPOSITION_CREATED' AND theme_id = $theme`, { theme: themeId });
  return Number(row.n);
}

async function likeEvents(globalId: string): Promise<number> {
  const id = Number(Buffer.from(globalId, 'base64url').toString().split(':')[1]);
  const [row] = await server.app.analytics.database.query(
    `SELECT coalesce(sum(weight), 0) AS n FROM music_events WHERE kind IN ('COMPOSITION_LIKED', 'COMPOSITION_UNLIKED') AND composition_id = $id`,
    { id },
  );
  return Number(row.n);
}

describe('partner API keys', () => {
  it('are created for partners only, shown once, stored hashed, used as x-api-key and refused once revoked', async () => {
    const plain = await server.signUp('an_plain');
    expect(errorCode(await server.graphql('mutation { createApiKey(name: "x") { key } }', {}, plain.accessToken))).toBe('FORBIDDEN');
    expect(errorCode(await server.graphql('mutation { createApiKey(name: "x") { key } }'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.graphql('mutation { createApiKey(name: "") { key } }', {}, partner.accessToken))).toBe('BAD_USER_INPUT');

    const { key, id } = await createKey(partner);
    expect(key).toMatch(/^amk_[A-Za-z0-9_-]{43}$/);
    const listed = await server.graphql('{ apiKeys { id name prefix revokedAt } }', {}, partner.accessToken);
    expect(listed.data!.apiKeys[0]).toEqual({ id, name: 'dashboard', prefix: key.slice(0, 12), revokedAt: null });
    const stored = await server.app.prisma.apiKey.findMany({ where: { user: { username: partner.username } } });
    expect(stored.map((row) => row.keyHash)).toContain(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(key);

    const viaKey = await withKey(key, '{ viewer { username role } }');
    expect(viaKey.data!.viewer).toEqual({ username: partner.username, role: 'PARTNER' });
    expect(errorCode(await withKey(key, 'mutation { createApiKey(name: "more") { key } }'))).toBe('FORBIDDEN');
    expect(errorCode(await server.graphql('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id }, otherPartner.accessToken))).toBe('NOT_FOUND');

    const revoked = await server.graphql('mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }', { id }, partner.accessToken);
    expect(revoked.data!.revokeApiKey.revokedAt).not.toBeNull();
    const refused = await withKey(key, '{ analytics { usage { requests } } }');
    expect(errorCode(refused)).toBe('UNAUTHENTICATED');
    expect(errorCode(await withKey('amk_not-a-key', '{ analytics { usage { requests } } }'))).toBe('UNAUTHENTICATED');
  });
});

describe('partner usage', () => {
  let key: string;
  const REQUESTS = 7;

  beforeAll(async () => {
    ({ key } = await createKey(partner, 'usage'));
    for (let i = 0; i < REQUESTS; i += 1) {
      const response = await withKey(key, 'query PartnerAirport { airport(code: "LHR") { iata } }');
      expect(response.errors).toBeUndefined();
    }
  });

  const USAGE = '{ analytics { usage { partner { username } requests p95LatencyMs cacheHitRate errorCount overTime { requests } topOperations { operation requests } csvUrl } } }';

  it("counts a partner's own requests made with its key, within 5 s", async () => {
    const usage = await visibleWithin5s(async () => {
      const response = await withKey(key, USAGE);
      expect(response.errors).toBeUndefined();
      const value = response.data!.analytics.usage;
      return value.topOperations.find((op: { operation: string }) => op.operation === 'PartnerAirport')?.requests === REQUESTS ? value : undefined;
    });
    expect(usage.partner.username).toBe(partner.username);
    expect(usage.requests).toBeGreaterThanOrEqual(REQUESTS);
    expect(usage.overTime.reduce((sum: number, point: { requests: number }) => sum + point.requests, 0)).toBe(usage.requests);
    expect(usage.p95LatencyMs).toBeGreaterThan(0);
    // The first PartnerAirport was computed, the six repeats came from the response cache.
    expect(Math.round(usage.cacheHitRate * usage.requests)).toBeGreaterThanOrEqual(REQUESTS - 1);
    expect(usage.cacheHitRate).toBeLessThan(1);
    expect(usage.csvUrl).toMatch(/^\/analytics\/usage\.csv\?from=/);
    // The same figures through a bearer session of the partner.
    const viaSession = await server.graphql('{ analytics { usage { requests } } }', {}, partner.accessToken);
    expect(viaSession.data!.analytics.usage.requests).toBeGreaterThanOrEqual(REQUESTS);
  });

  it("refuses another partner's usage, which admins may read", async () => {
    const partnerId = (await server.graphql('{ viewer { id } }', {}, partner.accessToken)).data!.viewer.id;
    const query = 'query($p: ID) { analytics { usage(partnerId: $p) { requests partner { username } } } }';
    expect(errorCode(await server.graphql(query, { p: partnerId }, otherPartner.accessToken))).toBe('FORBIDDEN');
    const own = await server.graphql(query, { p: null }, otherPartner.accessToken);
    expect(own.data!.analytics.usage).toEqual({ requests: 0, partner: { username: otherPartner.username } });
    const byAdmin = await server.graphql(query, { p: partnerId }, admin.accessToken);
    expect(byAdmin.data!.analytics.usage.partner.username).toBe(partner.username);
    expect(byAdmin.data!.analytics.usage.requests).toBeGreaterThanOrEqual(REQUESTS);
  });

  it('downloads as CSV and Parquet with the key, and refuses without one', async () => {
    const csv = await fetch(`${server.url}/analytics/usage.csv`, { headers: { 'x-api-key': key } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('occurred_at,operation,latency_ms,cache_hit,ok');
    expect(lines.filter((line) => line.includes(',PartnerAirport,')).length).toBe(REQUESTS);

    const parquet = await fetch(`${server.url}/analytics/usage.parquet`, { headers: { authorization: `Bearer ${partner.accessToken}` } });
    expect(parquet.status).toBe(200);
    const bytes = Buffer.from(await parquet.arrayBuffer());
    expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
    const file = join(directory, 'downloaded.parquet');
    writeFileSync(file, bytes);
    const reader = await DuckDBInstance.create(':memory:');
    const connection = await reader.connect();
    const result = await connection.runAndReadAll(`SELECT count(*) FILTER (WHERE operation = 'PartnerAirport') AS n FROM read_parquet($file)`, { file });
    expect(Number(result.getRowObjectsJS()[0].n)).toBe(REQUESTS);
    connection.closeSync();
    reader.closeSync();

    expect((await fetch(`${server.url}/analytics/usage.csv`)).status).toBe(401);
    const plain = await server.signUp('an_plain');
    expect((await fetch(`${server.url}/analytics/usage.csv`, { headers: { authorization: `Bearer ${plain.accessToken}` } })).status).toBe(403);
    expect((await fetch(`${server.url}/analytics/usage.csv?from=yesterday`, { headers: { 'x-api-key': key } })).status).toBe(400);
    expect((await fetch(`${server.url}/analytics/usage.xlsx`, { headers: { 'x-api-key': key } })).status).toBe(404);
  });
});
