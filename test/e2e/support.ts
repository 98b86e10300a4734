import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../server/paths.js';
import { OPENFLIGHTS_DIR, TEST_REDIS_URL } from '../support/environment.js';
import { freePort, until } from '../support/processes.js';
import { expect } from 'vitest';
import { e2eConfig } from './environment.js';

export const SCREENSHOTS_DIR = join(PROJECT_ROOT, 'test', 'e2e', 'screenshots');

export interface E2EServer {
  url: string;
  graphql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    accessToken?: string,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  stop(): Promise<void>;
}

/**
 * The real server as `npm start` runs it (dist/server/main.js with the production web app), on a
 * free port, against the e2e database. Its log goes to test-results/e2e-server.log.
 */
export async function startE2EServer(): Promise<E2EServer> {
  const port = await freePort();
  const config = e2eConfig();
  mkdirSync(join(PROJECT_ROOT, 'test-results'), { recursive: true });
  const log = createWriteStream(join(PROJECT_ROOT, 'test-results', 'e2e-server.log'));
  const child: ChildProcess = spawn(process.execPath, [join(PROJECT_ROOT, 'dist/server/main.js')], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: config.database.url,
      REDIS_URL: TEST_REDIS_URL,
      OPENFLIGHTS_DIR,
      PORT: String(port),
      HOST: '127.0.0.1',
      WEB_APP: 'on',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await until(async () => (await fetch(`${url}/readyz`)).ok, 90_000);
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error('the e2e server did not become ready (see test-results/e2e-server.log)');
  }
  return {
    url,
    async graphql(query, variables, accessToken) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Debian's Chromium, headless, with audio allowed to start without a gesture (and a browser language when given). */
export async function openBrowser(options: { locale?: string } = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'aero-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
    viewport: { width: 1280, height: 900 },
    ...(options.locale ? { locale: options.locale } : {}),
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the page as it is now: the serious and critical ones, or all of them. */
export async function accessibilityViolations(page: Page, options: { impacts?: 'serious' | 'all' } = {}): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  // Evaluated over the DevTools protocol, not as a <script>: the page's CSP refuses inline scripts without its nonce.
  await page.evaluate(axeSource);
  const all = options.impacts === 'all';
  return page.evaluate(async (every) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => every || violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
  }, all);
}

/** Presses GraphiQL's run button until the response shows `pattern` (Monaco may still be starting when the button appears). */
export async function runPlaygroundUntil(page: Page, pattern: RegExp): Promise<void> {
  const run = page.locator('.graphiql-execute-button');
  await run.waitFor({ timeout: 30_000 });
  await expect
    .poll(
      async () => {
        await run.click();
        await page.waitForTimeout(700);
        return page.locator('.graphiql-response').textContent();
      },
      { timeout: 30_000, interval: 1_000 },
    )
    .toMatch(pattern);
}
