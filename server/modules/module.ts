import type { PrismaClient } from '../adapters/prisma.js';
import type { Redis } from '../adapters/redis.js';
import type { ResponseCache } from '../adapters/response-cache.js';
import type { Config } from '../config.js';
import type { RequestStreams } from '../context.js';
import type { DisposerStack } from '../disposer-stack.js';
import type { Logger } from '../logger.js';
import type { AnalyticsEvents } from './analytics/analytics-events.repo.js';
import type { AnalyticsRepo } from './analytics/analytics.repo.js';
import type { NetworkService } from './network/network.service.js';
import type { Viewer } from './users/tokens.js';

/** What the composition root opens before any module, shared by all of them. */
export interface SharedDependencies {
  config: Readonly<Config>;
  logger: Logger;
  prisma: PrismaClient;
  redis: Redis;
  networks: NetworkService;
  responseCache: ResponseCache;
  /** Where services send analytics events (fire-and-forget). */
  analyticsEvents: AnalyticsEvents;
  analyticsRepo: AnalyticsRepo;
  /** Closes what a module opens (pub/sub, queues, threads, timers): register each disposer as it is created. */
  disposer: DisposerStack;
}

/**
 * What a module's service factory receives: its own repos, the shared dependencies, and the
 * services (and repos) of other modules it declared it needs; services are built on first read,
 * whatever the list order.
 */
export interface ModuleContext<R, N> {
  repos: R;
  services: N;
  deps: SharedDependencies;
}

/** A resolver class and how to build its one instance from the services. */
export type ResolverEntry<S> = readonly [resolverClass: Function, create: (services: S) => object];

export type LoaderGroup<R> = (repos: R, viewerId: number | null) => object;

/** Who asks, as the per-request streams need it. */
export interface StreamViewer {
  viewer: Viewer | null;
  authError: Error | null;
}

/**
 * One domain, as the composition root sees it: adding a module is a folder with an index.ts
 * exporting one of these, and one line in modules/index.ts.
 */
export interface ModuleDescriptor<R extends object = object, S extends object = object, N extends object = object, NR extends object = object> {
  readonly name: string;
  /** Its repositories over the shared Prisma client. */
  readonly repos?: (prisma: PrismaClient) => R;
  /** Its services; anything they open is registered on deps.disposer as it is opened. */
  readonly services?: (context: ModuleContext<R & NR, N>) => S;
  /** Its DataLoader groups, each built per request on first read. */
  readonly loaders?: Readonly<Record<string, LoaderGroup<R>>>;
  readonly resolvers?: readonly ResolverEntry<S & N>[];
  /** The subscription streams it starts for a request (subscriptions cannot use the resolvers' services). */
  readonly streams?: (services: S & N, asking: StreamViewer) => Partial<RequestStreams>;
}

/**
 * Declares a module. `N` names the other modules' services it needs and `NR` their repos; the
 * repos, services and loaders it provides are inferred from the descriptor.
 */
export const defineModule =
  <N extends object = object, NR extends object = object>() =>
  <R extends object = object, S extends object = object>(descriptor: ModuleDescriptor<R, S, N, NR>): ModuleDescriptor<R, S, N, NR> =>
    descriptor;

type Intersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

// biome-ignore lint/suspicious/noExplicitAny: a list of descriptors with different type arguments
export type AnyModule = ModuleDescriptor<any, any, any, any>;

type RepoOf<M> = M extends ModuleDescriptor<infer R, infer _S, infer _N, infer _NR> ? R : never;
type ServiceOf<M> = M extends ModuleDescriptor<infer _R, infer S, infer _N, infer _NR> ? S : never;

export type ReposOf<M extends readonly AnyModule[]> = Intersection<RepoOf<M[number]>>;
export type ServicesOf<M extends readonly AnyModule[]> = Intersection<ServiceOf<M[number]>>;
export type NeedsOf<M> = M extends ModuleDescriptor<infer _R, infer _S, infer N, infer _NR> ? N : never;
