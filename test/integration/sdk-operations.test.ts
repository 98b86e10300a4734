/**
 * The partner SDK (sdk/) against the real server, operation by operation: every named operation
 * in schema/operations through its generated method (the cases are in ./sdk/*-cases.ts).
 * The client library itself (generated code, errors, requests, transport) is sdk-client.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations, type OperationName } from '../../sdk/src/index.js';
import { communityCases } from './sdk/community-cases.js';
import { camel, startSdkContext, type SdkContext } from './sdk/context.js';
import { contestCases } from './sdk/contest-cases.js';
import { coreCases } from './sdk/core-cases.js';

let context: SdkContext;

beforeAll(async () => {
  context = await startSdkContext();
});

afterAll(async () => {
  await context?.dispose();
  await context?.server.close();
});

const allCases = () => ({ ...coreCases(context), ...communityCases(context), ...contestCases(context) });

describe('every operation in schema/operations through the SDK', () => {
  it('covers every operation', () => {
    expect(Object.keys(allCases()).sort()).toEqual(Object.keys(operations).sort());
  });

  for (const name of Object.keys(operations).sort() as OperationName[]) {
    it(`${camel(name)}()`, async () => {
      const run = allCases()[name];
      if (!run) expect.fail(`no test case for operation ${name}`);
      await run();
    });
  }
});
