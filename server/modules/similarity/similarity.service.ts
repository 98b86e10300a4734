import { setImmediate as nextTurn } from 'node:timers/promises';
import { VectorIndex } from '../../adapters/vector-index.js';
import { EMBEDDING_DIMENSIONS, embedComposition } from '../../engine/embeddings/index.js';
import { compose, type Flight, type Theme } from '../../engine/music/index.js';
import { BadUserInputError, ServiceUnavailableError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { AirportService } from '../airports/airport.service.js';
import type { CompositionView } from '../compositions/composition.service.js';
import { buildFlight } from '../compositions/flight-builder.js';
import { choicesOfRow, composeOptionsOf } from '../compositions/composition-parameters.js';
import type { FlightNetwork } from '../network/flight-network.js';
import type { NetworkRoute } from '../network/network.repo.js';
import type { NetworkService } from '../network/network.service.js';
import { defaultRouteVector, loadOrBuildRouteIndex, type BuildProgress, type RouteIndex } from './route-index.js';
import type { SavedPieceSource, SimilarityRepo } from './similarity.repo.js';

export interface SimilarityOptions {
  /** Where route indexes are saved, one file pair per data and engine version. */
  indexDir: string;
  logger: Logger;
}

export interface RouteMatchResult {
  route: NetworkRoute;
  score: number;
}

export interface CompositionMatchResult {
  id: number;
  score: number;
}

interface Preparation {
  network: FlightNetwork;
  controller: AbortController;
  progress: BuildProgress | null;
  done: Promise<void>;
}

const SAVED_BATCH = 500;

/** The default the schema declares, applied again when a client sends an explicit null. */
const DEFAULT_MATCHES = 10;
/** How many recent likes and pieces describe a person's taste. */
const TASTE_SAMPLE = 50;
/** Saved pieces are recomposed at start (~0.6 ms each): yield this often to keep serving. */
const SAVED_SLICE_MS = 20;

function embedSavedPiece(row: SavedPieceSource): Float32Array {
  const flight = row.flightSnapshot as Flight;
  const score = compose(flight, composeOptionsOf(row.themeSnapshot as Theme, choicesOfRow(row)));
  return embedComposition(score, flight);
}

/**
 * "Sounds like" search. Routes: one HNSW index over every route's default composition, loaded
 * from its file or built in the background after the network loads, and prepared again for each
 * new network after a re-import (the previous index keeps answering meanwhile). Compositions: a
 * growable index of public saved pieces, filled from the database at start and kept current
 * through addComposition and removeComposition (on delete or when a piece stops being public).
 */
export class SimilarityService {
  private routes: RouteIndex | null = null;
  private preparation: Preparation | null = null;
  private readonly saved = VectorIndex.create({ dimensions: EMBEDDING_DIMENSIONS, capacity: 1024 });
  private savedLoading: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly networks: NetworkService,
    private readonly airports: AirportService,
    private readonly repo: SimilarityRepo,
    private readonly options: SimilarityOptions,
  ) {}

  /** Starts preparing both indexes in the background; failures are logged, never thrown. */
  start(): void {
    this.useNetwork(this.networks.network);
    this.savedLoading = this.loadSavedPieces().catch((error: unknown) => this.options.logger.error({ err: error }, 'indexing saved compositions for similarity failed'));
  }

  /** Prepares the route index for `network` unless it is already served or under way. */
  useNetwork(network: FlightNetwork): void {
    if (this.disposed || this.routes?.network === network || this.preparation?.network === network) return;
    this.preparation?.controller.abort();
    const preparation: Preparation = { network, controller: new AbortController(), progress: null, done: Promise.resolve() };
    this.preparation = preparation;
    preparation.done = this.prepare(preparation)
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'preparing the route similarity index failed'))
      .finally(() => {
        if (this.preparation === preparation) this.preparation = null;
      });
  }

  private async prepare(preparation: Preparation): Promise<void> {
    const { logger, indexDir } = this.options;
    const startedAt = performance.now();
    const result = await loadOrBuildRouteIndex(preparation.network, indexDir, {
      signal: preparation.controller.signal,
      onProgress: (progress) => {
        if (!preparation.progress) logger.info({ routes: progress.total, dir: indexDir }, 'no current route similarity index saved: building it');
        preparation.progress = progress;
      },
    });
    if (!result || preparation.controller.signal.aborted) return;
    this.routes = result.index;
    logger.info(
      { routes: result.index.vectors.size, ms: Math.round(performance.now() - startedAt), dir: indexDir },
      result.built ? 'route similarity index built and saved' : 'route similarity index loaded',
    );
  }

  /** Resolves once the route index for the current preparation is ready (or failed): true when queries can be answered. */
  async routesReady(): Promise<boolean> {
    await this.preparation?.done;
    return this.routes !== null;
  }

  private currentRoutes(): RouteIndex {
    if (this.routes) return this.routes;
    const progress = this.preparation?.progress;
    throw new ServiceUnavailableError(
      progress ? `The route similarity index is being built (${progress.done} of ${progress.total} routes); try again in a minute` : 'The route similarity index is loading; try again in a moment',
    );
  }

  /** Routes whose default compositions sound most like the route's, best first, never the route itself. */
  similarRoutes(from: string, to: string, requested: number | null): RouteMatchResult[] {
    const first = requested ?? DEFAULT_MATCHES;
    const index = this.currentRoutes();
    const origin = this.airports.requireByCode(from, 'from');
    const destination = this.airports.requireByCode(to, 'to');
    if (origin.id === destination.id) {
      throw new BadUserInputError(`from and to are the same airport (${from.toUpperCase()}); choose two different airports`, { argument: 'to' });
    }
    const route = index.network.route(origin.id, destination.id);
    if (!route) throw new BadUserInputError(`no airline flies ${from.toUpperCase()}→${to.toUpperCase()}; similarRoutes compares real routes`, { argument: 'to' });
    const vector = index.vectors.vectorOf(route.id) ?? defaultRouteVector(route, index.network);
    if (!vector) return [];
    return index.vectors.search(vector, first, new Set([route.id])).map((match) => ({ route: index.routeById.get(match.label)!, score: match.score }));
  }

  /** Adds or replaces a saved piece; labels are composition row ids. */
  addComposition(id: number, vector: Float32Array): void {
    this.saved.add(id, vector);
  }

  /** Forgets a saved piece (deleted, or no longer to be suggested); unknown ids are ignored. */
  removeComposition(id: number): void {
    this.saved.remove(id);
  }

  /** Public saved pieces that sound most like `view`, best first, never the piece itself. */
  similarCompositions(view: CompositionView, requested: number | null): CompositionMatchResult[] {
    const first = requested ?? DEFAULT_MATCHES;
    const ownId = view.saved ? Number(view.ref) : null;
    const vector = (ownId !== null ? this.saved.vectorOf(ownId) : null) ?? this.embedView(view);
    if (!vector) return [];
    return this.saved.search(vector, first, new Set(ownId === null ? [] : [ownId])).map((match) => ({ id: match.label, score: match.score }));
  }

  /**
   * Public pieces for a person, from the average sound of what they liked and made (their own
   * pieces and what they already liked are left out). Nothing liked or made yet: no suggestions.
   */
  async recommendations(viewerId: number, requested: number | null): Promise<CompositionMatchResult[]> {
    const first = requested ?? DEFAULT_MATCHES;
    const { liked, made } = await this.repo.tasteOf(viewerId, TASTE_SAMPLE);
    const vectors = [...liked, ...made].map((id) => this.saved.vectorOf(id)).filter((v): v is Float32Array => v !== null);
    if (vectors.length === 0) return [];
    const taste = new Float32Array(vectors[0].length);
    for (const vector of vectors) for (let i = 0; i < taste.length; i++) taste[i] += vector[i];
    const norm = Math.hypot(...taste);
    for (let i = 0; i < taste.length; i++) taste[i] /= norm || 1;
    return this.saved.search(taste, first, new Set([...liked, ...made])).map((match) => ({ id: match.label, score: match.score }));
  }

  /** A piece not in the index (a preview): its score with its flight rebuilt from the current network. */
  private embedView(view: CompositionView): Float32Array | null {
    let flight: Flight;
    try {
      flight = buildFlight({ kind: view.kind, codes: view.airports }, this.networks.network).flight;
    } catch (error) {
      // An airport or route of an old piece that a re-import removed: nothing to compare against.
      if (error instanceof BadUserInputError) return null;
      throw error;
    }
    return embedComposition(view.render().score, flight);
  }

  private async loadSavedPieces(): Promise<void> {
    const startedAt = performance.now();
    let afterId = 0;
    let sliceStartedAt = performance.now();
    for (;;) {
      const rows = await this.repo.savedPiecesAfter(afterId, SAVED_BATCH);
      for (const row of rows) {
        if (this.disposed) return;
        this.saved.add(row.id, embedSavedPiece(row));
        if (performance.now() - sliceStartedAt >= SAVED_SLICE_MS) {
          await nextTurn();
          sliceStartedAt = performance.now();
        }
      }
      if (rows.length < SAVED_BATCH) break;
      afterId = rows[rows.length - 1].id;
    }
    this.options.logger.info({ compositions: this.saved.size, ms: Math.round(performance.now() - startedAt) }, 'saved compositions indexed for similarity');
  }

  /** Stops any build in progress and waits for background work to settle. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.preparation?.controller.abort();
    await Promise.all([this.preparation?.done, this.savedLoading]);
  }
}
