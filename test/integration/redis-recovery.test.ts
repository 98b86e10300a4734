import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../support/environment.js';
import { freePort, until } from '../support/processes.js';
import { errorCode, startTestServer, type TestServer } from '../support/server.js';

const RADIO = 'subscription($channel: String!) { liveRadio(channel: $channel) { turn sequence piece { startsAt durationSeconds } } }';
const PIECE_SECONDS = 10;

let port: number;
let directory: string;
let redis: ChildProcess;
let server: TestServer;
let exportsDir: string;

/** A Redis of this file's own: stopping it disturbs nothing else; its snapshot lives in `directory`. */
function startRedis(): ChildProcess {
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', directory, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
}

async function stopRedis(keepData: boolean): Promise<void> {
  const exited = new Promise((resolve) => redis.once('exit', resolve));
  if (keepData) {
    const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
    await client.connect();
    await client.call('SHUTDOWN', 'SAVE').catch(() => undefined);
    client.disconnect();
  } else {
    redis.kill('SIGKILL');
    await rm(join(directory, 'dump.rdb'), { force: true });
  }
  await exited;
}

const ready = async () => (await fetch(`${server.url}/readyz`)).status === 200;

beforeAll(async () => {
  port = await freePort();
  directory = await mkdtemp(join(tmpdir(), 'aero-redis-'));
  exportsDir = await mkdtemp(join(tmpdir(), 'aero-exports-'));
  redis = startRedis();
  await until(async () => {
    server ??= await startTestServer(
      testConfig({ REDIS_URL: `redis://127.0.0.1:${port}`, RADIO_PIECE_SECONDS: String(PIECE_SECONDS), RADIO_LEASE_MS: '60000', EXPORTS_DIR: exportsDir, ANALYTICS_CLAIM_IDLE_MS: '1000' }),
    );
    return true;
  });
});

afterAll(async () => {
  await server?.close();
  redis?.kill('SIGKILL');
  await rm(directory, { recursive: true, force: true });
  await rm(exportsDir, { recursive: true, force: true });
});

interface Batch {
  turn: number;
  sequence: number;
  piece: { startsAt: number; durationSeconds: number };
}

function listen(channel: string): { client: Client; batches: { at: number; batch: Batch }[] } {
  const client = createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
  const batches: { at: number; batch: Batch }[] = [];
  client.subscribe<{ liveRadio: Batch }>(
    { query: RADIO, variables: { channel } },
    { next: (result) => result.data && batches.push({ at: Date.now(), batch: result.data.liveRadio }), error: () => undefined, complete: () => undefined },
  );
  return { client, batches };
}

describe('a Redis error at a radio piece boundary', () => {
  it('does not silence the channel once Redis answers again (its lease kept)', async () => {
    const { client, batches } = listen('LHR');
    try {
      expect(await until(async () => batches.length > 0)).toBe(true);
      const first = batches[0].batch;
      const boundary = first.piece.startsAt + first.piece.durationSeconds * 1000;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, boundary - Date.now() - 2_000)));
      // Down across the boundary, back with its data (the lease included) a few seconds later.
      await stopRedis(true);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, boundary - Date.now() + 2_000)));
      redis = startRedis();
      const back = Date.now();
      expect(await until(ready)).toBe(true);
      expect(await until(async () => batches.some(({ at, batch }) => at > back && batch.turn > first.turn), 15_000)).toBe(true);
    } finally {
      await client.dispose();
    }
  });
});

const BOARD = 'query($id: ID!) { contest(id: $id) { leaderboard(first: 10) { rank votes entry { id } } } }';
const CAST = 'mutation($e: ID!) { castVote(entryId: $e) { votes } }';
const PRESENCE = 'query($id: ID!) { presence(id: $id) { username } }';

type Person = Awaited<ReturnType<TestServer['signUp']>>;

const rowIdOf = (globalId: string) => Number(Buffer.from(globalId, 'base64url').toString().split(':')[1]);

/** A contest in its voting window with one entry per author (set up through MariaDB, as contests.test.ts does). */
async function votingContest(authors: Person[]): Promise<{ contestId: string; entries: string[] }> {
  const organiser = await server.signUp('organiser');
  await server.app.prisma.user.update({ where: { username: organiser.username }, data: { role: 'PARTNER' } });
  const partner = (await server.graphql('mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }', { input: { login: organiser.username, password: 'correct horse 42' } })).data!.logIn
    .accessToken as string;
  const inMinutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
  const created = await server.graphql(
    'mutation($input: ContestInput!) { createContest(input: $input) { id } }',
    { input: { title: 'Restart cup', submissionsOpenAt: inMinutes(-1), submissionsCloseAt: inMinutes(5), votingOpenAt: inMinutes(5), votingCloseAt: inMinutes(10), minAccountAgeHours: 0 } },
    partner,
  );
  expect(created.errors).toBeUndefined();
  const contestId = created.data!.createContest.id as string;
  const entries: string[] = [];
  for (const [index, author] of authors.entries()) {
    const composed = await server.graphql('mutation($v: Int!) { createComposition(input: { route: { from: "BOS", to: "MIA" }, variation: $v }) { id } }', { v: 100 + index }, author.accessToken);
    const entered = await server.graphql(
      'mutation($c: ID!, $p: ID!) { submitEntry(contestId: $c, compositionId: $p) { id } }',
      { c: contestId, p: composed.data!.createComposition.id },
      author.accessToken,
    );
    expect(entered.errors).toBeUndefined();
    entries.push(entered.data!.submitEntry.id);
  }
  await server.app.prisma.contest.update({
    where: { id: rowIdOf(contestId) },
    data: {
      submissionsOpenAt: new Date(Date.now() - 3 * 60_000),
      submissionsCloseAt: new Date(Date.now() - 2 * 60_000),
      votingOpenAt: new Date(Date.now() - 60_000),
      votingCloseAt: new Date(Date.now() + 30 * 60_000),
    },
  });
  return { contestId, entries };
}

function watch(pieceId: string, accessToken: string): Client {
  const client = createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${accessToken}` } });
  client.subscribe(
    { query: 'subscription($id: ID!) { compositionChanged(id: $id) { version } }', variables: { id: pieceId } },
    { next: () => undefined, error: () => undefined, complete: () => undefined },
  );
  return client;
}

describe('Redis restarted empty while the server runs', () => {
  it('analytics, leaderboards, presence, radio, rate limits, exports and the cache all work again within seconds', async () => {
    const member = await server.signUp('survivor');
    const piece = (await server.graphql('mutation { createComposition(input: { route: { from: "JFK", to: "LAX" }, durationSeconds: 10 }) { id version title } }', {}, member.accessToken)).data!
      .createComposition;
    const [first, second, voter, lateVoter, watcher, lateWatcher] = [
      await server.signUp('first'),
      await server.signUp('second'),
      await server.signUp('voter'),
      await server.signUp('late_voter'),
      await server.signUp('watcher'),
      await server.signUp('late_watcher'),
    ];
    const { contestId, entries } = await votingContest([first, second]);
    expect((await server.graphql(CAST, { e: entries[1] }, voter.accessToken)).errors).toBeUndefined();
    const board = async () => (await server.graphql(BOARD, { id: contestId })).data?.contest?.leaderboard as { rank: number; votes: number; entry: { id: string } }[] | undefined;
    expect((await board())?.map((placing) => [placing.entry.id, placing.votes])).toEqual([
      [entries[1], 1],
      [entries[0], 0],
    ]);
    const present = async () => ((await server.graphql(PRESENCE, { id: piece.id }, member.accessToken)).data?.presence as { username: string }[] | undefined)?.map((person) => person.username).sort();
    const watching = watch(piece.id, watcher.accessToken);
    let lateWatching: Client | null = null;
    const { client, batches } = listen('CDG');
    try {
      expect(await until(async () => batches.length > 0)).toBe(true);
      expect(await until(async () => (await present())?.includes(watcher.username) === true)).toBe(true);
      // Right after a heartbeat: the next one is a third of the presence window away, so the watcher
      // shows again within seconds only if the server marks them again as soon as Redis is back.
      const presenceKey = `aero-melody:presence:${rowIdOf(piece.id)}`;
      expect(await until(async () => Date.now() - Number(await server.app.redis.zscore(presenceKey, String(rowIdOf(watcher.userId)))) < 500, 15_000)).toBe(true);
      await stopRedis(false);
      redis = startRedis();
      const back = Date.now();
      expect(await until(ready)).toBe(true);

      // Presence: someone who had the piece open is marked again as soon as Redis is back.
      expect(await until(async () => (await present())?.includes(watcher.username) === true, Math.max(1_000, back + 5_000 - Date.now()))).toBe(true);

      // Leaderboards: the board (a Redis cache of MariaDB's votes) is rebuilt when read, and counts new votes.
      expect(
        await until(
          async () =>
            JSON.stringify((await board())?.map((placing) => [placing.entry.id, placing.votes])) ===
            JSON.stringify([
              [entries[1], 1],
              [entries[0], 0],
            ]),
          10_000,
        ),
      ).toBe(true);
      expect((await server.graphql(CAST, { e: entries[0] }, voter.accessToken)).errors).toBeUndefined();
      expect((await server.graphql(CAST, { e: entries[0] }, lateVoter.accessToken)).errors).toBeUndefined();
      expect((await board())?.map((placing) => [placing.rank, placing.entry.id, placing.votes])).toEqual([
        [1, entries[0], 2],
        [2, entries[1], 1],
      ]);

      // Presence: a newcomer is seen at once, beside the one who stayed.
      lateWatching = watch(piece.id, lateWatcher.accessToken);
      expect(await until(async () => JSON.stringify(await present()) === JSON.stringify([lateWatcher.username, watcher.username].sort()), 5_000)).toBe(true);

      // Analytics: events sent after the restart reach the store (the consumer group is made again).
      const storedBefore = server.app.analytics.sync!.stored;
      let variation = 0;
      expect(
        await until(async () => {
          await server.graphql('mutation($v: Int!) { createComposition(input: { route: { from: "JFK", to: "SFO" }, variation: $v }) { id } }', { v: ++variation }, member.accessToken);
          await server.app.analytics.events.flush();
          return server.app.analytics.sync!.stored > storedBefore;
        }, 10_000),
      ).toBe(true);

      // Radio plays on.
      expect(await until(async () => batches.some(({ at }) => at > back), 10_000)).toBe(true);

      // Rate limits count again: the sixth sign-up from one address within the window is refused.
      const signUps = [];
      for (let i = 0; i < 6; i++) {
        const username = `again_${Math.random().toString(36).slice(2, 9)}`;
        signUps.push(
          await server.graphql('mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }', { input: { email: `${username}@example.test`, username, password: 'correct horse 42' } }),
        );
      }
      expect(signUps.slice(0, 5).map((answer) => answer.errors)).toEqual(Array(5).fill(undefined));
      expect(errorCode(signUps[5])).toBe('RATE_LIMITED');

      // The cache answers, and a change is seen at once.
      const read = async () => (await server.graphql('query($id: ID!) { composition(id: $id) { title } }', { id: piece.id }, member.accessToken)).data!.composition.title;
      expect(await read()).toBe(piece.title);
      await server.graphql(
        'mutation($id: ID!, $v: Int!) { updateComposition(id: $id, expectedVersion: $v, patch: { title: "After the restart" }) { title } }',
        { id: piece.id, v: piece.version },
        member.accessToken,
      );
      expect(await read()).toBe('After the restart');

      // Exports are queued and rendered.
      const requested = await server.graphql('mutation($c: ID!) { requestExport(compositionId: $c, format: WAV) { id } }', { c: piece.id }, member.accessToken);
      expect(requested.errors).toBeUndefined();
      const exportId = requested.data!.requestExport.id;
      expect(await until(async () => (await server.graphql('query($id: ID!) { export(id: $id) { status } }', { id: exportId }, member.accessToken)).data!.export.status === 'DONE', 90_000)).toBe(true);
    } finally {
      await client.dispose();
      await watching.dispose();
      await lateWatching?.dispose();
    }
  });
});
