import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.js';

/** Cross-origin browsers may call the API only from the configured origins (none by default: same origin). */
export function corsAllowList(origins: string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.header('origin');
    if (origin && allowed.has(origin)) {
      res.set({
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'content-type, authorization, x-api-key, x-request-id, x-playground-key, apollo-require-preflight',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    if (req.method === 'OPTIONS') {
      res.status(origin && allowed.has(origin) ? 204 : 403).end();
      return;
    }
    next();
  };
}

/**
 * Errors before GraphQL runs (a body too large or not JSON) answer in the GraphQL response shape
 * with a 4xx status, never express's HTML page; anything else is logged and masked.
 * Express knows an error handler by its four parameters, so the unused `_next` stays.
 */
export function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error: { type?: string; status?: number; code?: string }, req, res, _next) => {
    if (res.headersSent) {
      // The time budget answered already; the late result has nowhere to go.
      if (error.code !== 'ERR_HTTP_HEADERS_SENT') logger.error({ err: error, path: req.path }, 'error after the response was sent');
      return;
    }
    if (error.type === 'entity.too.large') {
      res.status(413).json({ errors: [{ message: 'The request body is too large', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
      return;
    }
    if (error.type === 'entity.parse.failed' || error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
      res.status(400).json({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    logger.error({ err: error, path: req.path }, 'unexpected error before GraphQL');
    res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  };
}

/**
 * A time budget per request: past it the client gets a 503 with a GraphQL-shaped error instead of
 * waiting on, and the late result is dropped (a resolver cannot be interrupted halfway).
 */
export function requestBudget(milliseconds: number): RequestHandler {
  return (_req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      res.status(503).json({ errors: [{ message: 'The request took too long and was stopped', extensions: { code: 'TIMEOUT' } }] });
    }, milliseconds);
    const clear = () => clearTimeout(timer);
    res.once('finish', clear);
    res.once('close', clear);
    next();
  };
}
