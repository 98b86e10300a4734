import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../support/environment.js';
import { errorCode, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(testConfig({ CORS_ORIGINS: 'https://app.example.com' }));
});

afterAll(async () => {
  await server.close();
});

const post = (body: string, headers: Record<string, string> = {}) => fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('query shape limits (without revealing the numbers)', () => {
  it('refuses a deeply nested query', async () => {
    let selection = 'iata';
    for (let i = 0; i < 8; i++) selection = `routesFrom(first: 1) { nodes { destination { ${selection} } } }`;
    const response = await server.graphql(`{ airport(code: "LHR") { ${selection} } }`);
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors![0].message).toMatch(/nested too deeply/);
    expect(response.errors![0].message).not.toMatch(/\d/);
  });

  it('refuses too many aliases and too long a query', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: airport(code: "LHR") { iata }`).join(' ');
    expect((await server.graphql(`{ ${aliases} }`)).errors![0].message).toMatch(/too many aliases/);
    const variables = Array.from({ length: 1_000 }, (_, i) => `$v${i}: Int`).join(', ');
    expect((await server.graphql(`query(${variables}) { airport(code: "LHR") { iata } }`)).errors![0].message).toMatch(/too long/);
  });

  it('counts connections by first (variables included) and refuses what would explode', async () => {
    const query = `query($n: Int) { routes(first: $n) { nodes { origin { routesFrom(first: $n) { nodes { destination { routesFrom(first: $n) { nodes { id } } } } } } } } }`;
    const small = await server.graphql(query, { n: 2 });
    expect(small.errors).toBeUndefined();
    const huge = await server.graphql(query, { n: 100 });
    expect(errorCode(huge)).toBe('QUERY_TOO_COMPLEX');
    expect(huge.errors![0].message).not.toMatch(/\d/);
    const notes = await server.graphql('{ compositions(first: 100) { nodes { tracks { notes { pitch } } } } }');
    expect(errorCode(notes)).toBe('QUERY_TOO_COMPLEX');
  });

  it('caps every page at 100 items', async () => {
    expect(errorCode(await server.graphql('{ routes(first: 101) { totalCount } }'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.graphql('{ compositions(first: 1000) { totalCount } }'))).toBe('BAD_USER_INPUT');
  });
});

describe('HTTP hygiene', () => {
  it('answers a body too large or not JSON with a JSON error and a 4xx', async () => {
    const big = await post(JSON.stringify({ query: `{ airport(code: "LHR") { iata } }`, variables: { pad: 'x'.repeat(200_000) } }));
    expect(big.status).toBe(413);
    expect(((await big.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const broken = await post('{"query": ');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses batched requests', async () => {
    const batch = await post(JSON.stringify([{ query: '{ airport(code: "LHR") { iata } }' }, { query: '{ airport(code: "CDG") { iata } }' }]));
    expect(batch.status).toBe(400);
  });

  it('sends CORS headers only to allowed origins', async () => {
    const allowed = await fetch(`${server.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://app.example.com' } });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const other = await fetch(`${server.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://evil.example.com' } });
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('rate limits and production settings', () => {
  it('limits requests per address with RATE_LIMITED, a 429 and a retry-after header', async () => {
    const limited = await startTestServer(testConfig({ RATE_LIMIT_PER_MINUTE: '5' }));
    try {
      await limited.app.redis.del('aero-melody:rate:api:address:127.0.0.1', 'aero-melody:rate:api:address:::ffff:127.0.0.1');
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 6; i++) {
        last = await fetch(`${limited.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ airport(code: \\"LHR\\") { iata } }"}' });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await last!.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });

  it('with INTROSPECTION=off refuses introspection but to the playground key; field suggestions are off in production', async () => {
    const production = await startTestServer(testConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40), PLAYGROUND_KEY: 'a-long-playground-key', INTROSPECTION: 'off' }));
    try {
      const ask = (headers: Record<string, string> = {}) =>
        fetch(`${production.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"query":"{ __schema { queryType { name } } }"}' });
      const refused = await ask();
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
      const allowed = await ask({ 'x-playground-key': 'a-long-playground-key' });
      expect(((await allowed.json()) as any).data.__schema.queryType.name).toBe('Query');
      const typo = await production.graphql('{ airport(code: "LHR") { iat } }');
      expect(typo.errors![0].message).not.toMatch(/Did you mean/);
      const typoInDevelopment = await server.graphql('{ airport(code: "LHR") { iat } }');
      expect(typoInDevelopment.errors![0].message).toMatch(/Did you mean "iata"/);
    } finally {
      await production.close();
    }
  });
});

describe('GraphQL over HTTP', () => {
  it('passes every MUST of the graphql-http audit suite', async () => {
    const results = await auditServer({ url: `${server.url}/graphql` });
    const failedMusts = results.filter((result) => result.status !== 'ok' && result.name.startsWith('MUST'));
    expect(failedMusts.map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`)).toEqual([]);
  });
});
