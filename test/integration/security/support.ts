import { randomBytes } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { testConfig } from '../../support/environment.js';
import { startTestServer, type TestServer } from '../../support/server.js';

/** A server started as a deployment starts it: NODE_ENV=production and a real AUTH_SECRET. */
export function startProductionServer(overrides: Record<string, string> = {}): Promise<TestServer> {
  return startTestServer(testConfig({ NODE_ENV: 'production', AUTH_SECRET: randomBytes(32).toString('hex'), ...overrides }));
}

export interface Outcome {
  data?: any;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

/** One operation over graphql-ws, as an outside client sends it: what came back, data or errors. */
export async function overWebSocket(server: TestServer, query: string, variables: Record<string, unknown> = {}, connectionParams: Record<string, unknown> = {}): Promise<Outcome> {
  const client = createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams });
  try {
    return await new Promise<Outcome>((resolve) => {
      let last: Outcome = {};
      client.subscribe(
        { query, variables },
        {
          next: (value) => (last = value as Outcome),
          error: (error) => resolve(Array.isArray(error) ? { errors: error } : { errors: [{ message: String((error as Error).message ?? error) }] }),
          complete: () => resolve(last),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

/** POST with the headers of the test's choosing, returning the status and headers too. */
export async function post(server: TestServer, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Outcome };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
