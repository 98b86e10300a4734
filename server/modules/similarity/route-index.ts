/**
 * The route index: the embedding of every route's default composition (what previewComposition
 * gives for the route with no overrides) in one HNSW graph, saved to a file named by everything
 * it depends on, so a server loads it in about a second and rebuilds it only when it is stale.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { deleteSavedIndex, VectorIndex, type VectorIndexTag } from '../../adapters/vector-index.js';
import { EMBEDDING_DIMENSIONS, EMBEDDING_VERSION, embedComposition } from '../../engine/embeddings/index.js';
import { ENGINE_VERSION, compose, defaultThemeIdFor, themeById } from '../../engine/music/index.js';
import type { AirportRow } from '../airports/airport.repo.js';
import { buildFlight } from '../compositions/flight-builder.js';
import type { FlightNetwork } from '../network/flight-network.js';
import type { NetworkRoute } from '../network/network.repo.js';

const FILE_PREFIX = 'routes-';

/** Work between yields while building, so requests keep being served (a route takes ~0.5 ms). */
const BUILD_SLICE_MS = 20;

export interface RouteIndex {
  /** The network snapshot the index was built from: queries resolve routes in it, not in a newer one. */
  network: FlightNetwork;
  vectors: VectorIndex;
  routeById: Map<number, NetworkRoute>;
}

export interface BuildProgress {
  done: number;
  total: number;
}

const codeOf = (airport: AirportRow | undefined): string | null => airport?.iata ?? airport?.icao ?? null;

/**
 * The embedding of the route's default composition; null for a route no request can name (an
 * end without a code, or a code that resolves to another airport), which the index leaves out.
 */
export function defaultRouteVector(route: NetworkRoute, network: FlightNetwork): Float32Array | null {
  const from = codeOf(network.airportById(route.originId));
  const to = codeOf(network.airportById(route.destinationId));
  if (!from || !to || network.airportByCode(from)?.id !== route.originId || network.airportByCode(to)?.id !== route.destinationId) return null;
  const { flight } = buildFlight({ kind: 'ROUTE', codes: [from, to] }, network);
  const score = compose(flight, { theme: themeById(defaultThemeIdFor(flight))! });
  return embedComposition(score, flight);
}

/**
 * Everything the default compositions read from the data: each route's ends and distance, and
 * each airport's codes, position, elevation, clock, country and hub size. A re-import that
 * changes none of them keeps the index; any change makes a new one.
 */
export function routeIndexTag(network: FlightNetwork): VectorIndexTag {
  const hash = createHash('sha256');
  const airportIds = new Set<number>();
  for (const route of network.routes) {
    hash.update(`${route.id},${route.originId},${route.destinationId},${route.distanceKm}\n`);
    airportIds.add(route.originId);
    airportIds.add(route.destinationId);
  }
  for (const id of [...airportIds].sort((a, b) => a - b)) {
    const a = network.airportById(id)!;
    hash.update(`${a.id},${a.iata},${a.icao},${a.latitude},${a.longitude},${a.altitudeFt},${a.utcOffsetHours},${a.country},${a.destinationCount}\n`);
  }
  return { engine: ENGINE_VERSION, embedding: EMBEDDING_VERSION, dimensions: String(EMBEDDING_DIMENSIONS), data: hash.digest('hex') };
}

/** e.g. routes-e1.0.0-v1-3f2a9c01b7d4e655: readable versions, then the data fingerprint. */
export function routeIndexName(tag: VectorIndexTag): string {
  return `${FILE_PREFIX}e${tag.engine}-v${tag.embedding}-${tag.data.slice(0, 16)}`;
}

function routeById(network: FlightNetwork): Map<number, NetworkRoute> {
  return new Map(network.routes.map((route) => [route.id, route]));
}

export async function loadRouteIndex(network: FlightNetwork, dir: string): Promise<RouteIndex | null> {
  const tag = routeIndexTag(network);
  const vectors = await VectorIndex.load(join(dir, routeIndexName(tag)), EMBEDDING_DIMENSIONS, tag);
  return vectors && { network, vectors, routeById: routeById(network) };
}

/**
 * Composes and embeds every route, a slice at a time so the event loop stays free (~20 s of CPU
 * for 37k routes). Stops early, returning null, once `signal` aborts.
 */
export async function buildRouteIndex(network: FlightNetwork, options: { signal?: AbortSignal; onProgress?: (progress: BuildProgress) => void } = {}): Promise<RouteIndex | null> {
  const routes = network.routes;
  const vectors = VectorIndex.create({ dimensions: EMBEDDING_DIMENSIONS, capacity: routes.length });
  let sliceStartedAt = performance.now();
  for (let i = 0; i < routes.length; i++) {
    const vector = defaultRouteVector(routes[i], network);
    if (vector) vectors.add(routes[i].id, vector);
    if (performance.now() - sliceStartedAt >= BUILD_SLICE_MS) {
      options.onProgress?.({ done: i + 1, total: routes.length });
      await nextTurn();
      if (options.signal?.aborted) return null;
      sliceStartedAt = performance.now();
    }
  }
  options.onProgress?.({ done: routes.length, total: routes.length });
  return { network, vectors, routeById: routeById(network) };
}

/** Saves the index under its versioned name and deletes route indexes of other versions. */
export async function saveRouteIndex(index: RouteIndex, dir: string): Promise<string> {
  const tag = routeIndexTag(index.network);
  const name = routeIndexName(tag);
  await mkdir(dir, { recursive: true });
  await index.vectors.save(join(dir, name), tag);
  const stale = (await readdir(dir)).filter((file) => file.startsWith(FILE_PREFIX) && file.endsWith('.json') && file !== `${name}.json`);
  await Promise.all(stale.map((file) => deleteSavedIndex(join(dir, file.slice(0, -'.json'.length)))));
  return join(dir, name);
}

/** The saved index when it is current, else a fresh build saved for next time. */
export async function loadOrBuildRouteIndex(
  network: FlightNetwork,
  dir: string,
  options: { signal?: AbortSignal; onProgress?: (progress: BuildProgress) => void } = {},
): Promise<{ index: RouteIndex; built: boolean } | null> {
  const loaded = await loadRouteIndex(network, dir);
  if (loaded) return { index: loaded, built: false };
  const built = await buildRouteIndex(network, options);
  if (!built) return null;
  await saveRouteIndex(built, dir);
  return { index: built, built: true };
}
