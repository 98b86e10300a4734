import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExactVectorIndex, VectorIndex } from '../../server/adapters/vector-index.js';
import { EMBEDDING_DIMENSIONS } from '../../server/engine/embeddings/index.js';
import { compose, defaultThemeIdFor, themeById, type Score } from '../../server/engine/music/index.js';
import { buildFlight } from '../../server/modules/compositions/flight-builder.js';
import type { FlightNetwork } from '../../server/modules/network/flight-network.js';
import type { NetworkRoute } from '../../server/modules/network/network.repo.js';
import { loadRouteIndex, routeIndexName, routeIndexTag, type RouteIndex } from '../../server/modules/similarity/route-index.js';
import { testConfig } from '../support/environment.js';
import { errorCode, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let token: string;

const SIMILAR_ROUTES = `query($from: String!, $to: String!, $first: Int) {
  similarRoutes(from: $from, to: $to, first: $first) { score route { id origin { iata country } destination { iata country } } }
}`;

/** The index loads in the background after start: poll until it answers (well under a second from its file). */
async function waitForRouteIndex(target: TestServer): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const response = await target.graphql(SIMILAR_ROUTES, { from: 'JFK', to: 'LAX', first: 1 });
    if (errorCode(response) !== 'SERVICE_UNAVAILABLE') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the route similarity index never became ready');
}

beforeAll(async () => {
  server = await startTestServer();
  token = (await server.signUp('listener')).accessToken;
  await waitForRouteIndex(server);
});

afterAll(async () => {
  await server?.close();
});

describe('similarRoutes', () => {
  it('answers best first with scores in 0..1 and never the route itself', async () => {
    const response = await server.graphql(SIMILAR_ROUTES, { from: 'jfk', to: 'LAX' });
    expect(response.errors).toBeUndefined();
    const matches = response.data!.similarRoutes as { score: number; route: { origin: { iata: string; country: string }; destination: { iata: string; country: string } } }[];
    expect(matches).toHaveLength(10);
    for (const match of matches) {
      expect(`${match.route.origin.iata}-${match.route.destination.iata}`).not.toBe('JFK-LAX');
      expect(match.score).toBeGreaterThan(0);
      expect(match.score).toBeLessThanOrEqual(1);
    }
    for (let i = 1; i < matches.length; i++) expect(matches[i].score).toBeLessThanOrEqual(matches[i - 1].score);
    // A transcontinental US flight sounds like other transcontinental US flights, not like random routes.
    const domestic = matches.filter((m) => m.route.origin.country === 'United States' && m.route.destination.country === 'United States');
    expect(domestic.length).toBeGreaterThanOrEqual(8);
  });

  it('takes first from 1 to 100', async () => {
    const three = await server.graphql(SIMILAR_ROUTES, { from: 'LHR', to: 'CDG', first: 3 });
    expect(three.data!.similarRoutes).toHaveLength(3);
    expect((await server.graphql(SIMILAR_ROUTES, { from: 'LHR', to: 'CDG', first: 100 })).data!.similarRoutes).toHaveLength(100);
    for (const first of [0, 101, -5]) {
      const response = await server.graphql(SIMILAR_ROUTES, { from: 'LHR', to: 'CDG', first });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0].message).toMatch(/first must be/);
    }
  });

  it('rejects unknown airports, one airport twice and pairs no airline flies as BAD_USER_INPUT', async () => {
    const unknown = await server.graphql(SIMILAR_ROUTES, { from: 'JFK', to: 'QQQ' });
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0].message).toContain('QQQ');
    expect(errorCode(await server.graphql(SIMILAR_ROUTES, { from: 'not a code', to: 'LAX' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.graphql(SIMILAR_ROUTES, { from: 'JFK', to: 'JFK' }))).toBe('BAD_USER_INPUT');
    const unflown = await server.graphql(SIMILAR_ROUTES, { from: 'LYR', to: 'USH' });
    expect(errorCode(unflown)).toBe('BAD_USER_INPUT');
    expect(unflown.errors![0].message).toMatch(/no airline flies LYR→USH/);
  });
});

describe('the route index', () => {
  let network: FlightNetwork;
  let index: RouteIndex;

  beforeAll(async () => {
    network = server.app.networks.network;
    index = (await loadRouteIndex(network, testConfig().similarity.indexDir))!;
  });

  it('holds the default composition of every route', () => {
    expect(index).not.toBeNull();
    expect(index.vectors.size).toBe(network.routes.length);
    expect(network.routes.length).toBe(37_123);
  });

  it('HNSW recall@10 against exact search is at least 0.95 on 1,000 queries', () => {
    const exact = new ExactVectorIndex(EMBEDDING_DIMENSIONS, network.routes.length);
    const vectors = new Map(network.routes.map((route) => [route.id, index.vectors.vectorOf(route.id)!]));
    for (const [id, vector] of vectors) exact.add(id, vector);
    const stride = Math.floor(network.routes.length / 1000);
    let found = 0;
    for (let q = 0; q < 1000; q++) {
      const id = network.routes[q * stride].id;
      const without = new Set([id]);
      const truth = new Set(exact.search(vectors.get(id)!, 10, without).map((m) => m.label));
      found += index.vectors.search(vectors.get(id)!, 10, without).filter((m) => truth.has(m.label)).length;
    }
    expect(found / 10_000).toBeGreaterThanOrEqual(0.95);
  });

  it('neighbours share style, mode, tempo and key far more often than random routes do', () => {
    const scoreOf = (route: NetworkRoute): Score => {
      const code = (id: number) => network.airportById(id)!.iata ?? network.airportById(id)!.icao!;
      const { flight } = buildFlight({ kind: 'ROUTE', codes: [code(route.originId), code(route.destinationId)] }, network);
      return compose(flight, { theme: themeById(defaultThemeIdFor(flight))! });
    };
    const shared = { neighbours: { theme: 0, scale: 0, tempo: 0, key: 0 }, random: { theme: 0, scale: 0, tempo: 0, key: 0 } };
    const tally = (into: typeof shared.neighbours, a: Score, b: Score) => {
      into.theme += Number(a.themeId === b.themeId);
      into.scale += Number(a.scale === b.scale);
      into.tempo += Number(Math.abs(a.tempoBpm - b.tempoBpm) <= 8);
      into.key += Number(a.keyRoot === b.keyRoot);
    };
    const routes = network.routes;
    for (let q = 0; q < 100; q++) {
      const route = routes[(q * 367) % routes.length];
      const score = scoreOf(route);
      for (const match of index.vectors.search(index.vectors.vectorOf(route.id)!, 10, new Set([route.id]))) {
        tally(shared.neighbours, score, scoreOf(index.routeById.get(match.label)!));
      }
      for (let r = 0; r < 10; r++) tally(shared.random, score, scoreOf(routes[(q * 7919 + r * 104_729) % routes.length]));
    }
    for (const aspect of ['theme', 'scale', 'tempo', 'key'] as const) {
      expect(shared.neighbours[aspect], aspect).toBeGreaterThan(Math.max(900, 2 * shared.random[aspect]));
    }
  });
});

describe('saving and loading an index', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aero-melody-vectors-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const unitVector = (i: number): Float32Array => {
    const v = new Float32Array(EMBEDDING_DIMENSIONS);
    v[i % EMBEDDING_DIMENSIONS] = 0.8;
    v[(i * 7 + 3) % EMBEDDING_DIMENSIONS] += 0.6;
    return v;
  };

  it('grows past its capacity, forgets removed labels and takes them back', () => {
    const vectors = VectorIndex.create({ dimensions: EMBEDDING_DIMENSIONS, capacity: 2 });
    for (let i = 1; i <= 5; i++) vectors.add(i, unitVector(i));
    expect(vectors.size).toBe(5);
    expect(vectors.search(unitVector(3), 1)[0]).toEqual({ label: 3, score: expect.closeTo(1, 5) });
    expect(vectors.remove(3)).toBe(true);
    expect(vectors.remove(3)).toBe(false);
    expect(vectors.search(unitVector(3), 5).map((m) => m.label)).not.toContain(3);
    expect(vectors.vectorOf(3)).toBeNull();
    vectors.add(3, unitVector(3));
    expect(vectors.search(unitVector(3), 1)[0].label).toBe(3);
    expect(vectors.search(unitVector(3), 10, new Set([3])).map((m) => m.label)).toHaveLength(4);
  });

  it('loads only an index whose header matches the version tag; a stale or damaged one reads as missing', async () => {
    const vectors = VectorIndex.create({ dimensions: EMBEDDING_DIMENSIONS, capacity: 8 });
    for (let i = 1; i <= 8; i++) vectors.add(i * 10, unitVector(i));
    const file = join(dir, 'sample');
    await vectors.save(file, { engine: '1', data: 'abc' });
    const loaded = await VectorIndex.load(file, EMBEDDING_DIMENSIONS, { engine: '1', data: 'abc' });
    expect(loaded?.size).toBe(8);
    expect(loaded!.search(unitVector(4), 1)[0].label).toBe(40);
    expect(await VectorIndex.load(file, EMBEDDING_DIMENSIONS, { engine: '2', data: 'abc' })).toBeNull();
    expect(await VectorIndex.load(file, EMBEDDING_DIMENSIONS, { engine: '1' })).toBeNull();
    expect(await VectorIndex.load(join(dir, 'missing'), EMBEDDING_DIMENSIONS, { engine: '1', data: 'abc' })).toBeNull();
    await writeFile(`${file}.hnsw`, 'not an index');
    expect(await VectorIndex.load(file, EMBEDDING_DIMENSIONS, { engine: '1', data: 'abc' })).toBeNull();
  });

  it('names route index files by engine, embedding and data versions', () => {
    const tag = routeIndexTag(server.app.networks.network);
    expect(routeIndexName(tag)).toMatch(/^routes-e[\d.]+-v\d+-[0-9a-f]{16}$/);
    expect(routeIndexTag(server.app.networks.network)).toEqual(tag);
  });
});

describe('before the route index is ready', () => {
  it('similarRoutes is SERVICE_UNAVAILABLE with a clear message while /readyz stays ready', async () => {
    const emptyDir = await mkdtemp(join(tmpdir(), 'aero-melody-no-index-'));
    const building = await startTestServer(testConfig({ SIMILARITY_INDEX_DIR: emptyDir }));
    try {
      const response = await building.graphql(SIMILAR_ROUTES, { from: 'JFK', to: 'LAX' });
      expect(errorCode(response)).toBe('SERVICE_UNAVAILABLE');
      expect(response.errors![0].message).toMatch(/similarity index is (being built|loading)/);
      expect((await fetch(`${building.url}/readyz`)).status).toBe(200);
    } finally {
      // Closing stops the build between slices.
      await building.close();
      await rm(emptyDir, { recursive: true, force: true });
    }
  });
});

describe('Composition.similar', () => {
  const CREATE = `mutation($input: ComposeInput!) { createComposition(input: $input) { id } }`;
  const SIMILAR = `query($id: ID!, $first: Int) { composition(id: $id) { id similar(first: $first) { score composition { id title } } } }`;

  async function create(input: Record<string, unknown>): Promise<string> {
    const response = await server.graphql(CREATE, { input }, token);
    expect(response.errors).toBeUndefined();
    return response.data!.createComposition.id;
  }

  it('finds public saved pieces that sound alike, best first, never the piece itself nor a private one', async () => {
    const original = await create({ route: { from: 'JFK', to: 'LAX' }, theme: 'jazz', title: 'similarity original' });
    const take = await create({ route: { from: 'JFK', to: 'LAX' }, theme: 'jazz', variation: 1, title: 'similarity take' });
    const hidden = await create({ route: { from: 'JFK', to: 'LAX' }, theme: 'jazz', variation: 2, visibility: 'PRIVATE', title: 'similarity private' });
    await create({ route: { from: 'SYD', to: 'AKL' }, theme: 'ambient', title: 'similarity far away' });

    const response = await server.graphql(SIMILAR, { id: original, first: 20 }, token);
    expect(response.errors).toBeUndefined();
    const matches = response.data!.composition.similar as { score: number; composition: { id: string } }[];
    const ids = matches.map((m) => m.composition.id);
    expect(ids).toContain(take);
    expect(ids).not.toContain(original);
    expect(ids).not.toContain(hidden);
    expect(matches.find((m) => m.composition.id === take)!.score).toBeGreaterThan(0.9);
    for (let i = 1; i < matches.length; i++) expect(matches[i].score).toBeLessThanOrEqual(matches[i - 1].score);
  });

  it('works for previews, and validates first', async () => {
    const preview = await server.graphql(
      `query { previewComposition(input: { route: { from: "JFK", to: "LAX" }, theme: "jazz", variation: 5 }) { similar(first: 3) { score composition { title } } } }`,
    );
    expect(preview.errors).toBeUndefined();
    expect(preview.data!.previewComposition.similar.length).toBeGreaterThan(0);
    expect(preview.data!.previewComposition.similar.length).toBeLessThanOrEqual(3);
    const bad = await server.graphql(`query { previewComposition(input: { route: { from: "JFK", to: "LAX" } }) { similar(first: 0) { score } } }`);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
  });
});

describe('recommendations', () => {
  const RECOMMEND = '{ recommendations(first: 100) { score composition { id visibility theme { id } } } }';
  const make = async (token: string, input: string) => (await server.graphql(`mutation { createComposition(input: { ${input} }) { id } }`, {}, token)).data!.createComposition.id as string;

  it('suggests public pieces like the ones a person liked and made, never those themselves', async () => {
    const maker = await server.signUp('maker');
    const fan = await server.signUp('fan');
    const jazzy = await make(maker.accessToken, 'route: { from: "JFK", to: "LAX" }, theme: "jazz"');
    const alsoJazzy = await make(maker.accessToken, 'route: { from: "EWR", to: "SFO" }, theme: "jazz"');
    const hidden = await make(maker.accessToken, 'route: { from: "JFK", to: "BOS" }, theme: "jazz", visibility: PRIVATE');
    const unlike = await make(maker.accessToken, 'route: { from: "SYD", to: "MEL" }, theme: "classical"');
    await server.graphql('mutation($id: ID!) { likeComposition(id: $id) { id } }', { id: jazzy }, fan.accessToken);

    const response = await server.graphql(RECOMMEND, {}, fan.accessToken);
    expect(response.errors).toBeUndefined();
    // Other tests leave public pieces in the shared database too, so this checks order, not the top.
    const ids: string[] = response.data!.recommendations.map((r: { composition: { id: string } }) => r.composition.id);
    expect(ids).not.toContain(jazzy);
    expect(ids).not.toContain(hidden);
    expect(ids).toContain(alsoJazzy);
    if (ids.includes(unlike)) expect(ids.indexOf(alsoJazzy)).toBeLessThan(ids.indexOf(unlike));
    expect(response.data!.recommendations.every((r: { composition: { visibility: string } }) => r.composition.visibility === 'PUBLIC')).toBe(true);
    const scores = response.data!.recommendations.map((r: { score: number }) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('is empty for a newcomer and needs a signed-in person', async () => {
    const newcomer = await server.signUp('newcomer');
    expect((await server.graphql(RECOMMEND, {}, newcomer.accessToken)).data!.recommendations).toEqual([]);
    expect((await server.graphql(RECOMMEND)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });
});
