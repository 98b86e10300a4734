import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../support/environment.js';
import { freePort, until } from '../support/processes.js';
import { errorCode, startTestServer, type TestServer } from '../support/server.js';

/** A Redis of this test's own, on a free port, so stopping it disturbs nothing else. */
function startRedis(port: number): ChildProcess {
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
}

let redis: ChildProcess | undefined;
let server: TestServer | undefined;

afterAll(async () => {
  await server?.close();
  redis?.kill('SIGKILL');
});

describe('Redis stops while the server runs', () => {
  it('keeps answering reads, refuses Redis-bound writes clearly, reports degraded, and recovers by itself', async () => {
    const port = await freePort();
    redis = startRedis(port);
    const ready = async () => (await fetch(`${server!.url}/readyz`)).status === 200;
    await until(async () => {
      server ??= await startTestServer(testConfig({ REDIS_URL: `redis://127.0.0.1:${port}` }));
      return true;
    });
    const member = await server!.signUp('outage');
    const piece = (await server!.graphql('mutation { createComposition(input: { route: { from: "JFK", to: "LAX" } }) { id } }', {}, member.accessToken)).data!.createComposition.id;

    redis.kill('SIGKILL');
    await new Promise((resolve) => redis!.once('exit', resolve));

    const reads = await server!.graphql('{ airport(code: "LHR") { iata } route(from: "JFK", to: "LAX") { distanceKm } previewComposition(input: { route: { from: "LHR", to: "CDG" } }) { tempoBpm } }');
    expect(reads.errors).toBeUndefined();
    expect(reads.data!.airport.iata).toBe('LHR');
    expect((await server!.graphql('{ viewer { username } }', {}, member.accessToken)).data!.viewer.username).toBe(member.username);

    const play = await server!.graphql('mutation($id: ID!) { recordPlay(id: $id) { playCount } }', { id: piece }, member.accessToken);
    expect(errorCode(play)).toBe('SERVICE_UNAVAILABLE');
    expect(play.errors![0].message).toMatch(/Counting a play is not possible right now/);
    const degraded = await fetch(`${server!.url}/readyz`);
    expect(degraded.status).toBe(503);
    expect(((await degraded.json()) as { missing: string[] }).missing).toEqual(['redis']);

    redis = startRedis(port);
    expect(await until(ready)).toBe(true);
    expect(await until(async () => (await server!.graphql('mutation($id: ID!) { recordPlay(id: $id) { playCount } }', { id: piece }, member.accessToken)).errors === undefined)).toBe(true);
  });
});
