/**
 * The departures radio across two real server processes (the compiled server, as deployed) over the
 * same MariaDB and Redis: both listeners hear the same windows in the same order, and when the
 * generator's process dies the other process takes the channel over after a short gap.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PROJECT_ROOT } from '../../server/paths.js';
import { OPENFLIGHTS_DIR, testConfig } from '../support/environment.js';
import { childEnv, freePort } from '../support/processes.js';

const MAIN = join(PROJECT_ROOT, 'dist', 'server', 'main.js');
const CHANNEL = 'GVA';
const LEASE_MS = 1_500;
const RADIO = 'subscription($channel: String!) { liveRadio(channel: $channel) { turn sequence startSeconds piece { startsAt } events { kind at soundsAt pitch } } }';

const processes: ChildProcess[] = [];
const clients: Client[] = [];

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  for (const child of processes) if (child.exitCode === null) child.kill('SIGKILL');
});

async function startInstance(): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const config = testConfig();
  const child = spawn(process.execPath, [MAIN], {
    cwd: PROJECT_ROOT,
    env: childEnv({
      PATH: process.env.PATH ?? '',
      DATABASE_URL: config.database.url,
      REDIS_URL: config.redisUrl,
      OPENFLIGHTS_DIR,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      RADIO_PIECE_SECONDS: '10',
      RADIO_LEASE_MS: String(LEASE_MS),
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  processes.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    if ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status === 200) return { port, child };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server not ready:\n${output}`);
}

function listen(port: number) {
  const client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
  clients.push(client);
  const batches: { turn: number; sequence: number; startSeconds: number; piece: { startsAt: number }; events: unknown[] }[] = [];
  client.subscribe(
    { query: RADIO, variables: { channel: CHANNEL } },
    { next: (value) => value.data && batches.push((value.data as any).liveRadio), error: () => undefined, complete: () => undefined },
  );
  return batches;
}

const until = async (check: () => boolean, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return check();
};

const keyOf = (batch: { turn: number; sequence: number }) => `${batch.turn}/${batch.sequence}`;
/** When a window sounds, in epoch ms: the same clock on every instance. */
const soundsAt = (batch: { startSeconds: number; piece: { startsAt: number } }) => batch.piece.startsAt + batch.startSeconds * 1_000;

describe('departures radio across two server processes', () => {
  it('plays the same windows in the same order on both, and moves to the survivor when the generator dies', async () => {
    const redis = new Redis(testConfig().redisUrl);
    await redis.del(`aero-melody:radio:lease:${CHANNEL}`, `aero-melody:radio:state:${CHANNEL}`, `aero-melody:radio:listeners:${CHANNEL}`);
    await redis.quit();

    const [first, second] = await Promise.all([startInstance(), startInstance()]);
    // The first process's listener arrives first, so that process holds the channel.
    const onFirst = listen(first.port);
    expect(await until(() => onFirst.length >= 3)).toBe(true);
    const onSecond = listen(second.port);
    expect(await until(() => onSecond.length >= 20)).toBe(true);

    const start = onFirst.findIndex((batch) => keyOf(batch) === keyOf(onSecond[0]));
    expect(start).toBeGreaterThanOrEqual(0);
    const overlap = Math.min(onFirst.length - start, onSecond.length);
    expect(onSecond.slice(0, overlap)).toEqual(onFirst.slice(start, start + overlap));

    const heardBeforeKill = onSecond.length;
    const lastBeforeKill = soundsAt(onSecond.at(-1)!);
    first.child.kill('SIGKILL');
    // The survivor takes the lease once it lapses, and continues where the channel was.
    expect(await until(() => onSecond.length > heardBeforeKill + 5, 20_000)).toBe(true);
    const after = onSecond.slice(heardBeforeKill);
    const gapMs = soundsAt(after[0]) - lastBeforeKill;
    expect(gapMs).toBeGreaterThan(0);
    // A short gap: at most the lease, a heartbeat and the lookahead of silence (bounds are generous for a loaded machine).
    expect(gapMs).toBeLessThan(LEASE_MS + 4_000);
    const keys = onSecond.map(keyOf);
    expect(new Set(keys).size).toBe(keys.length);
    for (let i = 1; i < onSecond.length; i++) expect(soundsAt(onSecond[i])).toBeGreaterThan(soundsAt(onSecond[i - 1]));
    console.info(`radio failover: ${gapMs} ms of silence between the last window before the kill and the first after`);
    second.child.kill('SIGTERM');
  });
});
