/**
 * The route similarity index in-process, on one core: how long loading the saved index takes, and
 * query time per similarRoutes-style search (k = 10) with HNSW beside exact brute force over the
 * same vectors, measured in the same run, with HNSW's recall@10 against exact. Reads the network
 * from the database named by DATABASE_URL (run `npm start` or `npm run import` once first) and
 * builds the index into SIMILARITY_INDEX_DIR when no current one is saved there.
 */
import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createDatabasePool } from '../server/adapters/mariadb.js';
import { createPrisma } from '../server/adapters/prisma.js';
import { ExactVectorIndex } from '../server/adapters/vector-index.js';
import { loadConfig, readProcessEnvironment } from '../server/config.js';
import { EMBEDDING_DIMENSIONS } from '../server/engine/embeddings/index.js';
import { FlightNetwork } from '../server/modules/network/flight-network.js';
import { loadNetworkRows } from '../server/modules/network/network.repo.js';
import { loadOrBuildRouteIndex, loadRouteIndex } from '../server/modules/similarity/route-index.js';
import { PROJECT_ROOT } from '../server/paths.js';

const QUERIES = 1_000;
const K = 10;

const config = loadConfig(readProcessEnvironment());
const database = createDatabasePool(config.database);
const prisma = createPrisma(database);
let network: FlightNetwork;
try {
  network = new FlightNetwork(await loadNetworkRows(prisma));
} finally {
  await prisma.$disconnect();
  await database.dispose();
}
const dir = config.similarity.indexDir;

let startedAt = performance.now();
const prepared = await loadOrBuildRouteIndex(network, dir);
const preparedMs = performance.now() - startedAt;
startedAt = performance.now();
const index = (await loadRouteIndex(network, dir))!;
const loadMs = performance.now() - startedAt;

const ids = network.routes.map((route) => route.id).filter((id) => index.vectors.has(id));
const vectors = new Map(ids.map((id) => [id, index.vectors.vectorOf(id)!]));
const exact = new ExactVectorIndex(EMBEDDING_DIMENSIONS, ids.length);
for (const [id, vector] of vectors) exact.add(id, vector);
const stride = Math.max(1, Math.floor(ids.length / QUERIES));
const queries = Array.from({ length: Math.min(QUERIES, ids.length) }, (_, i) => ids[i * stride]);

function timePerQuery(search: (id: number) => unknown): number {
  for (const id of queries.slice(0, 100)) search(id);
  const started = performance.now();
  for (const id of queries) search(id);
  return (performance.now() - started) / queries.length;
}
const hnswMs = timePerQuery((id) => index.vectors.search(vectors.get(id)!, K, new Set([id])));
const exactMs = timePerQuery((id) => exact.search(vectors.get(id)!, K, new Set([id])));
let found = 0;
for (const id of queries) {
  const truth = new Set(exact.search(vectors.get(id)!, K, new Set([id])).map((m) => m.label));
  found += index.vectors.search(vectors.get(id)!, K, new Set([id])).filter((m) => truth.has(m.label)).length;
}

const report = {
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
  routes: index.vectors.size,
  dimensions: EMBEDDING_DIMENSIONS,
  prepared: { source: prepared?.built ? 'built' : 'file', ms: Math.round(preparedMs) },
  loadMs: Math.round(loadMs),
  queries: queries.length,
  k: K,
  hnswMsPerQuery: Number(hnswMs.toFixed(4)),
  exactMsPerQuery: Number(exactMs.toFixed(4)),
  speedup: Number((exactMs / hnswMs).toFixed(1)),
  recallAt10: Number((found / (queries.length * K)).toFixed(4)),
};
console.log(
  `route index: ${report.routes} routes x ${report.dimensions} dims; ${report.prepared.source} in ${report.prepared.ms} ms; loads from file in ${report.loadMs} ms\n` +
    `per query (k=${K}, ${report.queries} queries): HNSW ${report.hnswMsPerQuery} ms, exact ${report.exactMsPerQuery} ms (${report.speedup}x); recall@10 ${report.recallAt10}`,
);
await mkdir(join(PROJECT_ROOT, 'bench', 'results'), { recursive: true });
await writeFile(join(PROJECT_ROOT, 'bench', 'results', 'similarity.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log('wrote bench/results/similarity.json');
