import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CachedResponse } from '../adapters/response-cache.js';
import { VARY } from './response-cache.plugin.js';

export type CachedAnswerWriter = (request: IncomingMessage, response: ServerResponse, entry: CachedResponse) => void;

/**
 * Writes a stored answer as the fast paths send it: the stored bytes (encoded once per entry),
 * `ETag`, `304 Not Modified` for a matching `If-None-Match`, and the same `Cache-Control` and
 * `Vary` the GraphQL pipeline would send: public only for an answer shared by every viewer.
 * `X-Served-By` goes in the same `writeHead`: a header set before it would make Node set every
 * other one by itself too, which costs the hot path more than all the rest of its headers.
 */
export function cachedAnswerWriter(servedBy: string): CachedAnswerWriter {
  const encodedBodies = new WeakMap<CachedResponse, Buffer>();
  return (request: IncomingMessage, response: ServerResponse, entry: CachedResponse): void => {
    const cacheControl = `max-age=${Math.max(0, Math.floor((entry.expiresAt - Date.now()) / 1000))}, ${entry.shared ? 'public' : 'private'}`;
    if (request.headers['if-none-match'] === entry.etag) {
      response.writeHead(304, { etag: entry.etag, 'cache-control': cacheControl, vary: VARY, 'x-served-by': servedBy });
      response.end();
      return;
    }
    let body = encodedBodies.get(entry);
    if (!body) encodedBodies.set(entry, (body = Buffer.from(entry.body)));
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
      etag: entry.etag,
      'cache-control': cacheControl,
      vary: VARY,
      'x-served-by': servedBy,
    });
    response.end(body);
  };
}
