import type { AnalyticsDatabase } from '../../adapters/duckdb.js';
import type { AnalyticsEvent, MusicEventKind } from './analytics-event.js';
import { FactWriter, type FactWriterOptions } from './analytics-ingest.repo.js';
import { migrateLayout } from './analytics-layout.repo.js';
import { MusicQueries } from './analytics-music.repo.js';
import { type DimensionRows, NetworkQueries } from './analytics-network.repo.js';
import { num } from './analytics-sql.js';
import { UsageQueries } from './analytics-usage.repo.js';
import type { TimeWindow } from './figures.js';

export type { CountFigure, TrendPoint } from './analytics-music.repo.js';
export type { DimensionRows, RoutePair } from './analytics-network.repo.js';
export type { PartnerUsageFigures } from './analytics-usage.repo.js';

/**
 * The DuckDB side of analytics: the layout and its upgrade (analytics-layout.repo.ts), ingestion,
 * idempotent by stream entry (analytics-ingest.repo.ts), and the network, music and usage queries.
 */
export class AnalyticsRepo {
  private prepared = false;
  private readonly writer: FactWriter;
  private readonly network: NetworkQueries;
  private readonly music: MusicQueries;
  private readonly usage: UsageQueries;

  constructor(
    private readonly db: AnalyticsDatabase,
    options?: FactWriterOptions,
  ) {
    this.writer = new FactWriter(options);
    this.network = new NetworkQueries(db);
    this.music = new MusicQueries(db);
    this.usage = new UsageQueries(db);
  }

  /** Creates the layout, upgrading an older store in place (one transaction: all or nothing). */
  async migrate(): Promise<void> {
    await this.db.write(async (connection) => {
      await migrateLayout(connection);
      await this.writer.load(connection);
    });
    this.prepared = true;
  }

  /**
   * Writes a batch of stream entries in one transaction. An entry is stored whole or not at all, and
   * one already stored is skipped, so a redelivered entry counts once. Returns how many events were new.
   */
  async ingest(entries: readonly (readonly AnalyticsEvent[])[]): Promise<number> {
    if (!this.prepared) throw new Error('AnalyticsRepo.migrate() must run before ingest()');
    if (!entries.some((entry) => entry.length > 0)) return 0;
    return this.db.write((connection) => this.writer.ingest(connection, entries));
  }

  async eventCounts(): Promise<{ music: number; requests: number }> {
    const [row] = await this.db.query('SELECT (SELECT count(*) FROM music_rows) AS music, (SELECT count(*) FROM request_rows) AS requests');
    return { music: num(row.music), requests: num(row.requests) };
  }

  replaceDimensions(rows: DimensionRows) {
    return this.network.replaceDimensions(rows);
  }
  routeCountsByDistanceBand() {
    return this.network.routeCountsByDistanceBand();
  }
  topHubs(first: number) {
    return this.network.topHubs(first);
  }
  topCountries(first: number) {
    return this.network.topCountries(first);
  }
  routesByDistance(first: number, longest: boolean) {
    return this.network.routesByDistance(first, longest);
  }
  airportProfile(airportId: number) {
    return this.network.airportProfile(airportId);
  }

  compositionsByTheme(window: TimeWindow) {
    return this.music.compositionsByTheme(window);
  }
  /** Saved pieces per time bucket and key, scale or tempo band (the band's index as text). */
  creationTrend(window: TimeWindow, dimension: 'key' | 'scale' | 'tempo') {
    return this.music.creationTrend(window, dimension);
  }
  topCompositions(window: TimeWindow, kinds: readonly MusicEventKind[], first: number, minPeople: number) {
    return this.music.topCompositions(window, kinds, first, minPeople);
  }
  contestStatistics(window: TimeWindow) {
    return this.music.contestStatistics(window);
  }

  partnerUsage(partnerId: number, window: TimeWindow) {
    return this.usage.usage(partnerId, window);
  }
  /** Writes one partner's requests in the window to `file` as CSV or Parquet (the path is ours, never the client's). */
  exportUsage(partnerId: number, window: TimeWindow, file: string, format: 'csv' | 'parquet') {
    return this.usage.exportUsage(partnerId, window, file, format);
  }
}
