/**
 * OpenTelemetry: with OTEL_EXPORTER_OTLP_ENDPOINT set, the compiled server sends OTLP/HTTP traces
 * in which one request (found by its X-Request-ID) has its HTTP, GraphQL, Redis and SQL spans.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/paths.js';
import { OPENFLIGHTS_DIR, testConfig } from '../support/environment.js';
import { childEnv, freePort, until } from '../support/processes.js';

interface Span {
  traceId: string;
  name: string;
  attributes: { key: string; value: { stringValue?: string } }[];
}

let child: ChildProcess | null = null;
let collector: Server | null = null;

afterAll(async () => {
  child?.kill('SIGKILL');
  await new Promise((resolve) => collector?.close(resolve) ?? resolve(undefined));
});

describe('traces', () => {
  it('exports one trace per request, from the HTTP request id to the SQL, when an OTLP endpoint is set', { timeout: 330_000 }, async () => {
    const spans: Span[] = [];
    collector = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        if (request.url === '/v1/traces') {
          const payload = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: Span[] }[] }[] };
          for (const resource of payload.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector!.listen(0, '127.0.0.1', resolve));
    const port = await freePort();
    const config = testConfig();
    child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist/server/main.js')], {
      cwd: PROJECT_ROOT,
      env: childEnv({
        PATH: process.env.PATH ?? '',
        DATABASE_URL: config.database.url,
        REDIS_URL: config.redisUrl,
        OPENFLIGHTS_DIR,
        PORT: String(port),
        LOG_LEVEL: 'info',
        WEB_APP: 'off',
        ANALYTICS_DB_PATH: ':memory:',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
        OTEL_BSP_SCHEDULE_DELAY: '200',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const ready = await until(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200, 240_000);
    expect(ready, `the server did not become ready:\n${output}`).toBe(true);

    const requestId = 'trace-test-request-1';
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ query: '{ user(username: "nobody_here") { id } airport(code: "GVA") { name } }' }),
    });
    expect(response.status).toBe(200);
    const traceOf = () => spans.find((span) => span.attributes.some((attribute) => attribute.key === 'http.request_id' && attribute.value.stringValue === requestId))?.traceId;
    expect(await until(async () => traceOf() !== undefined, 15_000)).toBe(true);
    const names = () => spans.filter((span) => span.traceId === traceOf()).map((span) => span.name);
    // The response cache looks in Redis and the person is looked up with SQL, all within the request's trace.
    expect(
      await until(
        async () => names().some((name) => name.startsWith('graphql.')) && names().some((name) => /^prisma:/.test(name)) && names().some((name) => /^(get|hget|mget|evalsha|eval)$/i.test(name)),
        15_000,
      ),
    ).toBe(true);
  });
});
