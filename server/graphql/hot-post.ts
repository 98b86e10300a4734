import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { ResponseCache, etagOf, type CachedResponse } from '../adapters/response-cache.js';
import type { RequestContext } from '../context.js';
import type { ClientAddressOf } from '../http/client-address.js';
import type { CachedAnswerWriter } from './cached-answer.js';
import { declaredVariables, type RequestGuard } from './guard.js';
import { referencePlan, resolvedNested, type ReferencePlan } from './reference-plan.js';
import { VARY } from './response-cache.plugin.js';

export interface HotPostObserver {
  /** A request answered without express or Apollo running at all (from the cache or executed directly). */
  served(label: string, seconds: number): void;
}

export interface HotPostSettings {
  cache: ResponseCache;
  guard: RequestGuard;
  schema: GraphQLSchema;
  clientAddressOf: ClientAddressOf;
  /** PERSISTED_QUERIES=allow-list: whether a document (by its sha256) may run; refused ones go the normal way, which refuses them. */
  allowed?: (queryHash: string) => boolean;
  /** The context of an anonymous request, as the normal way would build it. */
  anonymousContext(request: IncomingMessage): RequestContext;
  /** Writes stored answers; shared with the persisted GET path, so an entry is encoded once. */
  writeAnswer: CachedAnswerWriter;
  /** This instance's name, for `X-Served-By` on the answers computed here. */
  servedBy: string;
  observer: HotPostObserver;
}

const PATH = '/graphql';
/** Hot requests are small; a larger body goes the normal way without being read here. */
const MAX_HOT_BODY_BYTES = 4_096;
/** Distinct bodies remembered resolved to a cache key (the oldest forgotten first). */
const MAX_RESOLVED_BODIES = 10_000;
const JSON_TYPE = /^application\/json\s*(;\s*charset=utf-8\s*)?$/i;
const NO_CACHE = /\bno-cache\b/i;

interface ResolvedBody {
  key: string;
  label: string;
  variables: Record<string, unknown> | undefined;
  /** Set when the query reads reference data only: it may then be executed here. */
  plan: DirectPlan | null;
}

/** A reference query compiled to a function once (graphql-jit): no walk of the document per request. */
interface DirectPlan extends ReferencePlan {
  compiled: CompiledQuery;
}

/**
 * Requests the door charged to the rate limit already: the normal way must not charge them again
 * when the door hands them on (an answer with errors is always left to Apollo to give).
 */
export const admittedRequests = new WeakSet<IncomingMessage>();

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The fast path for POST, in front of express and Apollo, for anonymous same-origin JSON POSTs of
 * a query. A body's exact bytes are resolved once (parsed, checked by the guard: token limit,
 * validation rules, introspection policy, cost) to its response-cache key; then, once the guard's
 * rate limit admits the request:
 * - an answer in the in-process cache is written out as the stored bytes;
 * - a query that reads reference data only (`referencePlan`) is looked up in Redis, or, on a miss
 *   or with `Cache-Control: no-cache`, executed here against the schema with a plain context
 *   and stored as the response cache plugin stores it, with the same headers Apollo would send.
 * Anything else — a body the guard refuses, a mutation, a query touching community data, a miss
 * it may not execute, an answer with errors, a token, another origin — goes the normal way, with
 * the body already read handed on (express's JSON parser sees a finished request and leaves
 * `body` as it is), so every refusal and every error is Apollo's own.
 */
export function hotPostFastPath({ cache, guard, schema, clientAddressOf, allowed, anonymousContext, writeAnswer, servedBy, observer }: HotPostSettings) {
  const resolvedBodies = new Map<string, ResolvedBody | null>();
  // Documents are shared between bodies with the same query text (the guard remembers them parsed).
  const plans = new WeakMap<OperationDefinitionNode, DirectPlan | null>();

  const planOf = (document: DocumentNode, operation: OperationDefinitionNode, operationName: string | undefined): DirectPlan | null => {
    let plan = plans.get(operation);
    if (plan === undefined) {
      const reference = referencePlan(schema, document, operation);
      const compiled = reference ? compileQuery(schema, document, operationName) : null;
      plan = reference && compiled && isCompiledQuery(compiled) ? { ...reference, compiled } : null;
      plans.set(operation, plan);
    }
    return plan;
  };

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
        const queryHash = createHash('sha256')
          .update(payload.query as string)
          .digest('hex');
        const { document, operation, errors } = guard.check(payload.query as string, operationName, variables, guard.mayIntrospect(undefined));
        if (document && operation && errors.length === 0 && operation.operation === 'query' && (!allowed || allowed(queryHash))) {
          const root = operation.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD);
          resolved = {
            // As the response cache keys it: Apollo's query hash, the operation's own name, declared variables.
            key: ResponseCache.key(queryHash, operation.name?.value ?? null, declaredVariables(operation, variables), 'anon'),
            label: `query.${root?.kind === Kind.FIELD ? root.name.value : 'unknown'}`,
            variables,
            plan: planOf(document, operation, operationName),
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

  /** Executes a reference query here: the entry to store, or null when the answer has errors (Apollo gives those). */
  const compute = async (request: IncomingMessage, resolved: ResolvedBody, plan: DirectPlan): Promise<CachedResponse | null> => {
    const result = await plan.compiled.query(undefined, anonymousContext(request), resolved.variables ?? {});
    if (result.errors || !result.data) return null;
    const body = JSON.stringify({ data: result.data });
    return { body, etag: etagOf(body), expiresAt: Date.now() + plan.maxAgeSeconds * 1000, tags: resolvedNested(result.data, plan) ? ['dataset'] : [], shared: true };
  };

  /** A freshly computed answer, with the headers the response cache plugin gives one. */
  const writeFresh = (response: ServerResponse, entry: CachedResponse, plan: ReferencePlan, stored: boolean): void => {
    const body = Buffer.from(`${entry.body}\n`);
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
      'cache-control': `max-age=${plan.maxAgeSeconds}, public`,
      vary: VARY,
      'x-served-by': servedBy,
      ...(stored ? { etag: entry.etag } : {}),
    });
    response.end(body);
  };

  /** Hands the request on to express and Apollo with the JSON already read, or answers a body that is not JSON. */
  const handOn = (request: IncomingMessage & { body?: unknown }, response: ServerResponse, forward: () => void, text: string): void => {
    try {
      request.body = JSON.parse(text);
    } catch {
      response.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'x-served-by': servedBy });
      response.end(JSON.stringify({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] }));
      return;
    }
    forward();
  };

  /** Computes a reference query's answer once per key however many identical requests arrive, and stores it. */
  const computeAndWrite = async (request: IncomingMessage, response: ServerResponse, resolved: ResolvedBody, plan: DirectPlan): Promise<boolean> => {
    const computedFrom = cache.now;
    const flight = cache.join(resolved.key);
    if (!flight.leader) {
      const led = await flight.result;
      if (led) {
        writeAnswer(request, response, led);
        return true;
      }
    }
    let computed: CachedResponse | null = null;
    let stored = false;
    try {
      computed = await compute(request, resolved, plan);
      stored = computed !== null && (await cache.store(resolved.key, computed, computedFrom));
    } finally {
      if (flight.leader) flight.settle(stored ? computed : null);
    }
    if (!computed) return false;
    writeFresh(response, computed, plan, stored);
    return true;
  };

  /** What is not in the in-process cache: the rate limit, then Redis, or executing a reference query here. */
  const answerMiss = async (
    request: IncomingMessage & { body?: unknown },
    response: ServerResponse,
    forward: () => void,
    text: string,
    resolved: ResolvedBody,
    { fresh, startedAt }: { fresh: boolean; startedAt: number },
  ): Promise<void> => {
    const { plan } = resolved;
    // A refusal is answered by the normal way, which charges and refuses again.
    if (guard.admit({ viewerId: null, clientAddress: clientAddressOf(request) })) return handOn(request, response, forward, text);
    admittedRequests.add(request);
    const entry = fresh ? undefined : (await cache.get(resolved.key))?.entry;
    if (entry) writeAnswer(request, response, entry);
    // Without an entry the plan is set (the caller checked); an answer with errors is left to Apollo.
    else if (!(await computeAndWrite(request, response, resolved, plan!))) return handOn(request, response, forward, text);
    observer.served(resolved.label, (performance.now() - startedAt) / 1000);
  };

  /** A hit in the in-process cache is answered at once, without a promise; the rest goes on in `answerMiss`. */
  const answer = (request: IncomingMessage & { body?: unknown }, response: ServerResponse, forward: () => void, text: string): void => {
    const startedAt = performance.now();
    const resolved = resolveBody(text);
    if (!resolved) {
      handOn(request, response, forward, text);
      return;
    }
    const headers = request.headers;
    const conditional = headers['if-none-match'] !== undefined;
    // `no-cache` asks for a fresh answer; browsers also send it with a conditional request, which the in-process copy answers.
    const fresh = NO_CACHE.test(headers['cache-control'] ?? '');
    const entry = fresh && !conditional ? undefined : cache.peekMemory(resolved.key);
    if (entry) {
      // A refusal is answered by the normal way, which charges and refuses again.
      if (guard.admit({ viewerId: null, clientAddress: clientAddressOf(request) })) handOn(request, response, forward, text);
      else {
        writeAnswer(request, response, entry);
        observer.served(resolved.label, (performance.now() - startedAt) / 1000);
      }
      return;
    }
    if (!resolved.plan || conditional) {
      handOn(request, response, forward, text);
      return;
    }
    // An unexpected failure here is left to the normal way, which logs and masks it.
    answerMiss(request, response, forward, text, resolved, { fresh, startedAt }).catch(() => {
      if (!response.headersSent) handOn(request, response, forward, text);
    });
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

    // A small body nearly always arrives as one chunk: no list and no copy then.
    let first: Buffer | null = null;
    let rest: Buffer[] | null = null;
    request.on('data', (chunk: Buffer) => {
      if (first === null) first = chunk;
      else (rest ??= [first]).push(chunk);
    });
    request.once('error', () => response.destroy());
    request.once('end', () => {
      const text = rest ? Buffer.concat(rest).toString('utf8') : (first?.toString('utf8') ?? '');
      try {
        answer(request, response, forward, text);
      } catch {
        // An unexpected failure here is left to the normal way, which logs and masks it.
        if (!response.headersSent) handOn(request, response, forward, text);
      }
    });
    return true;
  };
}
