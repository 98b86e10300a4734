/**
 * The web app end to end, people together: Debian's Chromium (playwright-core) against the real
 * server serving the production build of app/ and the API on one origin, with a fresh database of
 * its own — signing up, saving, liking, commenting and remixing; co-editing a piece live; a
 * contest's leaderboard moving in another browser; a partner's analytics. One visitor at a time:
 * web-compose.test.ts.
 */
import type { Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../server/adapters/prisma.js';
import { openBrowser, screenshot, type E2EServer } from './support.js';
import { PASSWORD, expectAccessible, pickAirport, startWebSession, type WebSession } from './web-session.js';

let web: WebSession;
let server: E2EServer;
let page: Page;
let prisma: PrismaClient;

beforeAll(async () => {
  web = await startWebSession();
  ({ server, page, prisma } = web);
});

afterAll(async () => {
  await web?.close();
});

describe('community', () => {
  it('signs up, saves a piece, likes it, comments on its timeline and remixes it with lineage', async () => {
    await web.resetRateLimits();
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
    const owner = await web.signUp('owner');
    const editor = await web.signUp('editor');
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
      await web.signedInContext(ownerBrowser.context, owner);
      await web.signedInContext(editorBrowser.context, editor);
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
    const partner = await web.logIn((await web.signUp('partner')).username).then(async (person) => {
      await prisma.user.update({ where: { username: person.username }, data: { role: 'PARTNER' } });
      return web.logIn(person.username);
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
    const entrants = [await web.signUp('ella'), await web.signUp('miles')];
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
    const voter = await web.signUp('voter');
    await prisma.user.update({ where: { username: voter.username }, data: { createdAt: new Date(Date.now() - 48 * 3_600_000) } });

    const watcher = await openBrowser();
    try {
      const watching = await watcher.context.newPage();
      await watching.goto(`${server.url}/contests/${encodeURIComponent(contestId)}`);
      const boardVotes = () => watching.locator(`[data-testid="leaderboard"] tr[data-entry="${entryIds[1]}"] [data-testid="board-votes"]`).textContent();
      await expect.poll(boardVotes).toBe('0');

      const voterBrowser = await openBrowser();
      await web.signedInContext(voterBrowser.context, voter);
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
        await web.signedInContext(partnerBrowser.context, partner);
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
