/** SDK cases for the contest, partner and analytics operations (see sdk-operations.test.ts). */
import { expect } from 'vitest';
import type { OperationName } from '../../../sdk/src/index.js';
import { firstWhile, minutesFromNow, openContest, rejection, savedPiece, startVoting, type SdkContext } from './context.js';

type Cases = Partial<Record<OperationName, () => Promise<void>>>;

export function contestCases(context: SdkContext): Cases {
  const { member } = context;
  const client = member.client;

  /** An open contest with one entry by the member. */
  async function enteredContest() {
    const { organiser, contest } = await openContest(context);
    const piece = await savedPiece(member);
    const { submitEntry } = await client.submitEntry({ contestId: contest.id, compositionId: piece.id });
    return { organiser, contest, entry: submitEntry, piece };
  }

  return {
    async CreateContest() {
      const { contest, organiser } = await openContest(context);
      expect(contest).toMatchObject({ title: 'SDK night flights', status: 'OPEN', rules: { minAccountAgeHours: 0, entriesPerPerson: 1 } });
      expect(
        (
          await rejection(
            client.createContest({
              input: { title: 'Nope', submissionsOpenAt: minutesFromNow(1), submissionsCloseAt: minutesFromNow(2), votingOpenAt: minutesFromNow(2), votingCloseAt: minutesFromNow(3) },
            }),
          )
        ).code,
      ).toBe('FORBIDDEN');
      expect(organiser.username).toMatch(/^sdk_org_/);
    },
    async UpdateContest() {
      const organiser = await context.person('PARTNER', 'sdk_org');
      const { createContest } = await organiser.client.createContest({
        input: { title: 'Draft', submissionsOpenAt: minutesFromNow(60), submissionsCloseAt: minutesFromNow(120), votingOpenAt: minutesFromNow(120), votingCloseAt: minutesFromNow(180) },
      });
      expect(createContest.status).toBe('DRAFT');
      const { updateContest } = await organiser.client.updateContest({ id: createContest.id, input: { title: 'Final title', votesPerVoter: 5 } });
      expect(updateContest).toMatchObject({ title: 'Final title', rules: { votesPerVoter: 5 } });
    },
    async ExtendContest() {
      const { contest } = await openContest(context);
      const admin = await context.person('ADMIN', 'sdk_admin');
      const later = minutesFromNow(60);
      const { extendContest } = await admin.client.extendContest({ id: contest.id, votingCloseAt: later });
      expect(Date.parse(extendContest.votingCloseAt)).toBe(Date.parse(later));
    },
    async CloseContest() {
      const { contest } = await enteredContest();
      await startVoting(context, contest.id);
      const admin = await context.person('ADMIN', 'sdk_admin');
      const { closeContest } = await admin.client.closeContest({ id: contest.id });
      expect(closeContest.status).toBe('CLOSED');
      expect(closeContest.results!.winners[0].rank).toBe(1);
    },
    async Contest() {
      const { contest, entry } = await enteredContest();
      const fetched = (await client.contest({ id: contest.id, first: 5 })).contest!;
      expect(fetched).toMatchObject({ id: contest.id, title: contest.title, results: null, stats: { entries: 1 } });
      expect(fetched.leaderboard.map((place) => place.entry.id)).toEqual([entry.id]);
    },
    async Contests() {
      const { contest } = await openContest(context);
      const { contests } = await client.contests({ status: 'OPEN', first: 100 });
      expect(contests.edges.map((edge) => edge.node.id)).toContain(contest.id);
      for (const edge of contests.edges) expect(edge.node.status).toBe('OPEN');
    },
    async ContestEntries() {
      const { contest, entry } = await enteredContest();
      const fetched = (await client.contestEntries({ contestId: contest.id, first: 10 })).contest!;
      expect(fetched.entries.totalCount).toBe(1);
      expect(fetched.entries.edges[0].node).toMatchObject({ id: entry.id, author: { username: member.username } });
    },
    async SubmitEntry() {
      const { contest, entry, piece } = await enteredContest();
      expect(entry).toMatchObject({ votes: 0, composition: { id: piece.id }, contest: { id: contest.id } });
      const again = await savedPiece(member);
      expect((await rejection(client.submitEntry({ contestId: contest.id, compositionId: again.id }))).code).toBe('FORBIDDEN');
    },
    async WithdrawEntry() {
      const { entry } = await enteredContest();
      expect((await client.withdrawEntry({ entryId: entry.id })).withdrawEntry).toBe(entry.id);
    },
    async CastVote() {
      const { contest, entry } = await enteredContest();
      await startVoting(context, contest.id);
      const voter = await context.person();
      expect((await voter.client.castVote({ entryId: entry.id })).castVote).toMatchObject({ id: entry.id, votes: 1, viewerHasVoted: true });
      expect((await rejection(client.castVote({ entryId: entry.id }))).code).toBe('FORBIDDEN');
    },
    async RetractVote() {
      const { contest, entry } = await enteredContest();
      await startVoting(context, contest.id);
      const voter = await context.person();
      await voter.client.castVote({ entryId: entry.id });
      expect((await voter.client.retractVote({ entryId: entry.id })).retractVote).toMatchObject({ votes: 0, viewerHasVoted: false });
    },
    async LeaderboardChanged() {
      const { contest, entry } = await enteredContest();
      await startVoting(context, contest.id);
      const voters = await Promise.all(Array.from({ length: 3 }, () => context.person()));
      const stream = client.leaderboardChanged({ contestId: contest.id });
      const update = await firstWhile(stream, (attempt) => (attempt < voters.length ? voters[attempt].client.castVote({ entryId: entry.id }) : Promise.resolve()));
      await stream.return?.();
      expect(update.leaderboardChanged).toMatchObject({ contestId: contest.id, final: false });
      expect(update.leaderboardChanged.top[0].entry.id).toBe(entry.id);
    },
    async CreateApiKey() {
      const partner = await context.person('PARTNER', 'sdk_partner');
      const { createApiKey } = await partner.client.createApiKey({ name: 'dashboard' });
      expect(createApiKey.key.startsWith(createApiKey.apiKey.prefix)).toBe(true);
      expect(createApiKey.apiKey).toMatchObject({ name: 'dashboard', revokedAt: null });
    },
    async RevokeApiKey() {
      const partner = await context.person('PARTNER', 'sdk_partner');
      const { createApiKey } = await partner.client.createApiKey({ name: 'old' });
      expect((await partner.client.revokeApiKey({ id: createApiKey.apiKey.id })).revokeApiKey.revokedAt).not.toBeNull();
    },
    async ApiKeys() {
      const partner = await context.person('PARTNER', 'sdk_partner');
      await partner.client.createApiKey({ name: 'one' });
      expect((await partner.client.apiKeys()).apiKeys.map((key) => key.name)).toEqual(['one']);
    },
    async AirportProfile() {
      const partner = await context.partnerByKey();
      const { analytics } = await partner.airportProfile({ code: 'ZRH' });
      expect(analytics.network.airport.airport.iata).toBe('ZRH');
      expect(analytics.network.airport.departureCount).toBeGreaterThan(50);
    },
    async NetworkRoutes() {
      const partner = await context.partnerByKey();
      const { analytics } = await partner.networkRoutes({ first: 3 });
      expect(analytics.network.longestRoutes).toHaveLength(3);
      expect(analytics.network.longestRoutes[0].distanceKm).toBeGreaterThanOrEqual(analytics.network.longestRoutes[2].distanceKm);
      expect(analytics.network.shortestRoutes[0].distanceKm).toBeLessThanOrEqual(analytics.network.shortestRoutes[2].distanceKm);
    },
    async MusicAnalytics() {
      const partner = await context.partnerByKey();
      const { analytics } = await partner.musicAnalytics({ first: 3 });
      expect(analytics.music.contests.contestCount).toBeGreaterThanOrEqual(0);
      expect(analytics.music.mostPlayed.length).toBeLessThanOrEqual(3);
      expect((await rejection(client.musicAnalytics())).code).toBe('FORBIDDEN');
    },
  };
}
