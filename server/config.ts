import { hostname } from 'node:os';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

const DEFAULT_DATABASE_URL = 'mysql://root@127.0.0.1:3306/aero_melody';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const DEFAULT_OPENFLIGHTS_BASE_URL = 'https://raw.githubusercontent.com/jpatokal/openflights/master/data';

/** A URL of one of `protocols`; `check` may add a problem about an otherwise valid URL. */
const urlWithProtocol = (protocols: string[], check?: (url: URL) => string | null) =>
  z.string().superRefine((value, context) => {
    let url: URL | null = null;
    try {
      url = new URL(value);
    } catch {
      url = null;
    }
    if (!url || !protocols.includes(url.protocol)) {
      context.addIssue({ code: 'custom', message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` });
      return;
    }
    const problem = check?.(url);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

const DATABASE_NAME = /^[A-Za-z0-9_$]{1,64}$/;
const databaseNameOf = (url: string): string => decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: urlWithProtocol(['mysql:', 'mariadb:'], (url) =>
    DATABASE_NAME.test(databaseNameOf(url.href))
      ? null
      : 'must name a database (letters, digits, _ or $), e.g. mysql://root@127.0.0.1:3306/aero_melody',
  ).default(DEFAULT_DATABASE_URL),
  REDIS_URL: urlWithProtocol(['redis:', 'rediss:']).default(DEFAULT_REDIS_URL),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OPENFLIGHTS_DIR: z.string().min(1).optional(),
  OPENFLIGHTS_BASE_URL: urlWithProtocol(['http:', 'https:']).default(DEFAULT_OPENFLIGHTS_BASE_URL),
  OPENFLIGHTS_CACHE_DIR: z.string().min(1).default('.cache/openflights'),
  SIMILARITY_INDEX_DIR: z.string().min(1).default('.cache/similarity'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  PLAYGROUND_KEY: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1).max(300_000).default(15_000),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(1_200),
  CORS_ORIGINS: z
    .string()
    .refine((value) => value.split(',').every((origin) => /^https?:\/\/[^/\s]+$/.test(origin.trim())), {
      message: 'must be a comma-separated list of origins like https://app.example.com',
    })
    .optional(),
  AUTH_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  WS_MAX_PAYLOAD_BYTES: z.coerce.number().int().min(1_024).max(1_048_576).default(32_768),
  WS_MAX_SUBSCRIPTIONS: z.coerce.number().int().min(1).max(1_000).default(10),
  WS_SEND_BUFFER_BYTES: z.coerce.number().int().min(16_384).max(67_108_864).default(1_048_576),
  WS_KEEPALIVE_MS: z.coerce.number().int().min(1_000).max(600_000).default(12_000),
  WS_INIT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  LIVE_LOOKAHEAD_MS: z.coerce.number().int().min(50).max(5_000).default(500),
  LIVE_WINDOW_MS: z.coerce.number().int().min(10).max(1_000).default(100),
  RADIO_LEASE_MS: z.coerce.number().int().min(500).max(60_000).default(3_000),
  RADIO_PIECE_SECONDS: z.coerce.number().int().min(10).max(300).optional(),
  WEB_APP: z.enum(['on', 'off', 'dev']).optional(),
  CACHE_MEMORY_MB: z.coerce.number().int().min(1).max(16_384).default(128),
  SERVER_PROCESSES: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(256)]).default(1),
  EXPORTS_DIR: z.string().min(1).default('.cache/exports'),
  EXPORT_URL_TTL_SECONDS: z.coerce.number().int().min(1).max(31_536_000).default(86_400),
  EXPORT_WORKERS: z.enum(['inline', 'off']).default('inline'),
  EXPORT_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  EXPORT_LOCK_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  EXPORT_FREE_PER_DAY: z.coerce.number().int().min(0).max(1_000_000).default(3),
  EXPORT_PREMIUM_PER_DAY: z.coerce.number().int().min(0).max(1_000_000).default(100),
  EXPORT_FREE_MAX_SECONDS: z.coerce.number().int().min(10).max(300).default(120),
  SOUNDFONT_PATH: z.string().min(1).optional(),
  ANALYTICS_DB_PATH: z.string().min(1).default('.cache/analytics.duckdb'),
  ANALYTICS_WORKER: z.enum(['on', 'off']).default('on'),
  ANALYTICS_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(20),
  ANALYTICS_CLAIM_IDLE_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  ANALYTICS_WRITER_LEASE_MS: z.coerce.number().int().min(500).max(60_000).default(5_000),
  INSTANCE_NAME: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, { message: 'must be 1-100 letters, digits or . _ : -' }).optional(),
  PERSISTED_QUERIES: z.enum(['apq', 'allow-list']).default('apq'),
  PERSISTED_QUERIES_MAX: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
  OTEL_EXPORTER_OTLP_ENDPOINT: urlWithProtocol(['http:', 'https:']).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).max(100).default('aero-melody'),
});

/** Signs development and test tokens only; production refuses to start without AUTH_SECRET. */
const DEVELOPMENT_AUTH_SECRET = 'aero-melody-development-secret-not-for-production';

export interface DatabaseConfig {
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  poolSize: number;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: string;
  database: DatabaseConfig;
  redisUrl: string;
  openflights: { dir: string | undefined; baseUrl: string; cacheDir: string };
  /** Where saved route similarity indexes live, one file pair per data and engine version. */
  similarity: { indexDir: string };
  shutdownTimeoutMs: number;
  auth: { secret: string; accessTokenTtlSeconds: number; refreshTokenTtlDays: number };
  /** Abuse limits: requests per minute per viewer or address (0 = off), CORS origins, the playground key. */
  limits: { requestsPerMinute: number; corsOrigins: string[]; playgroundKey: string | undefined; requestTimeoutMs: number };
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** graphql-ws limits per socket. */
  websocket: { maxPayloadBytes: number; maxSubscriptions: number; sendBufferBytes: number; keepAliveMs: number; initTimeoutMs: number };
  /**
   * Live streams: how far ahead of the moment it sounds an event is sent, the width of the windows
   * sent together, the radio generator's lease and (when set) the length of every radio piece.
   */
  live: { lookaheadMs: number; windowMs: number; radioLeaseMs: number; radioPieceSeconds: number | null };
  /**
   * The Next.js web app served at `/` beside the API: `on` (the production build), `dev` (Next's
   * dev server with hot reload), `off`, or `auto` (on when a production build exists).
   */
  webApp: 'on' | 'off' | 'dev' | 'auto';
  /** The in-process layer of the response cache (the shared layer is Redis). */
  cache: { memoryBytes: number };
  /** How many server processes `npm start` runs on the one port ('auto': one per core). */
  processes: number | 'auto';
  /**
   * Audio exports: where files are kept, how long a download URL works, whether this process
   * runs render workers (and how many renders at once), the job lock after which a silent worker's
   * render is retried elsewhere, the daily quotas and FREE's longest piece, and the SoundFont.
   */
  exports: {
    dir: string;
    urlTtlSeconds: number;
    workers: 'inline' | 'off';
    workerConcurrency: number;
    lockMs: number;
    freePerDay: number;
    premiumPerDay: number;
    freeMaxSeconds: number;
    soundFontPath: string | undefined;
  };
  /**
   * The DuckDB analytics store (a file, or `:memory:`), whether this process runs the worker that
   * moves events from the Redis stream into it, how many stream entries (of up to 500 events) it
   * reads per DuckDB transaction, and how long another consumer's
   * delivered-but-unacknowledged events wait before this worker claims them.
   */
  analytics: { dbPath: string; worker: boolean; batchSize: number; claimIdleMs: number; writerLeaseMs: number };
  /** Names this instance in `X-Served-By` and in the `instance` label of its metrics (default hostname:port). */
  instanceName: string;
  /**
   * `apq`: clients may register documents by hash (automatic persisted queries, kept in Redis for
   * every instance, at most `max`); `allow-list`: only the hashes of schema/operations/manifest.json.
   */
  persistedQueries: { mode: 'apq' | 'allow-list'; max: number };
  /** OpenTelemetry traces over OTLP/HTTP; off when no endpoint is set. */
  tracing: { endpoint: string | undefined; serviceName: string };
}

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
      playgroundKey: env.PLAYGROUND_KEY,
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    }),
    auth: Object.freeze({
      secret: env.AUTH_SECRET ?? DEVELOPMENT_AUTH_SECRET,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
    }),
    websocket: Object.freeze({
      maxPayloadBytes: env.WS_MAX_PAYLOAD_BYTES,
      maxSubscriptions: env.WS_MAX_SUBSCRIPTIONS,
      sendBufferBytes: env.WS_SEND_BUFFER_BYTES,
      keepAliveMs: env.WS_KEEPALIVE_MS,
      initTimeoutMs: env.WS_INIT_TIMEOUT_MS,
    }),
    live: Object.freeze({
      lookaheadMs: env.LIVE_LOOKAHEAD_MS,
      windowMs: env.LIVE_WINDOW_MS,
      radioLeaseMs: env.RADIO_LEASE_MS,
      radioPieceSeconds: env.RADIO_PIECE_SECONDS ?? null,
    }),
    webApp: env.WEB_APP ?? 'auto',
    cache: Object.freeze({ memoryBytes: env.CACHE_MEMORY_MB * 2 ** 20 }),
    processes: env.SERVER_PROCESSES,
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
