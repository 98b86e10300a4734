import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { createApqStore } from '../adapters/apq-store.js';
import type { Metrics } from '../adapters/metrics.js';
import type { Redis } from '../adapters/redis.js';
import type { ResponseCache } from '../adapters/response-cache.js';
import type { Config } from '../config.js';
import type { RequestContext } from '../context.js';
import type { DisposerStack } from '../disposer-stack.js';
import { allowListErrors, allowListPlugin } from '../graphql/allow-list.js';
import { createBroadcastHub } from '../graphql/broadcast.js';
import type { RequestGuard } from '../graphql/guard.js';
import { analyticsPlugin, errorLoggingPlugin, guardPlugin, metricsPlugin } from '../graphql/plugins.js';
import { responseCachePlugin } from '../graphql/response-cache.plugin.js';
import { boundSendBuffer } from '../graphql/websocket.js';
import { webSocketDoor } from '../graphql/websocket-door.js';
import type { Logger } from '../logger.js';
import type { AnalyticsEvents } from '../modules/analytics/analytics-events.repo.js';
import type { RequestContexts } from './request-contexts.js';

export interface DoorDependencies {
  config: Readonly<Config>;
  logger: Logger;
  schema: GraphQLSchema;
  guard: RequestGuard;
  metrics: Metrics;
  contexts: RequestContexts;
  clientAddressOf: (request: IncomingMessage) => string;
  /** Whether a hash is in the persisted-operations manifest (allow-list mode refuses the rest). */
  allowed: (hash: string) => boolean;
  manifestDocument: (hash: string) => string | undefined;
  stack: DisposerStack;
}

/** graphql-ws on /graphql: its socket server, closed by the stack; Apollo runs each operation. */
export function openWebSocketDoor(door: DoorDependencies, apollo: () => ApolloServer<RequestContext>): WebSocketServer {
  const { config, logger, schema, guard, metrics, contexts, clientAddressOf, allowed, stack } = door;
  const limits = config.websocket;
  const wsServer = new WebSocketServer({ noServer: true, path: '/graphql', maxPayload: limits.maxPayloadBytes });
  stack.defer(() => new Promise<void>((resolve) => wsServer.close(() => resolve())));
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
        contexts.contextFor({
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
        const response = await apollo().executeOperation({ query, operationName, variables }, { contextValue });
        return response.body.kind === 'single' ? response.body.singleResult : { errors: [{ message: 'Incremental delivery is not supported here' }] };
      },
    }),
    wsServer,
    limits.keepAliveMs,
  );
  stack.defer(() => wsHandle.dispose());
  return wsServer;
}

/** Apollo over the schema, started, and stopped by the stack (which drains the HTTP server). */
export async function startApollo(
  door: DoorDependencies,
  extra: { httpServer: Server; redis: Redis; responseCache: ResponseCache; analyticsEvents: AnalyticsEvents },
): Promise<ApolloServer<RequestContext>> {
  const { config, logger, schema, guard, metrics, allowed, manifestDocument, stack } = door;
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
    persistedQueries: { cache: createApqStore(extra.redis, { mode: config.persistedQueries.mode, max: config.persistedQueries.max, manifestDocument }) },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: extra.httpServer, stopGracePeriodMillis: Math.max(1_000, config.shutdownTimeoutMs - 2_000) }),
      errorLoggingPlugin(logger),
      ...(config.persistedQueries.mode === 'allow-list' ? [allowListPlugin(allowed)] : []),
      metricsPlugin(metrics),
      analyticsPlugin(extra.analyticsEvents),
      guardPlugin(guard),
      responseCachePlugin(extra.responseCache),
      // The response cache sets the caching headers itself, from the policy this computes. Listed
      // after it: Apollo runs execution listeners in reverse, so this one sets a field's hint first.
      ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
    ],
  });
  await apollo.start();
  stack.defer(() => apollo.stop());
  return apollo;
}
