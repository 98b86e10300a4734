/**
 * The partner SDK (sdk/) against the real server: every named operation in schema/operations
 * through its generated method, graphql-ws streaming, typed errors, auth headers, persisted
 * (by-hash) requests, the README example — and that the committed generated code and manifest
 * match schema/schema.graphql + schema/operations (`npm run sdk:generate`).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Kind, buildSchema, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAeroMelodyClient, operations, type AeroMelodyClient, type OperationName } from '../../sdk/src/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { communityCases } from './sdk/community-cases.js';
import { collect, rejection, sdkContext, type SdkContext } from './sdk/context.js';
import { contestCases } from './sdk/contest-cases.js';

const run = promisify(execFile);
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

let server: TestServer;
let client: AeroMelodyClient;
let endpoint: string;
let member: Awaited<ReturnType<TestServer['signUp']>>;
let context: SdkContext;

beforeAll(async () => {
  server = await startTestServer();
  endpoint = `${server.url}/graphql`;
  member = await server.signUp('sdk');
  client = createAeroMelodyClient({ url: endpoint, accessToken: member.accessToken });
  context = sdkContext(server, { ...member, client });
});

afterAll(async () => {
  await context?.dispose();
  await server?.close();
});

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

describe('generated SDK and manifest', () => {
  it('are up to date with schema/schema.graphql and schema/operations (else run `npm run sdk:generate`)', async () => {
    const cli = resolve(ROOT, 'node_modules/@graphql-codegen/cli/esm/bin.js');
    const result = await run(process.execPath, [cli, '--config', 'codegen.ts', '--check'], { cwd: ROOT }).catch((error: { stdout?: string; stderr?: string; code?: number }) => error);
    expect('code' in result ? result.code : 0, `${result.stdout}\n${result.stderr}`).toBe(0);
  });

  it('compiles on its own (tsc -p sdk/tsconfig.json --noEmit)', async () => {
    const tsc = resolve(ROOT, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', 'sdk/tsconfig.json', '--noEmit'], { cwd: ROOT }).catch((error: { stdout?: string; stderr?: string; code?: number }) => error);
    expect('code' in result ? result.code : 0, `${result.stdout}\n${result.stderr}`).toBe(0);
  });

  it('has one method per named operation file, and the manifest maps sha256(document) to each document', async () => {
    const files = (await readdir(resolve(ROOT, 'schema/operations'))).filter((file) => file.endsWith('.graphql'));
    const sources = await Promise.all(files.map((file) => readFile(resolve(ROOT, 'schema/operations', file), 'utf8')));
    const declared = sources.flatMap((source) => [...source.matchAll(/^\s*(?:query|mutation|subscription)\s+([A-Za-z0-9_]+)/gm)].map((match) => match[1]));
    expect(Object.keys(operations).sort()).toEqual(declared.sort());
    for (const required of ['Route', 'PreviewComposition', 'Airport', 'SearchAirports', 'FindPaths', 'Themes', 'CreateComposition', 'Composition', 'Compositions', 'Routes']) {
      expect(operations).toHaveProperty(required);
      expect(typeof (client as unknown as Record<string, unknown>)[camel(required)]).toBe('function');
    }

    const schema = buildSchema(await readFile(resolve(ROOT, 'schema/schema.graphql'), 'utf8'));
    const covered = new Set(
      sources.flatMap((source) =>
        parse(source).definitions.flatMap((definition) =>
          definition.kind === Kind.OPERATION_DEFINITION
            ? definition.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [`${definition.operation}.${selection.name.value}`] : []))
            : [],
        ),
      ),
    );
    const roots = [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
      ['subscription', schema.getSubscriptionType()],
    ] as const;
    const uncovered = roots.flatMap(([kind, type]) => Object.keys(type!.getFields()).map((field) => `${kind}.${field}`)).filter((field) => !covered.has(field));
    expect(uncovered, 'every root field has an operation in schema/operations (and so an SDK method)').toEqual([]);

    const manifest = JSON.parse(await readFile(resolve(ROOT, 'schema/operations/manifest.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(manifest)).toHaveLength(Object.keys(operations).length);
    for (const operation of Object.values(operations)) {
      const hash = createHash('sha256').update(operation.document).digest('hex');
      expect(operation.hash).toBe(hash);
      expect(manifest[hash]).toBe(operation.document);
    }
  });
});

/** An SDK client for a new partner account, authenticated with an API key (x-api-key). */
async function partnerClient(): Promise<AeroMelodyClient> {
  const person = await server.signUp('sdk_partner');
  await server.app.prisma.user.update({ where: { username: person.username }, data: { role: 'PARTNER' } });
  const { logIn } = await createAeroMelodyClient({ url: endpoint }).logIn({ input: { login: person.username, password: 'correct horse 42' } });
  const created = await server.graphql('mutation { createApiKey(name: "sdk") { key } }', {}, logIn.accessToken);
  return createAeroMelodyClient({ url: endpoint, apiKey: created.data!.createApiKey.key });
}

/**
 * One case per named operation, through its generated method (the rest are in ./sdk/*-cases.ts).
 * A new operation file without a case fails the "covers every operation" test.
 */
const CORE_CASES: Partial<Record<OperationName, () => Promise<void>>> = {
  async Route() {
    const { route } = await client.route({ from: 'JFK', to: 'LAX' });
    expect(route!.distanceKm).toBeCloseTo(3974, 0);
    expect(route!.origin.iata).toBe('JFK');
    expect(route!.destination.iata).toBe('LAX');
    expect(route!.airlines.length).toBeGreaterThan(0);
    expect(route!.operators.length).toBeGreaterThan(0);
    expect((await client.route({ from: 'GKA', to: 'ZRH' })).route).toBeNull();
  },
  async Routes() {
    const page = (await client.routes({ from: 'JFK', first: 5 })).routes;
    expect(page.edges).toHaveLength(5);
    expect(page.totalCount).toBeGreaterThan(5);
    expect(page.pageInfo.hasNextPage).toBe(true);
    for (const edge of page.edges) expect(edge.node.origin.iata).toBe('JFK');
    const next = (await client.routes({ from: 'JFK', first: 5, after: page.pageInfo.endCursor })).routes;
    expect(next.edges[0].node.id).not.toBe(page.edges[0].node.id);
  },
  async Airport() {
    const { airport } = await client.airport({ code: 'zrh' });
    expect(airport).toMatchObject({ iata: 'ZRH', icao: 'LSZH', city: 'Zurich', country: 'Switzerland' });
    expect(airport!.destinationCount).toBeGreaterThan(50);
    expect((await client.airport({ code: 'QQQ' })).airport).toBeNull();
  },
  async SearchAirports() {
    const { searchAirports } = await client.searchAirports({ query: 'zurich', first: 5 });
    expect(searchAirports.map((airport) => airport.iata)).toContain('ZRH');
    expect(searchAirports.length).toBeLessThanOrEqual(5);
  },
  async FindPaths() {
    const { findPaths } = await client.findPaths({ from: 'JFK', to: 'LAX', maxStops: 1, limit: 3 });
    expect(findPaths).toHaveLength(3);
    expect(findPaths[0].stops).toBe(0);
    expect(findPaths[0].legs[0].origin.iata).toBe('JFK');
    expect(findPaths[2].totalDistanceKm).toBeGreaterThanOrEqual(findPaths[0].totalDistanceKm);
  },
  async Themes() {
    const { themes } = await client.themes();
    expect(themes.map((theme) => theme.id)).toEqual(expect.arrayContaining(['classical', 'jazz', 'electronic']));
    for (const theme of themes) expect(theme.instruments.length).toBeGreaterThan(0);
  },
  async PreviewComposition() {
    const { previewComposition: piece } = await client.previewComposition({ input: { route: { from: 'JFK', to: 'LAX' }, theme: 'jazz' } });
    expect(piece).toMatchObject({ saved: false, kind: 'ROUTE', createdAt: null, theme: { id: 'jazz' } });
    expect(piece.airports.map((airport) => airport.iata)).toEqual(['JFK', 'LAX']);
    expect(piece.tracks.length).toBeGreaterThanOrEqual(2);
    expect(piece.tracks.find((track) => track.role === 'MELODY')!.notes.length).toBeGreaterThan(10);
    expect(Buffer.from(piece.midi, 'base64').subarray(0, 4).toString('latin1')).toBe('MThd');
  },
  async CreateComposition() {
    const { createComposition: piece } = await client.createComposition({ input: { journey: ['ZRH', 'JFK'], title: 'SDK test flight' } });
    expect(piece).toMatchObject({ saved: true, title: 'SDK test flight', kind: 'JOURNEY' });
    expect(Date.parse(piece.createdAt!)).not.toBeNaN();
  },
  // Composition and Compositions run before CreateComposition (alphabetical): each saves its own piece.
  async Composition() {
    const id = (await client.createComposition({ input: { journey: ['ZRH', 'JFK'] } })).createComposition.id;
    const { composition } = await client.composition({ id });
    expect(composition).toMatchObject({ id, saved: true });
    expect(composition!.tracks.length).toBeGreaterThanOrEqual(2);
  },
  async UpdateComposition() {
    const { createComposition: piece } = await client.createComposition({ input: { journey: ['ZRH', 'JFK'] } });
    const { updateComposition } = await client.updateComposition({ id: piece.id, patch: { title: 'Renamed by SDK' }, expectedVersion: piece.version });
    expect(updateComposition).toMatchObject({ id: piece.id, title: 'Renamed by SDK', version: piece.version + 1 });
    const stale = await rejection(client.updateComposition({ id: piece.id, patch: { title: 'Too late' }, expectedVersion: piece.version }));
    expect(stale.code).toBe('CONFLICT');
  },
  async CompositionChanged() {
    const { createComposition: piece } = await client.createComposition({ input: { journey: ['ZRH', 'JFK'] } });
    const stream = client.compositionChanged({ id: piece.id });
    const first = stream.next();
    // The subscription is registered once the server acknowledges it; retry the change until heard.
    let heard: Awaited<typeof first> | undefined;
    for (let attempt = 0; attempt < 20 && !heard; attempt++) {
      await client.updateComposition({ id: piece.id, patch: { title: `Streamed ${attempt}` }, expectedVersion: piece.version + attempt });
      heard = await Promise.race([first, new Promise<undefined>((resolve) => setTimeout(resolve, 250))]);
    }
    expect(heard?.done).toBe(false);
    expect(heard!.value!.compositionChanged).toMatchObject({ changedFields: ['title'], author: { username: member.username }, composition: { id: piece.id } });
    await stream.return?.();
  },
  async LiveComposition() {
    const batches = await collect(client.liveComposition({ input: { route: { from: 'ZRH', to: 'GVA' }, durationSeconds: 10, tempoBpm: 220 } }));
    const events = batches.flatMap((batch) => batch.liveComposition.events);
    expect(events[0].kind).toBe('PIECE_START');
    expect(events.at(-1)!.kind).toBe('COMPLETE');
    expect(events.filter((event) => event.kind === 'NOTE').length).toBeGreaterThan(0);
    expect(batches[0].liveComposition.piece.airports).toEqual(['ZRH', 'GVA']);
  },
  async LivePiece() {
    const { createComposition: piece } = await client.createComposition({ input: { route: { from: 'ZRH', to: 'GVA' }, durationSeconds: 10, tempoBpm: 220, visibility: 'PRIVATE' } });
    const batches = await collect(client.livePiece({ id: piece.id }));
    const events = batches.flatMap((batch) => batch.livePiece.events);
    expect(events[0].kind).toBe('PIECE_START');
    expect(events.at(-1)!.kind).toBe('COMPLETE');
    expect(events.filter((event) => event.kind === 'NOTE').length).toBeGreaterThan(0);
    expect(batches[0].livePiece.piece.compositionId).toBe(piece.id);
  },
  async SignUp() {
    const username = `sdk_new_${Date.now().toString(36)}`;
    const { signUp } = await createAeroMelodyClient({ url: endpoint }).signUp({ input: { email: `${username}@example.test`, username, password: 'a fine password 7' } });
    expect(signUp.user.username).toBe(username);
    expect(signUp.accessToken.split('.')).toHaveLength(3);
  },
  async LogIn() {
    const { logIn } = await createAeroMelodyClient({ url: endpoint }).logIn({ input: { login: member.username, password: 'correct horse 42' } });
    expect(logIn.user.username).toBe(member.username);
  },
  async Viewer() {
    const { viewer } = await client.viewer();
    expect(viewer).toMatchObject({ username: member.username, role: 'USER', email: `${member.username}@example.test` });
  },
  async NetworkAnalytics() {
    const { analytics } = await (await partnerClient()).networkAnalytics({ first: 3 });
    expect(analytics.network.distanceBands.map((band) => band.label)).toEqual(['< 500 km', '< 1,500 km', '< 4,000 km', '< 8,000 km', '≥ 8,000 km']);
    expect(analytics.network.distanceBands.reduce((sum, band) => sum + band.routeCount, 0)).toBe(await server.app.prisma.route.count());
    expect(analytics.network.topHubs).toHaveLength(3);
    expect(analytics.network.topHubs[0].destinationCount).toBeGreaterThanOrEqual(analytics.network.topHubs[2].destinationCount);
    expect(analytics.network.topCountries).toHaveLength(3);
    // The member behind `client` is not a partner.
    expect((await rejection(client.networkAnalytics())).code).toBe('FORBIDDEN');
  },
  async PartnerUsage() {
    const partner = await partnerClient();
    await partner.airport({ code: 'ZRH' });
    // Usage is fed through the analytics pipeline: visible within the issue's 5 s.
    const deadline = Date.now() + 5_000;
    let usage = (await partner.partnerUsage()).analytics.usage;
    while (!usage.topOperations.some((operation) => operation.operation === 'Airport') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      usage = (await partner.partnerUsage()).analytics.usage;
    }
    expect(usage.topOperations.find((operation) => operation.operation === 'Airport')?.requests).toBe(1);
    expect(usage.overTime.reduce((sum, point) => sum + point.requests, 0)).toBe(usage.requests);
    expect(usage.csvUrl).toMatch(/^\/analytics\/usage\.csv\?/);
  },
  async Compositions() {
    const id = (await client.createComposition({ input: { journey: ['ZRH', 'JFK'] } })).createComposition.id;
    const { compositions } = await client.compositions({ first: 100 });
    expect(compositions.totalCount).toBeGreaterThan(0);
    expect(compositions.edges.map((edge) => edge.node.id)).toContain(id);
  },
};

const allCases = () => ({ ...CORE_CASES, ...communityCases(context), ...contestCases(context) });

describe('every operation in schema/operations through the SDK', () => {
  it('covers every operation', () => {
    expect(Object.keys(allCases()).sort()).toEqual(Object.keys(operations).sort());
  });

  for (const name of Object.keys(operations).sort() as OperationName[]) {
    it(`${camel(name)}()`, async () => {
      const run = allCases()[name];
      if (!run) expect.fail(`no test case for operation ${name}`);
      await run();
    });
  }
});

describe('errors', () => {
  it('a bad input rejects with an AeroMelodyError carrying code BAD_USER_INPUT', async () => {
    const error = await rejection(client.previewComposition({ input: { route: { from: 'JFK', to: 'NOPE!' } } }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.operationName).toBe('PreviewComposition');
    expect(error.errors[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/NOPE!/);
  });

  it('variables the schema rejects are BAD_USER_INPUT too', async () => {
    const error = await rejection(client.previewComposition({ input: { route: { from: 'JFK' } } } as never));
    expect(error.code).toBe('BAD_USER_INPUT');
  });

  it('an unreachable server is NETWORK_ERROR; a non-GraphQL answer is HTTP_ERROR', async () => {
    const offline = createAeroMelodyClient({ url: 'http://127.0.0.1:1/graphql' });
    expect((await rejection(offline.themes())).code).toBe('NETWORK_ERROR');
    const wrongPath = createAeroMelodyClient({ url: `${server.url}/healthz-nope` });
    const error = await rejection(wrongPath.themes());
    expect(error.code).toBe('HTTP_ERROR');
    expect(error.status).toBe(404);
  });
});

describe('requests', () => {
  function spyingFetch() {
    const requests: { headers: Headers; body: Record<string, any> }[] = [];
    const fetchSpy: typeof fetch = async (input, init) => {
      requests.push({ headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)) });
      return fetch(input, init);
    };
    return { requests, fetchSpy };
  }

  it('sends apiKey as x-api-key and accessToken as a bearer token', async () => {
    const { requests, fetchSpy } = spyingFetch();
    const authed = createAeroMelodyClient({ url: endpoint, apiKey: 'key-123', accessToken: 'token-456', fetch: fetchSpy, headers: { 'x-request-id': 'sdk-test' } });
    await authed.themes();
    expect(requests[0].headers.get('x-api-key')).toBe('key-123');
    expect(requests[0].headers.get('authorization')).toBe('Bearer token-456');
    expect(requests[0].headers.get('x-request-id')).toBe('sdk-test');
    expect(requests[0].body).toMatchObject({ operationName: 'Themes', query: operations.Themes.document });
  });

  it('persistedOperations sends the manifest hash first, and the document only when the server asks for it', async () => {
    const { requests, fetchSpy } = spyingFetch();
    const persisted = createAeroMelodyClient({ url: endpoint, persistedOperations: true, fetch: fetchSpy });
    const { route } = await persisted.route({ from: 'JFK', to: 'LAX' });
    expect(route!.distanceKm).toBeCloseTo(3974, 0);
    expect(requests[0].body).toEqual({
      operationName: 'Route',
      variables: { from: 'JFK', to: 'LAX' },
      extensions: { persistedQuery: { version: 1, sha256Hash: operations.Route.hash } },
    });
    // Whatever the server's persisted-operation support, at most one fallback request is made.
    expect(requests.length).toBeLessThanOrEqual(2);
  });
});

describe('graphql-ws transport (subscriptions)', () => {
  // The schema has no Subscription type yet (live streams come later), so these stream queries
  // over graphql-ws through the same code path generated subscription methods use
  // (transport.subscribe). A `subscription` operation file becomes a method returning an
  // AsyncIterableIterator of its data.
  it('streams an operation over graphql-ws as an async iterator, then completes', async () => {
    const results = await collect(client.subscribe('Route', { from: 'JFK', to: 'LAX' }));
    expect(results).toHaveLength(1);
    expect(results[0]).toEqual(await client.route({ from: 'JFK', to: 'LAX' }));
  });

  it('runs several streams over one socket, with auth in the connection params', async () => {
    const authed = createAeroMelodyClient({ url: endpoint, apiKey: 'key-123' });
    try {
      const [themes, piece] = await Promise.all([collect(authed.subscribe('Themes')), collect(authed.subscribe('PreviewComposition', { input: { route: { from: 'JFK', to: 'LAX' } } }))]);
      expect(themes[0].themes.length).toBeGreaterThan(0);
      expect(piece[0].previewComposition.tracks.length).toBeGreaterThanOrEqual(2);
    } finally {
      await authed.dispose();
    }
  });

  it('a bad input over graphql-ws throws an AeroMelodyError with code BAD_USER_INPUT', async () => {
    const error = await rejection(collect(client.subscribe('PreviewComposition', { input: { route: { from: 'JFK', to: 'NOPE!' } } })));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.operationName).toBe('PreviewComposition');
  });

  it('an aborted stream ends without a value', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await collect(client.subscribe('Themes', undefined, { signal: controller.signal }))).toEqual([]);
  });

  it('generated subscription methods stream their operation', async () => {
    const subscriptions = Object.values(operations).filter((operation) => (operation.type as string) === 'subscription');
    // None exist until the schema has a Subscription type; then each must have a CASES entry above.
    for (const operation of subscriptions) expect(typeof (client as unknown as Record<string, unknown>)[camel(operation.name)]).toBe('function');
  });
});

describe('sdk/README.md', () => {
  it('its five-line example runs', async () => {
    const readme = await readFile(resolve(ROOT, 'sdk/README.md'), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(readme)![1];
    expect(example.trim().split('\n')).toHaveLength(5);
    const dir = await mkdtemp(join(tmpdir(), 'aero-sdk-readme-'));
    try {
      const file = join(dir, 'example.ts');
      await writeFile(file, example.replace("'@aero-melody/sdk'", JSON.stringify(resolve(ROOT, 'sdk/src/index.ts'))).replace('http://localhost:4000/graphql', endpoint));
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      try {
        await import(/* @vite-ignore */ file);
        expect(log).toHaveBeenCalledOnce();
        expect(String(log.mock.calls[0][0])).toMatch(/^3974 km → "JFK → LAX/);
      } finally {
        log.mockRestore();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
