/**
 * The developer pages in a browser: the playground's example tabs, headers from GraphiQL's header
 * editor on a subscription, "copy as SDK call" / "copy as curl", and the /docs reference.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, openBrowser, runPlaygroundUntil, screenshot, startE2EServer, type E2EServer } from './support.js';

let server: E2EServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;

beforeAll(async () => {
  server = await startE2EServer();
  browser = await openBrowser();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('playground', () => {
  it('has an example tab per area and copies the operation as an SDK call and as curl', async () => {
    await page.goto(`${server.url}/playground`);
    await runPlaygroundUntil(page, /Zürich\sAirport|American\sAirlines/);
    const tabs = await page.locator('.graphiql-tab').allTextContents();
    for (const name of ['Routes', 'Compose', 'Community', 'Contests', 'Radio', 'Analytics']) expect(tabs.join(' ')).toContain(name);

    await page.getByTestId('copy-curl').click();
    const curl = await page.evaluate(() => navigator.clipboard.readText());
    expect(curl).toContain(`curl '${server.url}/graphql'`);
    expect(curl).toContain('route(from: \\"JFK\\", to: \\"LAX\\")');
    await page.getByTestId('copy-sdk').click();
    const sdk = await page.evaluate(() => navigator.clipboard.readText());
    expect(sdk).toContain("import { createAeroMelodyClient } from '@aero-melody/sdk';");
    expect(sdk).toContain('console.log(await client.request(document));');
    await screenshot(page, 'playground-tabs');
  });

  it('a subscription carries the headers typed in the header editor (as connection params)', async () => {
    const sent: string[] = [];
    page.on('websocket', (socket) => socket.on('framesent', (frame) => sent.push(String(frame.payload))));
    await page.goto(`${server.url}/playground`);
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 30_000 });
    await page.locator('.graphiql-tab', { hasText: 'Radio' }).click();
    await page
      .getByRole('button', { name: /headers/i })
      .first()
      .click();
    const headers = page.locator('.graphiql-editor-tool .graphiql-editor').last();
    await headers.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('{"x-api-key": "am_not_a_real_key"}');
    await runPlaygroundUntil(page, /"liveRadio"/);
    const init = sent.map((frame) => JSON.parse(frame) as { type: string; payload?: Record<string, string> }).find((message) => message.type === 'connection_init');
    expect(init?.payload?.['x-api-key']).toBe('am_not_a_real_key');
  });
});

describe('/docs', () => {
  it('serves the reference generated from the schema, linked from the playground, in German too', async () => {
    await page.goto(`${server.url}/playground`);
    await page.getByRole('link', { name: 'API reference' }).click();
    await page.waitForURL(`${server.url}/docs`);
    await expect.poll(() => page.locator('#query-route').textContent()).toContain('The direct route between two airports');
    expect(await page.locator('#type-Theme').textContent()).toContain('Node');
    expect(await page.locator('#error-RATE_LIMITED').textContent()).toContain('Retry-After');
    expect(await page.locator('#query-route details').first().textContent()).toContain('client.route()');
    await page.getByLabel('Filter by name').fill('liveRadio');
    await expect.poll(() => page.locator('section[id^="query-"], section[id^="mutation-"], section[id^="subscription-"]').count()).toBe(1);
    const violations = await accessibilityViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await screenshot(page, 'docs');

    await page.locator('#language').selectOption('de');
    await expect.poll(() => page.locator('h1').textContent()).toBe('API-Referenz');
  });
});
