import { test } from 'vitest';
import { createDatabasePool } from '../../../../server/adapters/mariadb.js';
import { createPrisma } from '../../../../server/adapters/prisma.js';
import { loadConfig } from '../../../../server/config.js';
import { FlightNetwork } from '../../../../server/modules/network/flight-network.js';
import { loadNetworkRows } from '../../../../server/modules/network/network.repo.js';
import { buildRouteIndex, routeIndexTag, saveRouteIndex, loadRouteIndex } from '../../../../server/modules/similarity/route-index.js';
import { ExactVectorIndex } from '../../../../server/adapters/vector-index.js';
import { EMBEDDING_DIMENSIONS, blockSimilarities } from '../../../../server/engine/embeddings/index.js';

test('scratch', async () => {
  const config = loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/aero_melody_test' });
  const db = createDatabasePool(config.database);
  const prisma = createPrisma(db);
  const network = new FlightNetwork(await loadNetworkRows(prisma));
  await prisma.$disconnect(); await db.dispose();
  let t = performance.now();
  const tag = routeIndexTag(network);
  console.log('tag ms', performance.now() - t, tag);
  t = performance.now();
  const index = (await buildRouteIndex(network))!;
  console.log('build ms', performance.now() - t, 'size', index.vectors.size, 'of', network.routes.length);
  t = performance.now();
  await saveRouteIndex(index, '/tmp/simidx');
  console.log('save ms', performance.now() - t);
  t = performance.now();
  const loaded = (await loadRouteIndex(network, '/tmp/simidx'))!;
  console.log('load ms', performance.now() - t, loaded.vectors.size);
  const exact = new ExactVectorIndex(EMBEDDING_DIMENSIONS, network.routes.length);
  const ids = [...index.routeById.keys()].filter((id) => index.vectors.has(id));
  const vecs = new Map(ids.map((id) => [id, index.vectors.vectorOf(id)!]));
  for (const id of ids) exact.add(id, vecs.get(id)!);
  const queries = ids.filter((_, i) => i % 37 === 0).slice(0, 1000);
  let hits = 0, tieHits = 0; let hnswMs = 0, exactMs = 0;
  for (const q of queries) {
    const ex = new Set([q]);
    let s = performance.now(); const a = loaded.vectors.search(vecs.get(q)!, 10, ex); hnswMs += performance.now() - s;
    s = performance.now(); const b = exact.search(vecs.get(q)!, 10, ex); exactMs += performance.now() - s;
    const truth = new Set(b.map((m) => m.label));
    hits += a.filter((m) => truth.has(m.label)).length;
    const kth = b[b.length - 1].score;
    tieHits += a.filter((m) => m.score >= kth - 1e-6).length;
  }
  console.log('recall', hits / (queries.length * 10), 'tie-aware', tieHits / (queries.length * 10), 'hnsw ms/q', hnswMs / queries.length, 'exact ms/q', exactMs / queries.length);
  const jfk = network.airportByCode('JFK')!, lax = network.airportByCode('LAX')!;
  const r = network.route(jfk.id, lax.id)!;
  const code = (id: number) => network.airportById(id)!.iata;
  for (const m of loaded.vectors.search(vecs.get(r.id)!, 10, new Set([r.id]))) {
    const route = index.routeById.get(m.label)!;
    console.log(code(route.originId), code(route.destinationId), m.score.toFixed(3), JSON.stringify(Object.fromEntries(Object.entries(blockSimilarities(vecs.get(r.id)!, vecs.get(m.label)!)).map(([k, v]) => [k, +v.toFixed(2)]))));
  }
}, 600_000);
