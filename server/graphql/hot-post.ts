import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Kind } from 'graphql';
import { ResponseCache } from '../adapters/response-cache.js';
import { cachedAnswerWriter } from './cached-answer.js';
import { declaredVariables, type RequestGuard } from './guard.js';

export interface HotPostObserver {
  /** A request answered from the in-process cache, without express or Apollo running at all. */
  served(label: string, seconds: number): void;
}

const PATH = '/graphql';
/** Hot requests are small; a larger body goes the normal way without being read here. */
const MAX_HOT_BODY_BYTES = 4_096;
/** Distinct bodies remembered resolved to a cache key (the oldest forgotten first). */
const MAX_RESOLVED_BODIES = 10_000;
const JSON_TYPE = /^application\/json\s*(;\s*charset=utf-8\s*)?$/i;

interface ResolvedBody {
  key: string;
  label: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The hot path for POST, in front of express and Apollo: an anonymous same-origin JSON POST whose
 * exact body bytes were seen before is resolved to its cache key without parsing again, and when
 * the answer sits in the in-process cache it is written out as the stored bytes, once the guard's
 * rate limit admits it. The first time a body is seen it goes through the guard (token limit,
 * validation rules, introspection policy, cost); a body the guard refuses, a mutation, a miss, a
 * token, another origin or `Cache-Control: no-cache` goes the normal way, with the body already
 * read handed on (express's JSON parser sees a finished request and leaves `body` as it is).
 */
export function hotPostFastPath(cache: ResponseCache, guard: RequestGuard, clientAddressOf: (request: IncomingMessage) => string, observer: HotPostObserver) {
  const resolvedBodies = new Map<string, ResolvedBody | null>();
  const writeAnswer = cachedAnswerWriter();

  const resolveBody = (text: string): ResolvedBody | null => {
    let resolved = resolvedBodies.get(text);
    if (resolved !== undefined) return resolved;
    resolved = null;
    try {
      const payload = JSON.parse(text) as unknown;
      const variables = isRecord(payload) ? (payload.variables ?? undefined) : undefined;
      const operationName = isRecord(payload) ? (payload.operationName ?? undefined) : undefined;
      const plain = isRecord(payload) && typeof payload.query === 'string' && payload.extensions === undefined;
      if (plain && (variables === undefined || isRecord(variables)) && (operationName === undefined || typeof operationName === 'string')) {
        const { operation, errors } = guard.check(payload.query as string, operationName, variables, guard.mayIntrospect(undefined));
        if (operation && errors.length === 0 && operation.operation === 'query') {
          const root = operation.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD);
          resolved = {
            // As the response cache keys it: Apollo's query hash, the operation's own name, declared variables.
            key: ResponseCache.key(createHash('sha256').update(payload.query as string).digest('hex'), operation.name?.value ?? null, declaredVariables(operation, variables), 'anon'),
            label: `query.${root?.kind === Kind.FIELD ? root.name.value : 'unknown'}`,
          };
        }
      }
    } catch {
      resolved = null;
    }
    if (resolvedBodies.size >= MAX_RESOLVED_BODIES) resolvedBodies.delete(resolvedBodies.keys().next().value!);
    resolvedBodies.set(text, resolved);
    return resolved;
  };

  /**
   * False when the request cannot be a hot POST (nothing was read). True when it takes the request:
   * it then answers it, or sets `request.body` to the JSON it read and calls `forward`.
   */
  return (request: IncomingMessage & { body?: unknown }, response: ServerResponse, forward: () => void): boolean => {
    if (request.method !== 'POST' || request.url !== PATH) return false;
    const headers = request.headers;
    if (headers.authorization || headers['x-api-key'] || headers.origin || headers['x-playground-key']) return false;
    if (!JSON_TYPE.test(headers['content-type'] ?? '') || /graphql-response\+json/i.test(headers.accept ?? '')) return false;
    const length = Number(headers['content-length']);
    if (!(length > 0 && length <= MAX_HOT_BODY_BYTES)) return false;
    if (!headers['if-none-match'] && /\bno-cache\b/i.test(headers['cache-control'] ?? '')) return false;

    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('error', () => response.destroy());
    request.once('end', () => {
      const startedAt = performance.now();
      const text = Buffer.concat(chunks).toString('utf8');
      const resolved = resolveBody(text);
      const entry = resolved ? cache.peekMemory(resolved.key) : undefined;
      if (!resolved || !entry || guard.admit({ viewerId: null, clientAddress: clientAddressOf(request) })) {
        try {
          request.body = JSON.parse(text);
        } catch {
          response.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
          response.end(JSON.stringify({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] }));
          return;
        }
        forward();
        return;
      }
      writeAnswer(request, response, entry);
      observer.served(resolved.label, (performance.now() - startedAt) / 1000);
    });
    return true;
  };
}
