/** A directed graph of airports keyed by dense indexes 0..n-1, with great-circle edge lengths. */
export interface FlightGraph {
  /** outgoing[i] lists the destinations of i and the distances, parallel arrays for speed. */
  outgoingTargets: Int32Array[];
  outgoingDistances: Float64Array[];
  /** Straight great-circle distance between two nodes: a lower bound on any itinerary. */
  directDistance(from: number, to: number): number;
  hasEdge(from: number, to: number): boolean;
}

export interface ShortestPath {
  nodes: number[];
  distanceKm: number;
}

interface SearchState {
  node: number;
  /** Distance flown so far. */
  cost: number;
  /** cost + the direct distance still to go: a lower bound on any completion of this path. */
  estimate: number;
  legs: number;
  parent: SearchState | null;
}

class MinHeap {
  private readonly items: SearchState[] = [];

  get size(): number {
    return this.items.length;
  }

  push(item: SearchState): void {
    const items = this.items;
    items.push(item);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (items[parent].estimate <= item.estimate) break;
      items[index] = items[parent];
      index = parent;
    }
    items[index] = item;
  }

  pop(): SearchState | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child = right < items.length && items[right].estimate < items[left].estimate ? right : left;
        if (items[child].estimate >= last.estimate) break;
        items[index] = items[child];
        index = child;
      }
      items[index] = last;
    }
    return top;
  }
}

function onPath(state: SearchState, node: number): boolean {
  for (let s: SearchState | null = state; s; s = s.parent) if (s.node === node) return true;
  return false;
}

function unwind(state: SearchState): number[] {
  const nodes: number[] = [];
  for (let s: SearchState | null = state; s; s = s.parent) nodes.push(s.node);
  return nodes.reverse();
}

/**
 * The `limit` shortest simple itineraries from `from` to `to` with at most `maxLegs` legs, shortest
 * first. Best-first search over partial itineraries ordered by flown + direct remaining distance
 * (admissible: no itinerary beats the great circle), so itineraries come out in order and the
 * search stops after the `limit`-th. Two pruning rules keep it to milliseconds on the full
 * network: the last leg must land on `to`, and the leg before it must reach a node with an edge
 * to `to` (the frontier meets the target's predecessors in the middle).
 */
export function kShortestPaths(graph: FlightGraph, from: number, to: number, maxLegs: number, limit: number): ShortestPath[] {
  const results: ShortestPath[] = [];
  if (from === to || limit <= 0 || maxLegs <= 0) return results;
  const heap = new MinHeap();
  heap.push({ node: from, cost: 0, estimate: graph.directDistance(from, to), legs: 0, parent: null });
  while (heap.size > 0 && results.length < limit) {
    const state = heap.pop()!;
    if (state.node === to) {
      results.push({ nodes: unwind(state), distanceKm: state.cost });
      continue;
    }
    const legsLeft = maxLegs - state.legs;
    if (legsLeft === 1) {
      if (graph.hasEdge(state.node, to)) {
        const targets = graph.outgoingTargets[state.node];
        const index = targets.indexOf(to);
        const cost = state.cost + graph.outgoingDistances[state.node][index];
        heap.push({ node: to, cost, estimate: cost, legs: state.legs + 1, parent: state });
      }
      continue;
    }
    const targets = graph.outgoingTargets[state.node];
    const distances = graph.outgoingDistances[state.node];
    for (let i = 0; i < targets.length; i++) {
      const next = targets[i];
      if (legsLeft === 2 && next !== to && !graph.hasEdge(next, to)) continue;
      if (onPath(state, next)) continue;
      const cost = state.cost + distances[i];
      heap.push({ node: next, cost, estimate: cost + graph.directDistance(next, to), legs: state.legs + 1, parent: state });
    }
  }
  return results;
}
