import { describe, expect, it } from 'vitest';
import { kShortestPaths, type FlightGraph, type ShortestPath } from '../../../../server/engine/geo/paths.js';
import { haversineKm, type LatLon } from '../../../../server/engine/geo/sphere.js';
import { mulberry32 } from '../../../support/random.js';

interface TestGraph extends FlightGraph {
  positions: LatLon[];
  edges: Map<number, Map<number, number>>;
}

/**
 * A FlightGraph over airports at `positions` with directed `edges` [from, to]. Each edge is as
 * long as the great circle between its ends times `stretch(from, to)` (>= 1), so the direct
 * distance stays a lower bound on any itinerary.
 */
function buildGraph(positions: LatLon[], edges: [number, number][], stretch: (from: number, to: number) => number = () => 1): TestGraph {
  const map = new Map<number, Map<number, number>>();
  for (const [from, to] of edges) {
    if (from === to) continue;
    if (!map.has(from)) map.set(from, new Map());
    map.get(from)!.set(to, haversineKm(positions[from], positions[to]) * stretch(from, to));
  }
  const outgoingTargets: Int32Array[] = [];
  const outgoingDistances: Float64Array[] = [];
  for (let i = 0; i < positions.length; i++) {
    const out = [...(map.get(i) ?? new Map<number, number>()).entries()];
    outgoingTargets.push(Int32Array.from(out.map(([to]) => to)));
    outgoingDistances.push(Float64Array.from(out.map(([, d]) => d)));
  }
  return {
    positions,
    edges: map,
    outgoingTargets,
    outgoingDistances,
    directDistance: (from, to) => haversineKm(positions[from], positions[to]),
    hasEdge: (from, to) => map.get(from)?.has(to) ?? false,
  };
}

/** Every simple path from → to with at most maxLegs legs, sorted by length. */
function bruteForce(graph: TestGraph, from: number, to: number, maxLegs: number): ShortestPath[] {
  const found: ShortestPath[] = [];
  const walk = (path: number[], distance: number) => {
    const node = path[path.length - 1];
    if (node === to && path.length > 1) {
      found.push({ nodes: [...path], distanceKm: distance });
      return;
    }
    if (path.length - 1 === maxLegs) return;
    for (const [next, d] of graph.edges.get(node) ?? []) {
      if (path.includes(next)) continue;
      path.push(next);
      walk(path, distance + d);
      path.pop();
    }
  };
  if (from !== to) walk([from], 0);
  return found.sort((a, b) => a.distanceKm - b.distanceKm);
}

function randomGraph(seed: number, stretched: boolean): TestGraph {
  const random = mulberry32(seed);
  const n = 4 + Math.floor(random() * 9); // 4..12 airports
  const density = 0.15 + random() * 0.5;
  const positions: LatLon[] = [];
  for (let i = 0; i < n; i++) positions.push({ latitude: -60 + random() * 120, longitude: -180 + random() * 360 });
  const edges: [number, number][] = [];
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b && random() < density) edges.push([a, b]);
  const factors = new Map<string, number>();
  const stretch = stretched
    ? (from: number, to: number) => {
        const key = `${from}>${to}`;
        if (!factors.has(key)) factors.set(key, 1 + random() * 0.6);
        return factors.get(key)!;
      }
    : undefined;
  return buildGraph(positions, edges, stretch);
}

/** Checks kShortestPaths against the brute force, allowing only exact distance ties to swap. */
function expectSameAsBruteForce(graph: TestGraph, from: number, to: number, maxLegs: number, limit: number): ShortestPath[] {
  const actual = kShortestPaths(graph, from, to, maxLegs, limit);
  const all = bruteForce(graph, from, to, maxLegs);
  const expected = all.slice(0, limit);
  const context = `from ${from} to ${to}, maxLegs ${maxLegs}, limit ${limit}`;
  expect(
    actual.map((p) => p.distanceKm),
    context,
  ).toHaveLength(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i].distanceKm - expected[i].distanceKm), context).toBeLessThan(1e-9);
    const tied = all.filter((p) => Math.abs(p.distanceKm - expected[i].distanceKm) < 1e-9).map((p) => p.nodes.join('>'));
    if (tied.length === 1) expect(actual[i].nodes, context).toEqual(expected[i].nodes);
    else expect(tied, context).toContain(actual[i].nodes.join('>'));
  }
  return actual;
}

function pathLength(graph: TestGraph, nodes: number[]): number {
  let total = 0;
  for (let i = 1; i < nodes.length; i++) total += graph.edges.get(nodes[i - 1])!.get(nodes[i])!;
  return total;
}

// A small hand-made network: 0 is London, 1 Paris, 2 Frankfurt, 3 Zurich, 4 Madrid, 5 Rome.
const EUROPE: LatLon[] = [
  { latitude: 51.47, longitude: -0.46 },
  { latitude: 49.01, longitude: 2.55 },
  { latitude: 50.03, longitude: 8.57 },
  { latitude: 47.46, longitude: 8.55 },
  { latitude: 40.47, longitude: -3.56 },
  { latitude: 41.8, longitude: 12.24 },
];
const europe = () =>
  buildGraph(EUROPE, [
    [0, 1],
    [1, 0],
    [0, 2],
    [1, 3],
    [2, 3],
    [3, 5],
    [1, 5],
    [0, 4],
    [4, 5],
    [2, 5],
    [1, 2],
  ]);

describe('kShortestPaths', () => {
  it('finds the itineraries of a small network in order of distance', () => {
    const graph = europe();
    const paths = kShortestPaths(graph, 0, 5, 3, 10);
    expect(paths.map((p) => p.nodes)).toEqual(bruteForce(graph, 0, 5, 3).map((p) => p.nodes));
    expect(paths.length).toBeGreaterThanOrEqual(5);
    for (const path of paths) {
      expect(path.nodes[0]).toBe(0);
      expect(path.nodes.at(-1)).toBe(5);
      expect(path.distanceKm).toBeCloseTo(pathLength(graph, path.nodes), 9);
    }
  });

  it('returns the direct flight first when there is one', () => {
    const graph = europe();
    const [first] = kShortestPaths(graph, 1, 5, 4, 1);
    expect(first.nodes).toEqual([1, 5]);
    expect(first.distanceKm).toBe(haversineKm(EUROPE[1], EUROPE[5]));
  });

  it('respects maxLegs', () => {
    const graph = europe();
    expect(kShortestPaths(graph, 0, 5, 1, 10)).toEqual([]);
    const twoLegs = kShortestPaths(graph, 0, 5, 2, 10);
    expect(twoLegs.map((p) => p.nodes)).toEqual(
      [
        [0, 1, 5],
        [0, 2, 5],
        [0, 4, 5],
      ].sort((a, b) => pathLength(graph, a) - pathLength(graph, b)),
    );
    for (const path of kShortestPaths(graph, 0, 5, 3, 100)) expect(path.nodes.length - 1).toBeLessThanOrEqual(3);
  });

  it('respects limit', () => {
    const graph = europe();
    const all = kShortestPaths(graph, 0, 5, 4, 100);
    expect(all.length).toBeGreaterThan(3);
    expect(kShortestPaths(graph, 0, 5, 4, 3)).toEqual(all.slice(0, 3));
    expect(kShortestPaths(graph, 0, 5, 4, 1)).toEqual(all.slice(0, 1));
  });

  it('returns nothing for a zero limit or zero legs', () => {
    const graph = europe();
    expect(kShortestPaths(graph, 0, 5, 3, 0)).toEqual([]);
    expect(kShortestPaths(graph, 0, 5, 0, 10)).toEqual([]);
  });

  it('returns nothing from an airport to itself', () => {
    const graph = europe();
    expect(kShortestPaths(graph, 0, 0, 4, 10)).toEqual([]);
    expect(kShortestPaths(graph, 1, 1, 4, 10)).toEqual([]);
  });

  it('returns nothing when the destination is unreachable', () => {
    const graph = europe();
    expect(kShortestPaths(graph, 5, 0, 5, 10)).toEqual([]); // Rome has no departures
    expect(kShortestPaths(graph, 4, 1, 5, 10)).toEqual([]); // Madrid only reaches Rome
  });

  it('never repeats an airport even when cycles are available', () => {
    const positions = EUROPE.slice(0, 4);
    const all: [number, number][] = [];
    for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) if (a !== b) all.push([a, b]);
    const graph = buildGraph(positions, all);
    const paths = kShortestPaths(graph, 0, 3, 6, 100);
    // On a complete graph of 4 nodes there are 1 + 2 + 2 = 5 simple paths from 0 to 3.
    expect(paths).toHaveLength(5);
    for (const path of paths) expect(new Set(path.nodes).size).toBe(path.nodes.length);
  });

  it('matches a brute-force enumeration on many random graphs', () => {
    let compared = 0;
    let nonEmpty = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const graph = randomGraph(seed, false);
      const random = mulberry32(seed * 7919);
      const n = graph.positions.length;
      for (let query = 0; query < 6; query++) {
        const from = Math.floor(random() * n);
        const to = Math.floor(random() * n);
        const maxLegs = 1 + Math.floor(random() * 4);
        const limit = 1 + Math.floor(random() * 12);
        const paths = expectSameAsBruteForce(graph, from, to, maxLegs, limit);
        compared++;
        if (paths.length > 0) nonEmpty++;
      }
    }
    expect(compared).toBe(900);
    // The random graphs must exercise the search, not just return [] everywhere.
    expect(nonEmpty).toBeGreaterThan(300);
  });

  it('matches a brute-force enumeration when legs are longer than the great circle', () => {
    let nonEmpty = 0;
    for (let seed = 1000; seed < 1100; seed++) {
      const graph = randomGraph(seed, true);
      const random = mulberry32(seed * 104729);
      const n = graph.positions.length;
      for (let query = 0; query < 5; query++) {
        const from = Math.floor(random() * n);
        const to = (from + 1 + Math.floor(random() * (n - 1))) % n;
        const paths = expectSameAsBruteForce(graph, from, to, 1 + Math.floor(random() * 5), 1 + Math.floor(random() * 20));
        if (paths.length > 0) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(200);
  });

  it('returns simple paths within maxLegs, sorted by distance, on random graphs', () => {
    for (let seed = 500; seed < 560; seed++) {
      const graph = randomGraph(seed, false);
      const n = graph.positions.length;
      for (let from = 0; from < n; from++) {
        const to = (from + 1) % n;
        const paths = kShortestPaths(graph, from, to, 4, 25);
        for (let i = 0; i < paths.length; i++) {
          const { nodes, distanceKm } = paths[i];
          expect(nodes[0]).toBe(from);
          expect(nodes.at(-1)).toBe(to);
          expect(nodes.length - 1).toBeLessThanOrEqual(4);
          expect(new Set(nodes).size).toBe(nodes.length);
          for (let leg = 1; leg < nodes.length; leg++) expect(graph.hasEdge(nodes[leg - 1], nodes[leg])).toBe(true);
          expect(distanceKm).toBeCloseTo(pathLength(graph, nodes), 6);
          if (i > 0) expect(distanceKm).toBeGreaterThanOrEqual(paths[i - 1].distanceKm);
        }
        const keys = paths.map((p) => p.nodes.join('>'));
        expect(new Set(keys).size).toBe(keys.length);
      }
    }
  });
});
