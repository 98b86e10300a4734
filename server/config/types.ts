/** The shape of the parsed configuration every part of the server receives. */
import type { TrustProxy } from './trust-proxy.js';

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
