/** SDK cases for the community, themes, exports, accounts and discovery operations (see sdk-operations.test.ts). */
import { expect } from 'vitest';
import { createAeroMelodyClient, type OperationName } from '../../../sdk/src/index.js';
import { collect, rejection, savedPiece, type SdkContext } from './context.js';

type Cases = Partial<Record<OperationName, () => Promise<void>>>;

/** similarRoutes answers SERVICE_UNAVAILABLE until its index has loaded (in the background after start). */
async function whenSimilarityReady<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt > 200 || (error as { code?: string }).code !== 'SERVICE_UNAVAILABLE') throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export function communityCases(context: SdkContext): Cases {
  const { member } = context;
  const client = member.client;
  return {
    async Airline() {
      const { airline } = await client.airline({ code: 'LX' });
      expect(airline).toMatchObject({ iata: 'LX', country: 'Switzerland' });
    },
    async Airlines() {
      const { airlines } = await client.airlines({ first: 3 });
      expect(airlines.edges).toHaveLength(3);
      expect(airlines.totalCount).toBeGreaterThan(1000);
    },
    async Airports() {
      const { airports } = await client.airports({ country: 'Switzerland', first: 5 });
      expect(airports.edges.length).toBeGreaterThan(0);
      for (const { node } of airports.edges) expect(node.country).toBe('Switzerland');
    },
    async Node() {
      const id = (await client.airport({ code: 'ZRH' })).airport!.id;
      const { node } = await client.node({ id });
      expect(node).toMatchObject({ __typename: 'Airport', id, iata: 'ZRH' });
    },
    async Nodes() {
      const airport = (await client.airport({ code: 'ZRH' })).airport!.id;
      const piece = await savedPiece(member);
      const { nodes } = await client.nodes({ ids: [airport, 'jazz', piece.id, 'custom-999999999'] });
      expect(nodes.map((node) => node?.__typename ?? null)).toEqual(['Airport', 'Theme', 'Composition', null]);
      expect(nodes[1]).toMatchObject({ id: 'jazz', name: expect.any(String) });
      const tooMany = Array.from({ length: 101 }, () => airport);
      expect((await rejection(client.nodes({ ids: tooMany }))).code).toBe('BAD_USER_INPUT');
    },
    async RadioChannels() {
      const { radioChannels } = await client.radioChannels();
      expect(Array.isArray(radioChannels)).toBe(true);
    },
    async LiveRadio() {
      const [batch] = await collect(client.liveRadio('ZRH'), 1);
      expect(batch.piece.airports[0]).toBe('ZRH');
      expect(batch.events.length).toBeGreaterThan(0);
    },
    async Theme() {
      const { theme } = await client.theme({ id: 'jazz' });
      expect(theme).toMatchObject({ id: 'jazz', builtIn: true, owner: null });
      expect(theme!.instruments.length).toBeGreaterThan(0);
    },
    async CreateTheme() {
      const { createTheme } = await client.createTheme({ input: { basedOn: 'jazz', name: 'SDK swing', tempoMin: 90, tempoMax: 120, visibility: 'PRIVATE' } });
      expect(createTheme).toMatchObject({ name: 'SDK swing', builtIn: false, tempoMin: 90, owner: { username: member.username } });
    },
    async UpdateTheme() {
      const { createTheme } = await client.createTheme({ input: { basedOn: 'ambient', name: 'SDK drift' } });
      const { updateTheme } = await client.updateTheme({ id: createTheme.id, input: { name: 'SDK drift 2' } });
      expect(updateTheme).toMatchObject({ id: createTheme.id, name: 'SDK drift 2' });
    },
    async DeleteTheme() {
      const { createTheme } = await client.createTheme({ input: { basedOn: 'rock', name: 'SDK gone' } });
      expect((await client.deleteTheme({ id: createTheme.id })).deleteTheme).toBe(createTheme.id);
      expect((await client.theme({ id: createTheme.id })).theme).toBeNull();
    },
    async DeleteComposition() {
      const piece = await savedPiece(member);
      expect((await client.deleteComposition({ id: piece.id })).deleteComposition).toBe(piece.id);
      expect((await client.composition({ id: piece.id })).composition).toBeNull();
    },
    async RemixComposition() {
      const original = await savedPiece(member);
      const other = await context.person();
      const { remixComposition } = await other.client.remixComposition({ id: original.id, input: { tempoBpm: 150 } });
      expect(remixComposition).toMatchObject({ tempoBpm: 150, parent: { id: original.id }, owner: { username: other.username } });
      expect(remixComposition.attribution).toContain(member.username);
    },
    async Remixes() {
      const original = await savedPiece(member);
      const remix = (await client.remixComposition({ id: original.id, input: { variation: 7 } })).remixComposition;
      const { composition } = await client.remixes({ id: original.id, first: 10 });
      expect(composition!.remixes.edges.map((edge) => edge.node.id)).toEqual([remix.id]);
    },
    async LikeComposition() {
      const piece = await savedPiece(member);
      const fan = await context.person();
      expect((await fan.client.likeComposition({ id: piece.id })).likeComposition).toMatchObject({ likeCount: 1, viewerHasLiked: true });
    },
    async UnlikeComposition() {
      const piece = await savedPiece(member);
      await client.likeComposition({ id: piece.id });
      expect((await client.unlikeComposition({ id: piece.id })).unlikeComposition).toMatchObject({ likeCount: 0, viewerHasLiked: false });
    },
    async RecordPlay() {
      const piece = await savedPiece(member);
      expect((await client.recordPlay({ id: piece.id })).recordPlay.playCount).toBe(1);
    },
    async AddComment() {
      const piece = await savedPiece(member);
      const { addComment } = await client.addComment({ input: { compositionId: piece.id, body: 'Lovely climb', atSecond: 2 } });
      expect(addComment).toMatchObject({ body: 'Lovely climb', atSecond: 2, author: { username: member.username } });
    },
    async EditComment() {
      const piece = await savedPiece(member);
      const { addComment } = await client.addComment({ input: { compositionId: piece.id, body: 'Frist' } });
      const { editComment } = await client.editComment({ id: addComment.id, body: 'First' });
      expect(editComment.body).toBe('First');
      expect(editComment.editedAt).not.toBeNull();
    },
    async DeleteComment() {
      const piece = await savedPiece(member);
      const { addComment } = await client.addComment({ input: { compositionId: piece.id, body: 'Oops' } });
      expect((await client.deleteComment({ id: addComment.id })).deleteComment).toBe(addComment.id);
    },
    async Comments() {
      const piece = await savedPiece(member);
      const top = (await client.addComment({ input: { compositionId: piece.id, body: 'Top' } })).addComment;
      await client.addComment({ input: { compositionId: piece.id, body: 'Reply', replyTo: top.id } });
      const { composition } = await client.comments({ compositionId: piece.id, first: 10 });
      expect(composition!.comments.edges.map((edge) => edge.node.body)).toEqual(['Top']);
      expect(composition!.comments.edges[0].node.replies.map((reply) => reply.body)).toEqual(['Reply']);
    },
    async InviteCollaborator() {
      const piece = await savedPiece(member);
      const friend = await context.person();
      const { inviteCollaborator } = await client.inviteCollaborator({ compositionId: piece.id, username: friend.username, role: 'EDITOR' });
      expect(inviteCollaborator.collaborators).toEqual([{ role: 'EDITOR', user: expect.objectContaining({ username: friend.username }) }]);
    },
    async RemoveCollaborator() {
      const piece = await savedPiece(member);
      const friend = await context.person();
      await client.inviteCollaborator({ compositionId: piece.id, username: friend.username, role: 'VIEWER' });
      expect((await client.removeCollaborator({ compositionId: piece.id, username: friend.username })).removeCollaborator.collaborators).toEqual([]);
    },
    async Presence() {
      const piece = await savedPiece(member);
      // Watching the piece is being present; aborting ends the watch (a pending next() blocks return()).
      const watching = new AbortController();
      const pending = client.compositionChanged({ id: piece.id }, { signal: watching.signal }).next();
      let present: string[] = [];
      for (let attempt = 0; attempt < 40 && !present.includes(member.username); attempt++) {
        present = (await client.presence({ id: piece.id })).presence.map((user) => user.username);
        if (!present.includes(member.username)) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      watching.abort();
      expect((await pending).done).toBe(true);
      expect(present).toContain(member.username);
    },
    async User() {
      const { user } = await client.user({ username: member.username });
      expect(user).toMatchObject({ username: member.username, role: 'USER' });
    },
    async UserCompositions() {
      const person = await context.person();
      const piece = await savedPiece(person);
      const { user } = await client.userCompositions({ username: person.username, first: 5 });
      expect(user!.compositions.edges.map((edge) => edge.node.id)).toEqual([piece.id]);
    },
    async UpdateProfile() {
      const { updateProfile } = await client.updateProfile({ input: { bio: 'Flies by ear' } });
      expect(updateProfile.bio).toBe('Flies by ear');
    },
    async Follow() {
      const star = await context.person();
      expect((await client.follow({ username: star.username })).follow).toMatchObject({ username: star.username, viewerFollows: true, followerCount: 1 });
    },
    async Unfollow() {
      const star = await context.person();
      await client.follow({ username: star.username });
      expect((await client.unfollow({ username: star.username })).unfollow).toMatchObject({ viewerFollows: false, followerCount: 0 });
    },
    async Feed() {
      const star = await context.person();
      const fan = await context.person();
      const piece = await savedPiece(star);
      await fan.client.follow({ username: star.username });
      const { feed } = await fan.client.feed({ first: 5 });
      expect(feed.edges.map((edge) => edge.node.id)).toContain(piece.id);
    },
    async Recommendations() {
      const { recommendations } = await client.recommendations({ first: 3 });
      expect(recommendations.length).toBeLessThanOrEqual(3);
    },
    async SimilarCompositions() {
      const piece = await savedPiece(member);
      const { composition } = await whenSimilarityReady(() => client.similarCompositions({ id: piece.id, first: 3 }));
      expect(composition!.similar.length).toBeLessThanOrEqual(3);
      for (const match of composition!.similar) expect(match.composition.id).not.toBe(piece.id);
    },
    async SimilarRoutes() {
      const { similarRoutes } = await whenSimilarityReady(() => client.similarRoutes({ from: 'JFK', to: 'LAX', first: 3 }));
      expect(similarRoutes).toHaveLength(3);
      expect(similarRoutes[0].score).toBeGreaterThanOrEqual(similarRoutes[2].score);
    },
    async RequestExport() {
      const person = await context.person();
      const piece = await savedPiece(person);
      const { requestExport } = await person.client.requestExport({ compositionId: piece.id, format: 'WAV' });
      expect(['QUEUED', 'RENDERING', 'DONE']).toContain(requestExport.status);
      expect((await rejection(person.client.requestExport({ compositionId: piece.id, format: 'FLAC' }))).code).toBe('PREMIUM_REQUIRED');
    },
    async Export() {
      const person = await context.person();
      const piece = await savedPiece(person);
      const { requestExport } = await person.client.requestExport({ compositionId: piece.id, format: 'WAV' });
      expect((await person.client.export({ id: requestExport.id })).export).toMatchObject({ id: requestExport.id, format: 'WAV' });
      expect((await client.export({ id: requestExport.id })).export).toBeNull();
    },
    async ExportProgress() {
      const person = await context.person();
      const piece = await savedPiece(person);
      const { requestExport } = await person.client.requestExport({ compositionId: piece.id, format: 'WAV' });
      const updates = await collect(person.client.exportProgress({ id: requestExport.id }));
      expect(updates.at(-1)!.exportProgress).toMatchObject({ id: requestExport.id, status: 'DONE', progress: 1 });
    },
    async GrantPremium() {
      const admin = await context.person('ADMIN', 'sdk_admin');
      const person = await context.person();
      expect((await admin.client.grantPremium({ username: person.username })).grantPremium).toMatchObject({ username: person.username });
      expect((await person.client.viewer()).viewer).toMatchObject({ username: person.username });
      expect((await rejection(client.grantPremium({ username: person.username }))).code).toBe('FORBIDDEN');
    },
    async CacheStats() {
      const admin = await context.person('ADMIN', 'sdk_admin');
      expect(Array.isArray((await admin.client.cacheStats()).cacheStats.layers)).toBe(true);
    },
    async RefreshSession() {
      const person = await context.server.signUp('sdk');
      const { refreshSession } = await createAeroMelodyClient({ url: context.endpoint }).refreshSession({ refreshToken: person.refreshToken });
      expect(refreshSession.user.username).toBe(person.username);
      expect(refreshSession.refreshToken).not.toBe(person.refreshToken);
    },
    async LogOut() {
      const person = await context.person();
      expect((await person.client.logOut()).logOut).toBe(true);
      expect((await rejection(person.client.updateProfile({ input: { bio: 'x' } }))).code).toBe('UNAUTHENTICATED');
    },
    async DeleteAccount() {
      const person = await context.person();
      expect((await person.client.deleteAccount({ password: 'correct horse 42' })).deleteAccount).toBe(true);
      expect((await client.user({ username: person.username })).user).toBeNull();
    },
  };
}
