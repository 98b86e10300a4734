import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../support/server.js';
import { post, startProductionServer } from './support.js';

/**
 * Found: with NODE_ENV=production Apollo's own default refused introspection even with the
 * documented PLAYGROUND_KEY, so /playground showed an error instead of the schema, and the
 * graphql-http audit failed two MUSTs that ask `__type`.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startProductionServer({ PLAYGROUND_KEY: 'a-long-playground-key' });
});

afterAll(async () => {
  await server?.close();
});

describe('introspection in production', () => {
  it('answers the playground’s introspection, with or without its key', async () => {
    const query = '{ __schema { queryType { name } types { name } } }';
    for (const headers of [{}, { 'x-playground-key': 'a-long-playground-key' }] as Record<string, string>[]) {
      const answer = await post(server, query, {}, headers);
      expect(answer.status).toBe(200);
      expect(answer.body.data.__schema.queryType.name).toBe('Query');
    }
  });

  it('passes every MUST of the graphql-http audit', async () => {
    const results = await auditServer({ url: `${server.url}/graphql` });
    const failedMusts = results.filter((result) => result.status !== 'ok' && result.name.startsWith('MUST'));
    expect(failedMusts.map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`)).toEqual([]);
    // docs/api.md lists these, with the reason: Apollo answers them 400, as graphql-response+json asks.
    const failedShoulds = results.filter((result) => result.status !== 'ok' && result.name.startsWith('SHOULD')).map((result) => result.name);
    expect(failedShoulds.sort()).toEqual([
      'SHOULD use 200 status code on document parsing failure when accepting application/json',
      'SHOULD use 200 status code on document validation failure when accepting application/json',
      'SHOULD use a status code of 200 on variable coercion failure when accepting application/json',
    ]);
  });
});
