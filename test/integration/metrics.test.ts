import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../support/environment.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(testConfig({ METRICS_TOKEN: 'a-metrics-token-for-tests' }));
});

afterAll(async () => {
  await server.close();
});

const scrape = (token?: string) => fetch(`${server.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('GET /metrics', () => {
  it('exposes request rate and latency per operation, the database pool and event-loop lag, behind its token', async () => {
    await server.graphql('{ airport(code: "LHR") { iata } }');
    await server.graphql('{ airport(code: "x") { iata } }');
    await server.graphql('query Custom { route(from: "JFK", to: "LAX") { distanceKm } }');
    expect((await scrape()).status).toBe(401);
    const response = await scrape('a-metrics-token-for-tests');
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    // Every series carries the instance that answered (X-Served-By's name), so several instances can be told apart.
    expect(text).toMatch(/aero_melody_graphql_requests_total\{operation="query.airport",outcome="ok",instance="[^"]+"\} [1-9]/);
    expect(text).toMatch(/aero_melody_graphql_requests_total\{operation="query.airport",outcome="error",instance="[^"]+"\} [1-9]/);
    expect(text).toMatch(/aero_melody_graphql_request_duration_seconds_bucket\{le="0.1",instance="[^"]+",operation="query.route"\} [1-9]/);
    expect(text).not.toContain('Custom');
    expect(text).toMatch(/aero_melody_database_pool_connections\{state="total",instance="[^"]+"\} \d+/);
    expect(text).toMatch(/aero_melody_nodejs_eventloop_lag_seconds\{instance="[^"]+"\} \d/);
  });
});
