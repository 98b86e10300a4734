/**
 * Every environment variable the server reads, with its type, range and default: one zod schema,
 * so one parse names every bad variable at once. server/config.ts parses it and shapes the result.
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { parseTrustProxy } from './trust-proxy.js';

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
export const databaseNameOf = (url: string): string => decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));

export const environmentSchema = z.object({
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
