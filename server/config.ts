import { availableParallelism, hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname } from 'node:path';
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
    DATABASE_NAME.test(databaseNameOf(url.href)) ? null : 'must name a database (letters, digits, _ or $), e.g. mysql://root@127.0.0.1:3306/aero_melody',
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
  AUTH_SECRET_FILE: z.string().min(1).default('.cache/auth-secret'),
  TRUST_PROXY: z
    .string()
    .refine((value) => parseTrustProxy(value) !== null, {
      message: 'must be 0, a number of proxy hops, or a comma-separated list of proxy addresses or CIDR ranges',
    })
    .default('0'),
  REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  WS_MAX_PAYLOAD_BYTES: z.coerce.number().int().min(1_024).max(1_048_576).default(32_768),
  WS_MAX_SUBSCRIPTIONS: z.coerce.number().int().min(1).max(1_000).default(10),
  WS_SEND_BUFFER_BYTES: z.coerce.number().int().min(16_384).max(67_108_864).default(1_048_576),
  WS_KEEPALIVE_MS: z.coerce.number().int().min(1_000).max(600_000).default(12_000),
  WS_INIT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  WS_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(20),
  LIVE_MAX_STREAMS: z.coerce.number().int().min(1).max(1_000_000).default(5_000),
  INTROSPECTION: z.enum(['on', 'off']).default('on'),
  LIVE_LOOKAHEAD_MS: z.coerce.number().int().min(50).max(5_000).default(500),
  LIVE_WINDOW_MS: z.coerce.number().int().min(10).max(1_000).default(100),
  RADIO_LEASE_MS: z.coerce.number().int().min(500).max(60_000).default(3_000),
  RADIO_PIECE_SECONDS: z.coerce.number().int().min(10).max(300).optional(),
  WEB_APP: z.enum(['on', 'off', 'dev']).optional(),
  CACHE_MEMORY_MB: z.coerce.number().int().min(1).max(16_384).default(128),
  CACHE_MAX_ENTRY_BYTES: z.coerce.number().int().min(1_024).max(16_777_216).default(262_144),
  CACHE_REDIS_MAX_MB: z.coerce.number().int().min(1).max(1_048_576).default(256),
  CACHE_REDIS_URL: urlWithProtocol(['redis:', 'rediss:']).optional(),
  SERVER_PROCESSES: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(256)]).default(1),
  COMPOSE_WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(0).max(64)]).default('auto'),
  EXPORTS_DIR: z.string().min(1).default('.cache/exports'),
  EXPORT_URL_TTL_SECONDS: z.coerce.number().int().min(1).max(31_536_000).default(86_400),
  EXPORT_WORKERS: z.enum(['inline', 'off']).default('inline'),
  EXPORT_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(Math.min(16, availableParallelism())),
  EXPORT_LOCK_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  EXPORT_FREE_PER_DAY: z.coerce.number().int().min(0).max(1_000_000).default(3),
  EXPORT_PREMIUM_PER_DAY: z.coerce.number().int().min(0).max(1_000_000).default(100),
  EXPORT_FREE_MAX_SECONDS: z.coerce.number().int().min(10).max(300).default(120),
  SOUNDFONT_PATH: z.string().min(1).optional(),
  ANALYTICS_DB_PATH: z.string().min(1).default('.cache/analytics.duckdb'),
  ANALYTICS_WORKER: z.enum(['on', 'off']).default('on'),
  ANALYTICS_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(100),
  ANALYTICS_CLAIM_IDLE_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  ANALYTICS_WRITER_LEASE_MS: z.coerce.number().int().min(500).max(60_000).default(5_000),
  INSTANCE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, { message: 'must be 1-100 letters, digits or . _ : -' })
    .optional(),
  PERSISTED_QUERIES: z.enum(['apq', 'allow-list']).default('apq'),
  PERSISTED_QUERIES_MAX: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
  OTEL_EXPORTER_OTLP_ENDPOINT: urlWithProtocol(['http:', 'https:']).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).max(100).default('aero-melody'),
});

/**
 * Outside production, tokens are signed with a random secret made on first start and kept in a
 * file, so sign-ins survive restarts and every process of one checkout agrees on it. A secret
 * written in the code would let anyone who reads it forge an ADMIN token.
 */
function developmentAuthSecret(file: string): string {
  try {
    const saved = readFileSync(file, 'utf8').trim();
    if (saved.length >= 32) return saved;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  try {
    // 'wx': when several processes start at once, the first one's secret is the one all keep.
    writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * Which peers' X-Forwarded-For is believed: none, the nearest `hops` proxies (like express's
 * `trust proxy` number), or peers whose address is in `addresses` (single addresses or CIDR ranges).
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; addresses: string[] };

export function parseTrustProxy(value: string): TrustProxy | null {
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops === 0 ? { kind: 'none' } : hops <= 32 ? { kind: 'hops', hops } : null;
  }
  const addresses = text.split(',').map((entry) => entry.trim());
  const valid = addresses.every((entry) => {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || extra !== undefined) return false;
    return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  });
  return valid && addresses.length > 0 ? { kind: 'addresses', addresses } : null;
}

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
  /**
   * Token signing; how long access and refresh tokens live; how long a rotated refresh token
   * presented again still gets the same new pair (two tabs refreshing at once) instead of ending
   * the sign-in as a replay.
   */
  auth: { secret: string; accessTokenTtlSeconds: number; refreshTokenTtlDays: number; refreshReuseGraceSeconds: number };
  /** Whose X-Forwarded-For names the client for every per-address rule (TRUST_PROXY). */
  trustProxy: TrustProxy;
  /**
   * Abuse limits: requests per minute per viewer or address (0 = off), CORS origins, whether
   * anyone may introspect the schema and the key that allows it when not, the time budget.
   */
  limits: { requestsPerMinute: number; corsOrigins: string[]; introspection: boolean; playgroundKey: string | undefined; requestTimeoutMs: number };
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** graphql-ws limits per socket, sockets per client address, and live streams (subscriptions) per process. */
  websocket: {
    maxPayloadBytes: number;
    maxSubscriptions: number;
    sendBufferBytes: number;
    keepAliveMs: number;
    initTimeoutMs: number;
    maxConnectionsPerAddress: number;
    maxStreams: number;
  };
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
  /**
   * The response cache: its in-process layer, the largest answer it keeps, and its shared Redis
   * layer (the main Redis unless `redisUrl` names one of its own) with the byte budget it keeps to.
   */
  cache: { memoryBytes: number; maxEntryBytes: number; redisMaxBytes: number; redisUrl: string | undefined };
  /** How many server processes `npm start` runs on the one port ('auto': one per core). */
  processes: number | 'auto';
  /** Worker threads per process composing previews ('auto' in the environment: one per core; 0: inline). */
  composeWorkers: number;
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
