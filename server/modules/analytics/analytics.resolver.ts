import { Args, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { NotFoundError } from '../../errors.js';
import { idOf } from '../../graphql/relay.js';
import type { UserRow } from '../users/user.repo.js';
import { Route } from '../routes/route.type.js';
import { User } from '../users/user.type.js';
import type { Viewer } from '../users/tokens.js';
import type { AnalyticsService } from './analytics.service.js';
import type { PartnerUsageFigures } from './analytics.repo.js';
import {
  AirportProfile,
  AirportProfileArgs,
  Analytics,
  CompositionFigure,
  ContestStatistics,
  CountryFigure,
  DistanceBand,
  FirstArgs,
  HubFigure,
  MusicAnalytics,
  NetworkAnalytics,
  OperationUsage,
  PartnerUsage,
  ThemeFigure,
  TimeWindowArgs,
  TrendPoint,
  UsageArgs,
  UsagePoint,
} from './analytics.type.js';
import { timeWindow, type TimeWindow } from './figures.js';

interface AnalyticsRoot {
  viewer: Viewer;
}

interface MusicRoot {
  window: TimeWindow;
}

interface UsageRoot {
  partnerId: number;
  window: TimeWindow;
  figures: () => Promise<PartnerUsageFigures>;
}

const DEFAULT_FIRST = 10;

@Resolver(() => Analytics)
export class AnalyticsResolver {
  constructor(private readonly analyticsService: AnalyticsService) {}

  @Query(() => Analytics, { description: 'Network, music and usage figures, computed from data. Partner accounts (or a partner API key) and admins.' })
  analytics(@Ctx() context: RequestContext): AnalyticsRoot {
    return { viewer: this.analyticsService.requireAnalyticsViewer(context.viewer, context.authError) };
  }

  @FieldResolver(() => NetworkAnalytics, { description: 'The route network in figures.' })
  network(): object {
    return {};
  }

  @FieldResolver(() => MusicAnalytics, { description: 'What people make and like over a window.' })
  music(@Args(() => TimeWindowArgs) args: TimeWindowArgs): MusicRoot {
    return { window: timeWindow(args, new Date()) };
  }

  @FieldResolver(() => PartnerUsage, { description: "Your own usage (another partner's is FORBIDDEN); admins may name any partner." })
  usage(@Root() root: AnalyticsRoot, @Args(() => UsageArgs) args: UsageArgs): UsageRoot {
    const partnerId = this.analyticsService.usagePartnerId(root.viewer, args.partnerId ? { partnerId: idOf(args.partnerId, 'User') } : null);
    const window = timeWindow(args, new Date());
    let figures: Promise<PartnerUsageFigures> | null = null;
    return { partnerId, window, figures: () => (figures ??= this.analyticsService.partnerUsage(partnerId, window)) };
  }
}

@Resolver(() => NetworkAnalytics)
export class NetworkAnalyticsResolver {
  constructor(private readonly analyticsService: AnalyticsService) {}

  @FieldResolver(() => [DistanceBand], { description: 'Routes by great-circle distance: < 500, < 1,500, < 4,000, < 8,000 and ≥ 8,000 km.' })
  distanceBands() {
    return this.analyticsService.distanceBands();
  }

  @FieldResolver(() => [HubFigure], { description: 'Airports with the most nonstop destinations.' })
  topHubs(@Args(() => FirstArgs) { first }: FirstArgs) {
    return this.analyticsService.topHubs(first ?? DEFAULT_FIRST);
  }

  @FieldResolver(() => [CountryFigure], { description: 'Countries with the most departing routes.' })
  topCountries(@Args(() => FirstArgs) { first }: FirstArgs) {
    return this.analyticsService.topCountries(first ?? DEFAULT_FIRST);
  }

  @FieldResolver(() => [Route], { description: 'The longest routes, longest first.' })
  longestRoutes(@Args(() => FirstArgs) { first }: FirstArgs) {
    return this.analyticsService.routesByDistance(first ?? DEFAULT_FIRST, true);
  }

  @FieldResolver(() => [Route], { description: 'The shortest routes, shortest first.' })
  shortestRoutes(@Args(() => FirstArgs) { first }: FirstArgs) {
    return this.analyticsService.routesByDistance(first ?? DEFAULT_FIRST, false);
  }

  @FieldResolver(() => AirportProfile, { description: 'One airport in figures; NOT_FOUND for an unknown code.' })
  async airport(@Args(() => AirportProfileArgs) { code }: AirportProfileArgs) {
    const profile = await this.analyticsService.airportProfile(code);
    if (!profile) throw new NotFoundError(`No airport has the code "${code.toUpperCase()}"`);
    return profile;
  }
}

@Resolver(() => MusicAnalytics)
export class MusicAnalyticsResolver {
  constructor(private readonly analyticsService: AnalyticsService) {}

  @FieldResolver(() => [ThemeFigure], { description: 'Pieces saved per theme in the window, most first.' })
  compositionsByTheme(@Root() root: MusicRoot, @Ctx() context: RequestContext) {
    return this.analyticsService.compositionsByTheme(root.window, context.viewer);
  }

  @FieldResolver(() => [TrendPoint], { description: 'Pieces saved per bucket and key.' })
  keysOverTime(@Root() root: MusicRoot) {
    return this.analyticsService.creationTrend(root.window, 'key');
  }

  @FieldResolver(() => [TrendPoint], { description: 'Pieces saved per bucket and scale.' })
  scalesOverTime(@Root() root: MusicRoot) {
    return this.analyticsService.creationTrend(root.window, 'scale');
  }

  @FieldResolver(() => [TrendPoint], { description: 'Pieces saved per bucket and tempo band (< 80, 80-109, 110-139, ≥ 140 bpm).' })
  tempoBandsOverTime(@Root() root: MusicRoot) {
    return this.analyticsService.creationTrend(root.window, 'tempo');
  }

  @FieldResolver(() => [CompositionFigure], { description: 'Public pieces played most in the window (by at least 5 different listeners).' })
  mostPlayed(@Root() root: MusicRoot, @Args(() => FirstArgs) { first }: FirstArgs, @Ctx() context: RequestContext) {
    return this.analyticsService.topCompositions(root.window, 'PLAYED', first ?? DEFAULT_FIRST, context.viewer);
  }

  @FieldResolver(() => [CompositionFigure], { description: 'Public pieces with the most net likes in the window (from at least 5 people).' })
  mostLiked(@Root() root: MusicRoot, @Args(() => FirstArgs) { first }: FirstArgs, @Ctx() context: RequestContext) {
    return this.analyticsService.topCompositions(root.window, 'LIKED', first ?? DEFAULT_FIRST, context.viewer);
  }

  @FieldResolver(() => [CompositionFigure], { description: 'Public pieces remixed most in the window (by at least 5 people).' })
  mostRemixed(@Root() root: MusicRoot, @Args(() => FirstArgs) { first }: FirstArgs, @Ctx() context: RequestContext) {
    return this.analyticsService.topCompositions(root.window, 'REMIXED', first ?? DEFAULT_FIRST, context.viewer);
  }

  @FieldResolver(() => ContestStatistics, { description: 'Contest activity in the window.' })
  contests(@Root() root: MusicRoot) {
    return this.analyticsService.contestStatistics(root.window);
  }
}

@Resolver(() => PartnerUsage)
export class PartnerUsageResolver {
  @FieldResolver(() => User)
  async partner(@Root() root: UsageRoot, @Ctx() context: RequestContext): Promise<UserRow> {
    const user = await context.loaders.userById.load(root.partnerId);
    if (!user) throw new NotFoundError('No partner has this id');
    return user;
  }

  @FieldResolver(() => Date)
  from(@Root() root: UsageRoot): Date {
    return root.window.from;
  }

  @FieldResolver(() => Date)
  to(@Root() root: UsageRoot): Date {
    return root.window.to;
  }

  @FieldResolver(() => Int, { description: 'Requests in the window.' })
  async requests(@Root() root: UsageRoot): Promise<number> {
    return (await root.figures()).totals.requests;
  }

  @FieldResolver(() => Float, { nullable: true, description: '95th percentile latency over the window, milliseconds.' })
  async p95LatencyMs(@Root() root: UsageRoot): Promise<number | null> {
    return (await root.figures()).totals.p95LatencyMs;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Share of requests answered from the response cache, 0 to 1.' })
  async cacheHitRate(@Root() root: UsageRoot): Promise<number | null> {
    return (await root.figures()).totals.cacheHitRate;
  }

  @FieldResolver(() => Int, { description: 'Requests answered with an error.' })
  async errorCount(@Root() root: UsageRoot): Promise<number> {
    return (await root.figures()).totals.errorCount;
  }

  @FieldResolver(() => [UsagePoint], { description: 'Requests, p95 latency and cache hit rate per bucket (per day by default); empty buckets are left out.' })
  async overTime(@Root() root: UsageRoot) {
    return (await root.figures()).series;
  }

  @FieldResolver(() => [OperationUsage], { description: 'The operations called most.' })
  async topOperations(@Root() root: UsageRoot, @Args(() => FirstArgs) { first }: FirstArgs) {
    return (await root.figures()).operations.slice(0, first ?? DEFAULT_FIRST);
  }

  @FieldResolver(() => String, { description: 'Where to download these requests as CSV (GET with the same x-api-key or bearer token).' })
  csvUrl(@Root() root: UsageRoot): string {
    return usageUrl('csv', root.window);
  }

  @FieldResolver(() => String, { description: 'Where to download these requests as Parquet (GET with the same x-api-key or bearer token).' })
  parquetUrl(@Root() root: UsageRoot): string {
    return usageUrl('parquet', root.window);
  }
}

function usageUrl(format: 'csv' | 'parquet', window: TimeWindow): string {
  const query = new URLSearchParams({ from: window.from.toISOString(), to: window.to.toISOString() });
  return `/analytics/usage.${format}?${query}`;
}
