import type { IncomingMessage, ServerResponse } from 'node:http';
import { ResponseCache } from '../adapters/response-cache.js';
import type { ClientAddressOf } from '../http/client-address.js';
import { declaredVariables, type RequestGuard } from './guard.js';
import type { PersistedOperation, PersistedOperations } from './persisted-operations.js';
import type { CachedAnswerWriter } from './cached-answer.js';

export interface PersistedGetObserver {
  /** A request answered from the in-process cache, without GraphQL running at all. */
  served(operation: PersistedOperation, seconds: number): void;
}

const PATH = '/graphql';
/** Distinct persisted-GET URLs remembered parsed (the oldest forgotten first). */
const MAX_RESOLVED_URLS = 10_000;
const MAX_REMEMBERED_URL_LENGTH = 2_048;

interface PersistedGet {
  hash: string;
  operationName: string | null;
  variables: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function persistedGet(request: IncomingMessage): PersistedGet | null {
  const url = request.url ?? '';
  const params = new URLSearchParams(url.slice(PATH.length + 1));
  const extensions = params.get('extensions');
  if (!extensions) return null;
  try {
    const hash = (JSON.parse(extensions) as { persistedQuery?: { sha256Hash?: unknown } }).persistedQuery?.sha256Hash;
    const variables = params.get('variables');
    if (typeof hash !== 'string') return null;
    return { hash, operationName: params.get('operationName'), variables: variables ? (JSON.parse(variables) as unknown) : {} };
  } catch {
    // Malformed JSON: Apollo answers it with a proper GraphQL error.
    return null;
  }
}

/**
 * The hot path, in front of express and Apollo: a GET of a persisted query by an anonymous
 * same-origin client whose answer sits in the in-process cache is written out as the stored
 * bytes, with `ETag` and `304 Not Modified`, once the guard's rate limit admits it (the document
 * is one of the manifest's, validated when it was stored). Everything else (a miss, a token,
 * another origin, an unconditional `Cache-Control: no-cache`, a spent budget) returns false and
 * goes the normal way, which fills the cache or answers the refusal.
 * Persisted GETs that go the normal way are marked as preflighted: CSRF prevention guards
 * against a foreign page making a browser run an arbitrary operation; these are a fixed list of
 * read-only queries and the API takes no ambient credentials (no cookies).
 */
export function persistedGetFastPath(
  cache: ResponseCache,
  operations: PersistedOperations,
  guard: RequestGuard,
  clientAddressOf: ClientAddressOf,
  writeAnswer: CachedAnswerWriter,
  observer: PersistedGetObserver,
) {
  // A hot URL is parsed and hashed once; its stored answer is encoded to bytes once.
  const resolvedUrls = new Map<string, { operation: PersistedOperation; key: string } | null>();
  const resolve = (request: IncomingMessage) => {
    const url = request.url ?? '';
    let resolved = resolvedUrls.get(url);
    if (resolved === undefined) {
      const get = persistedGet(request);
      const operation = get ? operations.query(get.hash) : undefined;
      resolved =
        get && operation && isRecord(get.variables) && (!get.operationName || get.operationName === operation.name)
          ? { operation, key: ResponseCache.key(get.hash, operation.name, declaredVariables(operation.definition, get.variables), 'anon') }
          : null;
      if (url.length > MAX_REMEMBERED_URL_LENGTH) return resolved;
      if (resolvedUrls.size >= MAX_RESOLVED_URLS) resolvedUrls.delete(resolvedUrls.keys().next().value!);
      resolvedUrls.set(url, resolved);
    }
    return resolved;
  };

  return (request: IncomingMessage, response: ServerResponse): boolean => {
    if (request.method !== 'GET' || !request.url?.startsWith(`${PATH}?`)) return false;
    const resolved = resolve(request);
    if (!resolved) return false;
    request.headers['apollo-require-preflight'] = 'true';
    const headers = request.headers;
    if (headers.authorization || headers['x-api-key'] || headers.origin) return false;
    // `no-cache` asks for an answer checked with the origin, which this is: the in-process copy is
    // invalidated with every change. Browsers send it with every conditional request.
    if (!headers['if-none-match'] && /\bno-cache\b/i.test(headers['cache-control'] ?? '')) return false;

    const startedAt = performance.now();
    const entry = cache.peekMemory(resolved.key);
    if (!entry || guard.admit({ viewerId: null, clientAddress: clientAddressOf(request) })) return false;
    writeAnswer(request, response, entry);
    observer.served(resolved.operation, (performance.now() - startedAt) / 1000);
    return true;
  };
}
