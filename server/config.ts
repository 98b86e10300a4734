/**
 * The one place the environment is parsed: loadConfig turns it into a frozen Config (the schema
 * is config/schema.ts, the Config shape config/types.ts) and names every bad variable in one error.
 */
import { availableParallelism, hostname } from 'node:os';
import { config as loadDotenv } from 'dotenv';
import { developmentAuthSecret } from './config/auth-secret.js';
import { databaseNameOf, environmentSchema } from './config/schema.js';
import { parseTrustProxy } from './config/trust-proxy.js';
import type { Config, DatabaseConfig } from './config/types.js';

export type { Config, DatabaseConfig } from './config/types.js';
export { parseTrustProxy, type TrustProxy } from './config/trust-proxy.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

function parseDatabaseUrl(url: string, poolSize: number): DatabaseConfig {
  const parsed = new URL(url);
  return {
    url,
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password),
    database: databaseNameOf(url),
    poolSize,
  };
}

/** Parses the environment once into a frozen Config; every bad variable is named in one error. */
export function loadConfig(environment: Record<string, string | undefined>): Readonly<Config> {
  const withoutBlanks = Object.fromEntries(Object.entries(environment).filter(([, value]) => value?.trim()));
  const result = environmentSchema.safeParse(withoutBlanks);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
  }
  const env = result.data;
  if (env.NODE_ENV === 'production' && !env.AUTH_SECRET) {
    throw new ConfigError(['AUTH_SECRET is required in production (at least 32 random characters)']);
  }
  return Object.freeze({
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    database: Object.freeze(parseDatabaseUrl(env.DATABASE_URL, env.DATABASE_POOL_SIZE)),
    redisUrl: env.REDIS_URL,
    openflights: Object.freeze({
      dir: env.OPENFLIGHTS_DIR,
      baseUrl: env.OPENFLIGHTS_BASE_URL,
      cacheDir: env.OPENFLIGHTS_CACHE_DIR,
    }),
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    similarity: Object.freeze({ indexDir: env.SIMILARITY_INDEX_DIR }),
    metricsToken: env.METRICS_TOKEN,
    limits: Object.freeze({
      requestsPerMinute: env.RATE_LIMIT_PER_MINUTE,
      corsOrigins: env.CORS_ORIGINS ? env.CORS_ORIGINS.split(',').map((origin) => origin.trim()) : [],
      introspection: env.INTROSPECTION === 'on',
      playgroundKey: env.PLAYGROUND_KEY,
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    }),
    auth: Object.freeze({
      secret: env.AUTH_SECRET ?? developmentAuthSecret(env.AUTH_SECRET_FILE),
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
      refreshReuseGraceSeconds: env.REFRESH_REUSE_GRACE_SECONDS,
    }),
    trustProxy: Object.freeze(parseTrustProxy(env.TRUST_PROXY)!),
    websocket: Object.freeze({
      maxPayloadBytes: env.WS_MAX_PAYLOAD_BYTES,
      maxSubscriptions: env.WS_MAX_SUBSCRIPTIONS,
      sendBufferBytes: env.WS_SEND_BUFFER_BYTES,
      keepAliveMs: env.WS_KEEPALIVE_MS,
      initTimeoutMs: env.WS_INIT_TIMEOUT_MS,
      maxConnectionsPerAddress: env.WS_MAX_CONNECTIONS_PER_ADDRESS,
      maxStreams: env.LIVE_MAX_STREAMS,
    }),
    live: Object.freeze({
      lookaheadMs: env.LIVE_LOOKAHEAD_MS,
      windowMs: env.LIVE_WINDOW_MS,
      radioLeaseMs: env.RADIO_LEASE_MS,
      radioPieceSeconds: env.RADIO_PIECE_SECONDS ?? null,
    }),
    webApp: env.WEB_APP ?? 'auto',
    cache: Object.freeze({
      memoryBytes: env.CACHE_MEMORY_MB * 2 ** 20,
      maxEntryBytes: env.CACHE_MAX_ENTRY_BYTES,
      redisMaxBytes: env.CACHE_REDIS_MAX_MB * 2 ** 20,
      redisUrl: env.CACHE_REDIS_URL,
    }),
    processes: env.SERVER_PROCESSES,
    composeWorkers: env.COMPOSE_WORKERS === 'auto' ? availableParallelism() : env.COMPOSE_WORKERS,
    exports: Object.freeze({
      dir: env.EXPORTS_DIR,
      urlTtlSeconds: env.EXPORT_URL_TTL_SECONDS,
      workers: env.EXPORT_WORKERS,
      workerConcurrency: env.EXPORT_WORKER_CONCURRENCY,
      lockMs: env.EXPORT_LOCK_MS,
      freePerDay: env.EXPORT_FREE_PER_DAY,
      premiumPerDay: env.EXPORT_PREMIUM_PER_DAY,
      freeMaxSeconds: env.EXPORT_FREE_MAX_SECONDS,
      soundFontPath: env.SOUNDFONT_PATH,
    }),
    analytics: Object.freeze({
      dbPath: env.ANALYTICS_DB_PATH,
      worker: env.ANALYTICS_WORKER === 'on',
      batchSize: env.ANALYTICS_BATCH_SIZE,
      claimIdleMs: env.ANALYTICS_CLAIM_IDLE_MS,
      writerLeaseMs: env.ANALYTICS_WRITER_LEASE_MS,
    }),
    instanceName: env.INSTANCE_NAME ?? `${hostname()}:${env.PORT}`,
    persistedQueries: Object.freeze({ mode: env.PERSISTED_QUERIES, max: env.PERSISTED_QUERIES_MAX }),
    tracing: Object.freeze({ endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: env.OTEL_SERVICE_NAME }),
  });
}

/** The process environment with an optional `.env` file beneath it (real variables win). */
export function readProcessEnvironment(): Record<string, string | undefined> {
  loadDotenv({ quiet: true });
  return { ...process.env };
}
