import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, resetRateLimits, type TestServer } from '../../support/server.js';
import { bearer, overWebSocket, post, startProductionServer } from './support.js';

/**
 * Found: over graphql-ws an anonymous client could send plain queries and mutations that no HTTP
 * guard saw (a million-node query, 200 aliases, introspection HTTP refused, signUp unlimited,
 * errors unmasked, mutations invalidating nothing). Replayed here in production mode.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startProductionServer();
});

afterAll(async () => {
  await server?.close();
});

const MILLION = '{ airports(first: 100) { nodes { routesFrom(first: 100) { nodes { destination { routesFrom(first: 100) { totalCount } } } } } } }';
const ALIASES = `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: airport(code: "LHR") { iata }`).join(' ')} }`;
const withoutLocations = (errors: { message: string; extensions?: Record<string, any> }[] | undefined) => errors?.map(({ message, extensions }) => ({ message, code: extensions?.code }));

describe('a signed-out graphql-ws client meets the HTTP door’s rules', () => {
  it('gets errors, not data, for the million-node query and 200 aliases: the same errors as over HTTP', async () => {
    for (const query of [MILLION, ALIASES]) {
      const ws = await overWebSocket(server, query);
      const http = await post(server, query);
      expect(ws.data ?? null).toBeNull();
      expect(ws.errors?.length).toBeGreaterThan(0);
      expect(withoutLocations(ws.errors)).toEqual(withoutLocations(http.body.errors));
    }
    const tooComplex = await overWebSocket(server, MILLION);
    expect(tooComplex.errors![0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX' });
    expect((await overWebSocket(server, ALIASES)).errors![0].message).toMatch(/too many aliases/);
  });

  it('gets for introspection what HTTP gets, and no field suggestions', async () => {
    const ws = await overWebSocket(server, '{ __schema { queryType { name } } }');
    const http = await post(server, '{ __schema { queryType { name } } }');
    expect(ws.data).toEqual(http.body.data);
    expect(ws.data.__schema.queryType.name).toBe('Query');
    const typo = await overWebSocket(server, '{ airport(code: "LHR") { iat } }');
    expect(typo.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(typo.errors![0].message).not.toMatch(/Did you mean/);
  });

  it('runs mutations through the same pipeline: a like sent over graphql-ws shows in cached HTTP answers', async () => {
    const owner = await server.signUp('wsowner');
    const fan = await server.signUp('wsfan');
    const id = (await server.graphql('mutation { createComposition(input: { route: { from: "JFK", to: "BOS" } }) { id } }', {}, owner.accessToken)).data!.createComposition.id;
    const PIECE = 'query($id: ID!) { composition(id: $id) { likeCount } }';
    expect((await post(server, PIECE, { id })).body.data.composition.likeCount).toBe(0);
    expect((await post(server, PIECE, { id })).body.data.composition.likeCount).toBe(0);
    const liked = await overWebSocket(server, 'mutation($id: ID!) { likeComposition(id: $id) { likeCount } }', { id }, bearer(fan.accessToken));
    expect(liked.data.likeComposition.likeCount).toBe(1);
    expect((await post(server, PIECE, { id })).body.data.composition.likeCount).toBe(1);
  });

  it('masks errors the same way: a refused mutation keeps its code and message, with no stack', async () => {
    const refused = await overWebSocket(server, 'mutation { deleteComposition(id: "nope") }');
    expect(errorCode(refused)).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(refused.errors)).not.toMatch(/stacktrace|at .+\.js/);
  });
});

describe('limits that count per address', () => {
  it('charges graphql-ws operations to the same rate limit as HTTP requests', async () => {
    const limited = await startProductionServer({ RATE_LIMIT_PER_MINUTE: '4' });
    try {
      await resetRateLimits(limited.app);
      const outcomes = [];
      for (let i = 0; i < 3; i++) outcomes.push(errorCode(await overWebSocket(limited, '{ airport(code: "LHR") { iata } }')) ?? 'ok');
      outcomes.push((await post(limited, '{ airport(code: "LHR") { iata } }')).status);
      outcomes.push(errorCode(await overWebSocket(limited, 'mutation { signUp(input: { email: "x@example.test", username: "xyzabc", password: "correct horse 42" }) { accessToken } }')));
      expect(outcomes).toEqual(['ok', 'ok', 'ok', 200, 'RATE_LIMITED']);
    } finally {
      await resetRateLimits(limited.app);
      await limited.close();
    }
  });

  it('caps WebSocket connections per address (WS_MAX_CONNECTIONS_PER_ADDRESS)', async () => {
    const capped = await startProductionServer({ WS_MAX_CONNECTIONS_PER_ADDRESS: '2' });
    const sockets: WebSocket[] = [];
    const open = () =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(`${capped.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
        sockets.push(socket);
        socket.once('open', () => resolve(101));
        socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.once('error', () => undefined);
      });
    try {
      expect([await open(), await open(), await open()]).toEqual([101, 101, 429]);
      sockets[0].close();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await open()).toBe(101);
    } finally {
      for (const socket of sockets) socket.terminate();
      await capped.close();
    }
  });
});

describe('live streams per process', () => {
  it('refuses a stream past LIVE_MAX_STREAMS and takes one again once a stream ends', async () => {
    const small = await startProductionServer({ LIVE_MAX_STREAMS: '1' });
    const client = createClient({ url: `${small.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const owner = await small.signUp('streamer');
      const id = (await small.graphql('mutation { createComposition(input: { route: { from: "LHR", to: "EDI" } }) { id } }', {}, owner.accessToken)).data!.createComposition.id;
      const WATCH = { query: 'subscription($id: ID!) { compositionChanged(id: $id) { version } }', variables: { id } };
      const outcome = () => {
        let settled: unknown = 'open';
        const stop = client.subscribe(WATCH, { next: () => undefined, error: (error) => (settled = error), complete: () => (settled = 'complete') });
        return { stop, settled: () => settled };
      };
      const first = outcome();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const second = outcome();
      await expect.poll(() => second.settled(), { timeout: 5_000 }).not.toBe('open');
      expect((second.settled() as { extensions?: { code?: string } }[])[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(first.settled()).toBe('open');
      first.stop();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const third = outcome();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(third.settled()).toBe('open');
      third.stop();
    } finally {
      await client.dispose();
      await small.close();
    }
  });
});

describe('INTROSPECTION=off', () => {
  it('refuses introspection over both doors alike, but to the playground key', async () => {
    const closed = await startProductionServer({ INTROSPECTION: 'off', PLAYGROUND_KEY: 'a-long-playground-key' });
    try {
      const query = '{ __schema { queryType { name } } }';
      expect(errorCode(await overWebSocket(closed, query))).toBe('FORBIDDEN');
      expect(errorCode((await post(closed, query)).body)).toBe('FORBIDDEN');
      expect((await post(closed, query, {}, { 'x-playground-key': 'a-long-playground-key' })).body.data.__schema.queryType.name).toBe('Query');
      expect((await overWebSocket(closed, query, {}, { 'x-playground-key': 'a-long-playground-key' })).data.__schema.queryType.name).toBe('Query');
      // Through a fragment too.
      expect(errorCode(await overWebSocket(closed, 'query { ...F } fragment F on Query { __type(name: "Query") { name } }'))).toBe('FORBIDDEN');
    } finally {
      await closed.close();
    }
  });
});
