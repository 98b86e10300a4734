import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../server/graphql/relay.js';
import { errorCode, resetRateLimits, startTestServer, type TestServer } from '../support/server.js';

type Person = Awaited<ReturnType<TestServer['signUp']>>;

let server: TestServer;
let partner: Person;
let admin: Person;

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

async function withRole(person: Person, role: 'PARTNER' | 'ADMIN'): Promise<Person> {
  await server.app.prisma.user.update({ where: { username: person.username }, data: { role } });
  const response = await server.graphql('mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }', {
    input: { login: person.username, password: 'correct horse 42' },
  });
  return { ...person, accessToken: response.data!.logIn.accessToken };
}

async function ageAccounts(people: Person[]): Promise<void> {
  await server.app.prisma.user.updateMany({ where: { username: { in: people.map((p) => p.username) } }, data: { createdAt: new Date(Date.now() - 48 * 3_600_000) } });
}

const CREATE = 'mutation($input: ContestInput!) { createContest(input: $input) { id status rules { entriesPerPerson votesPerVoter minAccountAgeHours allowedThemes } } }';
const SUBMIT = 'mutation($c: ID!, $p: ID!) { submitEntry(contestId: $c, compositionId: $p) { id votes composition { id } } }';
const CAST = 'mutation($e: ID!) { castVote(entryId: $e) { id votes viewerHasVoted } }';
const RETRACT = 'mutation($e: ID!) { retractVote(entryId: $e) { id votes viewerHasVoted } }';
const BOARD = 'query($id: ID!) { contest(id: $id) { status leaderboard(first: 20) { rank votes entry { id composition { id } } } stats { entries voters votes } } }';

/** A contest taking entries now; voting follows later (tests move it there through the database). */
async function openContest(rules: Record<string, unknown> = {}): Promise<string> {
  const response = await server.graphql(
    CREATE,
    {
      input: {
        title: 'Night flights',
        sponsor: 'Aero Museum',
        prize: 'A flight',
        submissionsOpenAt: minutes(-1),
        submissionsCloseAt: minutes(5),
        votingOpenAt: minutes(5),
        votingCloseAt: minutes(10),
        ...rules,
      },
    },
    partner.accessToken,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.createContest.id;
}

const contestRowId = (id: string) => Number(Buffer.from(id, 'base64url').toString().split(':')[1]);

async function startVoting(id: string): Promise<void> {
  await server.app.prisma.contest.update({
    where: { id: contestRowId(id) },
    data: {
      submissionsOpenAt: new Date(Date.now() - 3 * 60_000),
      submissionsCloseAt: new Date(Date.now() - 2 * 60_000),
      votingOpenAt: new Date(Date.now() - 60_000),
      votingCloseAt: new Date(Date.now() + 30 * 60_000),
    },
  });
}

async function piece(person: Person, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await server.graphql(
    'mutation($input: ComposeInput!) { createComposition(input: $input) { id } }',
    { input: { route: { from: 'JFK', to: 'LAX' }, theme: 'jazz', ...extra } },
    person.accessToken,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.createComposition.id;
}

/** The ranking as MariaDB has it: votes from the vote rows, ties to the earlier entry. */
async function databaseRanking(contestGlobalId: string): Promise<{ id: number; votes: number }[]> {
  const entries = await server.app.prisma.contestEntry.findMany({ where: { contestId: contestRowId(contestGlobalId) }, select: { id: true } });
  const counts = await server.app.prisma.contestVote.groupBy({ by: ['entryId'], where: { contestId: contestRowId(contestGlobalId) }, _count: { _all: true } });
  const votes = new Map(counts.map((c) => [c.entryId, c._count._all]));
  return entries.map((e) => ({ id: e.id, votes: votes.get(e.id) ?? 0 })).sort((a, b) => b.votes - a.votes || a.id - b.id);
}

const entryRowId = (id: string) => Number(Buffer.from(id, 'base64url').toString().split(':')[1]);

beforeAll(async () => {
  server = await startTestServer();
  partner = await withRole(await server.signUp('partner'), 'PARTNER');
  admin = await withRole(await server.signUp('admin'), 'ADMIN');
});

afterAll(async () => {
  await server.close();
});

describe('contest lifecycle', () => {
  it('is run by partners and admins, with ordered windows and the default rules', async () => {
    const person = await server.signUp('plain');
    const input = { title: 'x', submissionsOpenAt: minutes(1), submissionsCloseAt: minutes(2), votingOpenAt: minutes(2), votingCloseAt: minutes(3) };
    expect(errorCode(await server.graphql(CREATE, { input }, person.accessToken))).toBe('FORBIDDEN');
    expect(errorCode(await server.graphql(CREATE, { input: { ...input, votingCloseAt: minutes(1) } }, partner.accessToken))).toBe('BAD_USER_INPUT');
    const created = await server.graphql(CREATE, { input }, partner.accessToken);
    expect(created.data!.createContest).toMatchObject({ status: 'DRAFT', rules: { entriesPerPerson: 1, votesPerVoter: 3, minAccountAgeHours: 24, allowedThemes: [] } });
    const listed = await server.graphql('{ contests(status: DRAFT, first: 100) { nodes { id } } }');
    expect(listed.data!.contests.nodes.map((c: { id: string }) => c.id)).toContain(created.data!.createContest.id);
  });

  it('takes entries only while open, from the owner, by the rules, never the same music twice', async () => {
    const [author, copycat] = [await server.signUp('author'), await server.signUp('copycat')];
    const draft = await server.graphql(
      CREATE,
      { input: { title: 'Later', submissionsOpenAt: minutes(5), submissionsCloseAt: minutes(6), votingOpenAt: minutes(6), votingCloseAt: minutes(7) } },
      partner.accessToken,
    );
    const mine = await piece(author);
    expect(errorCode(await server.graphql(SUBMIT, { c: draft.data!.createContest.id, p: mine }, author.accessToken))).toBe('FORBIDDEN');

    const contest = await openContest({ allowedThemes: ['jazz', 'ambient'], routeConstraint: { country: 'United States' } });
    expect(errorCode(await server.graphql(SUBMIT, { c: contest, p: mine }, copycat.accessToken))).toBe('FORBIDDEN');
    const secret = await piece(author, { visibility: 'PRIVATE', variation: 1 });
    const refused = await server.graphql(SUBMIT, { c: contest, p: secret }, author.accessToken);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].message).toMatch(/private/);
    expect(errorCode(await server.graphql(SUBMIT, { c: contest, p: await piece(author, { theme: 'rock' }) }, author.accessToken))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.graphql(SUBMIT, { c: contest, p: await piece(author, { route: { from: 'LHR', to: 'CDG' } }) }, author.accessToken))).toBe('BAD_USER_INPUT');

    const entered = await server.graphql(SUBMIT, { c: contest, p: mine }, author.accessToken);
    expect(entered.errors).toBeUndefined();
    expect(entered.data!.submitEntry).toMatchObject({ votes: 0, composition: { id: mine } });
    expect(errorCode(await server.graphql(SUBMIT, { c: contest, p: await piece(copycat) }, copycat.accessToken))).toBe('DUPLICATE_ENTRY');
    expect(errorCode(await server.graphql(SUBMIT, { c: contest, p: await piece(author, { variation: 2 }) }, author.accessToken))).toBe('FORBIDDEN');
    expect((await server.graphql(SUBMIT, { c: contest, p: await piece(copycat, { variation: 3 }) }, copycat.accessToken)).errors).toBeUndefined();

    await ageAccounts([copycat]);
    expect(errorCode(await server.graphql(CAST, { e: entered.data!.submitEntry.id }, copycat.accessToken))).toBe('FORBIDDEN');
    const rules = await server.graphql('mutation($id: ID!) { updateContest(id: $id, input: { votesPerVoter: 5 }) { id } }', { id: contest }, partner.accessToken);
    expect(errorCode(rules)).toBe('FORBIDDEN');

    await startVoting(contest);
    expect(errorCode(await server.graphql(SUBMIT, { c: contest, p: await piece(copycat, { variation: 4 }) }, copycat.accessToken))).toBe('FORBIDDEN');
    expect(errorCode(await server.graphql('mutation($e: ID!) { withdrawEntry(entryId: $e) }', { e: entered.data!.submitEntry.id }, author.accessToken))).toBe('FORBIDDEN');
    const young = await server.signUp('young');
    expect(errorCode(await server.graphql(CAST, { e: entered.data!.submitEntry.id }, young.accessToken))).toBe('FORBIDDEN');
    expect((await server.graphql(CAST, { e: entered.data!.submitEntry.id }, copycat.accessToken)).data!.castVote).toMatchObject({ votes: 1, viewerHasVoted: true });
    expect((await server.graphql(RETRACT, { e: entered.data!.submitEntry.id }, copycat.accessToken)).data!.retractVote).toMatchObject({ votes: 0, viewerHasVoted: false });
    const audit = await server.app.prisma.contestVoteEvent.findMany({ where: { contestId: contestRowId(contest) }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['CAST', 'RETRACT']);
    expect(audit[0].ipHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('voting at scale, the live leaderboard and frozen results', () => {
  let contest: string;
  let voters: Person[];
  let entries: string[];

  it('counts 200 concurrent votes from 100 accounts exactly, duplicates and self-votes included', async () => {
    contest = await openContest({ votesPerVoter: 3 });
    voters = [];
    for (let i = 0; i < 100; i++) voters.push(await server.signUp(`voter${i}`));
    const authors = voters.slice(0, 5);
    entries = [];
    for (const [i, author] of authors.entries()) {
      const entered = await server.graphql(SUBMIT, { c: contest, p: await piece(author, { variation: 10 + i }) }, author.accessToken);
      expect(entered.errors).toBeUndefined();
      entries.push(entered.data!.submitEntry.id);
    }
    await ageAccounts(voters);
    await startVoting(contest);
    await resetRateLimits(server.app);

    const updates: any[] = [];
    const client = createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const stop = client.subscribe(
      { query: 'subscription($id: ID!) { leaderboardChanged(contestId: $id) { final top { rank votes entry { id } } winners { rank entry { id } } } }', variables: { id: contest } },
      { next: (value) => updates.push(value.data!.leaderboardChanged), error: () => undefined, complete: () => undefined },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));

    // Voter i votes for entry i % 5 and another one; every third voter repeats the first vote
    // instead. Voters 0-4 wrote entries 0-4, so their first vote is for their own entry.
    const expected = new Map<string, Set<number>>(entries.map((e) => [e, new Set()]));
    const attempts: { voter: number; entry: string }[] = [];
    voters.forEach((_, i) => {
      const first = entries[i % 5];
      const second = i % 3 === 0 ? first : entries[(i + 1 + (i % 3)) % 5];
      for (const entry of [first, second]) {
        attempts.push({ voter: i, entry });
        if (!(i < 5 && entry === entries[i])) expected.get(entry)!.add(i);
      }
    });
    expect(attempts).toHaveLength(200);
    const responses = await Promise.all(attempts.map(({ voter, entry }) => server.graphql(CAST, { e: entry }, voters[voter].accessToken)));
    responses.forEach((response, k) => {
      const { voter, entry } = attempts[k];
      if (voter < 5 && entry === entries[voter]) expect(errorCode(response), 'self-vote').toBe('FORBIDDEN');
      else expect(response.errors, `vote ${k}`).toBeUndefined();
    });

    // Voter 99 holds one vote (entry 4) and tries all five at once: the cap of three holds, and
    // repeating the vote it has is no error.
    const greedy = voters[99];
    const tries = await Promise.all(entries.map((e) => server.graphql(CAST, { e }, greedy.accessToken)));
    expect(tries.filter((r) => r.errors).map(errorCode)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const greedyVotes = await server.app.prisma.contestVote.findMany({ where: { contestId: contestRowId(contest), voter: { username: greedy.username } } });
    expect(greedyVotes).toHaveLength(3);
    for (const vote of greedyVotes) expected.get(entries.find((e) => entryRowId(e) === vote.entryId)!)!.add(99);

    const ranking = await databaseRanking(contest);
    for (const [entry, votersOf] of expected) expect(ranking.find((r) => r.id === entryRowId(entry))!.votes, entry).toBe(votersOf.size);
    const stored = await server.app.prisma.contestEntry.findMany({ where: { contestId: contestRowId(contest) } });
    for (const row of stored) expect(row.votes).toBe(ranking.find((r) => r.id === row.id)!.votes);
    const distinctVoters = new Set([...expected.values()].flatMap((set) => [...set])).size;

    const board = await server.graphql(BOARD, { id: contest });
    expect(board.data!.contest.leaderboard.map((p: any) => [entryRowId(p.entry.id), p.votes])).toEqual(ranking.map((r) => [r.id, r.votes]));
    expect(board.data!.contest.leaderboard.map((p: any) => p.rank)).toEqual([1, 2, 3, 4, 5]);
    const totalVotes = ranking.reduce((sum, r) => sum + r.votes, 0);
    expect(board.data!.contest.stats).toEqual({ entries: 5, voters: distinctVoters, votes: totalVotes });

    for (let i = 0; i < 60 && !updates.some((u) => JSON.stringify(u.top.map((p: any) => p.votes)) === JSON.stringify(ranking.map((r) => r.votes))); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.length).toBeLessThan(200);
    expect(updates.at(-1).final).toBe(false);
    expect(updates.at(-1).top.map((p: any) => [entryRowId(p.entry.id), p.votes])).toEqual(ranking.map((r) => [r.id, r.votes]));
    stop();
    await client.dispose();
  });

  it('counts a voter out when they delete their account mid-contest, and the leaderboard follows', async () => {
    const id = await openContest();
    const author = await server.signUp('author');
    const entry = (await server.graphql(SUBMIT, { c: id, p: await piece(author, { variation: 777 }) }, author.accessToken)).data!.submitEntry.id;
    await startVoting(id);
    const voters = [await server.signUp('leaver'), await server.signUp('stayer')];
    await ageAccounts(voters);
    for (const voter of voters) expect((await server.graphql(CAST, { e: entry }, voter.accessToken)).errors).toBeUndefined();
    await server.graphql('mutation { deleteAccount(password: "correct horse 42") }', {}, voters[0].accessToken);
    const board = (await server.graphql(BOARD, { id })).data!.contest;
    expect(board.leaderboard.map((place: { votes: number }) => place.votes)).toEqual([1]);
    expect(await databaseRanking(id)).toEqual([{ id: entryRowId(entry), votes: 1 }]);
  });

  it('rebuilds the leaderboard from MariaDB when Redis loses or corrupts it', async () => {
    // Read past the response cache: what is tested is how the leaderboard itself is computed.
    const board = async () => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cache-control': 'no-cache' },
        body: JSON.stringify({ query: BOARD, variables: { id: contest } }),
      });
      return ((await response.json()) as { data: { contest: { leaderboard: any[] } } }).data.contest.leaderboard;
    };
    const expected = await board();
    const keys = await server.app.redis.keys(`aero-melody:contest:${contestRowId(contest)}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await server.app.redis.del(...keys);
    expect(await board()).toEqual(expected);
    expect(await server.app.redis.exists(`aero-melody:contest:${contestRowId(contest)}:board`)).toBe(1);

    const last = entryRowId(expected.at(-1).entry.id);
    await server.app.redis.zadd(`aero-melody:contest:${contestRowId(contest)}:board`, 999 * 2 ** 32 - last, String(last));
    expect(await board()).toEqual(expected);
  });

  it('freezes the results when an admin closes it, announces the winners, and never changes them', async () => {
    const updates: any[] = [];
    const client = createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const stop = client.subscribe(
      { query: 'subscription($id: ID!) { leaderboardChanged(contestId: $id) { final winners { rank votes entry { id } } } }', variables: { id: contest } },
      { next: (value) => updates.push(value.data!.leaderboardChanged), error: () => undefined, complete: () => undefined },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const live = (await server.graphql(BOARD, { id: contest })).data!.contest.leaderboard;
    expect(errorCode(await server.graphql('mutation($id: ID!) { closeContest(id: $id) { id } }', { id: contest }, partner.accessToken))).toBe('FORBIDDEN');
    const closed = await server.graphql('mutation($id: ID!) { closeContest(id: $id) { status closedEarlyAt } }', { id: contest }, admin.accessToken);
    expect(closed.data!.closeContest.status).toBe('CLOSED');

    const RESULTS =
      'query($id: ID!) { contest(id: $id) { results { frozenAt winners { rank votes entry { id } } standings { rank votes entry { id finalRank } } } leaderboard(first: 20) { rank votes entry { id } } } }';
    const first = (await server.graphql(RESULTS, { id: contest })).data!.contest;
    expect(first.results.standings.map((p: any) => [p.rank, p.votes, p.entry.id])).toEqual(live.map((p: any) => [p.rank, p.votes, p.entry.id]));
    expect(first.results.winners).toHaveLength(3);
    expect(first.leaderboard).toEqual(live.map((p: any) => ({ rank: p.rank, votes: p.votes, entry: { id: p.entry.id } })));

    const voter = await server.signUp('late');
    await ageAccounts([voter]);
    expect(errorCode(await server.graphql(CAST, { e: entries[0] }, voter.accessToken))).toBe('FORBIDDEN');
    const castBy = await server.app.prisma.contestVote.findFirstOrThrow({ where: { contestId: contestRowId(contest) }, include: { voter: true } });
    const holder = voters.find((v) => v.username === castBy.voter.username)!;
    expect(errorCode(await server.graphql(RETRACT, { e: toGlobalId('ContestEntry', castBy.entryId) }, holder.accessToken))).toBe('FORBIDDEN');
    expect(errorCode(await server.graphql('mutation($id: ID!) { updateContest(id: $id, input: { votesPerVoter: 9 }) { id } }', { id: contest }, admin.accessToken))).toBe('FORBIDDEN');
    expect(errorCode(await server.graphql('mutation($id: ID!, $t: DateTimeISO) { extendContest(id: $id, votingCloseAt: $t) { id } }', { id: contest, t: minutes(60) }, admin.accessToken))).toBe(
      'FORBIDDEN',
    );
    expect((await server.graphql(RESULTS, { id: contest })).data!.contest).toEqual(first);

    for (let i = 0; i < 40 && !updates.some((u) => u.final); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    const announcement = updates.find((u) => u.final);
    expect(announcement.winners).toEqual(first.results.winners);
    stop();
    await client.dispose();
  });
});
