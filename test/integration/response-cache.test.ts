import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSISTED_OPERATIONS_FILE } from '../../server/paths.js';
import { errorCode, startTestServer, type TestServer } from '../support/server.js';

type Person = Awaited<ReturnType<TestServer['signUp']>>;

let server: TestServer;
let other: TestServer;
let admin: Person;

const manifest = JSON.parse(readFileSync(PERSISTED_OPERATIONS_FILE, 'utf8')) as Record<string, string>;
const hashOf = (operationName: string): string => Object.entries(manifest).find(([, document]) => document.startsWith(`query ${operationName}(`))![0];

function persistedUrl(base: string, operationName: string, variables: Record<string, unknown>): string {
  const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hashOf(operationName) } });
  return `${base}/graphql?${new URLSearchParams({ operationName, variables: JSON.stringify(variables), extensions })}`;
}

async function stats(): Promise<{ layers: { layer: string; hits: number; misses: number }[]; coalesced: number; stores: number; invalidations: number }> {
  const response = await server.graphql('{ cacheStats { layers { layer hits misses hitRate entries } coalesced stores invalidations } }', {}, admin.accessToken);
  expect(response.errors).toBeUndefined();
  return response.data!.cacheStats;
}

const memoryHits = async () => (await stats()).layers.find((layer) => layer.layer === 'memory')!.hits;

/** POST with headers of the test's choosing, returning the headers too. */
async function post(target: TestServer, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await fetch(`${target.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: any; errors?: any[] } };
}

beforeAll(async () => {
  server = await startTestServer();
  other = await startTestServer();
  await server.app.redis.flushdb();
  admin = await server.signUp('cacheadmin');
  await server.app.prisma.user.update({ where: { username: admin.username }, data: { role: 'ADMIN' } });
  const login = await server.graphql('mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }', { input: { login: admin.username, password: 'correct horse 42' } });
  admin = { ...admin, accessToken: login.data!.logIn.accessToken };
});

afterAll(async () => {
  await other?.close();
  await server?.close();
});

describe('persisted queries over GET', () => {
  it('answers a persisted query by hash, then from the cache with the same bytes, ETag and 304', async () => {
    const url = persistedUrl(server.url, 'Airport', { code: 'ZRH' });
    const first = await fetch(url);
    expect(first.status).toBe(200);
    const firstBody = await first.text();
    expect(JSON.parse(firstBody).data.airport.iata).toBe('ZRH');
    expect(first.headers.get('cache-control')).toBe('max-age=86400, public');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);

    const hitsBefore = await memoryHits();
    const second = await fetch(url);
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).toBe(etag);
    expect(JSON.parse(await second.text())).toEqual(JSON.parse(firstBody));
    expect(await memoryHits()).toBeGreaterThan(hitsBefore);

    const revalidated = await fetch(url, { headers: { 'if-none-match': etag! } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
  });

  it('shares an entry between GET by hash and POST of the same document', async () => {
    const document = manifest[hashOf('Airport')];
    await fetch(persistedUrl(server.url, 'Airport', { code: 'NRT' }));
    const hitsBefore = await memoryHits();
    const posted = await post(server, document, { code: 'NRT' }, {});
    expect(posted.body.data.airport.iata).toBe('NRT');
    expect(await memoryHits()).toBe(hitsBefore + 1);
  });

  it('refuses unknown hashes and mutations by GET with GraphQL errors, never a crash', async () => {
    const unknown = await fetch(`${server.url}/graphql?${new URLSearchParams({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } }) })}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect((await unknown.json()).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const mutation = Object.entries(manifest).find(([, document]) => document.startsWith('mutation '))!;
    const get = await fetch(`${server.url}/graphql?${new URLSearchParams({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: mutation[0] } }) })}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(405);
    const malformed = await fetch(`${server.url}/graphql?extensions=%7Bnot-json`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(malformed.status).toBe(400);
  });
});

describe('cache-control hints', () => {
  it('marks reference data public and long-lived, and answers about a person no-store', async () => {
    const reference = await post(server, '{ route(from: "JFK", to: "LAX") { distanceKm origin { iata } } }');
    expect(reference.headers.get('cache-control')).toBe('max-age=86400, public');
    const member = await server.signUp('hints');
    const personal = await post(server, '{ viewer { username } }', {}, { authorization: `Bearer ${member.accessToken}` });
    expect(personal.body.data.viewer.username).toBe(member.username);
    expect(personal.headers.get('cache-control')).toBe('no-store');
  });

  it('computes afresh for Cache-Control: no-cache', async () => {
    const query = '{ airport(code: "CDG") { name } }';
    await post(server, query);
    const hitsBefore = await memoryHits();
    const fresh = await post(server, query, {}, { 'cache-control': 'no-cache' });
    expect(fresh.body.data.airport.name).toMatch(/Charles de Gaulle/);
    expect(await memoryHits()).toBe(hitsBefore);
  });

  it('keeps a fresh answer identical to the one it holds without writing it again', async () => {
    const query = '{ airport(code: "ORY") { name } }';
    const storesBefore = (await stats()).stores;
    const first = await post(server, query, {}, { 'cache-control': 'no-cache' });
    expect((await stats()).stores).toBe(storesBefore + 1);
    const again = await post(server, query, {}, { 'cache-control': 'no-cache' });
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect((await stats()).stores).toBe(storesBefore + 1);
  });
});

describe('invalidation', () => {
  const PIECE = 'query($id: ID!) { composition(id: $id) { title likeCount } }';

  it('shows a change on this and every other instance at once after a mutation', async () => {
    const owner = await server.signUp('owner');
    const fan = await server.signUp('fan');
    const created = await server.graphql('mutation { createComposition(input: { route: { from: "JFK", to: "SFO" }, title: "Before" }) { id version } }', {}, owner.accessToken);
    const { id, version } = created.data!.createComposition;

    expect((await post(server, PIECE, { id })).body.data.composition).toEqual({ title: 'Before', likeCount: 0 });
    expect((await post(other, PIECE, { id })).body.data.composition).toEqual({ title: 'Before', likeCount: 0 });
    // Served from the cache now: the next reads would stay stale without invalidation.
    expect((await post(other, PIECE, { id })).body.data.composition.title).toBe('Before');

    const liked = await server.graphql('mutation($id: ID!) { likeComposition(id: $id) { likeCount } }', { id }, fan.accessToken);
    expect(liked.data!.likeComposition.likeCount).toBe(1);
    expect((await post(server, PIECE, { id })).body.data.composition.likeCount).toBe(1);
    await expect.poll(async () => (await post(other, PIECE, { id })).body.data.composition.likeCount, { timeout: 2_000 }).toBe(1);

    await other.graphql('mutation($id: ID!, $v: Int!) { updateComposition(id: $id, expectedVersion: $v, patch: { title: "After" }) { title } }', { id, v: version }, owner.accessToken);
    expect((await post(other, PIECE, { id })).body.data.composition.title).toBe('After');
    await expect.poll(async () => (await post(server, PIECE, { id })).body.data.composition.title, { timeout: 2_000 }).toBe('After');
  });

  it('drops a deleted piece from cached lookups, though the mutation returns only its id', async () => {
    const owner = await server.signUp('deleter');
    const id = (await server.graphql('mutation { createComposition(input: { route: { from: "LHR", to: "DXB" } }) { id } }', {}, owner.accessToken)).data!.createComposition.id;
    expect((await post(server, PIECE, { id })).body.data.composition).not.toBeNull();
    await server.graphql('mutation($id: ID!) { deleteComposition(id: $id) }', { id }, owner.accessToken);
    expect((await post(server, PIECE, { id })).body.data.composition).toBeNull();
  });

  it('shows a new piece in cached lists', async () => {
    const owner = await server.signUp('lister');
    const LIST = '{ compositions(first: 1) { nodes { id } } }';
    await post(server, LIST);
    const id = (await server.graphql('mutation { createComposition(input: { route: { from: "SYD", to: "MEL" } }) { id } }', {}, owner.accessToken)).data!.createComposition.id;
    expect((await post(server, LIST)).body.data.compositions.nodes[0].id).toBe(id);
  });
});

describe('scope', () => {
  it('never serves one person’s answer to another', async () => {
    const owner = await server.signUp('private');
    const stranger = await server.signUp('stranger');
    const id = (await server.graphql('mutation { createComposition(input: { route: { from: "JFK", to: "MIA" }, visibility: PRIVATE }) { id } }', {}, owner.accessToken)).data!.createComposition.id;
    const QUERY = 'query($id: ID!) { composition(id: $id) { id viewerHasLiked } }';
    for (let i = 0; i < 2; i++) {
      expect((await post(server, QUERY, { id }, { authorization: `Bearer ${owner.accessToken}` })).body.data.composition.id).toBe(id);
      expect((await post(server, QUERY, { id }, { authorization: `Bearer ${stranger.accessToken}` })).body.data.composition).toBeNull();
      expect((await post(server, QUERY, { id })).body.data.composition).toBeNull();
    }
  });

  it('keeps viewer-dependent fields per viewer on public pieces', async () => {
    const owner = await server.signUp('public');
    const fan = await server.signUp('liker');
    const id = (await server.graphql('mutation { createComposition(input: { route: { from: "CDG", to: "FCO" } }) { id } }', {}, owner.accessToken)).data!.createComposition.id;
    await server.graphql('mutation($id: ID!) { likeComposition(id: $id) { id } }', { id }, fan.accessToken);
    const QUERY = 'query($id: ID!) { composition(id: $id) { viewerHasLiked } }';
    for (let i = 0; i < 2; i++) {
      expect((await post(server, QUERY, { id }, { authorization: `Bearer ${fan.accessToken}` })).body.data.composition.viewerHasLiked).toBe(true);
      expect((await post(server, QUERY, { id }, { authorization: `Bearer ${owner.accessToken}` })).body.data.composition.viewerHasLiked).toBe(false);
    }
  });
});

describe('one computation per key', () => {
  it('computes a burst of identical uncached queries once', async () => {
    const query = '{ findPaths(from: "GKA", to: "HNL", maxStops: 3, limit: 5) { totalDistanceKm } }';
    const served = (counters: Awaited<ReturnType<typeof stats>>) => counters.coalesced + counters.layers.reduce((sum, layer) => sum + layer.hits, 0);
    const before = await stats();
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(server, query)));
    const after = await stats();
    expect(new Set(answers.map((answer) => JSON.stringify(answer.body))).size).toBe(1);
    expect(answers[0].body.errors).toBeUndefined();
    // One computed and stored the answer; the other 19 waited for it or found it stored.
    expect(after.stores - before.stores).toBe(1);
    expect(served(after) - served(before)).toBeGreaterThanOrEqual(19);
  });
});

describe('cacheStats and /metrics', () => {
  it('is for admins only', async () => {
    const member = await server.signUp('curious');
    expect(errorCode(await server.graphql('{ cacheStats { coalesced } }', {}, member.accessToken))).toBe('FORBIDDEN');
    expect(errorCode(await server.graphql('{ cacheStats { coalesced } }'))).toBe('UNAUTHENTICATED');
    const layers = (await stats()).layers.map((layer) => layer.layer);
    expect(layers).toEqual(['memory', 'redis']);
  });

  it('counts hits and misses per layer in /metrics', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    // Every series also carries the instance label (X-Served-By's name).
    expect(text).toMatch(/aero_melody_cache_lookups_total\{layer="memory",result="hit"[^}]*\} [1-9]/);
    expect(text).toMatch(/aero_melody_cache_lookups_total\{layer="redis",result="miss"[^}]*\} [1-9]/);
  });
});
