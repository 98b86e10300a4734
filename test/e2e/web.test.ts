/**
 * The web app end to end: Debian's Chromium (playwright-core) against the real server serving the
 * production build of app/ and the API on one origin, with a fresh database of its own.
 */
import { randomBytes } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabasePool, type DatabasePool } from '../../server/adapters/mariadb.js';
import { createPrisma, type PrismaClient } from '../../server/adapters/prisma.js';
import { connectRedis, type Redis } from '../../server/adapters/redis.js';
import { TEST_REDIS_URL, silentLogger } from '../support/environment.js';
import { e2eConfig } from './environment.js';
import { accessibilityViolations, openBrowser, runPlaygroundUntil, screenshot, startE2EServer, type E2EServer } from './support.js';

const PASSWORD = 'correct horse 42';

let server: E2EServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let database: DatabasePool;
let prisma: PrismaClient;
let redis: Redis;

interface Person {
  username: string;
  accessToken: string;
  refreshToken: string;
}

async function resetRateLimits(): Promise<void> {
  const keys = await redis.keys('aero-melody:rate:*');
  if (keys.length) await redis.del(...keys);
}

async function signUp(prefix: string): Promise<Person> {
  await resetRateLimits();
  const username = `${prefix}_${randomBytes(4).toString('hex')}`;
  const response = await server.graphql<{ signUp: { accessToken: string; refreshToken: string } }>('mutation($input: SignUpInput!) { signUp(input: $input) { accessToken refreshToken } }', {
    input: { email: `${username}@example.test`, username, password: PASSWORD },
  });
  if (!response.data) throw new Error(`sign-up failed: ${response.errors?.[0]?.message}`);
  return { username, ...response.data.signUp };
}

async function logIn(username: string): Promise<Person> {
  await resetRateLimits();
  const response = await server.graphql<{ logIn: { accessToken: string; refreshToken: string } }>('mutation($input: LogInInput!) { logIn(input: $input) { accessToken refreshToken } }', {
    input: { login: username, password: PASSWORD },
  });
  return { username, ...response.data!.logIn };
}

/** A browser signed in as `person`: the app restores the sign-in from the refresh cookie the server would have set. */
async function signedInContext(context: BrowserContext, person: Person): Promise<void> {
  await context.addCookies([{ name: 'aero_refresh', value: person.refreshToken, domain: new URL(server.url).hostname, path: '/auth', httpOnly: true, sameSite: 'Strict' }]);
}

async function pickAirport(target: Page, label: string, code: string): Promise<void> {
  const input = target.getByRole('combobox', { name: label, exact: true });
  await input.fill(code);
  await target
    .getByRole('option', { name: new RegExp(`^${code}\\b`) })
    .first()
    .waitFor();
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toMatch(new RegExp(`^${code} — `));
}

async function expectAccessible(target: Page, name: string): Promise<void> {
  const violations = await accessibilityViolations(target);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

beforeAll(async () => {
  server = await startE2EServer();
  const config = e2eConfig();
  database = createDatabasePool(config.database);
  prisma = createPrisma(database);
  redis = await connectRedis(TEST_REDIS_URL, silentLogger);
  browser = await openBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  // The integration tests run next on the same Redis DB: leave them no streams, leases or sessions.
  await redis?.flushdb();
  redis?.disconnect();
  await prisma?.$disconnect();
  await database?.dispose();
});

describe('one origin', () => {
  it('serves the web app at / and the API at /graphql on the same port', async () => {
    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toContain('text/html');
    expect(await home.text()).toContain('Aero Melody');
    const api = await server.graphql<{ airport: { iata: string } }>('{ airport(code: "JFK") { iata } }');
    expect(api.data?.airport.iata).toBe('JFK');
  });
});

describe('compose', () => {
  it('composes JFK→LAX typed into From and To, streams it live into Web Audio and draws the piano roll', async () => {
    await page.goto(`${server.url}/`);
    await pickAirport(page, 'From', 'JFK');
    await pickAirport(page, 'To', 'LAX');
    await expect.poll(() => page.locator('[data-testid="flight-path"]').count()).toBe(1);
    await page.getByRole('button', { name: 'Compose', exact: true }).click();
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toContain('JFK');
    await page.getByRole('button', { name: 'Play', exact: true }).click();

    await expect
      .poll(() => page.evaluate(() => ({ state: window.__aeroAudio?.contextState(), scheduled: (window.__aeroAudio?.notesScheduled ?? 0) > 10 })), { timeout: 20_000 })
      .toEqual({ state: 'running', scheduled: true });
    await expect.poll(() => page.getByTestId('live-status').textContent(), { timeout: 10_000 }).toBe('Playing live');
    await expect.poll(() => page.getByTestId('live-section').textContent(), { timeout: 10_000 }).not.toBe('–');
    await expect.poll(() => page.getByTestId('live-chord').textContent(), { timeout: 10_000 }).not.toBe('–');
    // The roll has drawn note bars in the track colours, not just its background and playhead.
    const colouredPixels = await page.getByTestId('piano-roll').evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      // The melody's amber (#ffb347, also blended at 55% over the background); not the red playhead.
      for (let i = 0; i < data.length; i += 4) if (data[i] > 120 && data[i + 1] > 90 && data[i + 2] < 100) count += 1;
      return count;
    });
    expect(colouredPixels).toBeGreaterThan(50);
    const midi = await page.getByRole('link', { name: 'Download MIDI' }).getAttribute('href');
    const download = await fetch(new URL(midi!, server.url));
    expect(download.headers.get('content-type')).toContain('audio/midi');
    await screenshot(page, 'compose');
    await expectAccessible(page, 'compose');
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
  });
});

describe('community', () => {
  it('signs up, saves a piece, likes it, comments on its timeline and remixes it with lineage', async () => {
    await resetRateLimits();
    const username = `ada_${randomBytes(4).toString('hex')}`;
    await page.goto(`${server.url}/account`);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByLabel('Email').fill(`${username}@example.test`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL('**/community');
    await expect.poll(() => page.getByRole('link', { name: username }).count()).toBeGreaterThan(0);
    await screenshot(page, 'community');
    await expectAccessible(page, 'community');

    await page.getByRole('link', { name: 'Compose', exact: true }).click();
    await pickAirport(page, 'From', 'JFK');
    await pickAirport(page, 'To', 'LAX');
    await page.getByLabel('Theme').selectOption('jazz');
    await page.getByRole('button', { name: 'Compose', exact: true }).click();
    await page.getByRole('button', { name: 'Save to my pieces' }).click();
    await page.getByRole('link', { name: 'Open the piece' }).click();
    await page.waitForURL('**/pieces/**');
    const title = await page.getByTestId('piece-title').textContent();

    await page.getByRole('button', { name: 'Like (0)' }).click();
    await page.getByRole('button', { name: 'Unlike (1)' }).waitFor();

    await page.getByLabel('Add a comment').fill('The climb over the Rockies!');
    await page.getByLabel('At second').fill('12');
    await page.getByRole('button', { name: 'Post' }).click();
    await expect.poll(() => page.getByTestId('comment').first().textContent()).toContain('@ 12 s: The climb over the Rockies!');
    await expect.poll(() => page.getByTestId('comment-timeline').locator('.marker').count()).toBe(1);
    await screenshot(page, 'piece');
    await expectAccessible(page, 'piece');

    await page.getByLabel('Remix title').fill('Night version');
    await page.getByLabel('Theme', { exact: true }).last().selectOption('ambient');
    await page.getByRole('button', { name: 'Remix', exact: true }).click();
    await expect.poll(() => page.getByTestId('piece-title').textContent()).toBe('Night version');
    await expect.poll(() => page.getByTestId('lineage').textContent()).toContain(title!);

    await page.goto(`${server.url}/users/${username}`);
    await expect.poll(() => page.getByRole('link', { name: 'Night version' }).count()).toBe(1);
    await screenshot(page, 'profile');
    await expectAccessible(page, 'profile');
  });
});

describe('co-editing', () => {
  it("an editor's change and who is here appear on the owner's page without a reload", async () => {
    const owner = await signUp('owner');
    const editor = await signUp('editor');
    const created = await server.graphql<{ createComposition: { id: string } }>(
      'mutation($input: ComposeInput!) { createComposition(input: $input) { id } }',
      { input: { route: { from: 'LHR', to: 'JFK' }, theme: 'cinematic', title: 'Atlantic draft' } },
      owner.accessToken,
    );
    const id = created.data!.createComposition.id;
    await server.graphql('mutation($c: ID!, $u: String!) { inviteCollaborator(compositionId: $c, username: $u, role: EDITOR) { id } }', { c: id, u: editor.username }, owner.accessToken);

    const ownerBrowser = await openBrowser();
    const editorBrowser = await openBrowser();
    try {
      await signedInContext(ownerBrowser.context, owner);
      await signedInContext(editorBrowser.context, editor);
      const ownerPage = await ownerBrowser.context.newPage();
      const editorPage = await editorBrowser.context.newPage();
      await ownerPage.goto(`${server.url}/pieces/${encodeURIComponent(id)}`);
      await editorPage.goto(`${server.url}/pieces/${encodeURIComponent(id)}`);
      await expect.poll(() => ownerPage.getByTestId('presence').textContent(), { timeout: 15_000 }).toContain(editor.username);
      await expect.poll(() => ownerPage.getByTestId('presence').textContent()).toContain(owner.username);

      await editorPage.getByLabel('Title', { exact: true }).fill('Atlantic, final');
      await editorPage.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => ownerPage.getByTestId('piece-title').textContent(), { timeout: 10_000 }).toBe('Atlantic, final');
      await expect.poll(() => ownerPage.getByTestId('last-change').textContent()).toContain(editor.username);
      await screenshot(ownerPage, 'co-editing');
    } finally {
      await ownerBrowser.close();
      await editorBrowser.close();
    }
  });
});

describe('contests', () => {
  it('a vote in one browser moves the leaderboard in another, live', async () => {
    const partner = await logIn((await signUp('partner')).username).then(async (person) => {
      await prisma.user.update({ where: { username: person.username }, data: { role: 'PARTNER' } });
      return logIn(person.username);
    });
    const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
    const created = await server.graphql<{ createContest: { id: string } }>(
      'mutation($input: ContestInput!) { createContest(input: $input) { id } }',
      {
        input: {
          title: 'Night flights',
          sponsor: 'Aero Museum',
          prize: 'A flight',
          description: 'Compose the night.',
          submissionsOpenAt: minutes(-1),
          submissionsCloseAt: minutes(5),
          votingOpenAt: minutes(5),
          votingCloseAt: minutes(10),
        },
      },
      partner.accessToken,
    );
    const contestId = created.data!.createContest.id;
    const entrants = [await signUp('ella'), await signUp('miles')];
    const entryIds: string[] = [];
    for (const [index, entrant] of entrants.entries()) {
      const piece = await server.graphql<{ createComposition: { id: string } }>(
        'mutation($input: ComposeInput!) { createComposition(input: $input) { id } }',
        { input: { route: { from: 'JFK', to: 'LAX' }, theme: index === 0 ? 'jazz' : 'rock', title: `Entry ${index + 1}` } },
        entrant.accessToken,
      );
      const entry = await server.graphql<{ submitEntry: { id: string } }>(
        'mutation($c: ID!, $p: ID!) { submitEntry(contestId: $c, compositionId: $p) { id } }',
        { c: contestId, p: piece.data!.createComposition.id },
        entrant.accessToken,
      );
      entryIds.push(entry.data!.submitEntry.id);
    }
    const rowId = Number(Buffer.from(contestId, 'base64url').toString().split(':')[1]);
    await prisma.contest.update({
      where: { id: rowId },
      data: {
        submissionsOpenAt: new Date(Date.now() - 3 * 60_000),
        submissionsCloseAt: new Date(Date.now() - 2 * 60_000),
        votingOpenAt: new Date(Date.now() - 60_000),
        votingCloseAt: new Date(Date.now() + 30 * 60_000),
      },
    });
    const voter = await signUp('voter');
    await prisma.user.update({ where: { username: voter.username }, data: { createdAt: new Date(Date.now() - 48 * 3_600_000) } });

    const watcher = await openBrowser();
    try {
      const watching = await watcher.context.newPage();
      await watching.goto(`${server.url}/contests/${encodeURIComponent(contestId)}`);
      const boardVotes = () => watching.locator(`[data-testid="leaderboard"] tr[data-entry="${entryIds[1]}"] [data-testid="board-votes"]`).textContent();
      await expect.poll(boardVotes).toBe('0');

      const voterBrowser = await openBrowser();
      await signedInContext(voterBrowser.context, voter);
      const voting = await voterBrowser.context.newPage();
      await voting.goto(`${server.url}/contests/${encodeURIComponent(contestId)}`);
      await voting.locator(`[data-testid="entries"] li[data-entry="${entryIds[1]}"]`).getByRole('button', { name: 'Vote' }).click();
      await voting.locator(`[data-testid="entries"] li[data-entry="${entryIds[1]}"]`).getByRole('button', { name: 'Retract vote' }).waitFor();

      // The watcher never reloads: the leaderboard subscription moves the row.
      await expect.poll(boardVotes, { timeout: 10_000 }).toBe('1');
      await expect.poll(() => watching.locator('[data-testid="leaderboard"] tbody tr').first().getAttribute('data-entry')).toBe(entryIds[1]);
      await screenshot(watching, 'contest');
      await expectAccessible(watching, 'contest');
      await voterBrowser.close();

      // The partner who runs the contest reads the analytics charts.
      const partnerBrowser = await openBrowser();
      try {
        await signedInContext(partnerBrowser.context, partner);
        const analytics = await partnerBrowser.context.newPage();
        await analytics.goto(`${server.url}/analytics`);
        await expect.poll(() => analytics.locator('.recharts-surface').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
        await screenshot(analytics, 'analytics');
        await expectAccessible(analytics, 'analytics');
      } finally {
        await partnerBrowser.close();
      }

      await watching.goto(`${server.url}/contests`);
      await expect.poll(() => watching.getByRole('link', { name: 'Night flights' }).count()).toBeGreaterThan(0);
      await screenshot(watching, 'contests');
      await expectAccessible(watching, 'contests');
    } finally {
      await watcher.close();
    }
  });
});

describe('more pages', () => {
  it('the playground runs a query with GraphiQL served locally', async () => {
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) external.push(request.url());
    });
    await page.goto(`${server.url}/playground`);
    await runPlaygroundUntil(page, /Zürich\sAirport/);
    expect(external).toEqual([]);
    await screenshot(page, 'playground');
  });

  it('the radio starts with one click, full screen', async () => {
    // A kiosk is nobody's session: a browser of its own.
    const kiosk = await openBrowser();
    const radio = await kiosk.context.newPage();
    const messages: string[] = [];
    radio.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
    radio.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
    await radio.goto(`${server.url}/radio/JFK`);
    // One click starts it (where the browser allows autoplay, as here, it may have started already).
    await radio
      .getByRole('button', { name: 'Start the radio' })
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    const started = await expect
      .poll(() => radio.evaluate(() => (window.__aeroAudio?.notesScheduled ?? 0) > 0), { timeout: 30_000 })
      .toBe(true)
      .then(
        () => true,
        () => false,
      );
    const state = await radio.evaluate(() => ({ audio: window.__aeroAudio && { ...window.__aeroAudio, state: window.__aeroAudio.contextState() }, text: document.body.innerText.slice(0, 400) }));
    expect(started, JSON.stringify({ state, messages }, null, 2)).toBe(true);
    expect(messages.filter((message) => message.startsWith('pageerror'))).toEqual([]);
    await expect.poll(() => radio.getByTestId('live-status').textContent()).toBe('Playing live');
    await screenshot(radio, 'radio');
    await expectAccessible(radio, 'radio');
    await kiosk.close();
  });

  it('explore finds paths between two airports', async () => {
    await page.goto(`${server.url}/explore`);
    await pickAirport(page, 'From', 'ZRH');
    await pickAirport(page, 'To', 'SYD');
    await page.getByRole('button', { name: 'Find paths' }).click();
    await expect.poll(() => page.getByTestId('paths').locator('li').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('paths').locator('li').first().textContent()).toMatch(/^ZRH → .*SYD/);
    await screenshot(page, 'explore');
    await expectAccessible(page, 'explore');
  });

  it('fits a phone screen', async () => {
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/', '/community', '/contests', '/explore']) {
      await phone.goto(`${server.url}${path}`);
      await phone.getByRole('heading', { level: 1 }).waitFor();
      // Nothing wider than the screen: no sideways scrolling.
      expect(await phone.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
    }
    await phone.goto(`${server.url}/`);
    await screenshot(phone, 'compose-phone');
    await phone.close();
  });

  it('every page switches to German', async () => {
    await page.goto(`${server.url}/`);
    await page.getByLabel('Language').selectOption('de');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Einen Flug komponieren');
    expect(await page.getByRole('combobox', { name: 'Von' }).count()).toBe(1);
    await page.goto(`${server.url}/contests`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Wettbewerbe');
    await page.goto(`${server.url}/themes`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Themen-Editor');
    await screenshot(page, 'themes-de');
    await expectAccessible(page, 'themes');
    await page.getByLabel('Sprache').selectOption('en');
  });
});
