/**
 * What the web app tests (web-compose.test.ts, web-community.test.ts) share: the real server with a
 * browser page open on it, the database and Redis beside it for arranging what a test needs, and
 * the steps their flows repeat (signing people up, picking an airport, checking accessibility).
 */
import { randomBytes } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { createDatabasePool, type DatabasePool } from '../../server/adapters/mariadb.js';
import { createPrisma, type PrismaClient } from '../../server/adapters/prisma.js';
import { connectRedis, type Redis } from '../../server/adapters/redis.js';
import { TEST_REDIS_URL, silentLogger } from '../support/environment.js';
import { e2eConfig } from './environment.js';
import { accessibilityViolations, openBrowser, startE2EServer, type E2EServer } from './support.js';

export const PASSWORD = 'correct horse 42';

export interface Person {
  username: string;
  accessToken: string;
  refreshToken: string;
}

export interface WebSession {
  server: E2EServer;
  browser: Awaited<ReturnType<typeof openBrowser>>;
  page: Page;
  prisma: PrismaClient;
  resetRateLimits(): Promise<void>;
  signUp(prefix: string): Promise<Person>;
  logIn(username: string): Promise<Person>;
  /** A browser signed in as `person`: the app restores the sign-in from the refresh cookie the server would have set. */
  signedInContext(context: BrowserContext, person: Person): Promise<void>;
  close(): Promise<void>;
}

export async function startWebSession(): Promise<WebSession> {
  let server: E2EServer | undefined;
  let browser: WebSession['browser'] | undefined;
  let database: DatabasePool | undefined;
  let prisma: PrismaClient | undefined;
  let redis: Redis | undefined;
  const close = async () => {
    await browser?.close();
    await server?.stop();
    // The integration tests run next on the same Redis DB: leave them no streams, leases or sessions.
    await redis?.flushdb();
    redis?.disconnect();
    await prisma?.$disconnect();
    await database?.dispose();
  };
  try {
    server = await startE2EServer();
    const config = e2eConfig();
    database = createDatabasePool(config.database);
    prisma = createPrisma(database);
    redis = await connectRedis(TEST_REDIS_URL, silentLogger);
    browser = await openBrowser();
    const page = await browser.context.newPage();
    const started = { server, redis };
    const resetRateLimits = async () => {
      const keys = await started.redis.keys('aero-melody:rate:*');
      if (keys.length) await started.redis.del(...keys);
    };
    return {
      server,
      browser,
      page,
      prisma,
      resetRateLimits,
      async signUp(prefix) {
        await resetRateLimits();
        const username = `${prefix}_${randomBytes(4).toString('hex')}`;
        const response = await started.server.graphql<{ signUp: { accessToken: string; refreshToken: string } }>(
          'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken refreshToken } }',
          { input: { email: `${username}@example.test`, username, password: PASSWORD } },
        );
        if (!response.data) throw new Error(`sign-up failed: ${response.errors?.[0]?.message}`);
        return { username, ...response.data.signUp };
      },
      async logIn(username) {
        await resetRateLimits();
        const response = await started.server.graphql<{ logIn: { accessToken: string; refreshToken: string } }>('mutation($input: LogInInput!) { logIn(input: $input) { accessToken refreshToken } }', {
          input: { login: username, password: PASSWORD },
        });
        return { username, ...response.data!.logIn };
      },
      async signedInContext(context, person) {
        await context.addCookies([{ name: 'aero_refresh', value: person.refreshToken, domain: new URL(started.server.url).hostname, path: '/auth', httpOnly: true, sameSite: 'Strict' }]);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function pickAirport(target: Page, label: string, code: string): Promise<void> {
  const input = target.getByRole('combobox', { name: label, exact: true });
  await input.fill(code);
  await target
    .getByRole('option', { name: new RegExp(`^${code}\\b`) })
    .first()
    .waitFor();
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toMatch(new RegExp(`^${code} — `));
}

export async function expectAccessible(target: Page, name: string): Promise<void> {
  const violations = await accessibilityViolations(target);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}
