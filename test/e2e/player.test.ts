/**
 * Listening in the browser: a saved piece plays its MIDI file on the exports' SoundFont
 * (spessasynth_lib) with play/pause, seeking and keyboard shortcuts; WAV and FLAC downloads on
 * free and premium accounts; and, last, a piece opened before plays again with the server gone
 * (the service worker's copy).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabasePool, type DatabasePool } from '../../server/adapters/mariadb.js';
import { createPrisma, type PrismaClient } from '../../server/adapters/prisma.js';
import { connectRedis, type Redis } from '../../server/adapters/redis.js';
import { PROJECT_ROOT } from '../../server/paths.js';
import { TEST_REDIS_URL, silentLogger } from '../support/environment.js';
import { e2eConfig } from './environment.js';
import { logInThroughPage, savePiece, signUp } from './people.js';
import { accessibilityViolations, openBrowser, screenshot, startE2EServer, type E2EServer } from './support.js';

let server: E2EServer;
let serverStopped = false;
let database: DatabasePool;
let prisma: PrismaClient;
let redis: Redis;

beforeAll(async () => {
  server = await startE2EServer();
  database = createDatabasePool(e2eConfig().database);
  prisma = createPrisma(database);
  redis = await connectRedis(TEST_REDIS_URL, silentLogger);
});

afterAll(async () => {
  if (!serverStopped) await server?.stop();
  await prisma?.$disconnect();
  await database?.dispose();
  await redis?.flushdb();
  redis?.disconnect();
});

const secondsShown = async (page: Page) => {
  const [minutes, seconds] = ((await page.getByTestId('player-time').textContent()) ?? '0:00').split(' / ')[0].split(':').map(Number);
  return minutes * 60 + seconds;
};
const playerState = (page: Page) => page.getByTestId('player').getAttribute('data-state');

async function openPiece(page: Page, id: string): Promise<void> {
  await page.goto(`${server.url}/pieces/${encodeURIComponent(id)}`);
  await page.getByTestId('piece-roll').waitFor({ timeout: 20_000 });
  await expect.poll(() => page.getByTestId('play-toggle').isEnabled()).toBe(true);
}

async function startPlaying(page: Page): Promise<void> {
  await page.getByTestId('play-toggle').click();
  // The first play loads the synthesizer and the 14 MB SoundFont.
  await expect.poll(() => playerState(page), { timeout: 60_000 }).toBe('playing');
  await expect.poll(() => page.evaluate(() => window.__aeroAudio?.contextState())).toBe('running');
}

describe('the player', () => {
  it('plays a saved piece on the SoundFont: play, pause, seek by keys and on the roll, to the end', async () => {
    const owner = await signUp(server, redis, 'player');
    const id = await savePiece(server, owner, { route: { from: 'JFK', to: 'LAX' }, theme: 'jazz', durationSeconds: 40, title: 'Coast to coast' });
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      const fonts: { url: string; cacheControl: string | null }[] = [];
      page.on('response', (response) => {
        if (response.url().includes('/audio/')) fonts.push({ url: response.url(), cacheControl: response.headers()['cache-control'] ?? null });
      });
      await openPiece(page, id);
      expect(await playerState(page)).toBe('idle');
      expect(await page.getByTestId('player-time').textContent()).toMatch(/^0:00 \/ 0:(39|40|41)$/);

      await startPlaying(page);
      // The exports' SoundFont and the synthesizer's worklet, served by the app for a year.
      expect(fonts.map((font) => font.url)).toEqual([expect.stringMatching(/\/audio\/FluidR3Mono_GM-[\d.]+\.sf3$/)]);
      expect(fonts[0].cacheControl).toBe('public, max-age=31536000, immutable');
      const processorFile = readdirSync(join(PROJECT_ROOT, 'app', 'public', 'audio')).find((name) => name.startsWith('spessasynth_processor-'));
      const processor = await fetch(`${server.url}/audio/${processorFile}`);
      expect(processor.status).toBe(200);
      expect(processor.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      await expect.poll(() => secondsShown(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);

      // K pauses (the focus is still on the play button); time stands still while paused.
      await page.keyboard.press('k');
      await expect.poll(() => playerState(page)).toBe('paused');
      const pausedAt = await secondsShown(page);
      await page.waitForTimeout(1_200);
      expect(await secondsShown(page)).toBe(pausedAt);

      // → seeks 5 s, L 10 s, Home back to the start.
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('l');
      await expect.poll(() => secondsShown(page)).toBe(pausedAt + 15);
      await page.keyboard.press('Home');
      await expect.poll(() => secondsShown(page)).toBe(0);

      // A click on the roll seeks there; playing continues from there.
      const roll = (await page.getByTestId('piece-roll').boundingBox())!;
      await page.mouse.click(roll.x + roll.width * 0.5, roll.y + roll.height / 2);
      await expect.poll(() => secondsShown(page)).toBeGreaterThanOrEqual(19);
      await page.getByTestId('play-toggle').click();
      await expect.poll(() => playerState(page)).toBe('playing');
      await expect.poll(() => secondsShown(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(22);
      expect(await page.getByTestId('seek').inputValue().then(Number)).toBeGreaterThanOrEqual(21);
      await screenshot(page, 'player');
      const violations = await accessibilityViolations(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

      // Near the end it finishes by itself.
      await page.mouse.click(roll.x + roll.width * 0.95, roll.y + roll.height / 2);
      await expect.poll(() => playerState(page), { timeout: 15_000 }).toBe('ended');
      expect(await page.getByTestId('player-status').textContent()).toBe('Finished.');
    } finally {
      await browser.close();
    }
  }, 180_000);
});

describe('audio downloads', () => {
  async function exportButton(page: Page, format: 'WAV' | 'FLAC'): Promise<{ link: string | null; error: string | null }> {
    await page.getByRole('button', { name: `Download ${format}` }).click();
    const link = page.getByRole('link', { name: `Download ${format}` });
    // The app's error line (Next's route announcer is an alert too).
    const error = page.locator('p.error[role="alert"]');
    await expect.poll(async () => (await link.count()) + (await error.count()), { timeout: 60_000 }).toBeGreaterThan(0);
    return { link: (await link.count()) ? await link.getAttribute('href') : null, error: (await error.count()) ? await error.first().textContent() : null };
  }

  it('a free account downloads WAV and is told FLAC needs premium; premium downloads FLAC', async () => {
    const person = await signUp(server, redis, 'listener');
    const id = await savePiece(server, person, { route: { from: 'ZRH', to: 'LHR' }, durationSeconds: 10, title: 'Short hop' });
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await logInThroughPage(page, server.url, person.username);
      await openPiece(page, id);
      const wav = await exportButton(page, 'WAV');
      expect(wav.error).toBeNull();
      const wavFile = Buffer.from(await (await fetch(new URL(wav.link!, server.url))).arrayBuffer());
      expect(wavFile.subarray(0, 4).toString('latin1')).toBe('RIFF');
      expect(wavFile.subarray(8, 12).toString('latin1')).toBe('WAVE');

      const flacOnFree = await exportButton(page, 'FLAC');
      expect(flacOnFree.link).toBeNull();
      expect(flacOnFree.error).toContain('This needs a premium account.');

      await prisma.user.update({ where: { username: person.username }, data: { tier: 'PREMIUM' } });
      await openPiece(page, id);
      const flac = await exportButton(page, 'FLAC');
      expect(flac.error).toBeNull();
      const flacFile = Buffer.from(await (await fetch(new URL(flac.link!, server.url))).arrayBuffer());
      expect(flacFile.subarray(0, 4).toString('latin1')).toBe('fLaC');
      await screenshot(page, 'downloads');
    } finally {
      await browser.close();
    }
    // Two renders and two page loads: slow on a busy machine.
  }, 240_000);
});

describe('offline', () => {
  it('installs (manifest, icons, service worker) and plays a piece opened before with the server gone', async () => {
    const manifest = (await (await fetch(`${server.url}/manifest.webmanifest`)).json()) as { name: string; start_url: string; display: string; icons: { src: string; sizes: string; type: string }[] };
    expect(manifest).toMatchObject({ name: 'Aero Melody', start_url: '/', display: 'standalone' });
    for (const size of ['192x192', '512x512']) {
      const icon = manifest.icons.find((candidate) => candidate.sizes === size && candidate.type === 'image/png')!;
      const response = await fetch(new URL(icon.src, server.url));
      expect(response.headers.get('content-type')).toBe('image/png');
    }

    const owner = await signUp(server, redis, 'traveller');
    const id = await savePiece(server, owner, { route: { from: 'CDG', to: 'FCO' }, durationSeconds: 30, title: 'Roman holiday' });
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await openPiece(page, id);
      expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
      await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 20_000 }).toBe(true);
      // Opened again now that the worker controls the page: the page and its piece are kept.
      await openPiece(page, id);
      await startPlaying(page);
      await page.getByTestId('play-toggle').click();
      await expect.poll(() => playerState(page)).toBe('paused');

      await server.stop();
      serverStopped = true;
      expect(
        await fetch(`${server.url}/readyz`).then(
          () => 'up',
          () => 'down',
        ),
      ).toBe('down');
      await openPiece(page, id);
      expect(await page.getByTestId('piece-title').textContent()).toBe('Roman holiday');
      await startPlaying(page);
      await expect.poll(() => secondsShown(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
      await screenshot(page, 'offline');
    } finally {
      await browser.close();
    }
    // The SoundFont loads twice (online, then from the worker's cache).
  }, 240_000);
});
