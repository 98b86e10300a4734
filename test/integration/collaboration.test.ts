import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let owner: Awaited<ReturnType<TestServer['signUp']>>;
let editor: Awaited<ReturnType<TestServer['signUp']>>;
let viewer: Awaited<ReturnType<TestServer['signUp']>>;
let stranger: Awaited<ReturnType<TestServer['signUp']>>;

beforeAll(async () => {
  server = await startTestServer();
  [owner, editor, viewer, stranger] = [await server.signUp('own'), await server.signUp('edi'), await server.signUp('vie'), await server.signUp('str')];
});

afterAll(async () => {
  await server.close();
});

const UPDATE = 'mutation($id: ID!, $patch: CompositionPatch!, $v: Int!) { updateComposition(id: $id, patch: $patch, expectedVersion: $v) { version title tempoBpm midi } }';
const INVITE = 'mutation($id: ID!, $u: String!, $r: CollaboratorRole!) { inviteCollaborator(compositionId: $id, username: $u, role: $r) { collaborators { user { username } role } } }';

async function privatePiece(): Promise<{ id: string; midi: string }> {
  const response = await server.graphql('mutation { createComposition(input: { route: { from: "CDG", to: "NRT" }, visibility: PRIVATE, theme: "cinematic" }) { id midi } }', {}, owner.accessToken);
  return response.data!.createComposition;
}

const sees = async (id: string, token: string) => (await server.graphql('query($id: ID!) { composition(id: $id) { id } }', { id }, token)).data!.composition !== null;

describe('collaborators', () => {
  it('see a private piece once invited; editors change it (music included), viewers only look', async () => {
    const piece = await privatePiece();
    expect(await sees(piece.id, editor.accessToken)).toBe(false);
    const invited = await server.graphql(INVITE, { id: piece.id, u: editor.username, r: 'EDITOR' }, owner.accessToken);
    expect(invited.data!.inviteCollaborator.collaborators).toEqual([{ user: { username: editor.username }, role: 'EDITOR' }]);
    await server.graphql(INVITE, { id: piece.id, u: viewer.username, r: 'VIEWER' }, owner.accessToken);

    expect(await sees(piece.id, editor.accessToken)).toBe(true);
    expect(await sees(piece.id, viewer.accessToken)).toBe(true);
    expect(await sees(piece.id, stranger.accessToken)).toBe(false);

    const changed = await server.graphql(UPDATE, { id: piece.id, patch: { title: 'Night flight', tempoBpm: 96 }, v: 1 }, editor.accessToken);
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.updateComposition).toMatchObject({ version: 2, title: 'Night flight', tempoBpm: 96 });
    expect(changed.data!.updateComposition.midi).not.toBe(piece.midi);

    expect(errorCode(await server.graphql(UPDATE, { id: piece.id, patch: { visibility: 'PUBLIC' }, v: 2 }, editor.accessToken))).toBe('FORBIDDEN');
    expect(errorCode(await server.graphql(UPDATE, { id: piece.id, patch: { title: 'Mine' }, v: 2 }, viewer.accessToken))).toBe('FORBIDDEN');
    expect(errorCode(await server.graphql('mutation($id: ID!) { deleteComposition(id: $id) }', { id: piece.id }, editor.accessToken))).toBe('FORBIDDEN');
    expect(errorCode(await server.graphql(INVITE, { id: piece.id, u: stranger.username, r: 'EDITOR' }, editor.accessToken))).toBe('FORBIDDEN');

    const list = 'query($id: ID!) { composition(id: $id) { collaborators { role } } }';
    expect((await server.graphql(list, { id: piece.id }, viewer.accessToken)).data!.composition.collaborators).toHaveLength(2);

    await server.graphql('mutation($id: ID!, $u: String!) { removeCollaborator(compositionId: $id, username: $u) { id } }', { id: piece.id, u: editor.username }, owner.accessToken);
    expect(await sees(piece.id, editor.accessToken)).toBe(false);
    await server.graphql('mutation($id: ID!, $u: String!) { removeCollaborator(compositionId: $id, username: $u) { id } }', { id: piece.id, u: viewer.username }, viewer.accessToken);
    expect(await sees(piece.id, viewer.accessToken)).toBe(false);
  });

  it('hear changes of a private piece and show up in presence while subscribed', async () => {
    const piece = await privatePiece();
    await server.graphql(INVITE, { id: piece.id, u: editor.username, r: 'EDITOR' }, owner.accessToken);
    const client = createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { accessToken: editor.accessToken } });
    const events: any[] = [];
    const unsubscribe = client.subscribe(
      { query: 'subscription($id: ID!) { compositionChanged(id: $id) { version author { username } } }', variables: { id: piece.id } },
      { next: (value) => events.push(value), error: () => undefined, complete: () => undefined },
    );
    const presence = async () =>
      (await server.graphql('query($id: ID!) { presence(id: $id) { username } }', { id: piece.id }, owner.accessToken)).data!.presence.map((u: { username: string }) => u.username);
    try {
      for (let i = 0; i < 40 && !(await presence()).includes(editor.username); i++) await new Promise((r) => setTimeout(r, 50));
      expect(await presence()).toEqual([editor.username]);
      await server.graphql(UPDATE, { id: piece.id, patch: { variation: 3 }, v: 1 }, owner.accessToken);
      for (let i = 0; i < 40 && events.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(events[0].data.compositionChanged).toEqual({ version: 2, author: { username: owner.username } });
      expect(errorCode(await server.graphql('query($id: ID!) { presence(id: $id) { username } }', { id: piece.id }, stranger.accessToken))).toBe('NOT_FOUND');
    } finally {
      unsubscribe();
      await client.dispose();
    }
    for (let i = 0; i < 40 && (await presence()).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await presence()).toEqual([]);
  });
});
