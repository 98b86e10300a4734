/**
 * Accessibility across the whole app: axe-core finds no violation, of any impact, on any page, in
 * the light and the dark theme, in every language; every page holds at 360 px wide; and with
 * reduced motion nothing animates or transitions, nothing scrolls smoothly, and the piano rolls
 * move in steps of a second instead of every frame.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabasePool, type DatabasePool } from '../../server/adapters/mariadb.js';
import { createPrisma, type PrismaClient } from '../../server/adapters/prisma.js';
import { connectRedis, type Redis } from '../../server/adapters/redis.js';
import { TEST_REDIS_URL, silentLogger } from '../support/environment.js';
import { e2eConfig } from './environment.js';
import { savePiece, signUp, type Person } from './people.js';
import { accessibilityViolations, openBrowser, screenshot, startE2EServer, type E2EServer } from './support.js';

let server: E2EServer;
let database: DatabasePool;
let prisma: PrismaClient;
let redis: Redis;
let owner: Person;
let pieceId: string;
let contestId: string;

beforeAll(async () => {
  server = await startE2EServer();
  database = createDatabasePool(e2eConfig().database);
  prisma = createPrisma(database);
  redis = await connectRedis(TEST_REDIS_URL, silentLogger);
  owner = await signUp(server, redis, 'reader');
  pieceId = await savePiece(server, owner, { route: { from: 'LIS', to: 'MAD' }, theme: 'jazz', durationSeconds: 40, title: 'Iberian evening' });
  await prisma.user.update({ where: { username: owner.username }, data: { role: 'PARTNER' } });
  const partner = await server.graphql<{ logIn: { accessToken: string } }>('mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }', {
    input: { login: owner.username, password: 'correct horse 42' },
  });
  const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
  const contest = await server.graphql<{ createContest: { id: string } }>(
    'mutation($input: ContestInput!) { createContest(input: $input) { id } }',
    {
      input: {
        title: 'Short hops',
        sponsor: 'Aero Museum',
        prize: 'A flight',
        description: 'Compose a short hop.',
        submissionsOpenAt: minutes(-1),
        submissionsCloseAt: minutes(30),
        votingOpenAt: minutes(30),
        votingCloseAt: minutes(60),
      },
    },
    partner.data!.logIn.accessToken,
  );
  contestId = contest.data!.createContest.id;
});

afterAll(async () => {
  await server?.stop();
  await prisma?.$disconnect();
  await database?.dispose();
  await redis?.flushdb();
  redis?.disconnect();
});

/** Every page of the app, and what shows once its content has arrived. */
function everyPage(): { path: string; ready: (page: Page) => Promise<unknown> }[] {
  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 20_000 });
  const piece = encodeURIComponent(pieceId);
  return [
    { path: '/', ready: heading },
    { path: '/explore', ready: heading },
    { path: '/community', ready: heading },
    { path: '/contests', ready: (page) => page.getByRole('link', { name: 'Short hops' }).first().waitFor({ timeout: 20_000 }) },
    { path: `/contests/${encodeURIComponent(contestId)}`, ready: (page) => page.getByRole('heading', { level: 1, name: 'Short hops' }).waitFor({ timeout: 20_000 }) },
    { path: '/themes', ready: heading },
    { path: '/radio', ready: heading },
    { path: '/radio/JFK', ready: heading },
    { path: '/account', ready: heading },
    { path: '/analytics', ready: heading },
    // GraphiQL's editors and tabs come after the page's heading.
    {
      path: '/playground',
      ready: (page) =>
        page
          .locator('.graphiql-execute-button')
          .waitFor({ timeout: 30_000 })
          .then(() => page.locator('.graphiql-tab').first().waitFor()),
    },
    { path: '/docs', ready: heading },
    { path: `/pieces/${piece}`, ready: (page) => page.getByTestId('piece-roll').waitFor({ timeout: 20_000 }) },
    { path: `/embed/pieces/${piece}`, ready: (page) => page.getByTestId('piece-roll').waitFor({ timeout: 20_000 }) },
    { path: `/users/${owner.username}`, ready: (page) => page.getByRole('link', { name: 'Iberian evening' }).first().waitFor({ timeout: 20_000 }) },
    { path: '/no/such/page', ready: heading },
  ];
}

describe('axe', () => {
  for (const locale of ['en', 'de', 'es'] as const) {
    it(`finds nothing on any page in either theme (${locale})`, async () => {
      const browser = await openBrowser();
      try {
        await browser.context.addCookies([{ name: 'aero-melody.locale', value: locale, url: server.url }]);
        const page = await browser.context.newPage();
        const findings: { path: string; theme: string; violations: Awaited<ReturnType<typeof accessibilityViolations>> }[] = [];
        for (const { path, ready } of everyPage()) {
          await page.emulateMedia({ colorScheme: 'light' });
          await page.goto(`${server.url}${path}`);
          await ready(page);
          expect(await page.evaluate(() => document.documentElement.lang), path).toBe(locale);
          // The theme follows the device until one is chosen: both are checked on the same load.
          for (const theme of ['light', 'dark'] as const) {
            await page.emulateMedia({ colorScheme: theme });
            await page.waitForTimeout(300);
            const violations = await accessibilityViolations(page, { impacts: 'all' });
            if (violations.length) findings.push({ path, theme, violations });
          }
        }
        expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
      } finally {
        await browser.close();
      }
      // 16 pages, each loaded once and checked twice, on a busy machine.
    }, 300_000);
  }
});

describe('small screens', () => {
  it('every page holds at 360 px wide', async () => {
    const browser = await openBrowser();
    try {
      const phone = await browser.context.newPage();
      await phone.setViewportSize({ width: 360, height: 740 });
      for (const { path, ready } of everyPage()) {
        await phone.goto(`${server.url}${path}`);
        await ready(phone);
        // Nothing wider than the screen: no sideways scrolling.
        expect(await phone.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
      }
      await screenshot(phone, 'playground-360');
    } finally {
      await browser.close();
    }
  }, 180_000);
});

/** How many times the canvas's pixels changed over `ms`, sampled every 50 ms. */
function canvasChanges(page: Page, testId: string, ms: number): Promise<number> {
  return page.getByTestId(testId).evaluate(
    (canvas: HTMLCanvasElement, duration) =>
      new Promise<number>((resolve) => {
        const context = canvas.getContext('2d')!;
        const fingerprint = () => {
          const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
          let hash = 0;
          for (let i = 0; i < data.length; i += 4) hash = (hash * 31 + data[i] + data[i + 1] * 7 + data[i + 2] * 13) | 0;
          return hash;
        };
        let last = fingerprint();
        let changes = 0;
        const started = performance.now();
        const timer = setInterval(() => {
          const now = fingerprint();
          if (now !== last) changes += 1;
          last = now;
          if (performance.now() - started >= duration) {
            clearInterval(timer);
            resolve(changes);
          }
        }, 50);
      }),
    ms,
  );
}

async function playPiece(page: Page): Promise<void> {
  await page.goto(`${server.url}/pieces/${encodeURIComponent(pieceId)}`);
  await page.getByTestId('piece-roll').waitFor({ timeout: 20_000 });
  await expect.poll(() => page.getByTestId('play-toggle').isEnabled()).toBe(true);
  await page.getByTestId('play-toggle').click();
  // The first play loads the synthesizer and the SoundFont.
  await expect.poll(() => page.getByTestId('player').getAttribute('data-state'), { timeout: 60_000 }).toBe('playing');
}

describe('reduced motion', () => {
  it('turns off animations, transitions and smooth scrolling, and steps the piano roll', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.emulateMedia({ reducedMotion: 'reduce' });
      for (const path of ['/', `/pieces/${encodeURIComponent(pieceId)}`, '/playground', '/contests']) {
        await page.goto(`${server.url}${path}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 20_000 });
        await page.waitForTimeout(500);
        const moving = await page.evaluate(() => {
          const seconds = (value: string) => Math.max(...value.split(',').map((part) => (part.trim().endsWith('ms') ? parseFloat(part) / 1000 : parseFloat(part))));
          const found: string[] = [];
          for (const element of [document.documentElement, ...document.querySelectorAll('body *')]) {
            for (const pseudo of [null, '::before', '::after']) {
              const style = getComputedStyle(element, pseudo);
              const label = `${element.tagName.toLowerCase()}.${element.getAttribute('class') ?? ''}${pseudo ?? ''}`;
              if (style.animationName !== 'none' && seconds(style.animationDuration) > 0.001) found.push(`${label} animation ${style.animationDuration}`);
              if (seconds(style.transitionDuration) > 0.001) found.push(`${label} transition ${style.transitionDuration}`);
            }
          }
          if (getComputedStyle(document.documentElement).scrollBehavior !== 'auto') found.push('html scroll-behavior');
          // Editors lay themselves out as they start: transitions of 0.01 ms may be under way at any instant.
          const running = document.getAnimations().filter((animation) => animation.playState === 'running' && Number(animation.effect?.getTiming().duration) > 1);
          return { found: found.slice(0, 20), running: running.length };
        });
        expect(moving, path).toEqual({ found: [], running: 0 });
      }

      // The saved piece's roll, playing: its playhead moves once a second, not every frame.
      await playPiece(page);
      const reduced = await canvasChanges(page, 'piece-roll', 3_000);
      expect(reduced).toBeGreaterThanOrEqual(1);
      expect(reduced).toBeLessThanOrEqual(4);
      await screenshot(page, 'piece-reduced-motion');
      await page.getByTestId('play-toggle').click();

      // Without the preference the same roll moves continuously (the check above can see motion).
      const moving = await browser.context.newPage();
      await moving.emulateMedia({ reducedMotion: 'no-preference' });
      await playPiece(moving);
      expect(await canvasChanges(moving, 'piece-roll', 3_000)).toBeGreaterThan(15);
    } finally {
      await browser.close();
    }
  }, 240_000);
});
