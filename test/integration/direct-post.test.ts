import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSISTED_OPERATIONS_FILE, RETIRED_OPERATIONS_FILE } from '../../server/paths.js';
import { testConfig } from '../support/environment.js';
import { errorCode, resetRateLimits, startTestServer, type TestServer } from '../support/server.js';

/**
 * Issue #19, "route computed afresh": an anonymous POST of a query that reads reference data only
 * is executed in front of express and Apollo (compiled once), on a miss or with
 * `Cache-Control: no-cache`. It must answer exactly as Apollo does and obey the same guard.
 * A request with an Origin header always goes through express and Apollo: that is the reference.
 */
let server: TestServer;
let adminToken: string;

beforeAll(async () => {
  server = await startTestServer(testConfig({ RATE_LIMIT_PER_MINUTE: '1000' }));
  const admin = await server.signUp('directadmin');
  await server.app.prisma.user.update({ where: { username: admin.username }, data: { role: 'ADMIN' } });
  adminToken = (await server.graphql('mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }', { input: { login: admin.username, password: 'correct horse 42' } })).data!.logIn
    .accessToken;
});

afterAll(async () => {
  await server?.close();
});

const fresh = { 'cache-control': 'no-cache' };
const throughApollo = { origin: 'http://elsewhere.example.com', 'cache-control': 'no-cache' };

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** What a client can see of an answer: status, the headers that matter, and the exact bytes. */
async function seen(response: Response) {
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    cacheControl: response.headers.get('cache-control'),
    vary: response.headers.get('vary'),
    body: await response.text(),
  };
}

const cacheStats = async () => {
  const stats = (await server.graphql('{ cacheStats { stores layers { layer hits misses } } }', {}, adminToken)).data!.cacheStats;
  return { stores: stats.stores as number, memoryHits: (stats.layers as { layer: string; hits: number }[]).find((layer) => layer.layer === 'memory')!.hits };
};

const ROUTE = 'query($f: String!, $t: String!) { route(from: $f, to: $t) { id distanceKm durationMinutes airlines { iata name } equipment } }';

describe('reference queries executed in front of Apollo', () => {
  it('answer byte for byte as Apollo does, errors included', async () => {
    const bodies = [
      { query: ROUTE, variables: { f: 'JFK', t: 'LAX' } },
      { query: ROUTE, variables: { f: 'VIE', t: 'SYD' } },
      { query: 'query Lookup { airport(code: "LHR") { ...Where __typename } } fragment Where on Airport { iata name city country latitude }', operationName: 'Lookup' },
      { query: '{ airport(code: "ZZZ") { iata } }' },
      {
        query: 'query($f: String!, $t: String!) { findPaths(from: $f, to: $t, maxStops: 1, limit: 3) { stops totalDistanceKm legs { id distanceKm origin { iata } } } }',
        variables: { f: 'GVA', t: 'SYD' },
      },
      { query: '{ routes(first: 3, from: "ZRH") { totalCount nodes { id destination { iata } } pageInfo { hasNextPage endCursor } } }' },
      { query: '{ searchAirports(query: "zur", first: 3) { iata name } }' },
      { query: '{ a: route(from: "??", to: "LAX") { id } b: airport(code: "LHR") { iata } }' },
      { query: '{ route(from: "JFK", to: "LAX") { id nope } }' },
    ];
    for (const body of bodies) {
      const direct = await seen(await post(server.url, body, fresh));
      const apollo = await seen(await post(server.url, body, throughApollo));
      expect(direct, body.query).toEqual(apollo);
    }
    const refused = JSON.parse((await seen(await post(server.url, bodies[7], fresh))).body);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.data.b.iata).toBe('LHR');
    const found = JSON.parse((await seen(await post(server.url, bodies[0], fresh))).body);
    expect(found.data.route.airlines.map((airline: { iata: string }) => airline.iata)).toContain('AA');
  });

  it('stores a fresh answer where the next cached request finds it in memory', async () => {
    const body = { query: ROUTE, variables: { f: 'ZRH', t: 'JFK' } };
    const before = await cacheStats();
    const first = await post(server.url, body, fresh);
    expect(first.headers.get('cache-control')).toBe('max-age=86400, public');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const firstText = await first.text();
    const second = await post(server.url, body);
    expect(await second.text()).toBe(firstText.trimEnd());
    expect(second.headers.get('etag')).toBe(etag);
    const after = await cacheStats();
    expect(after.stores).toBe(before.stores + 1);
    expect(after.memoryHits).toBe(before.memoryHits + 1);
  });

  it('computes a miss without no-cache, stores it, and serves it from memory next', async () => {
    const body = { query: ROUTE, variables: { f: 'CDG', t: 'JFK' } };
    const before = await cacheStats();
    const first = (await (await post(server.url, body)).json()) as any;
    expect(first.data.route.id).toBeTruthy();
    const afterMiss = await cacheStats();
    expect(afterMiss).toEqual({ stores: before.stores + 1, memoryHits: before.memoryHits });
    expect(await (await post(server.url, body)).json()).toEqual(first);
    expect((await cacheStats()).memoryHits).toBe(before.memoryHits + 1);
  });

  it('obeys the guard: shape rules, cost with variables, the page cap', async () => {
    let selection = 'iata';
    for (let i = 0; i < 8; i++) selection = `routesFrom(first: 1) { nodes { destination { ${selection} } } }`;
    const deep = { query: `{ airport(code: "LHR") { ${selection} } }` };
    const costly = {
      query: 'query($n: Int) { routes(first: $n) { nodes { origin { routesFrom(first: $n) { nodes { destination { routesFrom(first: $n) { nodes { id } } } } } } } } }',
      variables: { n: 100 },
    };
    const page = { query: '{ routes(first: 101) { totalCount } }' };
    const aliases = { query: `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: airport(code: "LHR") { iata }`).join(' ')} }` };
    const codes: unknown[] = [];
    for (const body of [deep, costly, page, aliases]) {
      const direct = await seen(await post(server.url, body, fresh));
      expect(direct).toEqual(await seen(await post(server.url, body, throughApollo)));
      codes.push(errorCode(JSON.parse(direct.body)));
    }
    expect(codes).toEqual(['GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_COMPLEX', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']);
  });

  it('in production: no introspection, no field suggestions', async () => {
    const production = await startTestServer(testConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40), INTROSPECTION: 'off' }));
    try {
      const introspection = await post(production.url, { query: '{ __schema { queryType { name } } route(from: "JFK", to: "LAX") { id } }' }, fresh);
      expect(introspection.status).toBe(403);
      expect(errorCode((await introspection.json()) as any)).toBe('FORBIDDEN');
      const typeName = await post(production.url, { query: '{ route(from: "JFK", to: "LAX") { __typename id } }' }, fresh);
      expect(((await typeName.json()) as any).data.route.__typename).toBe('Route');
      const typo = (await (await post(production.url, { query: '{ route(from: "JFK", to: "LAX") { distanceKn } }' }, fresh)).json()) as any;
      expect(errorCode(typo)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(typo.errors[0].message).not.toMatch(/Did you mean/);
    } finally {
      await production.close();
    }
  });

  it('in allow-list mode runs only the manifest’s documents', async () => {
    const manifest = JSON.parse(readFileSync(PERSISTED_OPERATIONS_FILE, 'utf8')) as Record<string, string>;
    const route = Object.values(manifest).find((document) => document.startsWith('query Route('))!;
    const strict = await startTestServer(testConfig({ PERSISTED_QUERIES: 'allow-list' }));
    try {
      const refused = (await (await post(strict.url, { query: ROUTE, variables: { f: 'JFK', t: 'LAX' } }, fresh)).json()) as any;
      expect(errorCode(refused)).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      const listed = (await (await post(strict.url, { query: route, operationName: 'Route', variables: { from: 'JFK', to: 'LAX' } }, fresh)).json()) as any;
      expect(listed.errors).toBeUndefined();
      expect(listed.data.route.distanceKm).toBeGreaterThan(3900);
      // An older SDK release's text of an operation since changed is still accepted.
      const retired = JSON.parse(readFileSync(RETIRED_OPERATIONS_FILE, 'utf8')) as Record<string, string>;
      const olderLogIn = Object.values(retired).find((document) => document.startsWith('mutation LogIn('))!;
      const logIn = (await (await post(strict.url, { query: olderLogIn, operationName: 'LogIn', variables: { input: { login: 'nobody-here', password: 'wrong password 1' } } }, fresh)).json()) as any;
      expect(errorCode(logIn)).not.toBe('PERSISTED_QUERY_NOT_ALLOWED');
      expect(errorCode(logIn)).toBe('UNAUTHENTICATED');
    } finally {
      await strict.close();
    }
  });

  it('charges each request once to the address’s rate limit, answers with errors included', async () => {
    const limited = await startTestServer(testConfig({ RATE_LIMIT_PER_MINUTE: '3' }));
    try {
      await resetRateLimits(limited.app);
      const bodies = [
        { query: '{ route(from: "??", to: "LAX") { id } }' },
        { query: ROUTE, variables: { f: 'MUC', t: 'JFK' } },
        { query: ROUTE, variables: { f: 'AMS', t: 'JFK' } },
        { query: ROUTE, variables: { f: 'FRA', t: 'JFK' } },
      ];
      const answers: { status: number; code: unknown }[] = [];
      for (const body of bodies) {
        const response = await post(limited.url, body, fresh);
        answers.push({ status: response.status, code: errorCode((await response.json()) as any) });
      }
      expect(answers).toEqual([
        { status: 200, code: 'BAD_USER_INPUT' },
        { status: 200, code: undefined },
        { status: 200, code: undefined },
        { status: 429, code: 'RATE_LIMITED' },
      ]);
    } finally {
      await resetRateLimits(limited.app);
      await limited.close();
    }
  });
});
