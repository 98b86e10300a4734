import 'reflect-metadata';
import type { Server } from 'node:http';
import express from 'express';
import type { Config } from './config.js';
import type { AnalyticsDatabase } from './adapters/duckdb.js';
import type { DatabasePool } from './adapters/mariadb.js';
import { createMetrics } from './adapters/metrics.js';
import type { PrismaClient } from './adapters/prisma.js';
import { BatchedRateLimiter } from './adapters/rate-limiter.js';
import type { Redis } from './adapters/redis.js';
import { createWebApp, resolveWebAppMode } from './adapters/web-app.js';
import { composeModules } from './composition-root.js';
import { DisposerStack } from './disposer-stack.js';
import { RequestGuard } from './graphql/guard.js';
import { cachedAnswerWriter } from './graphql/cached-answer.js';
import { hotPostFastPath } from './graphql/hot-post.js';
import { persistedGetFastPath } from './graphql/persisted-get.js';
import { PersistedOperations } from './graphql/persisted-operations.js';
import { createSchema } from './graphql/schema.js';
import { ConnectionsPerAddress } from './graphql/websocket-door.js';
import { clientAddressResolver } from './http/client-address.js';
import type { AnalyticsSync } from './jobs/analytics-sync.js';
import { applyMigrations } from './jobs/migrate.js';
import type { Logger } from './logger.js';
import { AnalyticsEvents } from './modules/analytics/analytics-events.repo.js';
import type { AnalyticsRepo } from './modules/analytics/analytics.repo.js';
import { loadNetworkRows } from './modules/network/network.repo.js';
import { NetworkService } from './modules/network/network.service.js';
import { watchDatasetImports } from './startup/dataset-reload.js';
import { openWebSocketDoor, startApollo, type DoorDependencies } from './startup/graphql-doors.js';
import { createHttpEntry, routeUpgrades } from './startup/http-server.js';
import { importWhenEmpty, openAnalyticsStore, openDatabase, openRedis, openResponseCache } from './startup/infrastructure.js';
import { requestContexts, requestIdOf } from './startup/request-contexts.js';
import { mountRoutes } from './startup/routes.js';

export interface AppServer {
  httpServer: Server;
  prisma: PrismaClient;
  database: DatabasePool;
  redis: Redis;
  networks: NetworkService;
  /** Whether the web app is served at `/` beside the API, and how. */
  webApp: 'on' | 'off' | 'dev';
  /**
   * The analytics pipeline: where events are sent, the repo the service asks, the DuckDB store this
   * process writes (SERVICE_UNAVAILABLE when another process writes it), and the worker between
   * them (null when this process does not write the store).
   */
  analytics: { events: AnalyticsEvents; repo: AnalyticsRepo; readonly database: AnalyticsDatabase; readonly sync: AnalyticsSync | null; readonly writing: boolean };
  /** Stops accepting work, lets requests in flight finish, closes sockets and connections. */
  dispose(): Promise<void>;
}

/** For tests only: called before each start-up step by name (`database`, `redis`, `module:live`...); a throw fails start-up there. */
export interface StartHooks {
  beforeStep?(step: string): void;
}

/**
 * Migrates and, when the database has no data yet, imports it: done once by the primary before
 * it starts several server processes, so they never race to do it.
 */
export async function prepareDatabase(config: Readonly<Config>, logger: Logger): Promise<void> {
  await applyMigrations(config.database, logger);
  const stack = new DisposerStack();
  try {
    const { prisma } = openDatabase(config, stack);
    await importWhenEmpty(prisma, config, logger);
  } finally {
    await stack.disposeAsync();
  }
}

/**
 * Builds the whole server without listening: migrations, adapters, the in-memory network (after
 * importing the data when the database has none), the modules, GraphQL over HTTP and graphql-ws
 * on /graphql. Each resource is put on one disposer stack as it is opened: a step that fails
 * closes everything opened before it, and the server's dispose closes the rest in reverse order.
 */
export async function createServer(config: Readonly<Config>, logger: Logger, hooks: StartHooks = {}): Promise<AppServer> {
  const stack = new DisposerStack((error) => logger.error({ err: error }, 'closing a resource failed'));
  const step = (name: string) => hooks.beforeStep?.(name);
  try {
    step('migrate');
    await applyMigrations(config.database, logger);
    step('database');
    const { database, prisma } = openDatabase(config, stack);
    step('import');
    await importWhenEmpty(prisma, config, logger);
    step('redis');
    const { redis, subscriber } = await openRedis(config, logger, stack);
    step('analytics');
    const analyticsStore = await openAnalyticsStore(config, logger, redis, stack);
    const analyticsEvents = new AnalyticsEvents(redis, logger);
    stack.defer(() => analyticsEvents.dispose());
    step('network');
    const networks = new NetworkService(() => loadNetworkRows(prisma), logger);
    await networks.reload();
    const metrics = createMetrics(database, config.instanceName);
    step('response-cache');
    const responseCache = await openResponseCache(config, logger, subscriber, metrics, stack);
    const deps = { config, logger, prisma, redis, networks, responseCache, analyticsEvents, analyticsRepo: analyticsStore.repo, disposer: stack };
    const modules = composeModules(prisma, deps, (name) => step(`module:${name}`));
    const { services } = modules;
    step('dataset-reload');
    await watchDatasetImports(subscriber, services, responseCache, logger);
    step('schema');
    const schema = await createSchema(modules.resolvers);
    const guard = new RequestGuard(
      schema,
      { production: config.env === 'production', introspection: config.limits.introspection, playgroundKey: config.limits.playgroundKey },
      config.limits.requestsPerMinute > 0 ? new BatchedRateLimiter(redis, logger, config.limits.requestsPerMinute, 60) : null,
    );
    stack.defer(() => guard.dispose());
    const contexts = requestContexts(modules);

    step('persisted-operations');
    const clientAddressOf = clientAddressResolver(config.trustProxy);
    const persistedOperations = await PersistedOperations.load();
    const manifestDocument = (hash: string) => persistedOperations.document(hash);
    const allowed = (hash: string) => manifestDocument(hash) !== undefined;
    const writeAnswer = cachedAnswerWriter(config.instanceName);
    const answerFromCache = persistedGetFastPath(responseCache, persistedOperations, guard, clientAddressOf, writeAnswer, {
      served: (operation, seconds) => metrics.observeRequest(operation.label, 'ok', seconds),
    });
    const answerPostFromCache = hotPostFastPath({
      cache: responseCache,
      guard,
      schema,
      clientAddressOf,
      allowed: config.persistedQueries.mode === 'allow-list' ? allowed : undefined,
      // The fast path takes anonymous requests only, and charges them to the rate limit itself.
      anonymousContext: (request) =>
        contexts.contextWith(
          { requestId: requestIdOf(request), clientAddress: clientAddressOf(request), mayIntrospect: false, admitted: true, deliverSession: (payload) => payload },
          { viewer: null, authError: null, apiKeyId: null },
        ),
      writeAnswer,
      servedBy: config.instanceName,
      observer: { served: (label, seconds) => metrics.observeRequest(label, 'ok', seconds) },
    });

    step('http');
    const app = express();
    app.disable('x-powered-by');
    // Answers the response cache stores carry its strong ETag; hashing every other body for a weak
    // one cost the uncached paths (previews, fresh answers) a pass over each response.
    app.set('etag', false);
    const entry = createHttpEntry(config.instanceName, (request, response, fallback) => answerFromCache(request, response) || answerPostFromCache(request, response, fallback), app);
    const { httpServer } = entry;
    stack.defer(() => new Promise<void>((resolve) => (httpServer.listening ? httpServer.close(() => resolve()) : resolve())));
    step('web-app');
    const webAppMode = resolveWebAppMode(config.webApp);
    const webApp = webAppMode === 'off' ? null : { mode: webAppMode, app: await createWebApp({ mode: webAppMode, httpServer, host: config.host, port: config.port }, logger) };
    if (webApp) stack.defer(() => webApp.app.dispose());

    step('websocket');
    const door: DoorDependencies = { config, logger, schema, guard, metrics, contexts, clientAddressOf, allowed, manifestDocument, stack };
    let apollo: Awaited<ReturnType<typeof startApollo>> | null = null;
    const wsServer = openWebSocketDoor(door, () => {
      if (!apollo) throw new Error('Apollo is not started');
      return apollo;
    });
    routeUpgrades(httpServer, wsServer, new ConnectionsPerAddress(config.websocket.maxConnectionsPerAddress), clientAddressOf, webApp !== null);
    step('apollo');
    apollo = await startApollo(door, { httpServer, redis, responseCache, analyticsEvents });
    metrics.scrape({
      websocketConnections: () => wsServer.clients.size,
      exportJobs: () => services.exportQueue.counts(),
      analyticsBacklog: () => analyticsEvents.backlog(),
    });
    step('routes');
    mountRoutes(app, {
      config,
      logger,
      prisma,
      redis,
      metrics,
      guard,
      modules,
      contexts,
      clientAddressOf,
      apollo,
      analyticsWriting: () => analyticsStore.writing,
      draining: () => entry.draining,
      webApp,
    });
    // Closed first: the load balancer is told, requests still arriving are served, then every socket is asked to go.
    stack.defer(async () => {
      await entry.drain();
      for (const client of wsServer.clients) client.close(1001, 'Server shutting down');
    });
    step('ready');
    return {
      httpServer,
      prisma,
      database,
      redis,
      networks,
      webApp: webAppMode,
      analytics: {
        events: analyticsEvents,
        repo: analyticsStore.repo,
        get database() {
          return analyticsStore.database;
        },
        get sync() {
          return analyticsStore.sync;
        },
        get writing() {
          return analyticsStore.writing;
        },
      },
      dispose: () => stack.disposeAsync(),
    };
  } catch (error) {
    // Each failure to close is logged by the stack; the start-up error is the one to report.
    await stack.disposeAsync().catch(() => undefined);
    throw error;
  }
}
