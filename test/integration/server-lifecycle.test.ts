import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { dropDatabase } from '../../server/adapters/mariadb.js';
import { PROJECT_ROOT } from '../../server/paths.js';
import { OPENFLIGHTS_DIR, TEST_DATABASE, TEST_REDIS_URL, testConfig } from '../support/environment.js';
import { childEnv, freePort } from '../support/processes.js';
import { startTestServer } from '../support/server.js';

const MAIN = join(PROJECT_ROOT, 'dist', 'server', 'main.js');
const FRESH_DATABASE = `${TEST_DATABASE}_fresh`;

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startMain(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [MAIN], {
    cwd: PROJECT_ROOT,
    env: childEnv({ PATH: process.env.PATH ?? '', OPENFLIGHTS_DIR, REDIS_URL: TEST_REDIS_URL, LOG_LEVEL: 'info', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitUntilReady(port: number, started: Started, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`server exited early:\n${started.output()}`);
    const response = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null);
    if (response?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server not ready within ${timeoutMs} ms:\n${started.output()}`);
}

afterAll(async () => {
  await dropDatabase(testConfig({}, FRESH_DATABASE).database);
});

describe('npm start (the compiled server)', () => {
  it('on a fresh machine creates the database, migrates, imports, serves, and stops cleanly on SIGTERM', async () => {
    await dropDatabase(testConfig({}, FRESH_DATABASE).database);
    const port = await freePort();
    const env = { DATABASE_URL: `mysql://root@127.0.0.1:3306/${FRESH_DATABASE}`, PORT: String(port) };

    const first = startMain(env);
    await waitUntilReady(port, first);
    expect(first.output()).toContain('importing it now');
    const answer = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ route(from: "JFK", to: "LAX") { distanceKm } }' }),
    });
    expect(((await answer.json()) as any).data.route.distanceKm).toBeCloseTo(3974, -1);
    const stoppingAt = Date.now();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(Date.now() - stoppingAt).toBeLessThan(10_000);

    const second = startMain(env);
    await waitUntilReady(port, second);
    expect(second.output()).not.toContain('importing it now');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('names every bad variable in one line and exits 1', async () => {
    const started = startMain({ PORT: 'not-a-port', DATABASE_URL: 'postgres://x/y', REDIS_URL: 'nope' });
    expect(await started.exited).toBe(1);
    const lines = started.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: Invalid configuration: .*PORT.*/);
    expect(lines[0]).toContain('DATABASE_URL');
    expect(lines[0]).toContain('REDIS_URL');
  });

  it('says which service it cannot reach, in one line without a stack trace', async () => {
    const port = await freePort();
    const noDatabase = startMain({ DATABASE_URL: `mysql://root@127.0.0.1:${port}/${TEST_DATABASE}` });
    expect(await noDatabase.exited).toBe(1);
    expect(noDatabase.output().trim()).toMatch(new RegExp(`^error: Cannot reach MariaDB at 127\\.0\\.0\\.1:${port}: [^\\n]+$`));

    const noRedis = startMain({ DATABASE_URL: `mysql://root@127.0.0.1:3306/${TEST_DATABASE}`, REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(await noRedis.exited).toBe(1);
    expect(noRedis.output().trim().split('\n').at(-1)).toMatch(new RegExp(`^error: Cannot reach Redis at 127\\.0\\.0\\.1:${port}: `));
  });
});

describe('SIGTERM under load', () => {
  it('finishes requests in flight, tells WebSocket clients, and exits within 10 s', async () => {
    const port = await freePort();
    const started = startMain({ DATABASE_URL: `mysql://root@127.0.0.1:3306/${TEST_DATABASE}`, PORT: String(port), RATE_LIMIT_PER_MINUTE: '0' });
    await waitUntilReady(port, started);
    const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.on('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init' }));

    const body = JSON.stringify({ query: '{ findPaths(from: "GKA", to: "LHR", maxStops: 3, limit: 20) { totalDistanceKm } }' });
    const inFlight = Array.from({ length: 40 }, () => fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.status));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stoppingAt = Date.now();
    started.child.kill('SIGTERM');
    const statuses = await Promise.all(inFlight);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(await closed).toBe(1001);
    expect(await started.exited).toBe(0);
    expect(Date.now() - stoppingAt).toBeLessThan(10_000);
  });
});

describe('health endpoints', () => {
  it('/healthz is alive, /readyz is ready, and reports what is missing when Redis goes away', async () => {
    const server = await startTestServer();
    try {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', missing: [] });

      server.app.redis.disconnect();
      const degraded = await fetch(`${server.url}/readyz`);
      expect(degraded.status).toBe(503);
      const body = (await degraded.json()) as { missing: string[]; checks: Record<string, string> };
      expect(body.missing).toEqual(['redis']);
      expect(body.checks.database).toBe('ok');
    } finally {
      await server.close();
    }
  });
});
