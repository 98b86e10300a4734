import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext, type GraphQLResponse } from '@apollo/server';
import { getNamedType, isListType, isNonNullType, Kind, type GraphQLOutputType, type GraphQLResolveInfo } from 'graphql';
import { etagOf, ResponseCache, type CachedResponse } from '../adapters/response-cache.js';
import type { RequestContext } from '../context.js';
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
const ENTITY_KEYS: Record<string, (source: any) => unknown> = {
  Composition: (view) => view.ref,
  Comment: (row) => row.id,
  Contest: (row) => row.id,
  ContestEntry: (row) => row.id,
  Theme: (view) => view.id,
  User: (row) => row.id,
};

/** Types whose fields answer the same for every viewer: a response built only from them is shared. */
const REFERENCE_TYPES = new Set(['Query', 'Airport', 'Airline', 'Route', 'RouteOperator', 'FlightPath', 'RouteMatch', 'PageInfo', 'AirportConnection', 'AirportEdge', 'AirlineConnection', 'AirlineEdge', 'RouteConnection', 'RouteEdge']);

/** A change to one of these shows in fields of the other (entry → leaderboard, comment → counts). */
const ALSO_CHANGES: Record<string, string[]> = {
  ContestEntry: ['Contest'],
  Comment: ['Composition'],
};

/** Mutations that change no data a query can read (sessions only). */
const SESSION_MUTATIONS = new Set(['logIn', 'logOut', 'refreshSession']);

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

  invalidations(viewerId: number | null): string[] {
    const tags = new Set(this.tags);
    if (viewerId !== null) tags.add(`viewer:${viewerId}`);
    for (const type of this.types) {
      tags.add(`${type}:list`);
      tags.add(`${type}:missing`);
      for (const related of ALSO_CHANGES[type] ?? []) tags.add(`${related}:*`);
    }
    if (this.types.size === 0) tags.add(COMMUNITY_TAG);
    return [...tags];
  }
}

function fromCache(entry: CachedResponse, scope: 'public' | 'private'): GraphQLResponse {
  const headers = new HeaderMap();
  headers.set('etag', entry.etag);
  headers.set('cache-control', `max-age=${Math.max(0, Math.floor((entry.expiresAt - Date.now()) / 1000))}, ${scope}`);
  return { http: { status: undefined, headers }, body: { kind: 'single', singleResult: JSON.parse(entry.body) } };
}

function wantsFreshAnswer(requestContext: GraphQLRequestContext<RequestContext>): boolean {
  return /\bno-cache\b/i.test(requestContext.request.http?.headers.get('cache-control') ?? '');
}

/**
 * The response cache in the GraphQL pipeline. Queries: served from the cache when present (after
 * parsing and validation, which Apollo itself caches per document), otherwise computed once per
 * key however many identical requests arrive, then stored with their tags when Apollo's
 * cache-control policy says they may be. `Cache-Control: no-cache` from the client skips the
 * lookup (the fresh answer is still stored). Mutations: every tag they touched is invalidated
 * before their response goes out, so the next read on any instance sees the change.
 */
export function responseCachePlugin(cache: ResponseCache): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const computedFrom = cache.now;
      const touched = new TouchedData();
      let mutation = false;
      let changesData = true;
      let key: string | null = null;
      let sharedKey: string | null = null;
      let settle: ((entry: CachedResponse | null) => void) | null = null;

      return {
        async didResolveOperation({ operation }) {
          mutation = operation?.operation === 'mutation';
          if (!operation || !mutation) return;
          changesData = operation.selectionSet.selections.some((selection) => selection.kind !== Kind.FIELD || !SESSION_MUTATIONS.has(selection.name.value));
        },

        async responseForOperation(requestContext) {
          if (requestContext.operation?.operation !== 'query') return null;
          const { contextValue, queryHash, request, operationName } = requestContext;
          if (!queryHash) return null;
          const viewerId = contextValue.viewer?.id ?? null;
          sharedKey = ResponseCache.key(queryHash, operationName, request.variables, 'anon');
          key = viewerId === null ? sharedKey : ResponseCache.key(queryHash, operationName, request.variables, `user:${viewerId}`);
          if (!wantsFreshAnswer(requestContext)) {
            const own = await cache.get(key);
            const shared = own ?? (key !== sharedKey ? await cache.get(sharedKey) : null);
            const found = own ?? (shared?.entry.shared ? shared : null);
            if (found) {
              contextValue.cacheHit = true;
              return fromCache(found.entry, viewerId === null || found.entry.shared ? 'public' : 'private');
            }
          }
          const flight = cache.join(key);
          if (flight.leader) {
            settle = flight.settle;
            return null;
          }
          const entry = await flight.result;
          if (!entry) return null;
          contextValue.cacheHit = true;
          return fromCache(entry, viewerId === null || entry.shared ? 'public' : 'private');
        },

        async executionDidStart() {
          return {
            willResolveField({ source, args, info }) {
              if (info.parentType.name === 'Mutation') touched.arguments(args);
              return (_error, result) => touched.field(source, info, result);
            },
          };
        },

        async willSendResponse({ response, contextValue, overallCachePolicy }) {
          const viewerId = contextValue.viewer?.id ?? null;
          if (mutation) {
            if (changesData) await cache.invalidate(touched.invalidations(viewerId));
            return;
          }
          if (!settle || !key) return;
          let entry: CachedResponse | null = null;
          const policy = overallCachePolicy.policyIfCacheable();
          if (policy && response.body.kind === 'single' && !response.body.singleResult.errors) {
            const body = JSON.stringify(response.body.singleResult);
            const shared = !touched.viewerDependent;
            entry = { body, etag: etagOf(body), expiresAt: Date.now() + policy.maxAge * 1000, tags: touched.storedTags(viewerId), shared };
            await cache.store(shared && sharedKey ? sharedKey : key, entry, computedFrom);
            response.http.headers.set('etag', entry.etag);
          }
          settle(entry);
        },
      };
    },
  };
}
