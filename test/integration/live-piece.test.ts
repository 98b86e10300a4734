/**
 * livePiece: a saved piece streamed live sounds exactly as it was saved, with its own key, scale,
 * tempo and length overrides, and a piece the listener may not see is NOT_FOUND.
 */
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { testConfig } from '../support/environment.js';
import { startTestServer, type TestServer } from '../support/server.js';

const LIVE_PIECE = `subscription($id: ID!) { livePiece(id: $id) {
  piece { compositionId tempoBpm key scale durationSeconds }
  events { kind at pitch duration channel }
} }`;
const OVERRIDES = { route: { from: 'ZRH', to: 'LHR' }, theme: 'jazz', keyRoot: 'F#', scale: 'DORIAN', tempoBpm: 200, durationSeconds: 10 };

let server: TestServer;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startTestServer(testConfig());
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await server?.close();
});

function stream(id: string, token?: string): Promise<{ data?: any; errors?: any[] }[]> {
  const client = createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: token ? { authorization: `Bearer ${token}` } : {} });
  clients.push(client);
  const results: { data?: any; errors?: any[] }[] = [];
  return new Promise((resolve) => {
    client.subscribe(
      { query: LIVE_PIECE, variables: { id } },
      { next: (value) => void results.push(value as never), error: (error) => (results.push({ errors: Array.isArray(error) ? error : [error] }), resolve(results)), complete: () => resolve(results) },
    );
  });
}

describe('livePiece', () => {
  it('streams a saved piece with its key, scale, tempo and length overrides, note for note', async () => {
    const owner = await server.signUp('liver');
    const created = await server.graphql<{ createComposition: { id: string } }>(
      'mutation($input: ComposeInput!) { createComposition(input: $input) { id } }',
      { input: { ...OVERRIDES, visibility: 'PRIVATE', title: 'Alpine dorian' } },
      owner.accessToken,
    );
    const id = created.data!.createComposition.id;
    const saved = await server.graphql<{ composition: { key: string; scale: string; tempoBpm: number; durationSeconds: number; tracks: { notes: { start: number; pitch: number }[] }[] } }>(
      'query($id: ID!) { composition(id: $id) { key scale tempoBpm durationSeconds tracks { notes { start pitch } } } }',
      { id },
      owner.accessToken,
    );
    const piece = saved.data!.composition;
    expect(piece).toMatchObject({ key: 'F#', scale: 'DORIAN', tempoBpm: 200 });

    const results = await stream(id, owner.accessToken);
    expect(results[0].errors).toBeUndefined();
    const batches = results.map((result) => result.data.livePiece);
    expect(batches[0].piece).toMatchObject({ compositionId: id, key: 'F#', scale: 'DORIAN', tempoBpm: 200, durationSeconds: piece.durationSeconds });
    const events = batches.flatMap((batch: any) => batch.events);
    expect(events.at(-1).kind).toBe('COMPLETE');
    // The same notes at the same moments (the two fields round their times on their own: ±1 ms).
    const byPitchThenTime = (a: { at: number; pitch: number }, b: { at: number; pitch: number }) => a.pitch - b.pitch || a.at - b.at;
    const heard = events
      .filter((event: any) => event.kind === 'NOTE')
      .map((event: any) => ({ at: event.at, pitch: event.pitch }))
      .sort(byPitchThenTime);
    const written = piece.tracks.flatMap((track) => track.notes.map((note) => ({ at: note.start, pitch: note.pitch }))).sort(byPitchThenTime);
    expect(heard.length).toBe(written.length);
    expect(heard.length).toBeGreaterThan(20);
    for (const [index, note] of heard.entries()) {
      expect(note.pitch).toBe(written[index].pitch);
      expect(Math.abs(note.at - written[index].at)).toBeLessThanOrEqual(0.0015);
    }
  });

  it('answers NOT_FOUND for a private piece to anyone but who may see it', async () => {
    const owner = await server.signUp('hider');
    const created = await server.graphql<{ createComposition: { id: string } }>(
      'mutation($input: ComposeInput!) { createComposition(input: $input) { id } }',
      { input: { ...OVERRIDES, visibility: 'PRIVATE' } },
      owner.accessToken,
    );
    const stranger = await server.signUp('stranger');
    for (const token of [undefined, stranger.accessToken]) {
      const results = await stream(created.data!.createComposition.id, token);
      expect(results).toHaveLength(1);
      expect(results[0].errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });
});
