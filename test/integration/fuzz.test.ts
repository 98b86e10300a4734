import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../support/random.js';
import { startTestServer, type TestServer } from '../support/server.js';

const FIELDS = [
  'airport(code: $c) { iata name }',
  'route(from: $a, to: $b) { distanceKm }',
  'searchAirports(query: $q, first: $n) { iata }',
  'findPaths(from: $a, to: $b, maxStops: $n) { stops }',
  'previewComposition(input: $input) { tempoBpm }',
  'node(id: $c) { id }',
  'composition(id: $c) { id }',
  'feed(first: $n) { totalCount }',
];
const HOSTILE_STRINGS = ['', ' ', 'x'.repeat(5_000), '\u0000', '"; DROP TABLE users; --', '../../etc/passwd', '𝄞'.repeat(100), '\ud800', 'JFK', 'zzzz', '%00', '<script>', '{{7*7}}', '$(rm -rf /)'];
const HOSTILE_VALUES: unknown[] = [null, true, -1, 0, 2 ** 31, 1e308, -0.5, 'NaN', [], [[]], {}, { from: 'JFK' }, ...HOSTILE_STRINGS];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** One hostile request body: broken JSON, wrong shapes, wrong types, deep nesting, junk queries. */
function hostileBody(random: () => number): string | Buffer<ArrayBuffer> {
  switch (Math.floor(random() * 9)) {
    case 0:
      return Buffer.from(Array.from({ length: 1 + Math.floor(random() * 200) }, () => Math.floor(random() * 256)));
    case 1:
      return '{"query": "{ airport(code: \\"LHR\\") { iata } }"'.slice(0, Math.floor(random() * 40));
    case 2:
      return JSON.stringify(pick(random, HOSTILE_VALUES));
    case 3: {
      let query = 'iata';
      const depth = 1 + Math.floor(random() * 60);
      for (let i = 0; i < depth; i++) query = `routesFrom(first: 100) { nodes { origin { ${query} } } }`;
      return JSON.stringify({ query: `{ airport(code: "LHR") { ${query} } }` });
    }
    case 4:
      return JSON.stringify({
        query: Array.from({ length: 1 + Math.floor(random() * 30) }, () => pick(random, ['{', '}', '(', ')', '...', '$', '@', 'query', 'fragment', 'on', 'airport', ':', '"', '#', '\n'])).join(' '),
      });
    case 5:
      return JSON.stringify({
        query: `query($a: String!, $b: String!, $c: ID!, $q: String!, $n: Int, $input: ComposeInput!) { ${pick(random, FIELDS)} }`,
        variables: {
          a: pick(random, HOSTILE_VALUES),
          b: pick(random, HOSTILE_VALUES),
          c: pick(random, HOSTILE_VALUES),
          q: pick(random, HOSTILE_VALUES),
          n: pick(random, HOSTILE_VALUES),
          input: pick(random, HOSTILE_VALUES),
        },
      });
    case 6:
      return JSON.stringify({
        query: `{ ${pick(random, ['__typename', 'nope', '__schema { types { name } }', 'airport { iata }', 'airport(code: 5) { iata }', 'airport(code: "LHR", extra: 1) { iata }'])} }`,
        operationName: pick(random, HOSTILE_VALUES),
      });
    case 7:
      return JSON.stringify({
        query: `mutation { ${pick(random, ['logIn(input: { login: "x", password: "y" }) { accessToken }', 'signUp(input: {}) { accessToken }', 'castVote(entryId: "x") { id }', 'deleteAccount(password: 1)', 'likeComposition(id: "") { id }'])} }`,
      });
    default:
      return JSON.stringify({ query: '{ airport(code: "LHR") { iata } }', variables: pick(random, HOSTILE_VALUES), extensions: pick(random, HOSTILE_VALUES) });
  }
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

describe('hostile input', () => {
  it('answers 3,000 generated invalid and hostile requests without a single 5xx, and keeps serving', async () => {
    const collect = (globalThis as { gc?: () => void }).gc;
    const heapAfterCollection = () => {
      collect?.();
      return process.memoryUsage().heapUsed;
    };
    // Warm up first: the first requests fill caches (schema, loaders' prototypes, JIT) for good.
    for (let i = 0; i < 200; i++) await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ nope }"}' });
    const baseline = heapAfterCollection();
    const random = mulberry32(20261127);
    const failures: string[] = [];
    const contentTypes = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/graphql-response+json', 'application/x-www-form-urlencoded'];
    for (let batch = 0; batch < 60; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, async () => {
          const body = hostileBody(random);
          const method = random() < 0.9 ? 'POST' : 'GET';
          const contentType = pick(random, contentTypes);
          const url = method === 'GET' ? `${server.url}/graphql?query=${encodeURIComponent(String(body).slice(0, 2_000))}` : `${server.url}/graphql`;
          const response = await fetch(url, { method, headers: { 'content-type': contentType }, body: method === 'POST' ? body : undefined });
          await response.arrayBuffer();
          if (response.status >= 500) failures.push(`${response.status} ${method} ${contentType} ${String(body).slice(0, 200)}`);
        }),
      );
    }
    expect(failures).toEqual([]);
    expect(collect).toBeTypeOf('function');
    // The server (in this process) keeps nothing per hostile request: the heap returns to where it was.
    const growth = heapAfterCollection() - baseline;
    expect(growth).toBeLessThan(32 * 1024 * 1024);
    const healthy = await server.graphql('{ airport(code: "LHR") { iata } }');
    expect(healthy.data!.airport.iata).toBe('LHR');
  });
});
