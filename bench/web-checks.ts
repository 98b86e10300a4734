/**
 * bench:web's checks besides speed: axe-core on every page in both colour themes and every
 * language, and Chromium's own installability verdict for the PWA (what Lighthouse's
 * "installable" audit reads).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  page: string;
  theme: string;
  locale: string;
  id: string;
  impact: string;
  nodes: number;
}

async function withBrowser<T>(run: (context: BrowserContext) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'aero-bench-web-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 } });
  try {
    return await run(context);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The pages that show stored things: a saved public piece (its page, its embed, its owner's
 * profile) and a contest when the database has them, else a preview's page.
 */
export async function contentPaths(url: string): Promise<string[]> {
  const post = async (query: string) =>
    (await (await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json()) as { data?: Record<string, any> };
  const stored = await post('{ compositions(first: 1) { nodes { id owner { username } } } contests(first: 1) { nodes { id } } }');
  const piece = stored.data?.compositions?.nodes?.[0] as { id: string; owner: { username: string } | null } | undefined;
  const contest = stored.data?.contests?.nodes?.[0] as { id: string } | undefined;
  const paths = contest ? [`/contests/${encodeURIComponent(contest.id)}`] : [];
  if (piece) {
    paths.push(`/pieces/${encodeURIComponent(piece.id)}`, `/embed/pieces/${encodeURIComponent(piece.id)}`);
    if (piece.owner) paths.push(`/users/${encodeURIComponent(piece.owner.username)}`);
    return paths;
  }
  const preview = await post('{ previewComposition(input: { route: { from: "JFK", to: "LAX" } }) { id } }');
  return [...paths, `/pieces/${encodeURIComponent(preview.data!.previewComposition.id as string)}`];
}

/** Every axe-core violation (any impact) on each page, in light and dark, in each language. */
export async function accessibilityAudit(url: string, paths: string[], locales: string[]): Promise<{ checked: number; findings: AxeFinding[] }> {
  return withBrowser(async (context) => {
    const findings: AxeFinding[] = [];
    let checked = 0;
    const page = await context.newPage();
    for (const locale of locales) {
      await context.clearCookies();
      await context.addCookies([{ name: 'aero-melody.locale', value: locale, url }]);
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
        for (const path of paths) {
          await page.goto(`${url}${path}`, { waitUntil: 'load' });
          await page
            .getByRole('heading', { level: 1 })
            .first()
            .waitFor({ timeout: 15_000 })
            .catch(() => undefined);
          // GraphiQL (its tabs and editors) loads after the playground's heading.
          if (path === '/playground')
            await page
              .locator('.graphiql-tab')
              .first()
              .waitFor({ timeout: 30_000 })
              .catch(() => undefined);
          await page.waitForTimeout(500);
          // Evaluated over the DevTools protocol: the page's CSP refuses an inline script without its nonce.
          await page.evaluate(axeSource);
          const violations = (await page.evaluate(
            `axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))`,
          )) as { id: string; impact: string; nodes: number }[];
          findings.push(...violations.map((violation) => ({ page: path, theme, locale, ...violation })));
          checked += 1;
        }
      }
    }
    return { checked, findings };
  });
}

/** Whether `check` answers true within `ms`, asked every 250 ms. */
async function expectWithin(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/** Chromium's installability errors for the start page once its service worker controls it (none = installable). */
export async function installability(url: string): Promise<{ installable: boolean; errors: string[]; serviceWorker: boolean; manifest: Record<string, unknown> }> {
  return withBrowser(async (context) => {
    const page = await context.newPage();
    await page.goto(`${url}/`, { waitUntil: 'load' });
    // Polled with evaluate: waitForFunction compiles its predicate inside the page, which the page's CSP (no 'unsafe-eval') refuses.
    const serviceWorker = await expectWithin(20_000, () => page.evaluate(() => navigator.serviceWorker.controller !== null));
    await page.reload({ waitUntil: 'load' });
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    const manifest = (await (await fetch(`${url}/manifest.webmanifest`)).json()) as Record<string, unknown>;
    const errors = installabilityErrors.map((error) => error.errorId);
    return {
      installable: errors.length === 0 && serviceWorker,
      errors,
      serviceWorker,
      manifest: { name: manifest.name, display: manifest.display, start_url: manifest.start_url, icons: (manifest.icons as unknown[]).length },
    };
  });
}
