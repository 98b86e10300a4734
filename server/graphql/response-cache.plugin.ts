import { cacheControlFromInfo } from '@apollo/cache-control-types';
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext, type GraphQLResponse } from '@apollo/server';
import { getNamedType, isListType, isNonNullType, type GraphQLOutputType, type GraphQLResolveInfo } from 'graphql';
import { etagOf, ResponseCache, type CacheClock, type CachedResponse } from '../adapters/response-cache.js';
import type { RequestContext } from '../context.js';
import { declaredVariables, rootFieldNames } from './guard.js';
import { fromGlobalId } from './relay.js';

/**
 * Which cache tags a response carries, and which a mutation invalidates.
 *
 * - Community entities are tagged `<Type>:<key>` (the key of their global id), and `<Type>:*`
 *   (dropped when a related type changes: a new vote moves a contest's leaderboard).
 * - A root list or connection of them is tagged `<Type>:list`, a root lookup that found nothing
 *   `<Type>:missing`: creating one must show up in lists and in lookups that missed before.
 * - Anything resolved from reference data is tagged `dataset` (a new import empties the cache).
 * - A per-viewer response is tagged `viewer:<id>`: whatever that person changes drops it.
 */
// biome-ignore lint/suspicious/noExplicitAny: each entry reads the source object of its own GraphQL type.
const ENTITY_KEYS: Record<string, (source: any) => unknown> = {
  Composition: (view) => view.ref,
  Comment: (row) => row.id,
  Contest: (row) => row.id,
  ContestEntry: (row) => row.id,
  Theme: (view) => view.id,
  User: (row) => row.id,
};

/** Root fields of reference data: an answer is shared between viewers only when every root field is one of them. */
export const REFERENCE_ROOT_FIELDS = new Set(['airline', 'airlines', 'airport', 'airports', 'findPaths', 'route', 'routes', 'searchAirports', 'similarRoutes', '__typename']);

/** Types whose fields answer the same for every viewer: a response built only from them is shared. */
export const REFERENCE_TYPES = new Set([
  'Query',
  'Airport',
  'Airline',
  'Route',
  'RouteOperator',
  'FlightPath',
  'RouteMatch',
  'PageInfo',
  'AirportConnection',
  'AirportEdge',
  'AirlineConnection',
  'AirlineEdge',
  'RouteConnection',
  'RouteEdge',
]);

/** A change to one of these shows in fields of the other (entry → leaderboard, comment → counts). */
const ALSO_CHANGES: Record<string, string[]> = {
  ContestEntry: ['Contest'],
  Comment: ['Composition'],
};

/** Mutations that change no data a query can read (sessions only). */
const SESSION_MUTATIONS = new Set(['logIn', 'logOut', 'refreshSession']);

/**
 * Mutations that change the entities they touch but create none and change no list's membership
 * or order a query can see: they drop the answers holding those entities, not every list.
 */
const IN_PLACE_MUTATIONS = new Set(['recordPlay', 'likeComposition', 'unlikeComposition', 'editComment', 'updateProfile', 'castVote', 'retractVote']);

/** A preview that is not a route's default piece (a theme, a variation...) is kept this long at most. */
const PREVIEW_VARIATION_MAX_AGE_SECONDS = 300;

/** Every community response carries it; a mutation whose effects cannot be told drops them all. */
const COMMUNITY_TAG = 'community';
const DATASET_TAG = 'dataset';

function isListOutput(type: GraphQLOutputType): boolean {
  const unwrapped = isNonNullType(type) ? type.ofType : type;
  return isListType(unwrapped) || getNamedType(type).name.endsWith('Connection');
}

function entityTypeOf(type: GraphQLOutputType): string | null {
  const name = getNamedType(type).name.replace(/Connection$|Edge$/, '');
  return name in ENTITY_KEYS ? name : null;
}

/** What one execution touched: the tags to store with a query's answer or to invalidate after a mutation. */
class TouchedData {
  readonly tags = new Set<string>();
  readonly types = new Set<string>();
  viewerDependent = false;
  /** Root mutation fields that ran without an error; only those change anything. */
  readonly succeeded = new Set<string>();

  field(source: unknown, info: GraphQLResolveInfo, result: unknown): void {
    const parent = info.parentType.name;
    if (!REFERENCE_TYPES.has(parent)) this.viewerDependent = true;
    else if (parent !== 'Query') this.tags.add(DATASET_TAG);
    const keyOf = ENTITY_KEYS[parent];
    if (keyOf && source && typeof source === 'object') {
      this.entity(parent, keyOf(source));
    }
    if (parent === 'Query' || parent === 'Mutation') {
      const type = entityTypeOf(info.returnType);
      if (type && isListOutput(info.returnType)) this.tags.add(`${type}:list`);
      else if (type && (result === null || result === undefined)) this.tags.add(`${type}:missing`);
    }
  }

  entity(type: string, key: unknown): void {
    if (key === undefined || key === null) return;
    this.types.add(type);
    this.tags.add(`${type}:${String(key)}`);
  }

  storedTags(viewerId: number | null): string[] {
    const tags = [...this.tags, ...[...this.types].map((type) => `${type}:*`)];
    if (this.viewerDependent) tags.push(COMMUNITY_TAG);
    if (this.viewerDependent && viewerId !== null) tags.push(`viewer:${viewerId}`);
    return tags;
  }

  /** Global ids among a mutation's arguments name the entities it changes even when it returns only an id. */
  arguments(value: unknown): void {
    if (typeof value === 'string') {
      const id = fromGlobalId(value);
      if (id && id.type in ENTITY_KEYS) this.entity(id.type, id.key);
    } else if (Array.isArray(value)) {
      for (const item of value) this.arguments(item);
    } else if (value && typeof value === 'object') {
      for (const item of Object.values(value)) this.arguments(item);
    }
  }

  /** What a mutation invalidates: nothing unless one of its root fields succeeded and changed data. */
  invalidations(viewerId: number | null): string[] {
    const changing = [...this.succeeded].filter((field) => !SESSION_MUTATIONS.has(field));
    if (changing.length === 0) return [];
    const tags = new Set(this.tags);
    if (viewerId !== null) tags.add(`viewer:${viewerId}`);
    const inPlace = changing.every((field) => IN_PLACE_MUTATIONS.has(field));
    for (const type of this.types) {
      if (!inPlace) {
        tags.add(`${type}:list`);
        tags.add(`${type}:missing`);
      }
      for (const related of ALSO_CHANGES[type] ?? []) tags.add(`${related}:*`);
    }
    if (this.types.size === 0) tags.add(COMMUNITY_TAG);
    return [...tags];
  }
}

/** An answer may differ by who asks (and CORS by origin): shared caches must key on these. */
export const VARY = 'Origin, Authorization, x-api-key';

/** `Cache-Control` and `Vary` that tell the truth: public only when the answer is the same for everyone. */
function setCachingHeaders(headers: HeaderMap, maxAgeSeconds: number | null, shared: boolean): void {
  if (maxAgeSeconds === null || maxAgeSeconds <= 0) {
    headers.set('cache-control', 'no-store');
    return;
  }
  headers.set('cache-control', `max-age=${maxAgeSeconds}, ${shared ? 'public' : 'private'}`);
  headers.set('vary', VARY);
}

const secondsLeft = (entry: CachedResponse) => Math.max(0, Math.floor((entry.expiresAt - Date.now()) / 1000));

function fromCache(entry: CachedResponse): GraphQLResponse {
  const headers = new HeaderMap();
  headers.set('etag', entry.etag);
  setCachingHeaders(headers, secondsLeft(entry), entry.shared);
  return { http: { status: undefined, headers }, body: { kind: 'single', singleResult: JSON.parse(entry.body) } };
}

function wantsFreshAnswer(requestContext: GraphQLRequestContext<RequestContext>): boolean {
  return /\bno-cache\b/i.test(requestContext.request.http?.headers.get('cache-control') ?? '');
}

/** A preview input asking for anything beyond a route (or path) itself. */
function isVariation(input: unknown): boolean {
  if (!input || typeof input !== 'object') return false;
  return Object.entries(input).some(([name, value]) => value !== undefined && value !== null && name !== 'route' && name !== 'path' && name !== 'journey');
}

/**
 * The response cache in the GraphQL pipeline. Queries: served from the cache when present, otherwise
 * computed once per key however many identical requests arrive, then stored with their tags when
 * the schema's cache hints allow. Keys are built from the document and its declared variables
 * only. An answer is shared between viewers only when every root field is reference data and it
 * touched nothing else; any other answer is kept per viewer (anonymous askers are one viewer).
 * `Cache-Control: no-cache` skips the lookup (the fresh answer is still stored). Mutations: the
 * tags their successful root fields touched are invalidated before the response goes out.
 */
export function responseCachePlugin(cache: ResponseCache): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const touched = new TouchedData();
      let computedFrom: CacheClock = cache.now;
      let mutation = false;
      let query = false;
      let sharable = false;
      let key: string | null = null;
      let sharedKey: string | null = null;
      let settle: ((entry: CachedResponse | null) => void) | null = null;

      return {
        async didResolveOperation({ document, operation }) {
          mutation = operation?.operation === 'mutation';
          query = operation?.operation === 'query';
          sharable = query && [...rootFieldNames(document, operation!)].every((field) => REFERENCE_ROOT_FIELDS.has(field));
        },

        async responseForOperation(requestContext) {
          if (!query) return null;
          const { contextValue, queryHash, request, operationName, operation } = requestContext;
          if (!queryHash || !operation) return null;
          const viewerId = contextValue.viewer?.id ?? null;
          const variables = declaredVariables(operation, request.variables);
          sharedKey = ResponseCache.key(queryHash, operationName, variables, 'anon');
          key = viewerId === null ? sharedKey : ResponseCache.key(queryHash, operationName, variables, `user:${viewerId}`);
          if (!wantsFreshAnswer(requestContext)) {
            const own = await cache.get(key);
            const shared = own ?? (sharable && key !== sharedKey ? await cache.get(sharedKey) : null);
            const found = own ?? (shared?.entry.shared ? shared : null);
            if (found) {
              contextValue.cacheHit = true;
              return fromCache(found.entry);
            }
          }
          computedFrom = cache.now;
          const flight = cache.join(key);
          if (flight.leader) {
            settle = flight.settle;
            return null;
          }
          const entry = await flight.result;
          if (!entry) return null;
          contextValue.cacheHit = true;
          return fromCache(entry);
        },

        async executionDidStart() {
          return {
            willResolveField({ source, args, info }) {
              const parent = info.parentType.name;
              if (parent === 'Mutation') touched.arguments(args);
              if (parent === 'Query' && info.fieldName === 'previewComposition' && isVariation(args.input)) {
                cacheControlFromInfo(info).cacheHint.restrict({ maxAge: PREVIEW_VARIATION_MAX_AGE_SECONDS });
              }
              return (error, result) => {
                if (parent === 'Mutation' && !error) touched.succeeded.add(info.fieldName);
                touched.field(source, info, result);
              };
            },
          };
        },

        async willSendResponse({ response, contextValue, overallCachePolicy }) {
          const viewerId = contextValue.viewer?.id ?? null;
          if (mutation) await cache.invalidate(touched.invalidations(viewerId));
          if (contextValue.cacheHit) return;
          if (!query) {
            response.http.headers.set('cache-control', 'no-store');
            return;
          }
          const policy = overallCachePolicy.policyIfCacheable();
          const answered = response.body.kind === 'single' && !response.body.singleResult.errors;
          const shared = sharable && !touched.viewerDependent;
          setCachingHeaders(response.http.headers, policy && answered ? policy.maxAge : null, shared);
          if (!settle || !key) return;
          let entry: CachedResponse | null = null;
          if (policy && answered && response.body.kind === 'single') {
            const body = JSON.stringify(response.body.singleResult);
            entry = { body, etag: etagOf(body), expiresAt: Date.now() + policy.maxAge * 1000, tags: touched.storedTags(viewerId), shared };
            if (await cache.store(shared && sharedKey ? sharedKey : key, entry, computedFrom)) response.http.headers.set('etag', entry.etag);
            else entry = null;
          }
          settle(entry);
        },
      };
    },
  };
}
