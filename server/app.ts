import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Config } from './config.js';
import { createDatabasePool, type DatabasePool } from './adapters/mariadb.js';
import { createPrisma, type PrismaClient } from './adapters/prisma.js';
import { createRedisPubSub } from './adapters/pubsub.js';
import { createLocalFileStorage } from './adapters/file-storage.js';
import { createJobQueue, type JobWorker } from './adapters/job-queue.js';
import { DEFAULT_SOUND_FONT } from './adapters/sound-font.js';
import { startExportWorker } from './jobs/audio-export.js';
import { startExportSweeper } from './jobs/export-sweeper.js';
import { exportDownloads } from './modules/exports/export.http.js';
import { requireViewer } from './modules/users/user.service.js';
import { sessionDelivery, sessionEndpoints } from './modules/users/session.http.js';
import { EXPORT_JOB_OPTIONS, EXPORT_QUEUE, type ExportJobData } from './modules/exports/export-render.js';
import type { ExportTopics } from './modules/exports/export.topics.js';
import { connectRedis, type Redis } from './adapters/redis.js';
import { authenticateRequest, createLoaders, createRepos, createServices, type RequestContext } from './context.js';
import { RequestGuard } from './graphql/guard.js';
import { analyticsPlugin, errorLoggingPlugin, guardPlugin, metricsPlugin } from './graphql/plugins.js';
import type { AnalyticsDatabase } from './adapters/duckdb.js';
import { AnalyticsSync } from './jobs/analytics-sync.js';
import { AnalyticsEvents } from './modules/analytics/analytics-events.repo.js';
import type { AnalyticsRepo } from './modules/analytics/analytics.repo.js';
import { AnalyticsStore } from './modules/analytics/analytics-store.js';
import { loadDimensionRows } from './modules/analytics/dimension.repo.js';
import { usageDownloads } from './modules/analytics/analytics.http.js';
import { createMetrics, type Metrics } from './adapters/metrics.js';
import { createApqStore } from './adapters/apq-store.js';
import { allowListErrors, allowListPlugin } from './graphql/allow-list.js';
import { corsAllowList, jsonErrors, requestBudget } from './graphql/http.js';
import { BatchedRateLimiter } from './adapters/rate-limiter.js';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { createSchema } from './graphql/schema.js';
import { clientAddressResolver } from './http/client-address.js';
import { setPageSecurityHeaders } from './http/security-headers.js';
import { applyMigrations } from './jobs/migrate.js';
import { hasImportedData, importOpenFlights, type ImportReporter } from './jobs/openflights/import.js';
import type { Logger } from './logger.js';
import { compositionDownloads } from './modules/compositions/composition.http.js';
import type { ContestTopics } from './modules/contests/contest.topics.js';
import type { CompositionTopics } from './modules/compositions/composition.topics.js';
import { loadNetworkRows } from './modules/network/network.repo.js';
import { NetworkService } from './modules/network/network.service.js';
import { DATASET_IMPORTED_CHANNEL } from './modules/network/network.topics.js';
import type { RadioTopics } from './modules/live/live.topics.js';
import { boundSendBuffer } from './graphql/websocket.js';
import { ConnectionsPerAddress, webSocketDoor } from './graphql/websocket-door.js';
import { createBroadcastHub } from './graphql/broadcast.js';
import { createWebApp, resolveWebAppMode, type WebApp } from './adapters/web-app.js';
import { ResponseCache } from './adapters/response-cache.js';
import { PersistedOperations } from './graphql/persisted-operations.js';
import { persistedGetFastPath } from './graphql/persisted-get.js';
import { admittedRequests, hotPostFastPath } from './graphql/hot-post.js';
import { responseCachePlugin } from './graphql/response-cache.plugin.js';

const REQUEST_READ_GRACE_MS = 300;
/** Draining waits for this long a stretch without new connections or requests (up to MAX_DRAIN_WAIT_MS). */
const QUIET_BEFORE_CLOSE_MS = 100;
const MAX_DRAIN_WAIT_MS = 2_000;
/** Every writer takes over the same consumer's pending entries, so a dead writer's last batch is stored by the next. */
const ANALYTICS_WRITER_CONSUMER = 'analytics-writer';

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

function logReporter(logger: Logger): ImportReporter {
  return {
    message: (text) => logger.info(text),
    progress: (stage, done, total) => {
      if (done === total) logger.info({ stage, rows: total }, 'import stage written');
    },
  };
}

async function readiness(prisma: PrismaClient, redis: Redis, networks: NetworkService) {
  const check = async (probe: () => Promise<unknown>) => {
    try {
      await probe();
      return 'ok';
    } catch (error) {
      return error instanceof Error ? error.message.split('\n')[0] : String(error);
    }
  };
  const checks = {
    database: await check(() => prisma.$queryRaw`SELECT 1`),
    redis: await check(() => redis.ping()),
    data: networks.ready ? 'ok' : 'the OpenFlights data is not imported or not loaded yet',
  };
  const missing = Object.entries(checks)
    .filter(([, status]) => status !== 'ok')
    .map(([name]) => name);
  return { ready: missing.length === 0, body: { status: missing.length === 0 ? 'ready' : 'not ready', missing, checks } };
}

async function importWhenEmpty(prisma: PrismaClient, config: Readonly<Config>, logger: Logger): Promise<void> {
  if (await hasImportedData(prisma)) return;
  logger.info('no OpenFlights data in the database yet: importing it now');
  await importOpenFlights(prisma, config.openflights, logReporter(logger));
}

/**
 * Migrates and, when the database has no data yet, imports it: done once by the primary before
 * it starts several server processes, so they never race to do it.
 */
export async function prepareDatabase(config: Readonly<Config>, logger: Logger): Promise<void> {
  await applyMigrations(config.database, logger);
  const database = createDatabasePool(config.database);
  const prisma = createPrisma(database);
  try {
    await importWhenEmpty(prisma, config, logger);
  } finally {
    await prisma.$disconnect();
    await database.dispose();
  }
}

/**
 * Builds the whole server without listening: migrations, adapters, the in-memory network (after
 * importing the data when the database has none), GraphQL over HTTP and graphql-ws on /graphql.
 */
export async function createServer(config: Readonly<Config>, logger: Logger): Promise<AppServer> {
  await applyMigrations(config.database, logger);
  const database = createDatabasePool(config.database);
  const prisma = createPrisma(database);
  const disposeDatabase = async () => {
    await prisma.$disconnect();
    await database.dispose();
  };
  try {
    await importWhenEmpty(prisma, config, logger);
  } catch (error) {
    await disposeDatabase();
    throw error;
  }
  let redis: Redis;
  let subscriber: Redis;
  try {
    redis = await connectRedis(config.redisUrl, logger);
    // A subscriber must queue its SUBSCRIBE until connected; the main client fails fast instead.
    subscriber = redis.duplicate({ enableOfflineQueue: true });
    subscriber.on('error', () => undefined);
  } catch (error) {
    await disposeDatabase();
    throw error;
  }

  const analyticsStore = await AnalyticsStore.open(redis, {
    dbPath: config.analytics.dbPath,
    worker: config.analytics.worker,
    leaseMs: config.analytics.writerLeaseMs,
    logger,
    startSync: (repo) => {
      const sync = new AnalyticsSync(redis, repo, logger, { batchSize: config.analytics.batchSize, claimIdleMs: config.analytics.claimIdleMs, consumer: ANALYTICS_WRITER_CONSUMER });
      sync.start();
      return sync;
    },
  });
  const analyticsRepo = analyticsStore.repo;
  const analyticsEvents = new AnalyticsEvents(redis, logger);
  const networks = new NetworkService(() => loadNetworkRows(prisma), logger);
  await networks.reload();
  const metrics = createMetrics(database, config.instanceName);
  // The cache may live in a Redis of its own (CACHE_REDIS_URL, allkeys-lru): the main one is BullMQ's and must never evict.
  // Either way it has a connection of its own that pipelines: every fresh answer is stored, many per tick under load.
  const cacheRedis = await connectRedis(config.cache.redisUrl ?? config.redisUrl, logger, { autoPipelining: true });
  const cacheSubscriber = config.cache.redisUrl ? cacheRedis.duplicate({ enableOfflineQueue: true, enableAutoPipelining: false }) : subscriber;
  cacheSubscriber.on('error', () => undefined);
  const responseCache = new ResponseCache(cacheRedis, cacheSubscriber, logger, {
    memoryBytes: config.cache.memoryBytes,
    maxEntryBytes: config.cache.maxEntryBytes,
    redisMaxBytes: config.cache.redisMaxBytes,
    onLookup: metrics.observeCacheLookup,
  });
  await responseCache.start();
  await subscriber.subscribe(DATASET_IMPORTED_CHANNEL);
  subscriber.on('message', (channel) => {
    if (channel !== DATASET_IMPORTED_CHANNEL) return;
    networks
      .reload()
      .then(async (network) => {
        services.analytics.dimensionsChanged();
        await services.similarity.useNetwork(network);
        await responseCache.clear();
      })
      .catch((error: unknown) => logger.error({ err: error }, 'reloading the flight network failed'));
  });

  const repos = createRepos(prisma);
  const compositionEvents = createRedisPubSub<CompositionTopics>(redis);
  const radioEvents = createRedisPubSub<RadioTopics>(redis);
  const contestEvents = createRedisPubSub<ContestTopics>(redis);
  const exportEvents = createRedisPubSub<ExportTopics>(redis);
  const exportQueue = createJobQueue<ExportJobData>(config.redisUrl, EXPORT_QUEUE, EXPORT_JOB_OPTIONS);
  const exportStorage = createLocalFileStorage(config.exports.dir);
  const services = createServices(repos, {
    networks,
    compositionEvents: compositionEvents.pubSub,
    redis,
    logger,
    auth: config.auth,
    similarity: config.similarity,
    radioEvents: radioEvents.pubSub,
    live: config.live,
    contestEvents: contestEvents.pubSub,
    responseCache,
    exportEvents: exportEvents.pubSub,
    exportQueue,
    exportStorage,
    exportSettings: { ...config.exports, soundFontPath: config.exports.soundFontPath ?? DEFAULT_SOUND_FONT },
    analyticsEvents,
    analyticsRepo,
    loadDimensionRows: () => loadDimensionRows(prisma),
    composeWorkers: config.composeWorkers,
  });
  // By default this process renders exports too; with EXPORT_WORKERS=off only `npm run worker` processes do.
  const exportWorker: JobWorker | null =
    config.exports.workers === 'inline'
      ? startExportWorker({
          redisUrl: config.redisUrl,
          repo: repos.exports,
          storage: exportStorage,
          events: exportEvents.pubSub,
          logger,
          soundFontPath: config.exports.soundFontPath,
          urlTtlSeconds: config.exports.urlTtlSeconds,
          concurrency: config.exports.workerConcurrency,
          lockMs: config.exports.lockMs,
        })
      : null;
  // Whoever renders also cleans up: files no live link reaches, temporary files of dead writers.
  const exportSweeper = exportWorker ? startExportSweeper(repos.exports, exportStorage, logger) : null;
  // Not awaited: similarity is not critical, and answers SERVICE_UNAVAILABLE until its index is ready.
  services.similarity.start();
  services.contestScheduler.start();
  services.compositions.startComposing();
  const schema = await createSchema(services);
  const identify = (authorization: string | undefined, apiKey: string | undefined) => authenticateRequest(services.auth, services.apiKeys, authorization, apiKey);
  const production = config.env === 'production';
  const guard = new RequestGuard(
    schema,
    { production, introspection: config.limits.introspection, playgroundKey: config.limits.playgroundKey },
    config.limits.requestsPerMinute > 0 ? new BatchedRateLimiter(redis, logger, config.limits.requestsPerMinute, 60) : null,
  );
  interface Asking {
    requestId: string;
    clientAddress: string;
    mayIntrospect: boolean;
    /** The door charged the request to the rate limit already. */
    admitted: boolean;
    deliverSession: RequestContext['deliverSession'];
  }
  type Identity = Pick<RequestContext, 'viewer' | 'authError' | 'apiKeyId'>;
  const contextWith = ({ requestId, clientAddress, mayIntrospect, admitted, deliverSession }: Asking, { viewer, authError, apiKeyId }: Identity): RequestContext => ({
    requestId,
    apiKeyId,
    loaders: createLoaders(repos, viewer?.id ?? null),
    clientAddress,
    cacheHit: false,
    mayIntrospect,
    admitted,
    viewer,
    authError,
    deliverSession,
    watchComposition: (id) => services.collaboration.watch(id, viewer),
    liveComposition: (input) => services.live.composition(input, viewer),
    livePiece: (id) => services.live.savedPiece(id, viewer),
    liveRadio: (channel) => services.radio.radioStream(channel),
    watchLeaderboard: (contestId) => services.contests.watch(contestId),
    watchExport: async (exportId) => services.exports.watch(exportId, requireViewer({ viewer, authError })),
  });
  const contextFor = async (asking: Asking & { authorization: string | undefined; apiKey: string | undefined }): Promise<RequestContext> =>
    contextWith(asking, await identify(asking.authorization, asking.apiKey));
  const requestIdOf = (request: IncomingMessage) => {
    const header = request.headers['x-request-id'];
    return (typeof header === 'string' ? header.slice(0, 100) : '') || randomUUID();
  };

  const clientAddressOf = clientAddressResolver(config.trustProxy);
  const persistedOperations = await PersistedOperations.load();
  const manifestDocument = (hash: string) => persistedOperations.document(hash);
  const allowed = (hash: string) => manifestDocument(hash) !== undefined;
  const answerFromCache = persistedGetFastPath(responseCache, persistedOperations, guard, clientAddressOf, {
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
      contextWith(
        { requestId: requestIdOf(request), clientAddress: clientAddressOf(request), mayIntrospect: false, admitted: true, deliverSession: (payload) => payload },
        { viewer: null, authError: null, apiKeyId: null },
      ),
    observer: { served: (label, seconds) => metrics.observeRequest(label, 'ok', seconds) },
  });
  const app = express();
  app.disable('x-powered-by');
  let draining = false;
  let lastArrivalAt = 0;
  const httpServer = createHttpServer((request, response) => {
    lastArrivalAt = Date.now();
    response.setHeader('x-served-by', config.instanceName);
    // A client must not send another request on a socket that is about to be closed.
    if (draining) response.setHeader('connection', 'close');
    if (answerFromCache(request, response)) return;
    if (!answerPostFromCache(request, response, () => app(request, response))) app(request, response);
  });
  httpServer.on('connection', () => (lastArrivalAt = Date.now()));
  const limits = config.websocket;
  // Upgrades are routed by hand: a server-attached WebSocketServer would refuse every path but
  // /graphql, and the web app's own listener (Next's hot reload in dev mode) needs the others.
  const wsServer = new WebSocketServer({ noServer: true, path: '/graphql', maxPayload: limits.maxPayloadBytes });
  const connections = new ConnectionsPerAddress(limits.maxConnectionsPerAddress);
  let webApp: WebApp | null = null;
  httpServer.on('upgrade', (request, socket, head) => {
    if (wsServer.shouldHandle(request)) {
      const address = clientAddressOf(request);
      if (!connections.tryOpen(address)) {
        socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      // The TCP socket closes once whatever happens to the handshake: its slot is given back then.
      socket.once('close', () => connections.close(address));
      wsServer.handleUpgrade(request, socket, head, (client) => wsServer.emit('connection', client, request));
    } else if (!webApp) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    }
  });
  wsServer.on('headers', (headers) => headers.push(`X-Served-By: ${config.instanceName}`));
  // Registered before graphql-ws's own listener, so every message it sends goes through the bound.
  wsServer.on('connection', (socket) => boundSendBuffer(socket, limits.sendBufferBytes));
  // A radio window is the same for every listener: executed and serialised once per instance, not per socket.
  // Its errors are masked as every other door masks them: the hub writes to the sockets itself.
  const broadcast = createBroadcastHub(new Set(['liveRadio']), limits.sendBufferBytes, (result) =>
    result.errors ? { ...result, errors: result.errors.map((error) => guard.format(error.toJSON(), error)) } : result,
  );
  const wsHandle = useServer(
    webSocketDoor({
      schema,
      guard,
      limits,
      logger,
      broadcast,
      listeners: metrics,
      refuseDocument: config.persistedQueries.mode === 'allow-list' ? (query) => allowListErrors(allowed, query) : undefined,
      // The token travels in connection_init's payload: { authorization: "Bearer <token>" } or { accessToken }.
      contextOf: (params, request) =>
        contextFor({
          requestId: randomUUID(),
          authorization: typeof params.authorization === 'string' ? params.authorization : typeof params.accessToken === 'string' ? `Bearer ${params.accessToken}` : undefined,
          apiKey: typeof params['x-api-key'] === 'string' ? params['x-api-key'] : typeof params.apiKey === 'string' ? params.apiKey : undefined,
          clientAddress: clientAddressOf(request),
          mayIntrospect: false,
          // A socket cannot set a cookie: its sign-ins answer with the refresh token in the body.
          deliverSession: (payload) => payload,
          admitted: false,
        }),
      runOperation: async (query, operationName, variables, contextValue) => {
        const response = await apollo.executeOperation({ query, operationName, variables }, { contextValue });
        return response.body.kind === 'single' ? response.body.singleResult : { errors: [{ message: 'Incremental delivery is not supported here' }] };
      },
    }),
    wsServer,
    limits.keepAliveMs,
  );

  const apollo = new ApolloServer<RequestContext>({
    schema,
    // A browser page on another site cannot add these headers without a CORS preflight, so GET
    // queries need `apollo-require-preflight` (or a JSON content type); mutations need POST anyway.
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // main.ts owns the signals: Apollo's handler would re-raise SIGTERM and kill the process mid-drain.
    stopOnTerminationSignals: false,
    // The guard decides who may introspect; Apollo's own production default would refuse everyone.
    introspection: true,
    formatError: (formatted, error) => guard.format(formatted, error),
    validationRules: guard.validationRules,
    parseOptions: guard.parseOptions,
    persistedQueries: { cache: createApqStore(redis, { mode: config.persistedQueries.mode, max: config.persistedQueries.max, manifestDocument }) },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: Math.max(1_000, config.shutdownTimeoutMs - 2_000) }),
      errorLoggingPlugin(logger),
      ...(config.persistedQueries.mode === 'allow-list' ? [allowListPlugin(allowed)] : []),
      metricsPlugin(metrics),
      analyticsPlugin(analyticsEvents),
      guardPlugin(guard),
      responseCachePlugin(responseCache),
      // The response cache sets the caching headers itself, from the policy this computes. Listed
      // after it: Apollo runs execution listeners in reverse, so this one sets a field's hint first.
      ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
    ],
  });
  await apollo.start();
  watchScrapedFigures(metrics, wsServer, exportQueue, analyticsEvents);

  app.get('/metrics', async (req, res) => {
    if (config.metricsToken && req.header('authorization') !== `Bearer ${config.metricsToken}`) {
      res.status(401).json({ error: 'UNAUTHENTICATED', message: 'Send the metrics token as a bearer token' });
      return;
    }
    res.type(metrics.contentType).send(await metrics.render());
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (draining) {
      res.status(503).json({ status: 'shutting down', missing: [], checks: {} });
      return;
    }
    const { ready, body } = await readiness(prisma, redis, networks);
    res.status(ready ? 200 : 503).json({ ...body, instance: config.instanceName, analyticsWriter: analyticsStore.writing });
  });
  app.use(compositionDownloads(services.compositions, async (authorization) => (await identify(authorization, undefined)).viewer));
  app.use(exportDownloads(services.exports));
  app.use(sessionEndpoints(services.auth, config.auth.refreshTokenTtlDays));
  app.use(usageDownloads(services.analytics, identify));
  app.use(
    '/graphql',
    corsAllowList(config.limits.corsOrigins),
    requestBudget(config.limits.requestTimeoutMs),
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, {
      context: ({ req, res }) =>
        contextFor({
          requestId: requestIdOf(req),
          authorization: req.header('authorization'),
          apiKey: req.header('x-api-key'),
          clientAddress: clientAddressOf(req),
          mayIntrospect: guard.mayIntrospect(req.header('x-playground-key')),
          deliverSession: sessionDelivery(req, res, config.auth.refreshTokenTtlDays),
          admitted: admittedRequests.has(req),
        }),
    }),
  );
  const webAppMode = resolveWebAppMode(config.webApp);
  if (webAppMode !== 'off') {
    const web = await createWebApp({ mode: webAppMode, httpServer, host: config.host, port: config.port }, logger);
    webApp = web;
    // After every API route: whatever they did not answer is a page or an asset of the web app.
    app.use((request, response, forward) => {
      setPageSecurityHeaders(request, request.path, response, { dev: webAppMode === 'dev' });
      web.handle(request, response).catch(forward);
    });
  }
  app.use(jsonErrors(logger));

  let disposed: Promise<void> | null = null;
  const dispose = () =>
    (disposed ??= (async () => {
      // Report not-ready and keep serving a moment first, so a load balancer stops sending and
      // connections already in the accept queue are served rather than reset by closing it.
      draining = true;
      const drainStartedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, REQUEST_READ_GRACE_MS));
      // Under load the process reads new requests late: closing while they still arrive would reset them.
      while (Date.now() - lastArrivalAt < QUIET_BEFORE_CLOSE_MS && Date.now() - drainStartedAt < MAX_DRAIN_WAIT_MS) {
        await new Promise((resolve) => setTimeout(resolve, QUIET_BEFORE_CLOSE_MS / 2));
      }
      for (const client of wsServer.clients) client.close(1001, 'Server shutting down');
      await services.radio.dispose();
      await services.compositions.dispose();
      // A render in hand is dropped, not awaited: its lock lapses and another worker retries it.
      await exportWorker?.close(true);
      await exportSweeper?.stop();
      await exportQueue.dispose();
      await wsHandle.dispose();
      await apollo.stop();
      responseCache.dispose();
      guard.dispose();
      subscriber.disconnect();
      if (cacheSubscriber !== subscriber) cacheSubscriber.disconnect();
      await cacheRedis.quit().catch(() => cacheRedis.disconnect());
      compositionEvents.dispose();
      radioEvents.dispose();
      services.contestScheduler.dispose();
      contestEvents.dispose();
      exportEvents.dispose();
      await exportStorage.dispose();
      await services.similarity.dispose();
      await webApp?.dispose();
      await analyticsEvents.dispose();
      await analyticsStore.dispose();
      await redis.quit().catch(() => redis.disconnect());
      await disposeDatabase();
    })());

  return {
    httpServer,
    prisma,
    database,
    redis,
    networks,
    webApp: webAppMode,
    analytics: {
      events: analyticsEvents,
      repo: analyticsRepo,
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
    dispose,
  };
}

function watchScrapedFigures(metrics: Metrics, wsServer: WebSocketServer, exportQueue: { counts(): Promise<Record<string, number>> }, analyticsEvents: AnalyticsEvents): void {
  metrics.scrape({
    websocketConnections: () => wsServer.clients.size,
    exportJobs: () => exportQueue.counts(),
    analyticsBacklog: () => analyticsEvents.backlog(),
  });
}
