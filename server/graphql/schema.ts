import { writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import type { Services } from '../context.js';
import { AirlineResolver } from '../modules/airlines/airline.resolver.js';
import { AirportResolver } from '../modules/airports/airport.resolver.js';
import { CommentResolver, CompositionCommentsResolver } from '../modules/comments/comment.resolver.js';
import { CompositionCommunityResolver, UserCommunityResolver } from '../modules/community/community.resolver.js';
import { FeedResolver } from '../modules/feed/feed.resolver.js';
import { ContestEntryResolver, ContestResolver, LeaderboardEntryResolver } from '../modules/contests/contest.resolver.js';
import { CollaborationResolver, CollaboratorResolver } from '../modules/compositions/collaboration.resolver.js';
import { CompositionResolver, UserCompositionsResolver } from '../modules/compositions/composition.resolver.js';
import { CompositionSimilarityResolver, SimilarityResolver } from '../modules/similarity/similarity.resolver.js';
import { ExportResolver } from '../modules/exports/export.resolver.js';
import { ThemeResolver } from '../modules/themes/theme.resolver.js';
import { UserResolver } from '../modules/users/user.resolver.js';
import { LivePieceResolver, LiveResolver } from '../modules/live/live.resolver.js';
import { NodeResolver } from '../modules/node/node.resolver.js';
import { NodeService } from '../modules/node/node.service.js';
import { RouteResolver } from '../modules/routes/route.resolver.js';
import { AnalyticsResolver, MusicAnalyticsResolver, NetworkAnalyticsResolver, PartnerUsageResolver } from '../modules/analytics/analytics.resolver.js';
import { ApiKeyResolver } from '../modules/partners/api-key.resolver.js';
import { SCHEMA_FILE } from '../paths.js';
import { validateArguments } from '../modules/shared/validation.js';
import { authChecker } from './auth-checker.js';
import { cacheControlDirective } from './cache-control.js';
import { CacheResolver } from '../modules/cache/cache.resolver.js';

const RESOLVERS: NonEmptyArray<Function> = [
  AirportResolver,
  AirlineResolver,
  RouteResolver,
  NodeResolver,
  ThemeResolver,
  CompositionResolver,
  UserResolver,
  SimilarityResolver,
  CompositionSimilarityResolver,
  CompositionCommunityResolver,
  UserCommunityResolver,
  CommentResolver,
  CompositionCommentsResolver,
  FeedResolver,
  CollaborationResolver,
  CollaboratorResolver,
  UserCompositionsResolver,
  LiveResolver,
  LivePieceResolver,
  ContestResolver,
  ContestEntryResolver,
  LeaderboardEntryResolver,
  CacheResolver,
  ExportResolver,
  AnalyticsResolver,
  NetworkAnalyticsResolver,
  MusicAnalyticsResolver,
  PartnerUsageResolver,
  ApiKeyResolver,
];

/** One resolver instance per class, built from the application's services (no global container). */
function resolverInstances(services: Services): Map<Function, object> {
  return new Map<Function, object>([
    [AirportResolver, new AirportResolver(services.airports)],
    [AirlineResolver, new AirlineResolver(services.airlines)],
    [RouteResolver, new RouteResolver(services.routes)],
    [NodeResolver, new NodeResolver(new NodeService(services.routes, services.compositions, services.comments, services.contests, services.themes, services.exports))],
    [ThemeResolver, new ThemeResolver(services.themes)],
    [CompositionResolver, new CompositionResolver(services.compositions)],
    [SimilarityResolver, new SimilarityResolver(services.similarity, services.compositions)],
    [CompositionSimilarityResolver, new CompositionSimilarityResolver(services.similarity, services.compositions)],
    [UserResolver, new UserResolver(services.auth, services.users)],
    [CompositionCommunityResolver, new CompositionCommunityResolver(services.community)],
    [UserCommunityResolver, new UserCommunityResolver(services.community)],
    [CommentResolver, new CommentResolver(services.comments)],
    [FeedResolver, new FeedResolver(services.feed)],
    [CollaborationResolver, new CollaborationResolver(services.collaboration)],
    [CollaboratorResolver, new CollaboratorResolver()],
    [UserCompositionsResolver, new UserCompositionsResolver(services.compositions)],
    [CompositionCommentsResolver, new CompositionCommentsResolver(services.comments)],
    [LiveResolver, new LiveResolver(services.radio)],
    [LivePieceResolver, new LivePieceResolver()],
    [ContestResolver, new ContestResolver(services.contests, services.contestEntries)],
    [ContestEntryResolver, new ContestEntryResolver(services.contestEntries, services.contestVotes, services.compositions)],
    [LeaderboardEntryResolver, new LeaderboardEntryResolver()],
    [CacheResolver, new CacheResolver(services.cache)],
    [ExportResolver, new ExportResolver(services.exports)],
    [AnalyticsResolver, new AnalyticsResolver(services.analytics)],
    [NetworkAnalyticsResolver, new NetworkAnalyticsResolver(services.analytics)],
    [MusicAnalyticsResolver, new MusicAnalyticsResolver(services.analytics)],
    [PartnerUsageResolver, new PartnerUsageResolver(services.analytics)],
    [ApiKeyResolver, new ApiKeyResolver(services.apiKeys)],
  ]);
}

export async function createSchema(services: Services | null): Promise<GraphQLSchema> {
  const instances = services ? resolverInstances(services) : new Map<Function, object>();
  return buildSchema({
    resolvers: RESOLVERS,
    container: {
      get: (resolverClass: Function) => {
        const instance = instances.get(resolverClass);
        if (!instance) throw new Error(`No instance for resolver ${resolverClass.name}`);
        return instance;
      },
    },
    validateFn: validateArguments,
    authChecker,
    directives: [cacheControlDirective],
    // Every subscription brings its own `subscribe` (it checks who may listen, then reads Redis
    // pub/sub), but type-graphql insists on a PubSub being configured; this one stays unused.
    pubSub: createPubSub(),
  });
}

/** The schema as committed in schema/schema.graphql: sorted, so the file diffs cleanly. */
export function printSchemaFile(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

export async function emitSchemaFile(file: string = SCHEMA_FILE): Promise<string> {
  const text = printSchemaFile(await createSchema(null));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  return file;
}
