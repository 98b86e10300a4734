import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../support/server.js';
import { bearer, post, startProductionServer } from './support.js';

/**
 * Found: a signed-out request for a PRIVATE piece cached `null` in the shared entry, so for 30 s
 * the owner and collaborators got `null` for their own piece (the same for theme(id) and
 * themes(filter: { scope: MINE })); the owner's answer went out `public`; the MIDI of a private
 * piece fetched with a token said `public, max-age=86400`. Replayed here in production mode.
 */
let server: TestServer;
type Person = Awaited<ReturnType<TestServer['signUp']>>;
let owner: Person;
let editor: Person;
let stranger: Person;
let pieceId: string;

const PIECE = 'query($id: ID!) { composition(id: $id) { id title } }';
const NODE = 'query($id: ID!) { node(id: $id) { id ... on Composition { title } } }';

beforeAll(async () => {
  server = await startProductionServer();
  owner = await server.signUp('secretowner');
  editor = await server.signUp('secreteditor');
  stranger = await server.signUp('secretstranger');
  pieceId = (await server.graphql('mutation { createComposition(input: { route: { from: "AMS", to: "OSL" }, visibility: PRIVATE, title: "Mine" }) { id } }', {}, owner.accessToken)).data!
    .createComposition.id;
  await server.graphql('mutation($id: ID!, $u: String!) { inviteCollaborator(compositionId: $id, username: $u, role: VIEWER) { id } }', { id: pieceId, u: editor.username }, owner.accessToken);
});

afterAll(async () => {
  await server?.close();
});

describe('a stranger asking first does not hide a piece from those who may see it', () => {
  for (const [name, query] of [
    ['composition(id)', PIECE],
    ['node(id)', NODE],
  ] as const) {
    it(`${name}: signed out and a stranger get null twice; owner and collaborator still get the piece`, async () => {
      const field = name.startsWith('node') ? 'node' : 'composition';
      for (let i = 0; i < 2; i++) {
        expect((await post(server, query, { id: pieceId })).body.data[field]).toBeNull();
        expect((await post(server, query, { id: pieceId }, bearer(stranger.accessToken))).body.data[field]).toBeNull();
      }
      for (const person of [owner, editor]) {
        const answer = await post(server, query, { id: pieceId }, bearer(person.accessToken));
        expect(answer.body.data[field]).toEqual({ id: pieceId, title: 'Mine' });
      }
    });
  }

  it('theme(id) and themes(filter: { scope: MINE }): a stranger first, then the designer sees their theme', async () => {
    const theme = (
      await server.graphql('mutation($input: ThemeInput!) { createTheme(input: $input) { id } }', { input: { name: 'Hidden Harbour', basedOn: 'ambient', visibility: 'PRIVATE' } }, owner.accessToken)
    ).data!.createTheme;
    const ONE = 'query($id: String!) { theme(id: $id) { id name } }';
    const MINE = '{ themes(filter: { scope: MINE }) { id } }';
    for (let i = 0; i < 2; i++) {
      expect((await post(server, ONE, { id: theme.id })).body.data.theme).toBeNull();
      expect((await post(server, ONE, { id: theme.id }, bearer(stranger.accessToken))).body.data.theme).toBeNull();
      expect((await post(server, MINE, {}, bearer(stranger.accessToken))).body.data.themes).toEqual([]);
      await post(server, MINE);
    }
    expect((await post(server, ONE, { id: theme.id }, bearer(owner.accessToken))).body.data.theme).toEqual({ id: theme.id, name: 'Hidden Harbour' });
    expect((await post(server, MINE, {}, bearer(owner.accessToken))).body.data.themes.map((t: { id: string }) => t.id)).toContain(theme.id);
  });
});

describe('headers tell the truth', () => {
  it('answers about a piece are private (with Vary); reference answers public', async () => {
    for (let i = 0; i < 2; i++) {
      const mine = await post(server, PIECE, { id: pieceId }, bearer(owner.accessToken));
      expect(mine.headers.get('cache-control')).toMatch(/^(max-age=\d+, private|no-store)$/);
      const anonymous = await post(server, PIECE, { id: pieceId });
      expect(anonymous.headers.get('cache-control')).toMatch(/^(max-age=\d+, private|no-store)$/);
    }
    const mine = await post(server, PIECE, { id: pieceId }, bearer(owner.accessToken));
    expect(mine.headers.get('vary')).toMatch(/Authorization/);
    expect(mine.headers.get('vary')).toMatch(/x-api-key/);
    const reference = await post(server, '{ airport(code: "OSL") { name } }');
    expect(reference.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
  });

  it('the MIDI of a piece that is not PUBLIC is no-store; of a PUBLIC one, public', async () => {
    const privateMidi = await fetch(`${server.url}/compositions/${pieceId}.mid`, { headers: bearer(owner.accessToken) });
    expect(privateMidi.status).toBe(200);
    expect(privateMidi.headers.get('cache-control')).toBe('no-store');
    const unlisted = (await server.graphql('mutation { createComposition(input: { route: { from: "AMS", to: "BCN" }, visibility: UNLISTED }) { id } }', {}, owner.accessToken)).data!.createComposition
      .id;
    expect((await fetch(`${server.url}/compositions/${unlisted}.mid`)).headers.get('cache-control')).toBe('no-store');
    const open = (await server.graphql('mutation { createComposition(input: { route: { from: "AMS", to: "MAD" } }) { id } }', {}, owner.accessToken)).data!.createComposition.id;
    expect((await fetch(`${server.url}/compositions/${open}.mid`)).headers.get('cache-control')).toBe('public, max-age=86400');
  });
});
