import type { PubSub } from '@graphql-yoga/subscription';
import type { Redis } from 'ioredis';
import type { PrismaClient } from './adapters/prisma.js';
import { RateLimiter } from './adapters/rate-limiter.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { AirlineRepo } from './modules/airlines/airline.repo.js';
import { createAirlineLoaders } from './modules/airlines/airline.loaders.js';
import { AirlineService } from './modules/airlines/airline.service.js';
import { AirportRepo } from './modules/airports/airport.repo.js';
import { createAirportLoaders } from './modules/airports/airport.loaders.js';
import { AirportService } from './modules/airports/airport.service.js';
import type { NetworkService } from './modules/network/network.service.js';
import { CompositionRepo } from './modules/compositions/composition.repo.js';
import { createCompositionLoaders } from './modules/compositions/composition.loaders.js';
import { CompositionService } from './modules/compositions/composition.service.js';
import { createCommunityLoaders } from './modules/community/community.loaders.js';
import { createCommentLoaders } from './modules/comments/comment.loaders.js';
import { ContestRepo } from './modules/contests/contest.repo.js';
import { createContestLoaders } from './modules/contests/contest.loaders.js';
import { createContestServices, type ContestServices } from './modules/contests/contest-services.js';
import type { ContestTopics } from './modules/contests/contest.topics.js';
import { FeedRepo } from './modules/feed/feed.repo.js';
import type { LiveSettings } from './modules/live/live-playback.js';
import { LiveService } from './modules/live/live.service.js';
import { RadioService } from './modules/live/radio.service.js';
import type { RadioTopics } from './modules/live/live.topics.js';
import { RadioRepo } from './modules/live/radio.repo.js';
import type { ComposeInput } from './modules/compositions/composition.type.js';
import { FeedService } from './modules/feed/feed.service.js';
import { CommentRepo } from './modules/comments/comment.repo.js';
import { CommentService } from './modules/comments/comment.service.js';
import { CommunityRepo } from './modules/community/community.repo.js';
import { CommunityService } from './modules/community/community.service.js';
import type { CompositionTopics } from './modules/compositions/composition.topics.js';
import { PlayWindows } from './modules/compositions/play-windows.repo.js';
import { ComposePool } from './modules/compositions/compose-pool.js';
import { CollaboratorRepo } from './modules/compositions/collaborator.repo.js';
import { CompositionAccess } from './modules/compositions/composition-access.js';
import { CollaborationService } from './modules/compositions/collaboration.service.js';
import { PresenceRepo } from './modules/compositions/presence.repo.js';
import { ThemeRepo } from './modules/themes/theme.repo.js';
import { ThemeService } from './modules/themes/theme.service.js';
import { RouteRepo } from './modules/routes/route.repo.js';
import { createRouteLoaders } from './modules/routes/route.loaders.js';
import { RouteService } from './modules/routes/route.service.js';
import { SimilarityRepo } from './modules/similarity/similarity.repo.js';
import { SimilarityService } from './modules/similarity/similarity.service.js';
import { AuthService, type AuthPayload } from './modules/users/auth.service.js';
import { SessionRepo } from './modules/users/session.repo.js';
import { AccessTokens, type Viewer } from './modules/users/tokens.js';
import { createUserLoaders } from './modules/users/user.loaders.js';
import { UserRepo } from './modules/users/user.repo.js';
import { UserService } from './modules/users/user.service.js';
import type { ResponseCache } from './adapters/response-cache.js';
import { CacheService } from './modules/cache/cache.service.js';
import type { FileStorage } from './adapters/file-storage.js';
import type { JobQueue } from './adapters/job-queue.js';
import { ExportQuota } from './modules/exports/export-quota.repo.js';
import type { ExportJobData } from './modules/exports/export-render.js';
import { ExportRepo } from './modules/exports/export.repo.js';
import { ExportService, type ExportSettings } from './modules/exports/export.service.js';
import type { ExportTopics } from './modules/exports/export.topics.js';
import type { AnalyticsEvents } from './modules/analytics/analytics-events.repo.js';
import type { AnalyticsRepo, DimensionRows } from './modules/analytics/analytics.repo.js';
import { AnalyticsService } from './modules/analytics/analytics.service.js';
import { ApiKeyRepo } from './modules/partners/api-key.repo.js';
import { ApiKeyService } from './modules/partners/api-key.service.js';

export interface Repos {
  airports: AirportRepo;
  airlines: AirlineRepo;
  routes: RouteRepo;
  compositions: CompositionRepo;
  users: UserRepo;
  sessions: SessionRepo;
  community: CommunityRepo;
  comments: CommentRepo;
  collaborators: CollaboratorRepo;
  themes: ThemeRepo;
  feed: FeedRepo;
  similarity: SimilarityRepo;
  contests: ContestRepo;
  exports: ExportRepo;
  apiKeys: ApiKeyRepo;
}

export interface Services extends ContestServices {
  networks: NetworkService;
  airports: AirportService;
  airlines: AirlineService;
  routes: RouteService;
  themes: ThemeService;
  compositions: CompositionService;
  auth: AuthService;
  users: UserService;
  community: CommunityService;
  comments: CommentService;
  feed: FeedService;
  collaboration: CollaborationService;
  similarity: SimilarityService;
  live: LiveService;
  radio: RadioService;
  cache: CacheService;
  exports: ExportService;
  analytics: AnalyticsService;
  apiKeys: ApiKeyService;
}

export interface ServiceDependencies {
  networks: NetworkService;
  compositionEvents: PubSub<CompositionTopics>;
  redis: Redis;
  logger: Logger;
  auth: Config['auth'];
  similarity: Config['similarity'];
  radioEvents: PubSub<RadioTopics>;
  contestEvents: PubSub<ContestTopics>;
  live: LiveSettings;
  responseCache: ResponseCache;
  exportEvents: PubSub<ExportTopics>;
  exportQueue: JobQueue<ExportJobData>;
  exportStorage: FileStorage;
  exportSettings: ExportSettings;
  /** Where services send analytics events (fire-and-forget). */
  analyticsEvents: AnalyticsEvents;
  analyticsRepo: AnalyticsRepo;
  loadDimensionRows: () => Promise<DimensionRows>;
  /** Worker threads composing previews (0: compose on the main thread). */
  composeWorkers: number;
}

export function createRepos(prisma: PrismaClient): Repos {
  return {
    airports: new AirportRepo(prisma),
    airlines: new AirlineRepo(prisma),
    routes: new RouteRepo(prisma),
    compositions: new CompositionRepo(prisma),
    users: new UserRepo(prisma),
    sessions: new SessionRepo(prisma),
    community: new CommunityRepo(prisma),
    comments: new CommentRepo(prisma),
    collaborators: new CollaboratorRepo(prisma),
    themes: new ThemeRepo(prisma),
    feed: new FeedRepo(prisma),
    similarity: new SimilarityRepo(prisma),
    contests: new ContestRepo(prisma),
    exports: new ExportRepo(prisma),
    apiKeys: new ApiKeyRepo(prisma),
  };
}

export function createServices(
  repos: Repos,
  {
    networks,
    compositionEvents,
    redis,
    logger,
    auth,
    similarity: similarityConfig,
    radioEvents,
    live,
    contestEvents,
    responseCache,
    exportEvents,
    exportQueue,
    exportStorage,
    exportSettings,
    analyticsEvents,
    analyticsRepo,
    loadDimensionRows,
    composeWorkers,
  }: ServiceDependencies,
): Services {
  const airports = new AirportService(networks, repos.airports);
  const similarity = new SimilarityService(networks, airports, repos.similarity, { indexDir: similarityConfig.indexDir, logger });
  const themes = new ThemeService(repos.themes);
  const accessTokens = new AccessTokens(auth.secret, auth.accessTokenTtlSeconds);
  const compositions = new CompositionService(
    networks,
    themes,
    repos.compositions,
    similarity,
    compositionEvents,
    repos.users,
    new PlayWindows(redis),
    new CompositionAccess(repos.collaborators),
    repos.collaborators,
    analyticsEvents,
    new ComposePool(composeWorkers),
  );
  const routes = new RouteService(networks, airports, repos.routes);
  return {
    networks,
    airports,
    airlines: new AirlineService(repos.airlines),
    routes,
    themes,
    compositions,
    community: new CommunityService(repos.community, compositions, repos.users, analyticsEvents),
    comments: new CommentService(repos.comments, compositions),
    feed: new FeedService(repos.feed),
    collaboration: new CollaborationService(compositions, repos.collaborators, repos.users, new PresenceRepo(redis)),
    auth: new AuthService(
      repos.users,
      repos.sessions,
      accessTokens,
      { secret: auth.secret, ttlDays: auth.refreshTokenTtlDays, reuseGraceSeconds: auth.refreshReuseGraceSeconds },
      new RateLimiter(redis, logger),
      logger,
    ),
    users: new UserService(repos.users),
    similarity,
    live: new LiveService(compositions, live),
    radio: new RadioService(compositions, networks, new RadioRepo(redis), radioEvents, live, logger),
    ...createContestServices({ repo: repos.contests, users: repos.users, compositions, networks, events: contestEvents, redis, addressSecret: auth.secret, analytics: analyticsEvents, logger }),
    cache: new CacheService(responseCache),
    exports: new ExportService(repos.exports, compositions, repos.users, new ExportQuota(redis), exportQueue, exportStorage, exportEvents, exportSettings),
    analytics: new AnalyticsService(analyticsRepo, networks, themes, compositions, routes, loadDimensionRows, logger),
    apiKeys: new ApiKeyService(repos.apiKeys),
  };
}

/** The DataLoaders of each domain; a request builds a group only when a resolver first reads one of its loaders. */
const LOADER_GROUPS = {
  airports: (repos: Repos) => createAirportLoaders(repos.airports),
  airlines: (repos: Repos) => createAirlineLoaders(repos.airlines),
  routes: (repos: Repos) => createRouteLoaders(repos.routes),
  compositions: (repos: Repos) => createCompositionLoaders(repos.compositions),
  users: (repos: Repos) => createUserLoaders(repos.users),
  community: (repos: Repos, viewerId: number | null) => createCommunityLoaders(repos.community, viewerId),
  comments: (repos: Repos) => createCommentLoaders(repos.comments),
  contests: (repos: Repos, viewerId: number | null) => createContestLoaders(repos.contests, viewerId),
};
type LoaderGroups = typeof LOADER_GROUPS;
type Intersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;
export type Loaders = Intersection<ReturnType<LoaderGroups[keyof LoaderGroups]>>;

/** What a request's loaders hold: the groups built so far. */
class LazyLoaders {
  readonly built: Partial<Record<keyof LoaderGroups, Record<string, unknown>>> = {};
  constructor(
    readonly repos: Repos,
    readonly viewerId: number | null,
  ) {}
}

type LoadersConstructor = new (repos: Repos, viewerId: number | null) => Loaders;

/**
 * A class whose prototype has one getter per loader, each building its group on first read:
 * most requests read reference data from memory and need none of the ~15 DataLoaders.
 * Defined once; the loaders' names come from building each group once.
 */
let RequestLoaders: LoadersConstructor | null = null;

function requestLoaders(repos: Repos): LoadersConstructor {
  if (RequestLoaders) return RequestLoaders;
  const prototype = class extends LazyLoaders {};
  for (const [group, create] of Object.entries(LOADER_GROUPS) as [keyof LoaderGroups, LoaderGroups[keyof LoaderGroups]][]) {
    for (const name of Object.keys(create(repos, null))) {
      Object.defineProperty(prototype.prototype, name, {
        get(this: LazyLoaders) {
          return (this.built[group] ??= create(this.repos, this.viewerId) as Record<string, unknown>)[name];
        },
      });
    }
  }
  RequestLoaders = prototype as unknown as LoadersConstructor;
  return RequestLoaders;
}

/** New for every request: DataLoader caches must never outlive the request that filled them. */
export function createLoaders(repos: Repos, viewerId: number | null): Loaders {
  return new (requestLoaders(repos))(repos, viewerId);
}

export interface RequestContext {
  requestId: string;
  loaders: Loaders;
  /** The signed-in person, or null. */
  viewer: Viewer | null;
  /** Why a sent token was refused (expired, revoked...), reported when the operation needs a viewer. */
  authError: Error | null;
  /** The API key (x-api-key) the request was made with; its partner is then the viewer. */
  apiKeyId: number | null;
  /** The client's address, for per-IP rate limits. */
  clientAddress: string;
  /** Set by the response cache when it answered the request; read by the analytics plugin. */
  cacheHit: boolean;
  /** Whether this request may introspect the schema (INTROSPECTION, or the playground key it carries). */
  mayIntrospect: boolean;
  /** The door already charged this request to the rate limit (graphql-ws does so in onSubscribe). */
  admitted: boolean;
  /** How a signUp/logIn answer is handed over: as it is, or with the refresh token moved into the web app's cookie. */
  deliverSession(payload: AuthPayload): AuthPayload;
  /** Starts a compositionChanged stream for this request's viewer (subscriptions cannot use DI). */
  watchComposition(id: number | null): Promise<AsyncIterable<unknown>>;
  /** Starts a liveComposition stream for this request's viewer (who may use their private themes). */
  liveComposition(input: ComposeInput): Promise<AsyncIterable<unknown>>;
  /** Streams a saved piece the viewer may see, exactly as saved. */
  livePiece(compositionId: number | null): Promise<AsyncIterable<unknown>>;
  liveRadio(channel: string): Promise<AsyncIterable<unknown>>;
  /** Starts a leaderboardChanged stream for a contest. */
  watchLeaderboard(contestId: number | null): Promise<AsyncIterable<unknown>>;
  /** Starts an exportProgress stream; only the export's requester may watch it. */
  watchExport(exportId: number | null): Promise<AsyncIterable<unknown>>;
}

/**
 * Resolves the viewer of a request from its API key (x-api-key, which wins) or its bearer token; a
 * bad key or token leaves an anonymous request whose authError says why.
 */
export async function authenticateRequest(
  auth: AuthService,
  apiKeys: ApiKeyService,
  authorization: string | undefined,
  apiKey?: string,
): Promise<Pick<RequestContext, 'viewer' | 'authError' | 'apiKeyId'>> {
  if (apiKey) {
    try {
      const viewer = await apiKeys.authenticate(apiKey);
      return { viewer, authError: null, apiKeyId: viewer.apiKeyId };
    } catch (error) {
      return { viewer: null, authError: error as Error, apiKeyId: null };
    }
  }
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return { viewer: null, authError: null, apiKeyId: null };
  try {
    return { viewer: await auth.authenticate(token), authError: null, apiKeyId: null };
  } catch (error) {
    return { viewer: null, authError: error as Error, apiKeyId: null };
  }
}
