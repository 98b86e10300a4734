import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable } from '../../adapters/mariadb.js';
import { toGlobalId } from '../../graphql/relay.js';
import type { AuthPayload, AuthService } from './auth.service.js';

/**
 * The web app's sign-in lives in a cookie no script can read: `HttpOnly`, `SameSite=Strict`,
 * `Secure` unless the page is served from localhost/127.0.0.1/[::1] (browsers drop Secure cookies
 * on plain http elsewhere, and only a developer's own machine serves pages that way), and sent only
 * to SESSION_PATH, where nothing but the refresh and log-out endpoints live.
 *
 * CSRF: SameSite=Strict keeps other sites' requests from carrying the cookie, and every endpoint
 * here also requires the SESSION_HEADER request header. A page on another origin (even a sibling
 * subdomain, which SameSite counts as the same site) can only send a custom header after a CORS
 * preflight, and these paths never answer one.
 */
export const REFRESH_COOKIE = 'aero_refresh';
export const SESSION_PATH = '/auth';
/** Asks for the cookie on signUp/logIn, and is the CSRF proof on SESSION_PATH. */
export const SESSION_HEADER = 'x-session-cookie';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function servedLocally(request: IncomingMessage): boolean {
  const host = (request.headers.host ?? '').toLowerCase();
  const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return LOCAL_HOSTS.has(hostname);
}

function cookieAttributes(request: IncomingMessage, maxAgeSeconds: number): string {
  return `Path=${SESSION_PATH}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${servedLocally(request) ? '' : '; Secure'}`;
}

/** Adds a Set-Cookie header, keeping any that another part of the response set. */
function appendSetCookie(response: ServerResponse, cookie: string): void {
  const existing = response.getHeader('set-cookie');
  const cookies = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  response.setHeader('set-cookie', [...cookies, cookie]);
}

function setRefreshCookie(request: IncomingMessage, response: ServerResponse, refreshToken: string, ttlDays: number): void {
  appendSetCookie(response, `${REFRESH_COOKIE}=${refreshToken}; ${cookieAttributes(request, ttlDays * 86_400)}`);
}

function clearRefreshCookie(request: IncomingMessage, response: ServerResponse): void {
  appendSetCookie(response, `${REFRESH_COOKIE}=; ${cookieAttributes(request, 0)}`);
}

function refreshCookieOf(request: IncomingMessage): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE && value.length > 0 && value.join('=') !== '') return value.join('=');
  }
  return null;
}

/**
 * How a signUp/logIn answer reaches the client: as it is, or (when the request carries
 * SESSION_HEADER) with the refresh token moved into the cookie and left out of the body.
 */
export function sessionDelivery(request: IncomingMessage, response: ServerResponse, ttlDays: number): (payload: AuthPayload) => AuthPayload {
  if (request.headers[SESSION_HEADER] !== '1') return (payload) => payload;
  return (payload) => {
    // Past the request's time budget the answer has gone already: there is nowhere to put a cookie.
    if (response.headersSent) return { ...payload, refreshToken: '' };
    setRefreshCookie(request, response, payload.refreshToken, ttlDays);
    return { ...payload, refreshToken: '' };
  };
}

const HTTP_STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, RATE_LIMITED: 429, SERVICE_UNAVAILABLE: 503 };

function sendError(response: Response, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  response.status(HTTP_STATUS[code] ?? 400).json({ errors: [{ message, extensions: { ...extensions, code } }] });
}

/**
 * `POST /auth/refresh` trades the cookie for a new access token (and rotates the cookie);
 * 204 when there is no cookie (nobody signed in). `POST /auth/logout` ends the cookie's sign-in and
 * clears it. Both want SESSION_HEADER: 1. Errors have the GraphQL error shape.
 */
export function sessionEndpoints(auth: AuthService, ttlDays: number): Router {
  const router = Router();
  const proven = (request: Request, response: Response): boolean => {
    response.setHeader('cache-control', 'no-store');
    if (request.header(SESSION_HEADER) === '1') return true;
    sendError(response, 'FORBIDDEN', `Send the ${SESSION_HEADER}: 1 header with session requests`, { reason: 'SESSION_HEADER_REQUIRED' });
    return false;
  };
  const failed = (request: Request, response: Response, error: unknown): void => {
    if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
      if (error.extensions.code === 'UNAUTHENTICATED') clearRefreshCookie(request, response);
      const { code, ...extensions } = error.extensions;
      sendError(response, code as string, error.message, extensions);
    } else if (isDatabaseUnavailable(error)) {
      sendError(response, 'SERVICE_UNAVAILABLE', 'The database is unavailable; try again shortly');
    } else {
      throw error;
    }
  };
  router.post(`${SESSION_PATH}/refresh`, async (request, response) => {
    if (!proven(request, response)) return;
    const refreshToken = refreshCookieOf(request);
    if (!refreshToken) {
      response.status(204).end();
      return;
    }
    try {
      const payload = await auth.refresh(refreshToken);
      setRefreshCookie(request, response, payload.refreshToken, ttlDays);
      response.json({
        accessToken: payload.accessToken,
        accessTokenExpiresAt: payload.accessTokenExpiresAt.toISOString(),
        user: { id: toGlobalId('User', payload.user.id), username: payload.user.username, displayName: payload.user.displayName },
      });
    } catch (error) {
      failed(request, response, error);
    }
  });
  router.post(`${SESSION_PATH}/logout`, async (request, response) => {
    if (!proven(request, response)) return;
    const refreshToken = refreshCookieOf(request);
    try {
      if (refreshToken) await auth.endSession(refreshToken);
      clearRefreshCookie(request, response);
      response.status(204).end();
    } catch (error) {
      failed(request, response, error);
    }
  });
  return router;
}
