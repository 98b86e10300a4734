/**
 * Sharing, languages and themes: link previews (titles, Open Graph, Twitter, a share image), the
 * embeddable player and oEmbed, none of which shows anything of a private or unlisted piece; pages
 * that arrive in the reader's language; light and dark themes. (Every page at 360 px wide:
 * accessibility.test.ts.)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, type Redis } from '../../server/adapters/redis.js';
import { TEST_REDIS_URL, silentLogger } from '../support/environment.js';
import { savePiece, signUp, type Person } from './people.js';
import { accessibilityViolations, openBrowser, screenshot, startE2EServer, type E2EServer } from './support.js';

/** Link-preview crawlers get every tag in the document's head, before any script runs. */
const CRAWLER = 'Twitterbot/1.0';

let server: E2EServer;
let redis: Redis;
let owner: Person;
const pieces: Record<'public' | 'unlisted' | 'private', { id: string; title: string }> = {} as never;

const page = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers: { 'user-agent': CRAWLER, ...headers } });
const html = async (path: string, headers: Record<string, string> = {}) => (await page(path, headers)).text();
const meta = (document: string, property: string) => new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"`).exec(document)?.[1] ?? null;

beforeAll(async () => {
  server = await startE2EServer();
  redis = await connectRedis(TEST_REDIS_URL, silentLogger);
  owner = await signUp(server, redis, 'sharer');
  for (const visibility of ['public', 'unlisted', 'private'] as const) {
    const title = `Quiet ${visibility} flight ${Date.now()}`;
    pieces[visibility] = { id: await savePiece(server, owner, { route: { from: 'SFO', to: 'HNL' }, theme: 'ambient', durationSeconds: 20, title, visibility: visibility.toUpperCase() }), title };
  }
});

afterAll(async () => {
  await server?.stop();
  await redis?.flushdb();
  redis?.disconnect();
});

describe('link previews', () => {
  it('a public piece has its title, description, Open Graph and Twitter tags, a share image and oEmbed', async () => {
    const { id, title } = pieces.public;
    const document = await html(`/pieces/${encodeURIComponent(id)}`);
    expect(document).toContain(`<title>${title} · Aero Melody</title>`);
    expect(meta(document, 'og:title')).toBe(title);
    expect(meta(document, 'description')).toMatch(new RegExp(`^Ambient piece by ${owner.username} from SFO → HNL: .+ BPM, 0:2\\d\\.$`));
    expect(meta(document, 'twitter:card')).toBe('summary_large_image');
    const image = meta(document, 'og:image')!;
    expect(image).toBe(`${server.url}/og/pieces/${encodeURIComponent(id)}`);
    const png = await fetch(image);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(20_000);

    const oembedLink = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(document)![1].replace(/&amp;/g, '&');
    const oembed = (await (await fetch(new URL(oembedLink, server.url))).json()) as Record<string, any>;
    expect(oembed).toMatchObject({ version: '1.0', type: 'rich', title, author_name: owner.username, provider_name: 'Aero Melody' });
    expect(oembed.html).toContain(`src="${server.url}/embed/pieces/${encodeURIComponent(id)}"`);
    expect((await page(`/oembed?url=${encodeURIComponent(`${server.url}/pieces/${id}`)}&format=xml`)).status).toBe(501);
  });

  it('private and unlisted pieces leak nothing: no title, no image, no embed, no oEmbed', async () => {
    for (const { id, title } of [pieces.private, pieces.unlisted]) {
      const path = encodeURIComponent(id);
      const document = await html(`/pieces/${path}`);
      expect(document).not.toContain(title);
      expect(meta(document, 'og:image')).toBeNull();
      expect(meta(document, 'robots')).toBe('noindex, nofollow');
      for (const shared of [`/og/pieces/${path}`, `/embed/pieces/${path}`, `/oembed?url=${encodeURIComponent(`${server.url}/pieces/${id}`)}&format=json`]) {
        const response = await page(shared);
        expect(response.status, shared).toBe(404);
        expect(await response.text(), shared).not.toContain(title);
      }
    }
    expect((await page('/og/pieces/not-an-id')).status).toBe(404);
  });

  it('profiles, contests and radio channels have their own titles and descriptions', async () => {
    const profile = await html(`/users/${owner.username}`);
    expect(profile).toContain(`<title>${owner.username} · Aero Melody</title>`);
    expect(meta(profile, 'og:description')).toMatch(/: 1 piece, 0 followers\.$/);
    const radio = await html('/radio/JFK');
    expect(radio).toContain('<title>Departures radio · JFK · Aero Melody</title>');
    expect(meta(radio, 'og:description')).toContain('John F Kennedy International Airport');
  });
});

describe('the embedded player', () => {
  it('alone may be framed, and plays in a frame on another site', async () => {
    const embed = await page(`/embed/pieces/${encodeURIComponent(pieces.public.id)}`);
    expect(embed.status).toBe(200);
    expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(embed.headers.get('x-frame-options')).toBeNull();

    // Another site, on an origin of its own, with the player in its page.
    const blog = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(
        `<!doctype html><html lang="en"><title>A blog</title><h1>A blog</h1><iframe title="player" width="480" height="360" src="${server.url}/embed/pieces/${encodeURIComponent(pieces.public.id)}"></iframe></html>`,
      );
    });
    await new Promise<void>((resolve) => blog.listen(0, '127.0.0.1', resolve));
    const browser = await openBrowser();
    try {
      const host = await browser.context.newPage();
      await host.goto(`http://localhost:${(blog.address() as AddressInfo).port}/`);
      const frame = host.frameLocator('iframe');
      await frame.getByTestId('piece-roll').waitFor({ timeout: 20_000 });
      expect(await frame.getByRole('heading', { level: 1 }).textContent()).toBe(pieces.public.title);
      expect(await frame.locator('.site-header').count()).toBe(0);
      await frame.getByTestId('play-toggle').click();
      await expect.poll(() => frame.getByTestId('player').getAttribute('data-state'), { timeout: 60_000 }).toBe('playing');
      await screenshot(host, 'embed');
    } finally {
      await browser.close();
      blog.close();
    }
  });

  it('the Share button copies the link where the browser cannot share', async () => {
    const browser = await openBrowser();
    try {
      await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      const piecePage = await browser.context.newPage();
      await piecePage.goto(`${server.url}/pieces/${encodeURIComponent(pieces.public.id)}`);
      await piecePage.getByTestId('share').click();
      await expect.poll(() => piecePage.getByTestId('share-status').textContent()).toContain('Link copied.');
      expect(await piecePage.evaluate(() => navigator.clipboard.readText())).toBe(`${server.url}/pieces/${encodeURIComponent(pieces.public.id)}`);
    } finally {
      await browser.close();
    }
  });
});

describe('languages and themes', () => {
  it('the server picks the language from the cookie or Accept-Language, and <html lang> never changes after hydration', async () => {
    expect(await html('/', { 'accept-language': 'es-ES,es;q=0.9,en;q=0.5' })).toMatch(/<html lang="es"[^>]*>[\s\S]*Componer un vuelo/);
    expect(await html('/', { 'accept-language': 'es', cookie: 'aero-melody.locale=de' })).toMatch(/<html lang="de"/);
    const notFound = await page('/no/such/page', { 'accept-language': 'de' });
    expect(notFound.status).toBe(404);
    expect(await notFound.text()).toContain('Hier ist nichts');

    const browser = await openBrowser({ locale: 'es-ES' });
    try {
      const tab = await browser.context.newPage();
      await tab.addInitScript(() => document.addEventListener('DOMContentLoaded', () => ((window as unknown as { __firstLang: string }).__firstLang = document.documentElement.lang)));
      await tab.goto(`${server.url}/contests`);
      await expect.poll(() => tab.getByRole('heading', { level: 1 }).textContent()).toBe('Concursos');
      await tab.waitForTimeout(1_000);
      expect(await tab.evaluate(() => [(window as unknown as { __firstLang: string }).__firstLang, document.documentElement.lang])).toEqual(['es', 'es']);
      await tab.getByLabel('Idioma').selectOption('de');
      await expect.poll(() => tab.getByRole('heading', { level: 1 }).textContent()).toBe('Wettbewerbe');
      await tab.reload();
      expect(await tab.evaluate(() => document.documentElement.lang)).toBe('de');
    } finally {
      await browser.close();
    }
  });

  it('follows the device’s colour scheme until one is chosen, and remembers the choice', async () => {
    const browser = await openBrowser();
    try {
      const tab = await browser.context.newPage();
      const background = () => tab.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await tab.emulateMedia({ colorScheme: 'dark' });
      await tab.goto(`${server.url}/pieces/${encodeURIComponent(pieces.public.id)}`);
      await tab.getByTestId('piece-roll').waitFor({ timeout: 20_000 });
      expect(await background()).toBe('rgb(11, 18, 32)');
      const dark = await accessibilityViolations(tab);
      expect(dark, JSON.stringify(dark, null, 2)).toEqual([]);
      await tab.emulateMedia({ colorScheme: 'light' });
      expect(await background()).toBe('rgb(244, 246, 251)');
      const light = await accessibilityViolations(tab);
      expect(light, JSON.stringify(light, null, 2)).toEqual([]);
      await screenshot(tab, 'piece-light');

      await tab.getByLabel('Colour scheme').selectOption('dark');
      expect(await background()).toBe('rgb(11, 18, 32)');
      await tab.reload();
      expect(await tab.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(await background()).toBe('rgb(11, 18, 32)');
    } finally {
      await browser.close();
    }
  });
});
