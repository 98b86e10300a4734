import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { errorCode, startTestServer, type GraphQLResponse, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

describe('airport(code)', () => {
  it('finds an airport by IATA or ICAO code in any case', async () => {
    const response = await server.graphql(`{
      a: airport(code: "zrh") { iata icao name city country latitude longitude altitudeFt timezone destinationCount }
      b: airport(code: "LSZH") { iata }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.a).toMatchObject({ iata: 'ZRH', icao: 'LSZH', name: 'Zürich Airport', country: 'Switzerland', timezone: 'Europe/Zurich' });
    expect(response.data!.a.latitude).toBeCloseTo(47.46, 1);
    expect(response.data!.a.destinationCount).toBeGreaterThan(100);
    expect(response.data!.b.iata).toBe('ZRH');
  });

  it('is null for a well-formed code that names no airport', async () => {
    const response = await server.graphql('{ airport(code: "QQQ") { iata } }');
    expect(response.errors).toBeUndefined();
    expect(response.data!.airport).toBeNull();
  });

  it.each(['x', 'ABCDE', 'J K', '', 'ZR-H'])('rejects %j as BAD_USER_INPUT with a readable message', async (code) => {
    const response = await server.graphql('query($code: String!) { airport(code: $code) { iata } }', { code });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toMatch(/not an airport code/);
  });
});

describe('searchAirports', () => {
  it('finds Zürich without the accent, in the first three', async () => {
    const response = await server.graphql('{ searchAirports(query: "zurich") { iata name } }');
    const codes = response.data!.searchAirports.map((a: { iata: string }) => a.iata);
    expect(codes.slice(0, 3)).toContain('ZRH');
  });

  it('ranks an exact code first, then name or city prefixes, then substrings', async () => {
    const byCode = await server.graphql('{ searchAirports(query: "lhr", first: 5) { iata } }');
    expect(byCode.data!.searchAirports[0].iata).toBe('LHR');
    const byCity = await server.graphql('{ searchAirports(query: "London", first: 10) { iata city name } }');
    const first = byCity.data!.searchAirports;
    expect(first.length).toBe(10);
    expect(first.map((a: { iata: string }) => a.iata)).toContain('LHR');
    expect(first[0].city.toLowerCase().startsWith('london') || first[0].name.toLowerCase().startsWith('london')).toBe(true);
  });

  it('honours first and validates it', async () => {
    const ok = await server.graphql('{ searchAirports(query: "a", first: 3) { iata } }');
    expect(ok.data!.searchAirports).toHaveLength(3);
    const tooMany = await server.graphql('{ searchAirports(query: "a", first: 101) { iata } }');
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors![0].message).toMatch(/first must be at most 100/);
  });
});

describe('airports connection', () => {
  it('pages through a country with opaque cursors and a total count', async () => {
    const query = `query($after: String) {
      airports(first: 10, country: "Switzerland", after: $after) {
        totalCount
        edges { cursor node { id iata country } }
        pageInfo { hasNextPage hasPreviousPage endCursor }
      }
    }`;
    const seen = new Set<string>();
    let after: string | null = null;
    let total = 0;
    let pages = 0;
    do {
      const response: GraphQLResponse = await server.graphql(query, { after });
      expect(response.errors).toBeUndefined();
      const connection = response.data!.airports;
      total = connection.totalCount;
      for (const edge of connection.edges) {
        expect(edge.node.country).toBe('Switzerland');
        seen.add(edge.node.id);
      }
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      pages++;
    } while (after && pages < 20);
    expect(total).toBeGreaterThan(10);
    expect(seen.size).toBe(total);
  });

  it('rejects a page size over 100 and a forged cursor', async () => {
    expect(errorCode(await server.graphql('{ airports(first: 500) { totalCount } }'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.graphql('{ airports(first: 5, after: "bm90LWEtY3Vyc29y") { totalCount } }'))).toBe('BAD_USER_INPUT');
  });
});

describe('route(from, to)', () => {
  it('gives JFK→LAX with its 8 airlines, distance, duration and equipment', async () => {
    const response = await server.graphql(`{
      route(from: "JFK", to: "LAX") {
        id distanceKm durationMinutes equipment
        origin { iata } destination { iata }
        airlines { iata name }
        operators { airlineCode codeshare stops equipment }
      }
    }`);
    expect(response.errors).toBeUndefined();
    const route = response.data!.route;
    expect(route.origin.iata).toBe('JFK');
    expect(route.destination.iata).toBe('LAX');
    expect(Math.abs(route.distanceKm - 3974)).toBeLessThanOrEqual(5);
    expect(route.durationMinutes).toBeGreaterThan(240);
    expect(route.durationMinutes).toBeLessThan(420);
    expect(route.airlines.map((a: { iata: string }) => a.iata).sort()).toEqual(['AA', 'AS', 'B6', 'DL', 'QF', 'UA', 'US', 'VX']);
    expect(route.operators).toHaveLength(8);
    expect(route.equipment.length).toBeGreaterThan(0);
    expect(new Set(route.equipment).size).toBe(route.equipment.length);
  });

  it('is directed, null when no airline flies the pair, and rejects bad airports', async () => {
    const reverse = await server.graphql('{ route(from: "LAX", to: "JFK") { origin { iata } } }');
    expect(reverse.data!.route.origin.iata).toBe('LAX');
    const none = await server.graphql('{ route(from: "GKA", to: "LHR") { id } }');
    expect(none.errors).toBeUndefined();
    expect(none.data!.route).toBeNull();
    const unknown = await server.graphql('{ route(from: "QQQ", to: "LHR") { id } }');
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0].message).toContain('QQQ');
    const same = await server.graphql('{ route(from: "LHR", to: "egll") { id } }');
    expect(errorCode(same)).toBe('BAD_USER_INPUT');
  });
});

describe('routes connection', () => {
  it('filters by origin and destination and counts them', async () => {
    const response = await server.graphql(`{
      from: routes(from: "FRA", first: 100) { totalCount nodes { origin { iata } } pageInfo { hasNextPage } }
      pair: routes(from: "JFK", to: "LAX") { totalCount nodes { distanceKm } }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.from.totalCount).toBe(239);
    expect(response.data!.from.nodes).toHaveLength(100);
    expect(response.data!.from.nodes.every((n: { origin: { iata: string } }) => n.origin.iata === 'FRA')).toBe(true);
    expect(response.data!.from.pageInfo.hasNextPage).toBe(true);
    expect(response.data!.pair.totalCount).toBe(1);
  });

  it('counts every route when unfiltered', async () => {
    const response = await server.graphql('{ routes(first: 1) { totalCount } }');
    expect(response.data!.routes.totalCount).toBe(37123);
  });
});

describe('Airport.routesFrom and destinationCount', () => {
  it('pages the routes leaving an airport, batched across airports', async () => {
    const response = await server.graphql(`{
      fra: airport(code: "FRA") { destinationCount routesFrom(first: 50) { totalCount edges { node { origin { iata } } } pageInfo { hasNextPage endCursor } } }
      cdg: airport(code: "CDG") { destinationCount routesFrom(first: 5) { totalCount nodes { origin { iata } } } }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.fra.destinationCount).toBe(239);
    expect(response.data!.fra.routesFrom.totalCount).toBe(239);
    expect(response.data!.fra.routesFrom.edges).toHaveLength(50);
    expect(response.data!.cdg.destinationCount).toBe(237);
    expect(response.data!.cdg.routesFrom.nodes.every((n: { origin: { iata: string } }) => n.origin.iata === 'CDG')).toBe(true);

    const next = await server.graphql('query($after: String) { airport(code: "FRA") { routesFrom(first: 100, after: $after) { edges { node { id } } } } }', {
      after: response.data!.fra.routesFrom.pageInfo.endCursor,
    });
    expect(next.data!.airport.routesFrom.edges).toHaveLength(100);
  });
});

describe('findPaths', () => {
  it('finds connected itineraries from Goroka to London with at least one stop, shortest first', async () => {
    const response = await server.graphql(`{
      findPaths(from: "GKA", to: "LHR") { stops totalDistanceKm legs { distanceKm origin { iata } destination { iata } } }
    }`);
    expect(response.errors).toBeUndefined();
    const paths = response.data!.findPaths;
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.length).toBeLessThanOrEqual(5);
    const signatures = new Set<string>();
    let previous = 0;
    for (const path of paths) {
      expect(path.stops).toBeGreaterThanOrEqual(1);
      expect(path.stops).toBeLessThanOrEqual(2);
      expect(path.legs).toHaveLength(path.stops + 1);
      expect(path.legs[0].origin.iata).toBe('GKA');
      expect(path.legs.at(-1).destination.iata).toBe('LHR');
      for (let i = 1; i < path.legs.length; i++) expect(path.legs[i].origin.iata).toBe(path.legs[i - 1].destination.iata);
      const sum = path.legs.reduce((total: number, leg: { distanceKm: number }) => total + leg.distanceKm, 0);
      expect(path.totalDistanceKm).toBeCloseTo(sum, 6);
      expect(path.totalDistanceKm).toBeGreaterThanOrEqual(previous);
      previous = path.totalDistanceKm;
      signatures.add(path.legs.map((l: { origin: { iata: string } }) => l.origin.iata).join('>'));
    }
    expect(signatures.size).toBe(paths.length);
  });

  it('puts the direct flight first when there is one, and honours maxStops and limit', async () => {
    const response = await server.graphql('{ findPaths(from: "JFK", to: "LAX", maxStops: 1, limit: 3) { stops legs { origin { iata } } } }');
    const paths = response.data!.findPaths;
    expect(paths).toHaveLength(3);
    expect(paths[0].stops).toBe(0);
    expect(paths.every((p: { stops: number }) => p.stops <= 1)).toBe(true);
  });

  it('names the unknown airport and rejects out-of-range arguments', async () => {
    const unknown = await server.graphql('{ findPaths(from: "GKA", to: "ZZZ") { stops } }');
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0].message).toContain('ZZZ');
    expect(errorCode(await server.graphql('{ findPaths(from: "GKA", to: "LHR", maxStops: 9) { stops } }'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.graphql('{ findPaths(from: "GKA", to: "LHR", limit: 0) { stops } }'))).toBe('BAD_USER_INPUT');
  });
});

describe('airlines', () => {
  it('finds an airline by IATA or ICAO code and pages through all of them', async () => {
    const response = await server.graphql(`{
      ba: airline(code: "ba") { iata icao name country active }
      baw: airline(code: "BAW") { iata }
      none: airline(code: "Q9Z") { iata }
      airlines(first: 3) { totalCount nodes { name } pageInfo { hasNextPage } }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.ba).toMatchObject({ iata: 'BA', icao: 'BAW', name: 'British Airways', active: true });
    expect(response.data!.baw.iata).toBe('BA');
    expect(response.data!.none).toBeNull();
    expect(response.data!.airlines.totalCount).toBe(6162);
    expect(response.data!.airlines.nodes).toHaveLength(3);
    expect(errorCode(await server.graphql('{ airline(code: "toolong") { iata } }'))).toBe('BAD_USER_INPUT');
  });
});

describe('node(id)', () => {
  it('refetches airports, airlines and routes by global id', async () => {
    const ids = await server.graphql('{ airport(code: "JFK") { id } airline(code: "AA") { id } route(from: "JFK", to: "LAX") { id } }');
    const response = await server.graphql(
      `query($a: ID!, $b: ID!, $c: ID!) {
        a: node(id: $a) { __typename id ... on Airport { iata } }
        b: node(id: $b) { __typename ... on Airline { iata } }
        c: node(id: $c) { __typename ... on Route { distanceKm origin { iata } } }
      }`,
      { a: ids.data!.airport.id, b: ids.data!.airline.id, c: ids.data!.route.id },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.a).toEqual({ __typename: 'Airport', id: ids.data!.airport.id, iata: 'JFK' });
    expect(response.data!.b).toEqual({ __typename: 'Airline', iata: 'AA' });
    expect(response.data!.c.origin.iata).toBe('JFK');
  });

  it('is null for an id of nothing and BAD_USER_INPUT for a malformed id', async () => {
    const missing = Buffer.from('Airport:99999999').toString('base64url');
    const response = await server.graphql(`{ node(id: "${missing}") { id } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.node).toBeNull();
    expect(errorCode(await server.graphql('{ node(id: "%%%") { id } }'))).toBe('BAD_USER_INPUT');
  });
});

describe('DataLoader batching', () => {
  it('resolves 50 routes with both airports and their airlines in a handful of SQL queries', async () => {
    const before = server.app.database.queryCount();
    const response = await server.graphql(`{
      routes(first: 50) { nodes { origin { iata name } destination { iata name } airlines { name } equipment } }
    }`);
    const queries = server.app.database.queryCount() - before;
    expect(response.errors).toBeUndefined();
    expect(response.data!.routes.nodes).toHaveLength(50);
    expect(response.data!.routes.nodes.every((n: { origin: { iata: string } }) => n.origin && n.origin.iata !== undefined)).toBe(true);
    // routes page, airports, route operators, airlines: one query each, however many routes.
    expect(queries).toBeLessThanOrEqual(6);
  });
});

describe('transports', () => {
  it('answers queries sent with GET carrying a preflight header, and refuses them without (CSRF prevention)', async () => {
    const query = encodeURIComponent('{ airport(code: "LHR") { name } }');
    const response = await fetch(`${server.url}/graphql?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).data.airport.name).toBe('London Heathrow Airport');
    const bare = await fetch(`${server.url}/graphql?query=${query}`);
    expect(bare.status).toBe(400);
    expect(JSON.stringify(await bare.json())).toMatch(/Cross-Site Request Forgery/);
  });

  it('answers operations over graphql-ws on the same path', async () => {
    const client = createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const result = await new Promise<any>((resolve, reject) => {
        let value: unknown;
        client.subscribe({ query: '{ airport(code: "CDG") { iata city } }' }, { next: (data) => (value = data), error: reject, complete: () => resolve(value) });
      });
      expect(result.data.airport).toEqual({ iata: 'CDG', city: 'Paris' });
    } finally {
      await client.dispose();
    }
  });

  it('reports malformed requests as client errors, never 500', async () => {
    const malformed = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(malformed.status).toBe(400);
    const unknownField = await server.graphql('{ airport(code: "LHR") { nope } }');
    expect(unknownField.status).toBe(400);
    expect(errorCode(unknownField)).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
