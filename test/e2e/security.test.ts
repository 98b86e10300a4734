/**
 * What an injected script could reach, in a real Chromium: the sign-in lives in an HttpOnly
 * cookie (nothing in localStorage, sessionStorage or document.cookie), and every page runs under
 * a Content-Security-Policy whose scripts need this response's nonce.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, type Redis } from '../../server/adapters/redis.js';
import { TEST_REDIS_URL, silentLogger } from '../support/environment.js';
import { logInThroughPage, savePiece, signUp } from './people.js';
import { openBrowser, runPlaygroundUntil, startE2EServer, type E2EServer } from './support.js';

let server: E2EServer;
let redis: Redis;

beforeAll(async () => {
  server = await startE2EServer();
  redis = await connectRedis(TEST_REDIS_URL, silentLogger);
});

afterAll(async () => {
  await server?.stop();
  await redis?.flushdb();
  redis?.disconnect();
});

const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

/** Everything a script on the page can read without the network. */
const readableByScripts = (page: Page) =>
  page.evaluate(() => ({
    local: Object.entries(window.localStorage),
    session: Object.entries(window.sessionStorage),
    cookie: document.cookie,
  }));

/** What the service worker keeps of this person (app/public/sw.js's PERSONAL cache). */
const personalCacheEntries = (page: Page) => page.evaluate(async () => ((await caches.has('aero-personal-v1')) ? (await (await caches.open('aero-personal-v1')).keys()).length : 0));

describe('the sign-in in the browser', () => {
  it('leaves no token where a script can read it, survives a reload, and log-out clears the cookie and the personal cache', async () => {
    const person = await signUp(server, redis, 'cookie');
    const pieceId = await savePiece(server, person, { route: { from: 'JFK', to: 'BOS' }, durationSeconds: 10, title: 'Mine', visibility: 'PRIVATE' });
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await logInThroughPage(page, server.url, person.username);
      const header = page.locator('header.site-header');
      await header.getByRole('link', { name: person.username }).waitFor();

      const [refresh] = (await browser.context.cookies(`${server.url}/auth/refresh`)).filter((cookie) => cookie.name === 'aero_refresh');
      expect(refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/auth', secure: false });
      expect(refresh.value).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      // The page itself is not under /auth: the cookie is not even sent with it.
      expect((await browser.context.cookies(`${server.url}/`)).map((cookie) => cookie.name)).not.toContain('aero_refresh');
      const readable = await readableByScripts(page);
      const everything = JSON.stringify(readable);
      expect(everything).not.toContain(refresh.value);
      expect(everything).not.toMatch(JWT);
      expect(readable.local.filter(([key]) => /token|session|auth/i.test(key))).toEqual([]);
      expect(readable.session).toEqual([]);
      expect(readable.cookie).not.toContain('aero_refresh');

      // A reload forgets the in-memory access token; the cookie signs the page back in.
      await page.reload();
      await header.getByRole('link', { name: person.username }).waitFor({ timeout: 15_000 });
      const rotated = (await browser.context.cookies(`${server.url}/auth/refresh`)).find((cookie) => cookie.name === 'aero_refresh');
      expect(rotated?.value).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      expect(rotated?.value).not.toBe(refresh.value);
      expect(JSON.stringify(await readableByScripts(page))).not.toMatch(JWT);

      // The service worker keeps the private piece's answer for offline use, until the log-out.
      await page.goto(`${server.url}/pieces/${encodeURIComponent(pieceId)}`);
      await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 20_000 }).toBe(true);
      await page.reload();
      await page.getByTestId('piece-roll').waitFor({ timeout: 20_000 });
      await expect.poll(() => personalCacheEntries(page), { timeout: 10_000 }).toBeGreaterThan(0);

      // Away from the piece first: signed out, its page would ask for it again.
      await page.goto(`${server.url}/account`);
      await header.getByRole('button', { name: 'Log out' }).click();
      await header.getByRole('link', { name: 'Log in' }).waitFor();
      await expect.poll(async () => (await browser.context.cookies(`${server.url}/auth/refresh`)).map((cookie) => cookie.name)).toEqual([]);
      expect(await personalCacheEntries(page)).toBe(0);
      await page.reload();
      await header.getByRole('link', { name: 'Log in' }).waitFor({ timeout: 15_000 });
      expect(await header.getByRole('link', { name: person.username }).count()).toBe(0);
      // The sign-in ended on the server too: the last cookie no longer refreshes anything.
      const replay = await fetch(`${server.url}/auth/refresh`, { method: 'POST', headers: { 'x-session-cookie': '1', cookie: `aero_refresh=${rotated?.value}` } });
      expect(replay.status).toBe(401);
    } finally {
      await browser.close();
    }
  });
});

const nonceOf = (policy: string | null) => /script-src [^;]*'nonce-([A-Za-z0-9+/=]+)'/.exec(policy ?? '')?.[1];

describe('the content security policy', () => {
  it('carries a fresh nonce on every response, written on every script the page has', async () => {
    const nonces = new Set<string>();
    for (const path of ['/', '/playground', '/', '/account']) {
      const response = await fetch(`${server.url}${path}`);
      const policy = response.headers.get('content-security-policy');
      expect(policy, path).toContain("frame-ancestors 'none'");
      expect(policy, path).toContain("default-src 'self'");
      expect(policy, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(policy, path).not.toMatch(/script-src[^;]*'unsafe-eval'/);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('permissions-policy'), path).toContain('camera=()');
      const nonce = nonceOf(policy);
      expect(nonce, path).toBeDefined();
      nonces.add(nonce!);
      const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(4);
  });

  it('lets the compose page, a piece page (playing) and the playground work, with no violation', async () => {
    const person = await signUp(server, redis, 'csp');
    const pieceId = await savePiece(server, person, { route: { from: 'ZRH', to: 'LHR' }, durationSeconds: 10, title: 'Under the policy' });
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      const reported: string[] = [];
      page.on('console', (message) => {
        if (/content security policy/i.test(message.text())) reported.push(`${page.url()}: ${message.text()}`);
      });
      await browser.context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          const seen = ((window as unknown as { __violations?: string[] }).__violations ??= []);
          seen.push(`${event.violatedDirective} ${event.blockedURI}`);
        });
      });
      const violations = () => page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);

      // The compose page hydrates (the comboboxes answer typing) and its queries run.
      await page.goto(`${server.url}/`);
      for (const [label, code] of [
        ['From', 'JFK'],
        ['To', 'LAX'],
      ] as const) {
        const input = page.getByRole('combobox', { name: label, exact: true });
        await input.fill(code);
        await page
          .getByRole('option', { name: new RegExp(`^${code}\\b`) })
          .first()
          .waitFor();
        await input.press('Enter');
      }
      await page.getByRole('button', { name: 'Compose', exact: true }).click();
      await page.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 30_000 });
      expect(await violations()).toEqual([]);

      // A piece page plays: the synthesizer's worklet and the SoundFont load under the policy.
      await page.goto(`${server.url}/pieces/${encodeURIComponent(pieceId)}`);
      await page.getByTestId('piece-roll').waitFor({ timeout: 20_000 });
      await expect.poll(() => page.getByTestId('play-toggle').isEnabled()).toBe(true);
      await page.getByTestId('play-toggle').click();
      await expect.poll(() => page.getByTestId('player').getAttribute('data-state'), { timeout: 60_000 }).toBe('playing');
      expect(await violations()).toEqual([]);

      // The playground: its editor (and its workers) start and a query runs.
      await page.goto(`${server.url}/playground`);
      await runPlaygroundUntil(page, /Zürich\sAirport|American\sAirlines/);
      expect(await violations()).toEqual([]);
      expect(reported).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
