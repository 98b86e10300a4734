/**
 * Nearest-neighbour search over unit-length vectors with hnswlib (HNSW graphs, C++ via N-API).
 * Similarity is the inner product, so a match's score is 1 - hnswlib's "ip" distance.
 *
 * On disk an index is two files: `<name>.hnsw` in hnswlib's own format and `<name>.json`, a header
 * naming the format, the graph parameters and the caller's version tag. The header is written
 * last, both by rename, so a header always describes a complete index file; a header that does
 * not match what the caller expects makes the index stale and `loadVectorIndex` returns null.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import hnswlib from 'hnswlib-node';
import type { BruteforceSearch, HierarchicalNSW } from 'hnswlib-node';

const FORMAT = 'aero-melody/hnswlib-node@3/ip';
const FORMAT_VERSION = 1;

export interface VectorIndexOptions {
  dimensions: number;
  /** Starting capacity; adding past it doubles it. */
  capacity: number;
  /** Graph degree: 16 keeps recall@10 above 0.95 on the composition embeddings at a few MB per 37k. */
  m?: number;
  efConstruction?: number;
  /** Candidate list length at query time (at least k); higher is slower and closer to exact. */
  efSearch?: number;
  /** Fixed, so building from the same vectors in the same order gives the same graph. */
  seed?: number;
}

export interface VectorMatch {
  label: number;
  score: number;
}

/** What the caller requires of a saved index, e.g. the data and engine versions it was built from. */
export type VectorIndexTag = Record<string, string>;

interface Header {
  format: string;
  formatVersion: number;
  dimensions: number;
  count: number;
  m: number;
  efConstruction: number;
  tag: VectorIndexTag;
}

const DEFAULTS = { m: 16, efConstruction: 200, efSearch: 80, seed: 100 };

const toScore = (distance: number): number => Math.min(1, Math.max(0, 1 - distance));

/** Best first, `exclude` left out, at most `k`. */
function toMatches(result: { distances: number[]; neighbors: number[] }, k: number, exclude: ReadonlySet<number>): VectorMatch[] {
  const matches: VectorMatch[] = [];
  for (let i = 0; i < result.neighbors.length && matches.length < k; i++) {
    if (!exclude.has(result.neighbors[i])) matches.push({ label: result.neighbors[i], score: toScore(result.distances[i]) });
  }
  return matches;
}

/** An HNSW index that grows as labels are added and forgets labels that are removed. */
export class VectorIndex {
  private readonly live = new Set<number>();
  /** Labels hnswlib still holds but marked deleted: adding one again revives its slot. */
  private readonly deleted = new Set<number>();

  private constructor(
    private readonly index: HierarchicalNSW,
    readonly dimensions: number,
    private readonly m: number,
    private readonly efConstruction: number,
    private readonly efSearch: number,
    labels: Iterable<number>,
  ) {
    for (const label of labels) this.live.add(label);
  }

  static create(options: VectorIndexOptions): VectorIndex {
    const m = options.m ?? DEFAULTS.m;
    const efConstruction = options.efConstruction ?? DEFAULTS.efConstruction;
    const index = new hnswlib.HierarchicalNSW('ip', options.dimensions);
    index.initIndex({ maxElements: Math.max(1, options.capacity), m, efConstruction, randomSeed: options.seed ?? DEFAULTS.seed });
    return new VectorIndex(index, options.dimensions, m, efConstruction, options.efSearch ?? DEFAULTS.efSearch, []);
  }

  get size(): number {
    return this.live.size;
  }

  has(label: number): boolean {
    return this.live.has(label);
  }

  /** Adds or replaces the vector under `label`. */
  add(label: number, vector: Float32Array): void {
    if (vector.length !== this.dimensions) throw new RangeError(`vector has ${vector.length} dimensions, the index ${this.dimensions}`);
    if (this.deleted.delete(label)) this.index.unmarkDelete(label);
    else if (!this.live.has(label) && this.live.size + this.deleted.size >= this.index.getMaxElements()) {
      this.index.resizeIndex(this.index.getMaxElements() * 2);
    }
    this.index.addPoint(Array.from(vector), label);
    this.live.add(label);
  }

  /** False when the label was not in the index. */
  remove(label: number): boolean {
    if (!this.live.delete(label)) return false;
    this.index.markDelete(label);
    this.deleted.add(label);
    return true;
  }

  vectorOf(label: number): Float32Array | null {
    return this.live.has(label) ? Float32Array.from(this.index.getPoint(label)) : null;
  }

  /** The `k` most similar vectors, best first, never a label in `exclude`. */
  search(vector: Float32Array, k: number, exclude: ReadonlySet<number> = new Set()): VectorMatch[] {
    const wanted = Math.min(k + exclude.size, this.index.getMaxElements());
    if (this.live.size === 0 || wanted <= 0) return [];
    this.index.setEf(Math.max(this.efSearch, wanted));
    return toMatches(this.index.searchKnn(Array.from(vector), wanted), k, exclude);
  }

  async save(file: string, tag: VectorIndexTag): Promise<void> {
    const header: Header = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      dimensions: this.dimensions,
      count: this.live.size,
      m: this.m,
      efConstruction: this.efConstruction,
      tag,
    };
    // Per-process temporary names: two servers saving the same index never interleave bytes.
    const suffix = `.tmp-${process.pid}`;
    await this.index.writeIndex(`${file}.hnsw${suffix}`);
    await rename(`${file}.hnsw${suffix}`, `${file}.hnsw`);
    await writeFile(`${file}.json${suffix}`, `${JSON.stringify(header, null, 2)}\n`);
    await rename(`${file}.json${suffix}`, `${file}.json`);
  }

  /**
   * The index saved under `file` when its header matches `tag` and the dimensions; null when it
   * is missing, stale or unreadable (the caller then rebuilds it).
   */
  static async load(file: string, dimensions: number, tag: VectorIndexTag, efSearch: number = DEFAULTS.efSearch): Promise<VectorIndex | null> {
    let header: Header;
    try {
      header = JSON.parse(await readFile(`${file}.json`, 'utf8')) as Header;
    } catch {
      return null;
    }
    const tagMatches = Object.keys(tag).length === Object.keys(header.tag ?? {}).length && Object.entries(tag).every(([key, value]) => header.tag[key] === value);
    if (header.format !== FORMAT || header.formatVersion !== FORMAT_VERSION || header.dimensions !== dimensions || !tagMatches) return null;
    const index = new hnswlib.HierarchicalNSW('ip', dimensions);
    try {
      await index.readIndex(`${file}.hnsw`);
    } catch {
      return null;
    }
    const labels = index.getIdsList();
    if (labels.length !== header.count) return null;
    return new VectorIndex(index, dimensions, header.m, header.efConstruction, efSearch, labels);
  }
}

/** Removes both files of a saved index (a missing file is not an error). */
export async function deleteSavedIndex(file: string): Promise<void> {
  await Promise.all([rm(`${file}.hnsw`, { force: true }), rm(`${file}.json`, { force: true })]);
}

/** Exact search by scanning every vector: the yardstick HNSW recall and speed are measured against. */
export class ExactVectorIndex {
  private readonly index: BruteforceSearch;

  constructor(
    readonly dimensions: number,
    capacity: number,
  ) {
    this.index = new hnswlib.BruteforceSearch('ip', dimensions);
    this.index.initIndex(Math.max(1, capacity));
  }

  add(label: number, vector: Float32Array): void {
    this.index.addPoint(Array.from(vector), label);
  }

  search(vector: Float32Array, k: number, exclude: ReadonlySet<number> = new Set()): VectorMatch[] {
    const wanted = Math.min(k + exclude.size, this.index.getCurrentCount());
    if (wanted <= 0) return [];
    return toMatches(this.index.searchKnn(Array.from(vector), wanted), k, exclude);
  }
}
