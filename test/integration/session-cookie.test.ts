/**
 * The web app's sign-in cookie: signUp/logIn with `X-Session-Cookie: 1` put the refresh token in an
 * HttpOnly cookie for /auth only, POST /auth/refresh and /auth/logout want the same header as
 * CSRF proof, and API clients that send the refresh token in the mutation body are unchanged.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, resetRateLimits, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

const PASSWORD = 'correct horse 42';
const LOG_IN = 'mutation($input: LogInInput!) { logIn(input: $input) { accessToken refreshToken user { username } } }';
const SIGN_UP = 'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken refreshToken user { id username } } }';
const REFRESH = 'mutation($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken } }';
const VIEWER = '{ viewer { username } }';

interface Answer {
  status: number;
  setCookies: string[];
  body: any;
}

/** node:http rather than fetch: the test sets Host and Cookie itself and reads every Set-Cookie. */
function send(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Answer> {
  const url = new URL(path, server.url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      { method, headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}), ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, setCookies: response.headers['set-cookie'] ?? [], body: text ? JSON.parse(text) : null }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

const cookieValue = (setCookie: string | undefined) => /^aero_refresh=([^;]*)/.exec(setCookie ?? '')?.[1];
const attributes = (setCookie: string) =>
  setCookie
    .split(';')
    .slice(1)
    .map((part) => part.trim());

async function signUpWithCookie(host?: string): Promise<{ username: string; cookie: string; setCookie: string; accessToken: string; refreshToken: string }> {
  await resetRateLimits(server.app);
  const username = `cookie_${Math.random().toString(36).slice(2, 9)}`;
  const answer = await send(
    'POST',
    '/graphql',
    { 'x-session-cookie': '1', ...(host ? { host } : {}) },
    { query: SIGN_UP, variables: { input: { email: `${username}@example.test`, username, password: PASSWORD } } },
  );
  expect(answer.body.errors).toBeUndefined();
  expect(answer.setCookies).toHaveLength(1);
  const cookie = cookieValue(answer.setCookies[0]);
  expect(cookie).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  return { username, cookie: cookie!, setCookie: answer.setCookies[0], ...answer.body.data.signUp };
}

describe('the sign-in cookie', () => {
  it('holds the refresh token HttpOnly, SameSite=Strict, for /auth only, and keeps it out of the answer', async () => {
    const { setCookie, refreshToken, accessToken, username } = await signUpWithCookie();
    expect(refreshToken).toBe('');
    expect(attributes(setCookie)).toEqual(expect.arrayContaining(['Path=/auth', 'HttpOnly', 'SameSite=Strict', `Max-Age=${30 * 86_400}`]));
    // Served from 127.0.0.1: a developer's own machine on plain http, where a Secure cookie would be dropped.
    expect(attributes(setCookie)).not.toContain('Secure');
    expect((await server.graphql(VIEWER, {}, accessToken)).data!.viewer.username).toBe(username);

    const loggedIn = await send('POST', '/graphql', { 'x-session-cookie': '1' }, { query: LOG_IN, variables: { input: { login: username, password: PASSWORD } } });
    expect(loggedIn.body.data.logIn.refreshToken).toBe('');
    expect(cookieValue(loggedIn.setCookies[0])).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('is Secure on any other host (HTTPS in front of the server)', async () => {
    for (const host of ['aero-melody.example', 'aero-melody.example:443', '192.0.2.10:4000', 'localhost.example']) {
      const { setCookie } = await signUpWithCookie(host);
      expect(attributes(setCookie), host).toContain('Secure');
    }
    for (const host of ['localhost:4000', '[::1]:4000']) {
      const { setCookie } = await signUpWithCookie(host);
      expect(attributes(setCookie), host).not.toContain('Secure');
    }
  });

  it('refreshes through POST /auth/refresh, rotating the cookie and giving no refresh token to the page', async () => {
    const { cookie, username } = await signUpWithCookie();
    const refreshed = await send('POST', '/auth/refresh', { 'x-session-cookie': '1', cookie: `theme=dark; aero_refresh=${cookie}` });
    expect(refreshed.status).toBe(200);
    expect(Object.keys(refreshed.body).sort()).toEqual(['accessToken', 'accessTokenExpiresAt', 'user']);
    expect(refreshed.body.user.username).toBe(username);
    expect((await server.graphql(VIEWER, {}, refreshed.body.accessToken)).data!.viewer.username).toBe(username);
    const rotated = cookieValue(refreshed.setCookies[0]);
    expect(rotated).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(rotated).not.toBe(cookie);
    expect(attributes(refreshed.setCookies[0])).toEqual(expect.arrayContaining(['Path=/auth', 'HttpOnly', 'SameSite=Strict']));

    const again = await send('POST', '/auth/refresh', { 'x-session-cookie': '1', cookie: `aero_refresh=${rotated}` });
    expect(again.status).toBe(200);
    expect(again.body.user.username).toBe(username);
  });

  it('refuses /auth/refresh and /auth/logout without the CSRF header, leaving the sign-in as it was', async () => {
    const { cookie, username } = await signUpWithCookie();
    for (const path of ['/auth/refresh', '/auth/logout']) {
      const forged = await send('POST', path, { cookie: `aero_refresh=${cookie}`, origin: 'https://elsewhere.example', 'content-type': 'application/x-www-form-urlencoded' });
      expect(forged.status, path).toBe(403);
      expect(errorCode(forged.body), path).toBe('FORBIDDEN');
      expect(forged.body.errors[0].extensions.reason, path).toBe('SESSION_HEADER_REQUIRED');
      expect(forged.setCookies, path).toEqual([]);
      const wrongValue = await send('POST', path, { cookie: `aero_refresh=${cookie}`, 'x-session-cookie': 'yes' });
      expect(wrongValue.status, path).toBe(403);
    }
    // A page on another origin may send the header only after a preflight, which /auth never grants.
    const preflight = await fetch(`${server.url}/auth/refresh`, {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-session-cookie' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
    // The refused requests neither rotated nor ended the sign-in: the cookie still works, once.
    const refreshed = await send('POST', '/auth/refresh', { 'x-session-cookie': '1', cookie: `aero_refresh=${cookie}` });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.user.username).toBe(username);
  });

  it('answers 204 with no cookie, and 401 (clearing it) for a cookie that is not a sign-in', async () => {
    const none = await send('POST', '/auth/refresh', { 'x-session-cookie': '1' });
    expect(none.status).toBe(204);
    expect(none.setCookies).toEqual([]);
    const bogus = await send('POST', '/auth/refresh', { 'x-session-cookie': '1', cookie: 'aero_refresh=not-a-token' });
    expect(bogus.status).toBe(401);
    expect(errorCode(bogus.body)).toBe('UNAUTHENTICATED');
    expect(bogus.setCookies).toHaveLength(1);
    expect(cookieValue(bogus.setCookies[0])).toBe('');
    expect(attributes(bogus.setCookies[0])).toEqual(expect.arrayContaining(['Path=/auth', 'Max-Age=0']));
  });

  it('logs out through POST /auth/logout: the cookie is cleared and the sign-in ends', async () => {
    const { cookie, accessToken } = await signUpWithCookie();
    const loggedOut = await send('POST', '/auth/logout', { 'x-session-cookie': '1', cookie: `aero_refresh=${cookie}` });
    expect(loggedOut.status).toBe(204);
    expect(cookieValue(loggedOut.setCookies[0])).toBe('');
    expect(attributes(loggedOut.setCookies[0])).toEqual(expect.arrayContaining(['Path=/auth', 'Max-Age=0', 'HttpOnly']));
    const ended = await server.graphql('mutation { logOut }', {}, accessToken);
    expect(errorCode(ended)).toBe('UNAUTHENTICATED');
    expect(ended.errors![0].extensions!.reason).toBe('SESSION_REVOKED');
    const refreshed = await send('POST', '/auth/refresh', { 'x-session-cookie': '1', cookie: `aero_refresh=${cookie}` });
    expect(refreshed.status).toBe(401);
  });

  it('leaves API clients that keep the refresh token themselves as they were: in the body, no cookie', async () => {
    await resetRateLimits(server.app);
    const username = `body_${Math.random().toString(36).slice(2, 9)}`;
    const signedUp = await send('POST', '/graphql', {}, { query: SIGN_UP, variables: { input: { email: `${username}@example.test`, username, password: PASSWORD } } });
    expect(signedUp.setCookies).toEqual([]);
    const { refreshToken } = signedUp.body.data.signUp;
    expect(refreshToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const refreshed = await server.graphql(REFRESH, { token: refreshToken });
    expect(refreshed.errors).toBeUndefined();
    expect(refreshed.data!.refreshSession.refreshToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });
});
