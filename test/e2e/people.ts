import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { Redis } from '../../server/adapters/redis.js';
import type { E2EServer } from './support.js';

export const PASSWORD = 'correct horse 42';

export interface Person {
  username: string;
  accessToken: string;
}

/** A new person signed up through the API (the rate limiter forgets the test's earlier sign-ups). */
export async function signUp(server: E2EServer, redis: Redis, prefix: string): Promise<Person> {
  const keys = await redis.keys('aero-melody:rate:*');
  if (keys.length) await redis.del(...keys);
  const username = `${prefix}_${randomBytes(4).toString('hex')}`;
  const response = await server.graphql<{ signUp: { accessToken: string } }>('mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }', {
    input: { email: `${username}@example.test`, username, password: PASSWORD },
  });
  if (!response.data) throw new Error(`sign-up failed: ${response.errors?.[0]?.message}`);
  return { username, accessToken: response.data.signUp.accessToken };
}

/** Logs in through the account page, as a person would (whatever the app keeps the sign-in in). */
export async function logInThroughPage(page: Page, url: string, username: string): Promise<void> {
  await page.goto(`${url}/account`);
  await page.getByLabel('Email or username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await page.waitForURL('**/community');
}

/** A saved piece, created through the API. */
export async function savePiece(server: E2EServer, owner: Person, input: Record<string, unknown>): Promise<string> {
  const created = await server.graphql<{ createComposition: { id: string } }>('mutation($input: ComposeInput!) { createComposition(input: $input) { id } }', { input }, owner.accessToken);
  if (!created.data) throw new Error(`createComposition failed: ${created.errors?.[0]?.message}`);
  return created.data.createComposition.id;
}
