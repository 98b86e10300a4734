import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ForbiddenError, ServiceUnavailableError, UnauthenticatedError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { AirportRow } from '../airports/airport.repo.js';
import type { CompositionService, CompositionView } from '../compositions/composition.service.js';
import type { NetworkService } from '../network/network.service.js';
import { hasRole } from '../users/user.policy.js';
import type { RouteRow } from '../routes/route.repo.js';
import type { RouteService } from '../routes/route.service.js';
import type { ThemeView } from '../themes/theme.model.js';
import type { ThemeService } from '../themes/theme.service.js';
import type { Viewer } from '../users/tokens.js';
import type { MusicEventKind } from './analytics-event.js';
import type { AnalyticsRepo, DimensionRows, RoutePair } from './analytics.repo.js';
import { DISTANCE_BANDS, MIN_PEOPLE, tempoBandLabel, withheldBelowMinPeople, type Band, type TimeWindow } from './figures.js';

export type PopularityMetric = 'PLAYED' | 'LIKED' | 'REMIXED';

const METRIC_KINDS: Record<PopularityMetric, readonly MusicEventKind[]> = {
  PLAYED: ['COMPOSITION_PLAYED'],
  LIKED: ['COMPOSITION_LIKED', 'COMPOSITION_UNLIKED'],
  REMIXED: ['COMPOSITION_REMIXED'],
};

export interface BandFigure extends Band {
  routeCount: number;
}

export interface TrendFigure {
  bucket: Date;
  value: string;
  count: number | null;
}

export type UsageFormat = 'csv' | 'parquet';

/**
 * Every analytics figure, computed in DuckDB: network figures from the dimension tables (loaded
 * from MariaDB at start and after each import), music and usage figures from the event facts.
 */
export class AnalyticsService {
  private dimensions: Promise<void> | null = null;
  /** Network figures change only with an import: each is computed once per load of the tables. */
  private networkFigures = new Map<string, Promise<unknown>>();

  constructor(
    private readonly repo: AnalyticsRepo,
    private readonly networks: NetworkService,
    private readonly themes: ThemeService,
    private readonly compositions: CompositionService,
    private readonly routes: RouteService,
    private readonly loadDimensionRows: () => Promise<DimensionRows>,
    private readonly logger: Logger,
  ) {}

  /**
   * Loads the airport, airline and route tables on first use (a server that is never asked for
   * network figures never pays for them), and again on the first use after each import.
   */
  private loadDimensions(): Promise<void> {
    const startedAt = performance.now();
    const load = (async () => {
      const rows = await this.loadDimensionRows();
      await this.repo.replaceDimensions(rows);
      this.networkFigures = new Map();
      this.logger.info({ routes: rows.routes.length, ms: Math.round(performance.now() - startedAt) }, 'analytics dimension tables loaded');
    })();
    this.dimensions = load;
    load.catch((error: unknown) => {
      // The next question tries again.
      if (this.dimensions === load) this.dimensions = null;
      this.logger.error({ err: error }, 'loading the analytics dimension tables failed');
    });
    return load;
  }

  /** A new import was written: network figures reload their tables before the next answer. */
  dimensionsChanged(): void {
    if (this.dimensions) void this.loadDimensions().catch(() => undefined);
  }

  private async dimensionsReady(): Promise<void> {
    try {
      await (this.dimensions ?? this.loadDimensions());
    } catch (error) {
      if (error instanceof ServiceUnavailableError) throw error;
      throw new ServiceUnavailableError('Network analytics are not available right now (the route data could not be loaded); try again shortly');
    }
  }

  /** Analytics are for partner accounts (signed in, or with an API key) and admins. */
  requireAnalyticsViewer(viewer: Viewer | null, authError: Error | null): Viewer {
    if (!viewer) throw authError ?? new UnauthenticatedError('Sign in with a partner account or send a partner API key (x-api-key) to read analytics');
    if (!hasRole(viewer, 'PARTNER')) throw new ForbiddenError('Analytics are for partner accounts');
    return viewer;
  }

  /** Whose usage a question is about: the viewer's own, or (admins only) another partner's. */
  usagePartnerId(viewer: Viewer, asked: { partnerId: number | null } | null): number {
    if (!asked) return viewer.id;
    const { partnerId } = asked;
    if (partnerId === viewer.id) return partnerId;
    if (!hasRole(viewer, 'ADMIN')) throw new ForbiddenError("A partner can read its own usage only, not another partner's");
    if (partnerId === null) throw new ForbiddenError('No partner has this id');
    return partnerId;
  }

  // Network

  private async networkFigure<T>(key: string, compute: () => Promise<T>): Promise<T> {
    await this.dimensionsReady();
    const figures = this.networkFigures;
    let figure = figures.get(key) as Promise<T> | undefined;
    if (!figure) {
      figure = compute();
      figures.set(key, figure);
      figure.catch(() => figures.delete(key));
    }
    return figure;
  }

  async distanceBands(): Promise<BandFigure[]> {
    const counts = await this.networkFigure('distanceBands', () => this.repo.routeCountsByDistanceBand());
    return DISTANCE_BANDS.map((band, i) => ({ ...band, routeCount: counts[i] }));
  }

  private airport(id: number): AirportRow | null {
    return this.networks.network.airportById(id) ?? null;
  }

  async topHubs(first: number): Promise<{ airport: AirportRow; destinationCount: number }[]> {
    const hubs = await this.networkFigure(`topHubs:${first}`, () => this.repo.topHubs(first));
    return hubs.flatMap((hub) => {
      const airport = this.airport(hub.airportId);
      return airport ? [{ airport, destinationCount: hub.destinationCount }] : [];
    });
  }

  topCountries(first: number) {
    return this.networkFigure(`topCountries:${first}`, () => this.repo.topCountries(first));
  }

  private route(pair: RoutePair): RouteRow | null {
    return this.routes.routeByAirportIds(pair.originId, pair.destinationId);
  }

  async routesByDistance(first: number, longest: boolean): Promise<RouteRow[]> {
    const pairs = await this.networkFigure(`routesByDistance:${first}:${longest}`, () => this.repo.routesByDistance(first, longest));
    return pairs.flatMap((pair) => this.route(pair) ?? []);
  }

  async airportProfile(code: string) {
    const airport = this.networks.network.airportByCode(code);
    if (!airport) return null;
    const profile = await this.networkFigure(`airport:${airport.id}`, () => this.repo.airportProfile(airport.id));
    return {
      airport,
      departureCount: profile.departureCount,
      arrivalCount: profile.arrivalCount,
      destinationCount: profile.destinationCount,
      destinationCountryCount: profile.destinationCountryCount,
      averageDistanceKm: profile.averageDistanceKm,
      airlineRouteCount: profile.airlineRouteCount,
      distanceBands: DISTANCE_BANDS.map((band, i) => ({ ...band, routeCount: profile.bandCounts[i] })),
      longestRoute: profile.longestRoute ? this.route(profile.longestRoute) : null,
    };
  }

  // Music

  /** Saved pieces per theme; themes the viewer may not see are left out, and counts made by too few people withheld. */
  async compositionsByTheme(window: TimeWindow, viewer: Viewer | null): Promise<{ theme: ThemeView; count: number | null }[]> {
    const figures = await this.repo.compositionsByTheme(window);
    const themes = await Promise.all(figures.map((figure) => this.themes.byId(figure.key, viewer)));
    return figures.flatMap((figure, i) => {
      const theme = themes[i];
      return theme ? [{ theme, count: withheldBelowMinPeople(figure.count, figure.people) }] : [];
    });
  }

  async creationTrend(window: TimeWindow, dimension: 'key' | 'scale' | 'tempo'): Promise<TrendFigure[]> {
    const points = await this.repo.creationTrend(window, dimension);
    return points.map((point) => ({
      bucket: point.bucket,
      value: dimension === 'tempo' ? tempoBandLabel(Number(point.value)) : point.value,
      count: withheldBelowMinPeople(point.count, point.people),
    }));
  }

  /**
   * The most played, liked or remixed pieces the viewer may see. Only pieces at least MIN_PEOPLE
   * different people played, liked or remixed are ranked (fewer would single people out).
   */
  async topCompositions(window: TimeWindow, metric: PopularityMetric, first: number, viewer: Viewer | null): Promise<{ composition: CompositionView; count: number }[]> {
    const figures = await this.repo.topCompositions(window, METRIC_KINDS[metric], first, MIN_PEOPLE);
    const views = await this.compositions.byRefs(
      figures.map((figure) => figure.key),
      viewer,
    );
    return figures.flatMap((figure, i) => {
      const composition = views[i];
      return composition && composition.visibility === 'PUBLIC' ? [{ composition, count: figure.count }] : [];
    });
  }

  async contestStatistics(window: TimeWindow) {
    const stats = await this.repo.contestStatistics(window);
    return {
      contestCount: stats.contests,
      entryCount: withheldBelowMinPeople(stats.entries, stats.entrants),
      entrantCount: withheldBelowMinPeople(stats.entrants, stats.entrants),
      voteCount: withheldBelowMinPeople(stats.votes, stats.voters),
      voterCount: withheldBelowMinPeople(stats.voters, stats.voters),
    };
  }

  // Partner usage

  partnerUsage(partnerId: number, window: TimeWindow) {
    return this.repo.partnerUsage(partnerId, window);
  }

  /** One partner's requests in the window as a CSV or Parquet file's bytes. */
  async usageFile(partnerId: number, window: TimeWindow, format: UsageFormat): Promise<Buffer> {
    const directory = await mkdtemp(join(tmpdir(), 'aero-melody-usage-'));
    try {
      const file = join(directory, `usage.${format}`);
      await this.repo.exportUsage(partnerId, window, file, format);
      return await readFile(file);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }
}
