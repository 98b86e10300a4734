// Aero Melody's service worker (hand-written, no build step). It keeps the app shell and what a
// person opened, so a saved piece they played before plays again offline:
//  - Next's hashed static files, the SoundFont, the synthesizer and the icons: cache first (their
//    URLs change whenever their content does);
//  - pages and the MIDI files of pieces: network first, the cached copy when offline;
//  - the piece page's GraphQL answer (a POST, kept under a URL of its own): network first.
// Signing out empties what may be personal (pieces' answers and files).
//
// Each release registers this file as /sw.js?release=<id>, so a release installs a new worker. The
// first one takes over at once; a later one waits (the open pages keep running the code they
// loaded with) until the page's "new version" prompt asks it to take over, then the page reloads.
// The shell cache is per release (its pages name that release's script files); the media and the
// personal caches outlive releases.
const RELEASE = new URL(self.location.href).searchParams.get('release') ?? 'unreleased';
const SHELL = `aero-shell-${RELEASE}`;
const MEDIA = 'aero-media-v1';
const PERSONAL = 'aero-personal-v1';
const OFFLINE_OPERATIONS = new Set(['PieceDetail', 'ThemeChoices']);

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(['/', '/manifest.webmanifest', '/icon.svg']))
      .catch(() => undefined),
  );
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('aero-') && ![SHELL, MEDIA, PERSONAL].includes(name)).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

async function cacheFirst(cacheName, request) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(cacheName, request, key = request, fallbackKey) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const cached = (await cache.match(key)) ?? (fallbackKey ? await caches.match(fallbackKey) : undefined);
    if (cached) return cached;
    throw error;
  }
}

/** Queries the piece page needs offline, answered from a cache keyed by operation and variables. */
async function graphqlRequest(request) {
  let body;
  try {
    body = JSON.parse(await request.clone().text());
  } catch {
    return fetch(request);
  }
  if (typeof body.query === 'string' && /^\s*mutation\s+LogOut\b/.test(body.query)) {
    await caches.delete(PERSONAL);
    return fetch(request);
  }
  if (!OFFLINE_OPERATIONS.has(body.operationName)) return fetch(request);
  const key = new Request(`/__offline__/graphql/${encodeURIComponent(body.operationName)}?variables=${encodeURIComponent(JSON.stringify(body.variables ?? {}))}`);
  return networkFirst(PERSONAL, request, key);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && url.pathname === '/graphql') {
    event.respondWith(graphqlRequest(request));
    return;
  }
  // The web app signs out here (the sign-in cookie lives on /auth); API clients use the LogOut mutation.
  if (request.method === 'POST' && url.pathname === '/auth/logout') {
    event.respondWith(caches.delete(PERSONAL).then(() => fetch(request)));
    return;
  }
  if (request.method !== 'GET') return;
  if (url.pathname.startsWith('/_next/static/') || url.pathname.startsWith('/audio/') || url.pathname.startsWith('/icons/')) {
    event.respondWith(cacheFirst(url.pathname.startsWith('/_next/') ? SHELL : MEDIA, request));
  } else if (/^\/compositions\/[^/]+\.mid$/.test(url.pathname)) {
    event.respondWith(networkFirst(PERSONAL, request));
  } else if (request.mode === 'navigate') {
    event.respondWith(networkFirst(SHELL, request, request, '/'));
  } else if (url.pathname === '/manifest.webmanifest' || url.pathname === '/icon.svg') {
    event.respondWith(networkFirst(SHELL, request));
  }
});
