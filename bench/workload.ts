/**
 * The requests the load bench sends: persisted GETs and POSTed operations built from the
 * committed manifest, the scenarios' query texts, and the mixed traffic shaped like real use
 * (skewed popularity from a seeded generator, so runs are comparable).
 */
import { readFileSync } from 'node:fs';
import { PERSISTED_OPERATIONS_FILE } from '../server/paths.js';

export interface BenchRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(PERSISTED_OPERATIONS_FILE, 'utf8')) as Record<string, string>;
const entryOf = (operationName: string): [string, string] => Object.entries(manifest).find(([, document]) => document.startsWith(`query ${operationName}(`))!;
const hashOf = (operationName: string): string => entryOf(operationName)[0];

export function persistedGet(operationName: string, variables: Record<string, unknown>): BenchRequest {
  const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hashOf(operationName) } });
  return { method: 'GET', path: `/graphql?${new URLSearchParams({ operationName, variables: JSON.stringify(variables), extensions })}` };
}

export function post(query: string, variables: Record<string, unknown>, bypassCache = false): BenchRequest {
  return { method: 'POST', path: '/graphql', body: JSON.stringify({ query, variables }), headers: bypassCache ? { 'cache-control': 'no-cache' } : {} };
}

/** A named operation as a client without persisted queries sends it: its whole text, POSTed. */
export function postOperation(operationName: string, variables: Record<string, unknown>): BenchRequest {
  return { method: 'POST', path: '/graphql', body: JSON.stringify({ query: entryOf(operationName)[1], operationName, variables }) };
}

/** A deterministic pseudo-random sequence, so runs are comparable. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Index i of n drawn with probability proportional to 1 / (i + 1): a few items get most requests. */
function zipf(n: number, next: () => number): number {
  const harmonic = Math.log(n) + 0.5772;
  return Math.min(n - 1, Math.floor(Math.exp(next() * harmonic)) - 1);
}

export interface Workload {
  pairs: [string, string][];
  compositionIds: string[];
}

export const ROUTE = 'query($f: String!, $t: String!) { route(from: $f, to: $t) { id distanceKm durationMinutes airlines { iata name } equipment } }';
export const PATHS = 'query($f: String!, $t: String!) { findPaths(from: $f, to: $t, maxStops: 2, limit: 5) { stops totalDistanceKm legs { id distanceKm } } }';
export const PREVIEW = 'query($f: String!, $t: String!) { previewComposition(input: { route: { from: $f, to: $t } }) { id tempoBpm key scale durationSeconds midi } }';
export const SIMILAR = 'query($f: String!, $t: String!) { similarRoutes(from: $f, to: $t, first: 10) { score route { id distanceKm } } }';

/** Requests shaped like real use: mostly reads of popular reference data and pieces. */
export function mixedRequests({ pairs, compositionIds }: Workload, count: number): BenchRequest[] {
  const next = random(7);
  const airports = [...new Set(pairs.flat())];
  return Array.from({ length: count }, (_, i) => {
    const roll = next();
    const pair = pairs[zipf(pairs.length, next)];
    // Half the readers are apps with persisted queries (GET), half send the query text (POST).
    const read = next() < 0.5 ? persistedGet : postOperation;
    if (roll < 0.35) return read('Route', { from: pair[0], to: pair[1] });
    if (roll < 0.6) return read('Airport', { code: airports[zipf(airports.length, next)] });
    if (roll < 0.85) return read('Composition', { id: compositionIds[zipf(compositionIds.length, next)] });
    if (roll < 0.93) return read('SearchAirports', { query: airports[zipf(airports.length, next)].slice(0, 2), first: 5 });
    if (roll < 0.97) return post(PREVIEW, { f: pair[0], t: pair[1] });
    if (roll < 0.99) return post(SIMILAR, { f: pair[0], t: pair[1] });
    // Compose something nobody asked for before: the cache cannot help.
    const [from, to] = pairs[(i * 7_919) % pairs.length];
    return post(PREVIEW.replace('route: { from: $f, to: $t }', `route: { from: $f, to: $t }, variation: ${(i % 97) + 1}`), { f: from, t: to });
  });
}
