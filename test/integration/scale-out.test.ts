/**
 * What lets several instances act as one: the instance named on every response, /readyz failing
 * from the first moment of draining, persisted queries registered on one instance known by
 * another (and the allow-list mode), metrics labelled per instance, and analytics answered by an
 * instance that does not hold the store, with the writer role moving when its holder stops.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { testConfig } from '../support/environment.js';
import { errorCode, startTestServer, type TestServer } from '../support/server.js';

const servers: TestServer[] = [];
const directory = mkdtempSync(join(tmpdir(), 'aero-melody-scale-out-'));

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close().catch(() => undefined)));
  rmSync(directory, { recursive: true, force: true });
});

async function start(overrides: Record<string, string>): Promise<TestServer> {
  const server = await startTestServer(testConfig(overrides));
  servers.push(server);
  return server;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function post(server: TestServer, body: unknown): Promise<{ status: number; body: any; servedBy: string | null }> {
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json(), servedBy: response.headers.get('x-served-by') };
}

describe('several instances', () => {
  it('name themselves on every response, label their metrics, and report not-ready from the first moment of draining', async () => {
    const server = await start({ INSTANCE_NAME: 'scale-a' });
    expect((await post(server, { query: '{ __typename }' })).servedBy).toBe('scale-a');
    expect((await fetch(`${server.url}/healthz`)).headers.get('x-served-by')).toBe('scale-a');
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/aero_melody_graphql_requests_total\{[^}]*instance="scale-a"/);
    for (const name of ['aero_melody_subscriptions', 'aero_melody_websocket_connections', 'aero_melody_export_jobs', 'aero_melody_analytics_lag_seconds']) {
      expect(metrics).toContain(`# TYPE ${name} gauge`);
    }
    const ready = await fetch(`${server.url}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready', instance: 'scale-a' });

    const closing = server.close();
    const draining = await fetch(`${server.url}/readyz`);
    expect(draining.status).toBe(503);
    await closing;
    servers.splice(servers.indexOf(server), 1);
  });

  it('know a document registered on another instance (APQ in Redis)', async () => {
    const [a, b] = [await start({ INSTANCE_NAME: 'apq-a' }), await start({ INSTANCE_NAME: 'apq-b' })];
    const query = `{ airport(code: "GVA") { name } __typename }`;
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };
    expect(errorCode((await post(b, { extensions: { persistedQuery } })).body)).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post(a, { query, extensions: { persistedQuery } });
    expect(registered.body.data.airport.name).toContain('Geneva');
    const elsewhere = await post(b, { extensions: { persistedQuery } });
    expect(elsewhere.body).toEqual(registered.body);
  });

  it('run only the manifest operations in allow-list mode, over POST and graphql-ws', async () => {
    const server = await start({ PERSISTED_QUERIES: 'allow-list' });
    expect(errorCode((await post(server, { query: '{ __typename }' })).body)).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    const ad = { version: 1, sha256Hash: sha256('{ airport(code: "LHR") { name } }') };
    expect(errorCode((await post(server, { query: '{ airport(code: "LHR") { name } }', extensions: { persistedQuery: ad } })).body)).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    const manifest = (await import('../../schema/operations/manifest.json', { with: { type: 'json' } })).default as Record<string, string>;
    const [hash] = Object.entries(manifest).find(([, document]) => document.startsWith('query Airport('))!;
    const allowed = await post(server, { variables: { code: 'GVA' }, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(allowed.body.data.airport.iata).toBe('GVA');

    const client = createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const refused = await new Promise<unknown>((resolve) => {
      client.subscribe({ query: 'subscription { liveRadio(channel: "GVA") { turn } }' }, { next: () => undefined, error: resolve, complete: () => resolve(null) });
    });
    await client.dispose();
    expect((refused as { extensions?: { code?: string } }[])[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
  });

  it('answer analytics from an instance that does not hold the store, and hand the writer role over on shutdown', async () => {
    // Every server consumes the one analytics stream: only the two sharing the store may run now.
    await Promise.all(servers.splice(0).map((server) => server.close()));
    const dbPath = join(directory, 'shared.duckdb');
    // A long lease: both servers share this test's event loop, which a server starting blocks for seconds.
    const settings = { ANALYTICS_DB_PATH: dbPath, ANALYTICS_WRITER_LEASE_MS: '10000' };
    const pair = [await start(settings), await start(settings)];
    const writer = pair.find((server) => server.app.analytics.writing);
    const reader = pair.find((server) => !server.app.analytics.writing);
    expect(writer && reader).toBeTruthy();
    const counted = async (server: TestServer, music: number) => {
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline) {
        if ((await server.app.analytics.repo.eventCounts()).music === music) return true;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return false;
    };
    const before = await reader!.app.analytics.repo.eventCounts();
    reader!.app.analytics.events.record({ kind: 'COMPOSITION_PLAYED', actor: 'scale-out-test', compositionId: 987_654 });
    await reader!.app.analytics.events.flush();
    expect(await counted(reader!, before.music + 1)).toBe(true);

    await writer!.close();
    servers.splice(servers.indexOf(writer!), 1);
    // The writer handed the lease back: the reader takes it on its next check and opens the file itself.
    const deadline = Date.now() + 10_000;
    while (!reader!.app.analytics.writing && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reader!.app.analytics.writing).toBe(true);
    expect(await counted(reader!, before.music + 1)).toBe(true);
  });
});
