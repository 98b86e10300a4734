import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let owner: Awaited<ReturnType<TestServer['signUp']>>;
let stranger: Awaited<ReturnType<TestServer['signUp']>>;

beforeAll(async () => {
  server = await startTestServer();
  owner = await server.signUp('owner');
  stranger = await server.signUp('stranger');
});

afterAll(async () => {
  await server.close();
});

const CREATE = 'mutation($input: ComposeInput!) { createComposition(input: $input) { id title visibility license version owner { username } midiUrl } }';
const UPDATE = 'mutation($id: ID!, $patch: CompositionPatch!, $v: Int!) { updateComposition(id: $id, patch: $patch, expectedVersion: $v) { id title visibility license version } }';

async function create(input: Record<string, unknown>, token = owner.accessToken) {
  const response = await server.graphql(CREATE, { input: { route: { from: 'JFK', to: 'LAX' }, ...input } }, token);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!.createComposition;
}

/** Every way a piece can be reached, as one person sees it. */
async function reach(id: string, midiUrl: string, token?: string) {
  const direct = await server.graphql('query($id: ID!) { composition(id: $id) { id } node(id: $id) { id } }', { id }, token);
  const listed = await server.graphql('{ compositions(first: 100) { nodes { id } } }', {}, token);
  const download = await fetch(`${server.url}${midiUrl}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return {
    composition: direct.data!.composition !== null,
    node: direct.data!.node !== null,
    listed: listed.data!.compositions.nodes.some((n: { id: string }) => n.id === id),
    download: download.status === 200,
  };
}

describe('creating', () => {
  it('needs a signed-in person, who becomes the owner; defaults are PUBLIC and CC BY 4.0', async () => {
    const anonymous = await server.graphql(CREATE, { input: { route: { from: 'JFK', to: 'LAX' } } });
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    const piece = await create({});
    expect(piece).toMatchObject({ visibility: 'PUBLIC', license: 'CC_BY_4_0', version: 1, owner: { username: owner.username } });
    const preview = await server.graphql('{ previewComposition(input: { route: { from: "JFK", to: "LAX" } }) { owner { username } saved } }');
    expect(preview.data!.previewComposition).toEqual({ owner: null, saved: false });
  });
});

describe('visibility', () => {
  it('a private piece is reachable by its owner only, through every path', async () => {
    const piece = await create({ visibility: 'PRIVATE', title: 'Secret' });
    expect(await reach(piece.id, piece.midiUrl, owner.accessToken)).toEqual({ composition: true, node: true, listed: false, download: true });
    expect(await reach(piece.id, piece.midiUrl, stranger.accessToken)).toEqual({ composition: false, node: false, listed: false, download: false });
    expect(await reach(piece.id, piece.midiUrl)).toEqual({ composition: false, node: false, listed: false, download: false });
  });

  it('an unlisted piece is reachable by id but never listed; a public one is listed', async () => {
    const unlisted = await create({ visibility: 'UNLISTED' });
    expect(await reach(unlisted.id, unlisted.midiUrl)).toEqual({ composition: true, node: true, listed: false, download: true });
    const open = await create({ visibility: 'PUBLIC' });
    expect(await reach(open.id, open.midiUrl)).toEqual({ composition: true, node: true, listed: true, download: true });
  });
});

describe('changing and deleting', () => {
  it('lets the owner change title, visibility and licence, bumping the version', async () => {
    const piece = await create({});
    const updated = await server.graphql(UPDATE, { id: piece.id, patch: { title: 'Renamed', visibility: 'PRIVATE', license: 'ALL_RIGHTS_RESERVED' }, v: 1 }, owner.accessToken);
    expect(updated.data!.updateComposition).toMatchObject({ title: 'Renamed', visibility: 'PRIVATE', license: 'ALL_RIGHTS_RESERVED', version: 2 });
    expect((await reach(piece.id, piece.midiUrl)).composition).toBe(false);
  });

  it('refuses others: FORBIDDEN on a piece they can see, NOT_FOUND on one they cannot', async () => {
    const open = await create({});
    expect(errorCode(await server.graphql(UPDATE, { id: open.id, patch: { title: 'Mine now' }, v: 1 }, stranger.accessToken))).toBe('FORBIDDEN');
    expect(errorCode(await server.graphql('mutation($id: ID!) { deleteComposition(id: $id) }', { id: open.id }, stranger.accessToken))).toBe('FORBIDDEN');
    const hidden = await create({ visibility: 'PRIVATE' });
    expect(errorCode(await server.graphql(UPDATE, { id: hidden.id, patch: { title: 'x' }, v: 1 }, stranger.accessToken))).toBe('NOT_FOUND');
    expect(errorCode(await server.graphql(UPDATE, { id: open.id, patch: { title: 'x' }, v: 1 }))).toBe('UNAUTHENTICATED');
  });

  it('reports a stale version as CONFLICT with the current version, never overwriting silently', async () => {
    const piece = await create({});
    await server.graphql(UPDATE, { id: piece.id, patch: { title: 'First' }, v: 1 }, owner.accessToken);
    const stale = await server.graphql(UPDATE, { id: piece.id, patch: { title: 'Second' }, v: 1 }, owner.accessToken);
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(stale.errors![0].extensions!.currentVersion).toBe(2);
    const now = await server.graphql('query($id: ID!) { composition(id: $id) { title version } }', { id: piece.id });
    expect(now.data!.composition).toEqual({ title: 'First', version: 2 });
  });

  it('lets exactly one of two concurrent updates with the same expectedVersion win', async () => {
    const piece = await create({});
    const results = await Promise.all(['Left', 'Right'].map((title) => server.graphql(UPDATE, { id: piece.id, patch: { title }, v: 1 }, owner.accessToken)));
    expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
    expect(results.map(errorCode).filter(Boolean)).toEqual(['CONFLICT']);
  });

  it('deletes for the owner; the piece is gone everywhere', async () => {
    const piece = await create({});
    const deleted = await server.graphql('mutation($id: ID!) { deleteComposition(id: $id) }', { id: piece.id }, owner.accessToken);
    expect(deleted.data!.deleteComposition).toBe(piece.id);
    expect(await reach(piece.id, piece.midiUrl, owner.accessToken)).toEqual({ composition: false, node: false, listed: false, download: false });
    expect(errorCode(await server.graphql('mutation($id: ID!) { deleteComposition(id: $id) }', { id: piece.id }, owner.accessToken))).toBe('NOT_FOUND');
  });
});

describe('deleting an account', () => {
  it('needs the password; removes private and unlisted pieces, keeps public ones unattributed, ends every session', async () => {
    const leaver = await server.signUp('leaver');
    const open = await create({ title: 'Stays' }, leaver.accessToken);
    const hidden = await create({ visibility: 'PRIVATE' }, leaver.accessToken);
    const unlisted = await create({ visibility: 'UNLISTED' }, leaver.accessToken);

    const wrong = await server.graphql('mutation { deleteAccount(password: "not my password 1") }', {}, leaver.accessToken);
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    const done = await server.graphql('mutation { deleteAccount(password: "correct horse 42") }', {}, leaver.accessToken);
    expect(done.data!.deleteAccount).toBe(true);

    const kept = await server.graphql('query($id: ID!) { composition(id: $id) { title owner { username } } }', { id: open.id });
    expect(kept.data!.composition).toEqual({ title: 'Stays', owner: null });
    expect(await server.app.prisma.composition.count({ where: { id: { in: [hidden.id, unlisted.id].map((id) => Number(Buffer.from(id, 'base64url').toString().split(':')[1])) } } })).toBe(0);
    expect(errorCode(await server.graphql('{ viewer { username } }', {}, leaver.accessToken))).toBeUndefined();
    expect((await server.graphql('{ viewer { username } }', {}, leaver.accessToken)).data!.viewer).toBeNull();
    expect(errorCode(await server.graphql('mutation { logOut }', {}, leaver.accessToken))).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.graphql('mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }', { t: leaver.refreshToken }))).toBe('UNAUTHENTICATED');
    const relogin = await server.graphql('mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }', { input: { login: leaver.username, password: 'correct horse 42' } });
    expect(errorCode(relogin)).toBe('UNAUTHENTICATED');
  });
});

describe('compositionChanged', () => {
  const SUBSCRIBE = 'subscription($id: ID!) { compositionChanged(id: $id) { version changedFields author { username } composition { title visibility } } }';

  function listen(token: string | undefined, id: string, url = server.url) {
    const client = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    });
    const events: any[] = [];
    const errors: unknown[] = [];
    const ended = new Promise<void>((resolve) => {
      client.subscribe({ query: SUBSCRIBE, variables: { id } }, { next: (value) => events.push(value), error: (e) => (errors.push(e), resolve()), complete: resolve });
    });
    return { events, errors, ended, close: () => client.dispose() };
  }

  const until = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  };

  it('streams every accepted change to everyone who may see the piece, across server instances', async () => {
    const piece = await create({ title: 'Live' });
    const other = await startTestServer();
    const ownerStream = listen(owner.accessToken, piece.id);
    const strangerStream = listen(stranger.accessToken, piece.id, other.url);
    try {
      await new Promise((r) => setTimeout(r, 300));
      await server.graphql(UPDATE, { id: piece.id, patch: { title: 'Live, take 2' }, v: 1 }, owner.accessToken);
      await until(() => ownerStream.events.length > 0 && strangerStream.events.length > 0);
      for (const stream of [ownerStream, strangerStream]) {
        expect(stream.events[0].data.compositionChanged).toEqual({
          version: 2,
          changedFields: ['title'],
          author: { username: owner.username },
          composition: { title: 'Live, take 2', visibility: 'PUBLIC' },
        });
      }
      // Going private: the owner still hears it, the stranger's stream hears nothing more.
      await other.graphql(UPDATE, { id: piece.id, patch: { visibility: 'PRIVATE' }, v: 2 }, owner.accessToken);
      await until(() => ownerStream.events.length > 1);
      await new Promise((r) => setTimeout(r, 200));
      expect(ownerStream.events[1].data.compositionChanged.changedFields).toEqual(['visibility']);
      expect(strangerStream.events).toHaveLength(1);
    } finally {
      await ownerStream.close();
      await strangerStream.close();
      await other.close();
    }
  });

  it('refuses to stream a piece the subscriber may not see', async () => {
    const hidden = await create({ visibility: 'PRIVATE' });
    const stream = listen(stranger.accessToken, hidden.id);
    await stream.ended;
    await stream.close();
    // graphql-ws delivers a refused subscription as one result carrying the error, then completes.
    expect(stream.events).toHaveLength(1);
    expect(stream.events[0].data).toBeFalsy();
    expect(stream.events[0].errors[0].extensions.code).toBe('NOT_FOUND');
  });
});
