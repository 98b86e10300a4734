import type { IncomingMessage } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { Metrics } from '../adapters/metrics.js';
import type { PrismaClient } from '../adapters/prisma.js';
import type { Redis } from '../adapters/redis.js';
import type { WebApp } from '../adapters/web-app.js';
import type { ComposedModules } from '../composition-root.js';
import type { Config } from '../config.js';
import type { RequestContext } from '../context.js';
import type { RequestGuard } from '../graphql/guard.js';
import { corsAllowList, jsonErrors, requestBudget } from '../graphql/http.js';
import { admittedRequests } from '../graphql/hot-post.js';
import { setPageSecurityHeaders } from '../http/security-headers.js';
import type { Logger } from '../logger.js';
import { usageDownloads } from '../modules/analytics/analytics.http.js';
import { compositionDownloads } from '../modules/compositions/composition.http.js';
import { exportDownloads } from '../modules/exports/export.http.js';
import { sessionDelivery, sessionEndpoints } from '../modules/users/session.http.js';
import { readiness } from './infrastructure.js';
import { type RequestContexts, requestIdOf } from './request-contexts.js';

export interface RouteDependencies {
  config: Readonly<Config>;
  logger: Logger;
  prisma: PrismaClient;
  redis: Redis;
  metrics: Metrics;
  guard: RequestGuard;
  modules: ComposedModules;
  contexts: RequestContexts;
  clientAddressOf: (request: IncomingMessage) => string;
  apollo: ApolloServer<RequestContext>;
  /** Whether this process writes the analytics store, reported by /readyz. */
  analyticsWriting: () => boolean;
  draining: () => boolean;
  webApp: { mode: 'on' | 'dev'; app: WebApp } | null;
}

/** Every HTTP route of the express app: probes and metrics, downloads, /graphql, then the web app's pages. */
export function mountRoutes(app: Express, deps: RouteDependencies): void {
  const { config, metrics, guard, modules, contexts, clientAddressOf } = deps;
  const { services } = modules;
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
    if (deps.draining()) {
      res.status(503).json({ status: 'shutting down', missing: [], checks: {} });
      return;
    }
    const { ready, body } = await readiness(deps.prisma, deps.redis, services.networks);
    res.status(ready ? 200 : 503).json({ ...body, instance: config.instanceName, analyticsWriter: deps.analyticsWriting() });
  });
  app.use(compositionDownloads(services.compositions, async (authorization) => (await contexts.identify(authorization, undefined)).viewer));
  app.use(exportDownloads(services.exports));
  app.use(sessionEndpoints(services.auth, config.auth.refreshTokenTtlDays));
  app.use(usageDownloads(services.analytics, contexts.identify));
  app.use(
    '/graphql',
    corsAllowList(config.limits.corsOrigins),
    requestBudget(config.limits.requestTimeoutMs),
    express.json({ limit: '100kb' }),
    expressMiddleware(deps.apollo, {
      context: ({ req, res }) =>
        contexts.contextFor({
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
  const { webApp } = deps;
  if (webApp) {
    // After every API route: whatever they did not answer is a page or an asset of the web app.
    app.use((request, response, forward) => {
      setPageSecurityHeaders(request, request.path, response, { dev: webApp.mode === 'dev' });
      webApp.app.handle(request, response).catch(forward);
    });
  }
  app.use(jsonErrors(deps.logger));
}
