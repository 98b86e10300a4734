import cluster from 'node:cluster';
import { AggregatorRegistry, Counter, type CounterConfiguration, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DatabasePool } from './mariadb.js';

/** Figures read from elsewhere at each scrape (the socket server, the job queue, the analytics stream). */
export interface ScrapedFigures {
  websocketConnections(): number;
  exportJobs(): Promise<Record<string, number>>;
  /** Analytics events not yet in DuckDB: stream entries left, and how old the oldest is. */
  analyticsBacklog(): Promise<{ entries: number; oldestSeconds: number }>;
}

const CLUSTER_METRICS_REQUEST = 'aero-melody:cluster-metrics-request';
const CLUSTER_METRICS_RESPONSE = 'aero-melody:cluster-metrics-response';
const CLUSTER_METRICS_TIMEOUT_MS = 5_000;

interface ClusterMetricsMessage {
  type: string;
  id: number;
  text?: string;
  error?: string;
}

/**
 * The Prometheus registry of one server process: request rate and latency per operation, the
 * response cache per layer, the database pool, and Node's own metrics (event-loop lag, heap, GC). Operations are labelled by
 * their type and first root field (`query.airport`), a set the schema bounds, never by the
 * client-chosen operation name.
 */
export function createMetrics(database: DatabasePool, instance: string) {
  const registry = new Registry();
  // Prometheus keeps this label when its scrape job says honor_labels (deploy/prometheus.yml).
  registry.setDefaultLabels({ instance });
  collectDefaultMetrics({ register: registry, prefix: 'aero_melody_' });
  // In one of several server processes (SERVER_PROCESSES > 1), the primary sums this registry with the others'.
  if (cluster.isWorker) AggregatorRegistry.setRegistries([registry]);
  const requests = talliedCounter({
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
  const cacheLookups = talliedCounter({
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
  const subscriptions = new Gauge({
    name: 'aero_melody_subscriptions',
    help: 'Open graphql-ws subscriptions (live listeners) by root field',
    labelNames: ['field'] as const,
    registers: [registry],
  });
  let scraped: ScrapedFigures | null = null;
  new Gauge({
    name: 'aero_melody_websocket_connections',
    help: 'Open graphql-ws sockets',
    registers: [registry],
    collect() {
      if (scraped) this.set(scraped.websocketConnections());
    },
  });
  new Gauge({
    name: 'aero_melody_export_jobs',
    help: 'Audio export jobs in the shared queue by state',
    labelNames: ['state'] as const,
    registers: [registry],
    // One figure for the whole cluster: every process reports the same queue, so the primary keeps one.
    aggregator: 'max',
    async collect() {
      if (!scraped) return;
      const counts = await scraped.exportJobs().catch(() => ({}));
      for (const [state, count] of Object.entries(counts)) this.set({ state }, count);
    },
  });
  const analyticsBacklog = new Gauge({
    name: 'aero_melody_analytics_backlog_events',
    help: 'Analytics stream entries (of up to 500 events) not yet stored in DuckDB',
    registers: [registry],
    aggregator: 'max',
  });
  new Gauge({
    name: 'aero_melody_analytics_lag_seconds',
    help: 'Age of the oldest analytics stream entry not yet stored in DuckDB (0 when none waits)',
    registers: [registry],
    aggregator: 'max',
    async collect() {
      if (!scraped) return;
      const backlog = await scraped.analyticsBacklog().catch(() => null);
      if (!backlog) return;
      this.set(backlog.oldestSeconds);
      analyticsBacklog.set(backlog.entries);
    },
  });
  return {
    /** Adds the figures only known once the server is assembled. */
    scrape(figures: ScrapedFigures): void {
      scraped = figures;
    },
    subscriptionOpened(field: string): void {
      subscriptions.inc({ field });
    },
    subscriptionClosed(field: string): void {
      subscriptions.dec({ field });
    },
    observeRequest(operation: string, outcome: 'ok' | 'error', seconds: number): void {
      requests.add(`${operation} ${outcome}`, { operation, outcome });
      duration.observe({ operation }, seconds);
    },
    observeCacheLookup(layer: 'memory' | 'redis', hit: boolean): void {
      cacheLookups.add(hit ? `${layer} hit` : `${layer} miss`, { layer, result: hit ? 'hit' : 'miss' });
    },
    contentType: registry.contentType,
    /** This process's metrics, or, in one of several server processes, all of them summed by the primary. */
    render: () => (cluster.isWorker ? metricsFromPrimary() : registry.metrics()),
  };
}

/**
 * A counter counted in plain numbers and handed to prom-client when it is read: prom-client hashes
 * and checks the labels of every `inc`, a few per cent of a cached answer's whole cost. `key` names
 * the label set (the caller builds it from the labels).
 */
function talliedCounter<Labels extends string>(configuration: CounterConfiguration<Labels>) {
  const pending = new Map<string, { labels: Partial<Record<Labels, string>>; count: number }>();
  const counter = new Counter<Labels>({
    ...configuration,
    collect() {
      for (const tally of pending.values()) {
        if (tally.count > 0) counter.inc(tally.labels, tally.count);
        tally.count = 0;
      }
    },
  });
  return {
    add(key: string, labels: Partial<Record<Labels, string>>): void {
      const tally = pending.get(key);
      if (tally) tally.count++;
      else pending.set(key, { labels, count: 1 });
    },
  };
}

let nextRequestId = 0;

function metricsFromPrimary(): Promise<string> {
  const id = nextRequestId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', listen);
      reject(new Error('the primary process did not answer with the metrics in time'));
    }, CLUSTER_METRICS_TIMEOUT_MS);
    const listen = (message: ClusterMetricsMessage) => {
      if (message?.type !== CLUSTER_METRICS_RESPONSE || message.id !== id) return;
      clearTimeout(timer);
      process.off('message', listen);
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.text ?? '');
    };
    process.on('message', listen);
    process.send!({ type: CLUSTER_METRICS_REQUEST, id });
  });
}

/** In the primary of several server processes: answers a process's /metrics with every process's metrics summed. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: ClusterMetricsMessage) => {
    if (message?.type !== CLUSTER_METRICS_REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: CLUSTER_METRICS_RESPONSE, id: message.id, text }),
      (error: unknown) => worker.send({ type: CLUSTER_METRICS_RESPONSE, id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

export type Metrics = ReturnType<typeof createMetrics>;
