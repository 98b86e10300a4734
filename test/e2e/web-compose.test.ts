/**
 * The web app end to end, one visitor at a time: Debian's Chromium (playwright-core) against the
 * real server serving the production build of app/ and the API on one origin, with a fresh
 * database of its own — composing and playing a flight, the playground, the radio, explore, a
 * phone screen and German. People together (accounts, co-editing, contests): web-community.test.ts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, runPlaygroundUntil, screenshot, type E2EServer } from './support.js';
import { expectAccessible, pickAirport, startWebSession, type WebSession } from './web-session.js';

let web: WebSession;
let server: E2EServer;
let browser: WebSession['browser'];
let page: Page;

beforeAll(async () => {
  web = await startWebSession();
  ({ server, browser, page } = web);
});

afterAll(async () => {
  await web?.close();
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
