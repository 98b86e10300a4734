import type { createAirlineLoaders } from './modules/airlines/airline.loaders.js';
import type { createAirportLoaders } from './modules/airports/airport.loaders.js';
import type { createCommentLoaders } from './modules/comments/comment.loaders.js';
import type { createCommunityLoaders } from './modules/community/community.loaders.js';
import type { ComposeInput } from './modules/compositions/composition.type.js';
import type { createCompositionLoaders } from './modules/compositions/composition.loaders.js';
import type { createContestLoaders } from './modules/contests/contest.loaders.js';
import type { createRouteLoaders } from './modules/routes/route.loaders.js';
import type { AuthPayload } from './modules/users/auth.service.js';
import type { Viewer } from './modules/users/tokens.js';
import type { createUserLoaders } from './modules/users/user.loaders.js';

/**
 * Every DataLoader a request may read. Named here, not derived from the module list: resolvers
 * import this file, and the list imports the resolvers.
 */
export type Loaders = ReturnType<typeof createAirportLoaders> &
  ReturnType<typeof createAirlineLoaders> &
  ReturnType<typeof createRouteLoaders> &
  ReturnType<typeof createCompositionLoaders> &
  ReturnType<typeof createUserLoaders> &
  ReturnType<typeof createCommunityLoaders> &
  ReturnType<typeof createCommentLoaders> &
  ReturnType<typeof createContestLoaders>;

/** The subscription streams a request may start, each provided by its module's descriptor. */
export interface RequestStreams {
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

export interface RequestContext extends RequestStreams {
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
}

/** Who a request is: the part authentication decides. */
export type RequestIdentity = Pick<RequestContext, 'viewer' | 'authError' | 'apiKeyId'>;
