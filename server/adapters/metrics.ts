import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DatabasePool } from './mariadb.js';

/**
 * The Prometheus registry of one server process: request rate and latency per operation, the
 * response cache per layer, the database pool, and Node's own metrics (event-loop lag, heap, GC). Operations are labelled by
 * their type and first root field (`query.airport`), a set the schema bounds, never by the
 * client-chosen operation name.
 */
export function createMetrics(database: DatabasePool) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'aero_melody_' });
  const requests = new Counter({
    name: 'aero_melody_graphql_requests_total',
    help: 'GraphQL requests by operation and outcome',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'aero_melody_graphql_request_duration_seconds',
    help: 'GraphQL request latency by operation',
    labelNames: ['operation'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const cacheLookups = new Counter({
    name: 'aero_melody_cache_lookups_total',
    help: 'Response cache lookups by layer (memory, redis) and result (hit, miss)',
    labelNames: ['layer', 'result'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'aero_melody_database_pool_connections',
    help: 'MariaDB pool connections by state',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.set({ state: 'active' }, database.pool.activeConnections());
      this.set({ state: 'idle' }, database.pool.idleConnections());
      this.set({ state: 'total' }, database.pool.totalConnections());
    },
  });
  new Gauge({
    name: 'aero_melody_database_queries',
    help: 'SQL statements sent through the pool since start',
    registers: [registry],
    collect() {
      this.set(database.queryCount());
    },
  });
  return {
    observeRequest(operation: string, outcome: 'ok' | 'error', seconds: number): void {
      requests.inc({ operation, outcome });
      duration.observe({ operation }, seconds);
    },
    observeCacheLookup(layer: 'memory' | 'redis', hit: boolean): void {
      cacheLookups.inc({ layer, result: hit ? 'hit' : 'miss' });
    },
    contentType: registry.contentType,
    render: () => registry.metrics(),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
