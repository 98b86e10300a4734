/**
 * The partner SDK (sdk/) as a client library, against the real server: the committed generated
 * code and manifest match schema/schema.graphql + schema/operations (`npm run sdk:generate`),
 * typed errors, auth headers, persisted (by-hash) requests, graphql-ws streaming and the README
 * example. Every operation's own case is in sdk-operations.test.ts.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Kind, buildSchema, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAeroMelodyClient, operations, type AeroMelodyClient } from '../../sdk/src/index.js';
import type { TestServer } from '../support/server.js';
import { camel, collect, rejection, startSdkContext, type SdkContext } from './sdk/context.js';

const run = promisify(execFile);
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

let context: SdkContext;
let server: TestServer;
let client: AeroMelodyClient;
let endpoint: string;

beforeAll(async () => {
  context = await startSdkContext();
  ({ server, endpoint } = context);
  client = context.member.client;
});

afterAll(async () => {
  await context?.dispose();
  await context?.server.close();
});

describe('generated SDK and manifest', () => {
  it('are up to date with schema/schema.graphql and schema/operations (else run `npm run sdk:generate`)', async () => {
    const cli = resolve(ROOT, 'node_modules/@graphql-codegen/cli/esm/bin.js');
    const result = await run(process.execPath, [cli, '--config', 'codegen.ts', '--check'], { cwd: ROOT }).catch((error: { stdout?: string; stderr?: string; code?: number }) => error);
    expect('code' in result ? result.code : 0, `${result.stdout}\n${result.stderr}`).toBe(0);
  });

  it('compiles on its own (tsc -p sdk/tsconfig.json --noEmit)', async () => {
    const tsc = resolve(ROOT, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', 'sdk/tsconfig.json', '--noEmit'], { cwd: ROOT }).catch((error: { stdout?: string; stderr?: string; code?: number }) => error);
    expect('code' in result ? result.code : 0, `${result.stdout}\n${result.stderr}`).toBe(0);
  });

  it('has one method per named operation file, and the manifest maps sha256(document) to each document', async () => {
    const files = (await readdir(resolve(ROOT, 'schema/operations'))).filter((file) => file.endsWith('.graphql'));
    const sources = await Promise.all(files.map((file) => readFile(resolve(ROOT, 'schema/operations', file), 'utf8')));
    const declared = sources.flatMap((source) => [...source.matchAll(/^\s*(?:query|mutation|subscription)\s+([A-Za-z0-9_]+)/gm)].map((match) => match[1]));
    expect(Object.keys(operations).sort()).toEqual(declared.sort());
    for (const required of ['Route', 'PreviewComposition', 'Airport', 'SearchAirports', 'FindPaths', 'Themes', 'CreateComposition', 'Composition', 'Compositions', 'Routes']) {
      expect(operations).toHaveProperty(required);
      expect(typeof (client as unknown as Record<string, unknown>)[camel(required)]).toBe('function');
    }

    const schema = buildSchema(await readFile(resolve(ROOT, 'schema/schema.graphql'), 'utf8'));
    const covered = new Set(
      sources.flatMap((source) =>
        parse(source).definitions.flatMap((definition) =>
          definition.kind === Kind.OPERATION_DEFINITION
            ? definition.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [`${definition.operation}.${selection.name.value}`] : []))
            : [],
        ),
      ),
    );
    const roots = [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
      ['subscription', schema.getSubscriptionType()],
    ] as const;
    const uncovered = roots.flatMap(([kind, type]) => Object.keys(type!.getFields()).map((field) => `${kind}.${field}`)).filter((field) => !covered.has(field));
    expect(uncovered, 'every root field has an operation in schema/operations (and so an SDK method)').toEqual([]);

    const manifest = JSON.parse(await readFile(resolve(ROOT, 'schema/operations/manifest.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(manifest)).toHaveLength(Object.keys(operations).length);
    for (const operation of Object.values(operations)) {
      const hash = createHash('sha256').update(operation.document).digest('hex');
      expect(operation.hash).toBe(hash);
      expect(manifest[hash]).toBe(operation.document);
    }
  });
});

describe('errors', () => {
  it('a bad input rejects with an AeroMelodyError carrying code BAD_USER_INPUT', async () => {
    const error = await rejection(client.previewComposition({ input: { route: { from: 'JFK', to: 'NOPE!' } } }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.operationName).toBe('PreviewComposition');
    expect(error.errors[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/NOPE!/);
  });

  it('variables the schema rejects are BAD_USER_INPUT too', async () => {
    const error = await rejection(client.previewComposition({ input: { route: { from: 'JFK' } } } as never));
    expect(error.code).toBe('BAD_USER_INPUT');
  });

  it('an unreachable server is NETWORK_ERROR; a non-GraphQL answer is HTTP_ERROR', async () => {
    const offline = createAeroMelodyClient({ url: 'http://127.0.0.1:1/graphql' });
    expect((await rejection(offline.themes())).code).toBe('NETWORK_ERROR');
    const wrongPath = createAeroMelodyClient({ url: `${server.url}/healthz-nope` });
    const error = await rejection(wrongPath.themes());
    expect(error.code).toBe('HTTP_ERROR');
    expect(error.status).toBe(404);
  });
});

describe('requests', () => {
  function spyingFetch() {
    const requests: { headers: Headers; body: Record<string, any> }[] = [];
    const fetchSpy: typeof fetch = async (input, init) => {
      requests.push({ headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)) });
      return fetch(input, init);
    };
    return { requests, fetchSpy };
  }

  it('sends apiKey as x-api-key and accessToken as a bearer token', async () => {
    const { requests, fetchSpy } = spyingFetch();
    const authed = createAeroMelodyClient({ url: endpoint, apiKey: 'key-123', accessToken: 'token-456', fetch: fetchSpy, headers: { 'x-request-id': 'sdk-test' } });
    await authed.themes();
    expect(requests[0].headers.get('x-api-key')).toBe('key-123');
    expect(requests[0].headers.get('authorization')).toBe('Bearer token-456');
    expect(requests[0].headers.get('x-request-id')).toBe('sdk-test');
    expect(requests[0].body).toMatchObject({ operationName: 'Themes', query: operations.Themes.document });
  });

  it('persistedOperations sends the manifest hash first, and the document only when the server asks for it', async () => {
    const { requests, fetchSpy } = spyingFetch();
    const persisted = createAeroMelodyClient({ url: endpoint, persistedOperations: true, fetch: fetchSpy });
    const { route } = await persisted.route({ from: 'JFK', to: 'LAX' });
    expect(route!.distanceKm).toBeCloseTo(3974, 0);
    expect(requests[0].body).toEqual({
      operationName: 'Route',
      variables: { from: 'JFK', to: 'LAX' },
      extensions: { persistedQuery: { version: 1, sha256Hash: operations.Route.hash } },
    });
    // Whatever the server's persisted-operation support, at most one fallback request is made.
    expect(requests.length).toBeLessThanOrEqual(2);
  });
});

describe('graphql-ws transport (subscriptions)', () => {
  // The schema has no Subscription type yet (live streams come later), so these stream queries
  // over graphql-ws through the same code path generated subscription methods use
  // (transport.subscribe). A `subscription` operation file becomes a method returning an
  // AsyncIterableIterator of its data.
  it('streams an operation over graphql-ws as an async iterator, then completes', async () => {
    const results = await collect(client.subscribe('Route', { from: 'JFK', to: 'LAX' }));
    expect(results).toHaveLength(1);
    expect(results[0]).toEqual(await client.route({ from: 'JFK', to: 'LAX' }));
  });

  it('runs several streams over one socket, with auth in the connection params', async () => {
    const authed = createAeroMelodyClient({ url: endpoint, apiKey: 'key-123' });
    try {
      const [themes, piece] = await Promise.all([collect(authed.subscribe('Themes')), collect(authed.subscribe('PreviewComposition', { input: { route: { from: 'JFK', to: 'LAX' } } }))]);
      expect(themes[0].themes.length).toBeGreaterThan(0);
      expect(piece[0].previewComposition.tracks.length).toBeGreaterThanOrEqual(2);
    } finally {
      await authed.dispose();
    }
  });

  it('a bad input over graphql-ws throws an AeroMelodyError with code BAD_USER_INPUT', async () => {
    const error = await rejection(collect(client.subscribe('PreviewComposition', { input: { route: { from: 'JFK', to: 'NOPE!' } } })));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.operationName).toBe('PreviewComposition');
  });

  it('an aborted stream ends without a value', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await collect(client.subscribe('Themes', undefined, { signal: controller.signal }))).toEqual([]);
  });

  it('generated subscription methods stream their operation', async () => {
    const subscriptions = Object.values(operations).filter((operation) => (operation.type as string) === 'subscription');
    // None exist until the schema has a Subscription type; then each must have a case in sdk-operations.test.ts.
    for (const operation of subscriptions) expect(typeof (client as unknown as Record<string, unknown>)[camel(operation.name)]).toBe('function');
  });
});

describe('sdk/README.md', () => {
  it('its five-line example runs', async () => {
    const readme = await readFile(resolve(ROOT, 'sdk/README.md'), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(readme)![1];
    expect(example.trim().split('\n')).toHaveLength(5);
    const dir = await mkdtemp(join(tmpdir(), 'aero-sdk-readme-'));
    try {
      const file = join(dir, 'example.ts');
      await writeFile(file, example.replace("'@aero-melody/sdk'", JSON.stringify(resolve(ROOT, 'sdk/src/index.ts'))).replace('http://localhost:4000/graphql', endpoint));
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      try {
        await import(/* @vite-ignore */ file);
        expect(log).toHaveBeenCalledOnce();
        expect(String(log.mock.calls[0][0])).toMatch(/^3974 km → "JFK → LAX/);
      } finally {
        log.mockRestore();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
