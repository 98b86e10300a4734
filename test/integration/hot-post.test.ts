import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../support/environment.js';
import { errorCode, resetRateLimits, startTestServer, type TestServer } from '../support/server.js';

/** Issue #19, "Hot POST, cached": a POST whose body bytes were seen before is answered like the persisted-GET fast path, through the same guard. */
let server: TestServer;
let adminToken: string;
const INSTANCE = 'hot-post-instance';

beforeAll(async () => {
  server = await startTestServer(testConfig({ RATE_LIMIT_PER_MINUTE: '1000', INSTANCE_NAME: INSTANCE }));
  const admin = await server.signUp('hotadmin');
  await server.app.prisma.user.update({ where: { username: admin.username }, data: { role: 'ADMIN' } });
  adminToken = (await server.graphql('mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }', { input: { login: admin.username, password: 'correct horse 42' } })).data!.logIn
    .accessToken;
});

afterAll(async () => {
  await server?.close();
});

const memoryHits = async () =>
  ((await server.graphql('{ cacheStats { layers { layer hits } } }', {}, adminToken)).data!.cacheStats.layers as { layer: string; hits: number }[]).find((layer) => layer.layer === 'memory')!.hits;

const send = (body: string, headers: Record<string, string> = {}) => fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('hot POST', () => {
  it('answers a body seen before from the cache: the same answer, ETag, 304, public for reference data', async () => {
    const body = JSON.stringify({ query: 'query($code: String!) { airport(code: $code) { iata name } }', variables: { code: 'VIE' } });
    const first = await send(body);
    const firstText = await first.text();
    expect(JSON.parse(firstText).data.airport.iata).toBe('VIE');
    const hits = await memoryHits();
    const second = await send(body);
    expect(JSON.parse(await second.text())).toEqual(JSON.parse(firstText));
    expect(second.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
    expect(second.headers.get('vary')).toMatch(/Authorization/);
    // Answered here, not by express: the instance still names itself, as every other answer does.
    expect(second.headers.get('x-served-by')).toBe(INSTANCE);
    expect(first.headers.get('x-served-by')).toBe(INSTANCE);
    expect(await memoryHits()).toBe(hits + 1);
    const revalidated = await send(body, { 'if-none-match': second.headers.get('etag')! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('x-served-by')).toBe(INSTANCE);
  });

  it('keeps what depends on the asker private, and leaves signed-in requests to the pipeline', async () => {
    const owner = await server.signUp('hotowner');
    const id = (await server.graphql('mutation { createComposition(input: { route: { from: "VIE", to: "PRG" }, visibility: PRIVATE }) { id } }', {}, owner.accessToken)).data!.createComposition.id;
    const body = JSON.stringify({ query: 'query($id: ID!) { composition(id: $id) { id } }', variables: { id } });
    for (let i = 0; i < 2; i++) {
      const anonymous = await send(body);
      expect(((await anonymous.json()) as any).data.composition).toBeNull();
      expect(anonymous.headers.get('cache-control')).toMatch(/private|no-store/);
    }
    const mine = await send(body, { authorization: `Bearer ${owner.accessToken}` });
    expect(((await mine.json()) as any).data.composition.id).toBe(id);
  });

  it('hands refused, broken and mutating bodies to the normal way', async () => {
    const broken = await send('{"query": ');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    const aliases = JSON.stringify({ query: `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: airport(code: "VIE") { iata }`).join(' ')} }` });
    for (let i = 0; i < 2; i++) expect(((await (await send(aliases)).json()) as any).errors[0].message).toMatch(/too many aliases/);
    const member = await server.signUp('hotliker');
    const id = (await server.graphql('mutation { createComposition(input: { route: { from: "VIE", to: "BUD" } }) { id } }', {}, member.accessToken)).data!.createComposition.id;
    const play = JSON.stringify({ query: 'mutation($id: ID!) { recordPlay(id: $id) { id } }', variables: { id } });
    for (let i = 0; i < 2; i++) expect(((await (await send(play)).json()) as any).data.recordPlay.id).toBe(id);
  });

  it('charges each answer to the address’s rate limit', async () => {
    const limited = await startTestServer(testConfig({ RATE_LIMIT_PER_MINUTE: '3' }));
    try {
      await resetRateLimits(limited.app);
      const body = JSON.stringify({ query: '{ airport(code: "SZG") { iata } }' });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${limited.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await fetch(`${limited.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(errorCode((await refused.json()) as any)).toBe('RATE_LIMITED');
    } finally {
      await resetRateLimits(limited.app);
      await limited.close();
    }
  });
});
