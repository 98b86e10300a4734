import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let alice: Awaited<ReturnType<TestServer['signUp']>>;
let bob: Awaited<ReturnType<TestServer['signUp']>>;

beforeAll(async () => {
  server = await startTestServer();
  alice = await server.signUp('alice');
  bob = await server.signUp('bob');
});

afterAll(async () => {
  await server.close();
});

async function create(token: string, visibility = 'PUBLIC') {
  const response = await server.graphql('mutation($input: ComposeInput!) { createComposition(input: $input) { id } }', { input: { route: { from: 'LHR', to: 'JFK' }, visibility } }, token);
  return response.data!.createComposition.id as string;
}

const PROFILE = 'query($u: String!) { user(username: $u) { followerCount followingCount compositionCount likesReceived viewerFollows } }';

describe('likes', () => {
  it('are idempotent: 20 concurrent likes by one person count once; unlike takes it back', async () => {
    const id = await create(alice.accessToken);
    const likes = await Promise.all(Array.from({ length: 20 }, () => server.graphql('mutation($id: ID!) { likeComposition(id: $id) { likeCount viewerHasLiked } }', { id }, bob.accessToken)));
    expect(likes.every((r) => r.errors === undefined)).toBe(true);
    const state = await server.graphql('query($id: ID!) { composition(id: $id) { likeCount viewerHasLiked } }', { id }, bob.accessToken);
    expect(state.data!.composition).toEqual({ likeCount: 1, viewerHasLiked: true });
    const anonymous = await server.graphql('query($id: ID!) { composition(id: $id) { likeCount viewerHasLiked } }', { id });
    expect(anonymous.data!.composition).toEqual({ likeCount: 1, viewerHasLiked: false });

    const unliked = await server.graphql('mutation($id: ID!) { unlikeComposition(id: $id) { likeCount viewerHasLiked } }', { id }, bob.accessToken);
    expect(unliked.data!.unlikeComposition).toEqual({ likeCount: 0, viewerHasLiked: false });
    await server.graphql('mutation($id: ID!) { unlikeComposition(id: $id) { id } }', { id }, bob.accessToken);
    expect((await server.graphql('query($id: ID!) { composition(id: $id) { likeCount } }', { id })).data!.composition.likeCount).toBe(0);
  });

  it('need a signed-in person and a piece they may see', async () => {
    const open = await create(alice.accessToken);
    expect(errorCode(await server.graphql('mutation($id: ID!) { likeComposition(id: $id) { id } }', { id: open }))).toBe('UNAUTHENTICATED');
    const hidden = await create(alice.accessToken, 'PRIVATE');
    expect(errorCode(await server.graphql('mutation($id: ID!) { likeComposition(id: $id) { id } }', { id: hidden }, bob.accessToken))).toBe('NOT_FOUND');
  });
});

describe('follows and profile counts', () => {
  it('follow and unfollow are idempotent and show in both profiles', async () => {
    await server.graphql('mutation($u: String!) { follow(username: $u) { username } }', { u: alice.username }, bob.accessToken);
    const twice = await server.graphql('mutation($u: String!) { follow(username: $u) { followerCount viewerFollows } }', { u: alice.username }, bob.accessToken);
    expect(twice.data!.follow).toEqual({ followerCount: 1, viewerFollows: true });
    expect((await server.graphql(PROFILE, { u: bob.username })).data!.user.followingCount).toBe(1);

    const open = await create(alice.accessToken);
    await create(alice.accessToken, 'PRIVATE');
    await server.graphql('mutation($id: ID!) { likeComposition(id: $id) { id } }', { id: open }, bob.accessToken);
    const profile = (await server.graphql(PROFILE, { u: alice.username }, bob.accessToken)).data!.user;
    expect(profile.followerCount).toBe(1);
    expect(profile.viewerFollows).toBe(true);
    expect(profile.likesReceived).toBeGreaterThanOrEqual(1);
    const publicPieces = await server.app.prisma.composition.count({ where: { owner: { username: alice.username }, visibility: 'PUBLIC' } });
    expect(profile.compositionCount).toBe(publicPieces);

    const unfollowed = await server.graphql('mutation($u: String!) { unfollow(username: $u) { followerCount viewerFollows } }', { u: alice.username }, bob.accessToken);
    expect(unfollowed.data!.unfollow).toEqual({ followerCount: 0, viewerFollows: false });
  });

  it('refuses following yourself or nobody', async () => {
    expect(errorCode(await server.graphql('mutation($u: String!) { follow(username: $u) { id } }', { u: alice.username }, alice.accessToken))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.graphql('mutation { follow(username: "no_such_person_here") { id } }', {}, alice.accessToken))).toBe('NOT_FOUND');
    expect(errorCode(await server.graphql('mutation($u: String!) { follow(username: $u) { id } }', { u: alice.username }))).toBe('UNAUTHENTICATED');
  });
});

describe('remixes', () => {
  const REMIX =
    'mutation($id: ID!, $input: RemixInput) { remixComposition(id: $id, input: $input) { id title kind theme { id } tempoBpm attribution owner { username } parent { id } lineage { id } airports { iata } midi } }';

  it("makes a new piece from the same flight with the remixer's changes, credited to the original", async () => {
    const original = await create(alice.accessToken);
    const remix = await server.graphql(REMIX, { id: original, input: { theme: 'jazz', tempoBpm: 120, title: 'Blue Atlantic' } }, bob.accessToken);
    expect(remix.errors).toBeUndefined();
    const piece = remix.data!.remixComposition;
    expect(piece).toMatchObject({ title: 'Blue Atlantic', kind: 'ROUTE', theme: { id: 'jazz' }, tempoBpm: 120, owner: { username: bob.username }, parent: { id: original } });
    expect(piece.airports.map((a: { iata: string }) => a.iata)).toEqual(['LHR', 'JFK']);
    expect(piece.attribution).toMatch(/^Remix of ".*" by alice_\w+ \(CC BY 4\.0\)$/);

    const again = await server.graphql(REMIX, { id: piece.id }, alice.accessToken);
    expect(again.data!.remixComposition.lineage.map((p: { id: string }) => p.id)).toEqual([piece.id, original]);
    const remixes = await server.graphql('query($id: ID!) { composition(id: $id) { remixes(first: 10) { totalCount nodes { id } } } }', { id: original });
    expect(remixes.data!.composition.remixes.nodes.map((n: { id: string }) => n.id)).toEqual([piece.id]);

    // The credit outlives the original.
    await server.graphql('mutation($id: ID!) { deleteComposition(id: $id) }', { id: original }, alice.accessToken);
    const orphan = await server.graphql('query($id: ID!) { composition(id: $id) { parent { id } attribution } }', { id: piece.id });
    expect(orphan.data!.composition.parent).toBeNull();
    expect(orphan.data!.composition.attribution).toBe(piece.attribution);
  });

  it('respects the licence and visibility of the original', async () => {
    const reserved = await server.graphql('mutation { createComposition(input: { route: { from: "LHR", to: "JFK" }, license: ALL_RIGHTS_RESERVED }) { id } }', {}, alice.accessToken);
    const id = reserved.data!.createComposition.id;
    expect(errorCode(await server.graphql(REMIX, { id }, bob.accessToken))).toBe('FORBIDDEN');
    expect((await server.graphql(REMIX, { id }, alice.accessToken)).errors).toBeUndefined();
    const hidden = await create(alice.accessToken, 'PRIVATE');
    expect(errorCode(await server.graphql(REMIX, { id: hidden }, bob.accessToken))).toBe('NOT_FOUND');
    expect(errorCode(await server.graphql(REMIX, { id: hidden }))).toBe('UNAUTHENTICATED');
  });
});

describe('plays', () => {
  it('count each listener once per piece per hour', async () => {
    const id = await create(alice.accessToken);
    const play = (token?: string) => server.graphql('mutation($id: ID!) { recordPlay(id: $id) { playCount } }', { id }, token);
    expect((await play(bob.accessToken)).data!.recordPlay.playCount).toBe(1);
    expect((await play(bob.accessToken)).data!.recordPlay.playCount).toBe(1);
    expect((await play(alice.accessToken)).data!.recordPlay.playCount).toBe(2);
    expect((await play()).data!.recordPlay.playCount).toBe(3);
    expect((await play()).data!.recordPlay.playCount).toBe(3);
    const hidden = await create(alice.accessToken, 'PRIVATE');
    expect(errorCode(await server.graphql('mutation($id: ID!) { recordPlay(id: $id) { playCount } }', { id: hidden }, bob.accessToken))).toBe('NOT_FOUND');
  });
});

describe('comments', () => {
  const ADD = 'mutation($input: AddCommentInput!) { addComment(input: $input) { id body atSecond author { username } } }';
  const LIST = 'query($id: ID!) { composition(id: $id) { comments(first: 10) { totalCount nodes { id body atSecond author { username } replies { body author { username } } } } } }';

  it('comment at a moment, reply one level deep, edit and delete own; others cannot', async () => {
    const piece = await create(alice.accessToken);
    const first = await server.graphql(ADD, { input: { compositionId: piece, body: 'That climb at the bulge!', atSecond: 12.5 } }, bob.accessToken);
    expect(first.data!.addComment).toMatchObject({ body: 'That climb at the bulge!', atSecond: 12.5, author: { username: bob.username } });
    const commentId = first.data!.addComment.id;
    const reply = await server.graphql(ADD, { input: { compositionId: piece, body: 'Thanks!', replyTo: commentId } }, alice.accessToken);
    // A reply to a reply attaches to the same top-level comment.
    await server.graphql(ADD, { input: { compositionId: piece, body: 'Agreed', replyTo: reply.data!.addComment.id } }, bob.accessToken);

    const listed = await server.graphql(LIST, { id: piece });
    expect(listed.data!.composition.comments.totalCount).toBe(1);
    expect(listed.data!.composition.comments.nodes[0].replies.map((r: { body: string }) => r.body)).toEqual(['Thanks!', 'Agreed']);

    expect(errorCode(await server.graphql('mutation($id: ID!) { editComment(id: $id, body: "hijack") { id } }', { id: commentId }, alice.accessToken))).toBe('FORBIDDEN');
    const edited = await server.graphql('mutation($id: ID!) { editComment(id: $id, body: "That climb!") { body editedAt } }', { id: commentId }, bob.accessToken);
    expect(edited.data!.editComment.body).toBe('That climb!');
    expect(edited.data!.editComment.editedAt).not.toBeNull();
    expect(errorCode(await server.graphql('mutation($id: ID!) { deleteComment(id: $id) }', { id: commentId }, alice.accessToken))).toBe('FORBIDDEN');
    expect((await server.graphql('mutation($id: ID!) { deleteComment(id: $id) }', { id: commentId }, bob.accessToken)).data!.deleteComment).toBe(commentId);
    expect((await server.graphql(LIST, { id: piece })).data!.composition.comments.totalCount).toBe(0);
  });

  it('refuses a moment outside the piece, an empty body, a hidden piece and anonymous authors', async () => {
    const piece = await create(alice.accessToken);
    expect(errorCode(await server.graphql(ADD, { input: { compositionId: piece, body: 'late', atSecond: 299 } }, bob.accessToken))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.graphql(ADD, { input: { compositionId: piece, body: '' } }, bob.accessToken))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.graphql(ADD, { input: { compositionId: piece, body: 'hi' } }))).toBe('UNAUTHENTICATED');
    const hidden = await create(alice.accessToken, 'PRIVATE');
    expect(errorCode(await server.graphql(ADD, { input: { compositionId: hidden, body: 'hi' } }, bob.accessToken))).toBe('NOT_FOUND');
    const own = await server.graphql(ADD, { input: { compositionId: hidden, body: 'note to self' } }, alice.accessToken);
    const id = own.data!.addComment.id;
    expect((await server.graphql('query($id: ID!) { node(id: $id) { id } }', { id }, bob.accessToken)).data!.node).toBeNull();
    expect((await server.graphql('query($id: ID!) { node(id: $id) { ... on Comment { body } } }', { id }, alice.accessToken)).data!.node.body).toBe('note to self');
  });
});

describe('feed', () => {
  const FEED = 'query($after: String) { feed(first: 5, after: $after) { nodes { id owner { username } } pageInfo { hasNextPage endCursor } } }';

  it('shows recent public pieces of the people you follow, newest first, and nothing private', async () => {
    const reader = await server.signUp('reader');
    const maker = await server.signUp('maker');
    const older = await create(maker.accessToken);
    const newer = await create(maker.accessToken);
    await create(maker.accessToken, 'PRIVATE');
    await create(maker.accessToken, 'UNLISTED');
    await server.graphql('mutation($u: String!) { follow(username: $u) { id } }', { u: maker.username }, reader.accessToken);
    const feed = await server.graphql(FEED, {}, reader.accessToken);
    expect(feed.data!.feed.nodes.map((n: { id: string }) => n.id)).toEqual([newer, older]);
  });

  it('falls back to trending when following nobody: liked and fresh first, pages without repeats', async () => {
    const lonely = await server.signUp('lonely');
    const fans = await Promise.all([server.signUp('fan'), server.signUp('fan'), server.signUp('fan')]);
    const hit = await create(alice.accessToken);
    for (const fan of fans) await server.graphql('mutation($id: ID!) { likeComposition(id: $id) { id } }', { id: hit }, fan.accessToken);
    const first = await server.graphql(FEED, {}, lonely.accessToken);
    expect(first.data!.feed.nodes[0].id).toBe(hit);
    const anonymous = await server.graphql(FEED, {});
    expect(anonymous.data!.feed.nodes[0].id).toBe(hit);

    const seen = new Set<string>();
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const response: any = await server.graphql(FEED, { after }, lonely.accessToken);
      for (const node of response.data.feed.nodes) {
        expect(seen.has(node.id)).toBe(false);
        seen.add(node.id);
      }
      if (!response.data.feed.pageInfo.hasNextPage) break;
      after = response.data.feed.pageInfo.endCursor;
    }
    expect(seen.size).toBeGreaterThan(5);
  });
});

describe('profiles', () => {
  it('edit display name and bio; list all own pieces to oneself, public ones to others', async () => {
    const person = await server.signUp('profile');
    const updated = await server.graphql('mutation { updateProfile(input: { displayName: "Ada L.", bio: "Maps and music" }) { displayName bio } }', {}, person.accessToken);
    expect(updated.data!.updateProfile).toEqual({ displayName: 'Ada L.', bio: 'Maps and music' });
    expect(errorCode(await server.graphql('mutation { updateProfile(input: { bio: "x" }) { bio } }'))).toBe('UNAUTHENTICATED');
    const open = await create(person.accessToken);
    const hidden = await create(person.accessToken, 'PRIVATE');
    const list = 'query($u: String!) { user(username: $u) { compositions(first: 10) { totalCount nodes { id } } } }';
    const own = (await server.graphql(list, { u: person.username }, person.accessToken)).data!.user.compositions;
    expect(own.nodes.map((n: { id: string }) => n.id)).toEqual([hidden, open]);
    const seen = (await server.graphql(list, { u: person.username }, bob.accessToken)).data!.user.compositions;
    expect(seen).toEqual({ totalCount: 1, nodes: [{ id: open }] });
  });
});
