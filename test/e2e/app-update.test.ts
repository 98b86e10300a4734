/**
 * A new release reaches people who have the app open: once a newer service worker is installed and
 * waiting, the page says a new version is available (in the person's language); Reload hands over
 * to the new worker and reloads the page under it. Pages register the worker under the id of the
 * release that served them; the new release is the server's pages carrying another id (rewritten
 * by the browser's request routing, as the next build would serve them).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, openBrowser, screenshot, startE2EServer, type E2EServer } from './support.js';

let server: E2EServer;

beforeAll(async () => {
  server = await startE2EServer();
});

afterAll(async () => {
  await server?.stop();
});

const controllerUrl = (page: Page) => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null);

/** From now on the page at `path` names `next` as its release instead of `current`. */
async function serveNewRelease(context: BrowserContext, path: string, current: string, next: string): Promise<void> {
  // Matched by address: under the worker, the page's request is the worker's fetch, not a document's.
  await context.route(
    (url) => url.pathname === path,
    async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: (await response.text()).replaceAll(current, next) });
    },
  );
}

describe('a new version', () => {
  for (const [locale, available, reload] of [
    ['en', 'A new version of Aero Melody is available.', 'Reload'],
    ['de', 'Eine neue Version von Aero Melody ist verfügbar.', 'Neu laden'],
    ['es', 'Hay una nueva versión de Aero Melody.', 'Recargar'],
  ] as const) {
    it(`is offered once its worker waits, and Reload activates it (${locale})`, async () => {
      const browser = await openBrowser();
      try {
        await browser.context.addCookies([{ name: 'aero-melody.locale', value: locale, url: server.url }]);
        const page = await browser.context.newPage();
        await page.goto(`${server.url}/contests`);
        // The first worker takes over without asking: there is nothing to replace.
        await expect.poll(() => controllerUrl(page), { timeout: 30_000 }).toMatch(/\/sw\.js\?release=[0-9a-f]{16}$/);
        const current = new URL((await controllerUrl(page))!).searchParams.get('release')!;
        await page.reload();
        await page.getByRole('heading', { level: 1 }).waitFor();
        expect(await page.getByTestId('update-prompt').count()).toBe(0);

        const next = `${current.slice(0, 8)}next${locale}`;
        await serveNewRelease(browser.context, '/contests', current, next);
        await page.reload();
        const prompt = page.getByTestId('update-prompt');
        await prompt.waitFor({ timeout: 30_000 });
        expect(await prompt.getByRole('status').textContent()).toBe(available);
        // Until the person decides, the page keeps the worker it loaded with; the new one waits.
        expect(await controllerUrl(page)).toContain(`release=${current}`);
        expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((registration) => registration?.waiting?.scriptURL))).toContain(`release=${next}`);
        const violations = await accessibilityViolations(page, { impacts: 'all' });
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
        await screenshot(page, `update-prompt-${locale}`);

        const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
        await prompt.getByRole('button', { name: reload, exact: true }).click();
        await navigated;
        await page.getByRole('heading', { level: 1 }).waitFor();
        // The reloaded page runs under the new worker, nothing waits, and the old release's shell is gone.
        await expect.poll(() => controllerUrl(page)).toContain(`release=${next}`);
        expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((registration) => registration?.waiting ?? null))).toBeNull();
        expect(await page.getByTestId('update-prompt').count()).toBe(0);
        const caches = await page.evaluate(() => window.caches.keys());
        expect(caches).toContain(`aero-shell-${next}`);
        expect(caches).not.toContain(`aero-shell-${current}`);
      } finally {
        await browser.close();
      }
    });
  }
});
