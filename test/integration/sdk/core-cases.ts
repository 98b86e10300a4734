/** SDK cases for the route, airport, composition, live and account operations (see sdk-operations.test.ts). */
import { expect } from 'vitest';
import { createAeroMelodyClient, type AeroMelodyClient, type OperationName } from '../../../sdk/src/index.js';
import { collect, rejection, type SdkContext } from './context.js';

type Cases = Partial<Record<OperationName, () => Promise<void>>>;

export function coreCases(context: SdkContext): Cases {
  const { server, endpoint, member } = context;
  const client = member.client;

  /** An SDK client for a new partner account, authenticated with an API key (x-api-key). */
  async function partnerClient(): Promise<AeroMelodyClient> {
    const person = await server.signUp('sdk_partner');
    await server.app.prisma.user.update({ where: { username: person.username }, data: { role: 'PARTNER' } });
    const { logIn } = await createAeroMelodyClient({ url: endpoint }).logIn({ input: { login: person.username, password: 'correct horse 42' } });
    const created = await server.graphql('mutation { createApiKey(name: "sdk") { key } }', {}, logIn.accessToken);
    return createAeroMelodyClient({ url: endpoint, apiKey: created.data!.createApiKey.key });
  }

  /**
   * One case per named operation, through its generated method (the rest are in ./*-cases.ts).
   * A new operation file without a case fails the "covers every operation" test.
   */
  return {
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
}
