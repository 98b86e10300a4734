/**
 * `npm run bench` (load part): drives a bare node:http server and the real server (production
 * build; one process, then one per core) with autocannon, one scenario at a time, and writes
 * bench/results/latest.json: { machine, settings, baseline: { rps }, scenarios: { <name>: { rps,
 * p50Ms, p99Ms, errors, non2xx, cacheHitRate } } }. Scenarios:
 *   hot      one persisted airport-and-route query (`Route`) over GET, the same every time
 *   hot-post the hot query `{ airport(code: "JFK") { name city } route(from: "JFK", to:
 *            "LAX") { distanceKm } }` POSTed as JSON, the way urql, GraphiQL and most clients send
 *   routes   `route` over random real pairs, cache bypassed (Cache-Control: no-cache)
 *   paths    `findPaths` over random pairs (cache on)
 *   preview  `previewComposition` over random routes, cache bypassed
 *   similar  `similarRoutes` over random routes (cache on)
 *   mixed    shaped like real use: skewed popularity over airports, routes and saved pieces read
 *            by persisted GET (half the clients) or POSTed query text (the other half), some
 *            previews and similarity searches, cache on (measured after an unmeasured warm-up run
 *            of half the duration)
 *   peers    the side-by-side (bench/peers/side-by-side.ts): hot-post against bare node:http, us,
 *            Apollo Server, GraphQL Yoga and Mercurius, interleaved over --rounds rounds of
 *            --peer-duration seconds each; written as `peers: { <name>: { rps, p99Ms, ratioToBare } }`
 * Per-core runs (hot, hot-post, preview, mixed) are reported as `<name>@<n>proc`. Options: --duration <s> (default 10),
 * --connections <n> (default 50), --only <comma-separated scenario names, `peers` included>,
 * --rounds <n> (default 3), --peer-duration <s> (default 5).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { PROJECT_ROOT } from '../server/paths.js';
import { cpuMsPerRequest, cpuSecondsOf } from './cpu.js';
import { HOT_QUERY } from './peers/fixture.js';
import { sideBySide, type PeerResult } from './peers/side-by-side.js';
import { samplePairs, savedPieces, startProcess, startServer, waitForSimilarity } from './server-process.js';
import { type BenchRequest, PATHS, PREVIEW, ROUTE, SIMILAR, type Workload, mixedRequests, persistedGet, post } from './workload.js';

const { values: options } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    'peer-duration': { type: 'string', default: '5' },
  },
});
const DURATION_S = Number(options.duration);
const CONNECTIONS = Number(options.connections);
const ONLY = options.only ? new Set(options.only.split(',')) : null;
const ROUNDS = Number(options.rounds);
const PEER_DURATION_S = Number(options['peer-duration']);

interface ScenarioResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  /** Share of requests answered from the response cache (either layer); null when it was bypassed. */
  cacheHitRate: number | null;
  /** Server CPU (all its threads) per request; null for multi-process runs. */
  cpuMsPerRequest: number | null;
  ratioToBaseline?: number;
  /** The baseline's CPU per request over this one's: the ratio a machine with no other work would show. */
  cpuRatioToBaseline?: number | null;
}

async function cacheCounters(url: string): Promise<{ lookups: number; hits: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  // Summed over every series of the layer and result, whatever other labels (instance) they carry.
  const counter = (layer: string, result: string) =>
    text
      .split('\n')
      .filter((line) => line.startsWith('aero_melody_cache_lookups_total{') && line.includes(`layer="${layer}"`) && line.includes(`result="${result}"`))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  const memoryHits = counter('memory', 'hit');
  return { lookups: memoryHits + counter('memory', 'miss'), hits: memoryHits + counter('redis', 'hit') };
}

function load(url: string, requests: BenchRequest[], seconds: number = DURATION_S) {
  let next = 0;
  // One fixed request is built once; a rotation is built per request, which costs the load generator.
  const [only] = requests;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    requests:
      requests.length === 1
        ? [{ method: only.method, path: only.path, body: only.body, headers: { 'content-type': 'application/json', ...only.headers } }]
        : [
            {
              setupRequest: (request) => {
                const chosen = requests[next++ % requests.length];
                return { ...request, method: chosen.method, path: chosen.path, body: chosen.body, headers: { ...request.headers, ...chosen.headers } };
              },
            },
          ],
  });
}

async function drive(url: string, requests: BenchRequest[], countsCache: boolean, pid?: number): Promise<ScenarioResult> {
  const before = countsCache ? await cacheCounters(url) : null;
  const cpuBefore = cpuSecondsOf(pid);
  const result = await load(url, requests, DURATION_S);
  const cpuAfter = cpuSecondsOf(pid);
  let cacheHitRate: number | null = null;
  if (before) {
    const after = await cacheCounters(url);
    const requestsServed = result.requests.total;
    cacheHitRate = requestsServed === 0 ? null : Number(Math.min(1, (after.hits - before.hits) / requestsServed).toFixed(4));
  }
  return {
    rps: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    cacheHitRate,
    cpuMsPerRequest: cpuMsPerRequest(cpuBefore, cpuAfter, result.requests.total),
  };
}

async function scenariosFor({ url, pid }: { url: string; pid?: number }, workload: Workload, names: string[]): Promise<Record<string, ScenarioResult>> {
  const { pairs } = workload;
  const build: Record<string, () => [BenchRequest[], boolean]> = {
    hot: () => [[persistedGet('Route', { from: 'JFK', to: 'LAX' })], true],
    'hot-post': () => [[{ method: 'POST', path: '/graphql', body: JSON.stringify({ query: HOT_QUERY }) }], true],
    routes: () => [pairs.map(([f, t]) => post(ROUTE, { f, t }, true)), false],
    paths: () => [pairs.map(([f], i) => post(PATHS, { f, t: pairs[(i * 7 + 3) % pairs.length][1] })), true],
    preview: () => [pairs.map(([f, t]) => post(PREVIEW, { f, t }, true)), false],
    similar: () => [pairs.map(([f, t]) => post(SIMILAR, { f, t })), true],
    mixed: () => [mixedRequests(workload, 50_000), true],
  };
  const results: Record<string, ScenarioResult> = {};
  for (const name of names) {
    if (ONLY && !ONLY.has(name)) continue;
    const [requests, countsCache] = build[name]();
    // Real use meets a warm cache: the mixed traffic runs once unmeasured first.
    if (name === 'mixed') await load(url, requests, Math.max(2, DURATION_S / 2));
    results[name] = await drive(url, requests, countsCache, pid);
    console.log(
      `  ${name}: ${results[name].rps} req/s, p99 ${results[name].p99Ms} ms, cache hit rate ${results[name].cacheHitRate ?? 'n/a'}, ${results[name].cpuMsPerRequest ?? 'n/a'} ms CPU per request`,
    );
  }
  return results;
}

function printTable(baseline: { rps: number; p50Ms: number; p99Ms: number; cpuMsPerRequest: number | null }, scenarios: Record<string, ScenarioResult>): void {
  const rows: (string | number)[][] = [
    ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'hit rate', 'x bare', 'cpu ms', 'x bare cpu'],
    ['bare node:http', baseline.rps, baseline.p50Ms, baseline.p99Ms, 0, 0, '', '1.000', baseline.cpuMsPerRequest ?? 'n/a', '1.000'],
  ];
  for (const [name, r] of Object.entries(scenarios)) {
    rows.push([name, r.rps, r.p50Ms, r.p99Ms, r.errors, r.non2xx, r.cacheHitRate ?? 'n/a', r.ratioToBaseline!.toFixed(3), r.cpuMsPerRequest ?? 'n/a', r.cpuRatioToBaseline ?? 'n/a']);
  }
  for (const row of rows)
    console.log(
      row
        .map((cell, i) =>
          String(cell)
            .padStart(i === 0 ? 0 : 9)
            .padEnd(i === 0 ? 18 : 0),
        )
        .join(' '),
    );
}

async function main(): Promise<void> {
  const bare = startProcess([join(PROJECT_ROOT, 'dist', 'bench', 'bare-server.js')], {});
  const barePort = await bare.firstLine;
  const cores = availableParallelism();
  let server = await startServer(1);
  try {
    const pairs = await samplePairs(server.url, 500);
    // A first start builds the index in the background; measuring meanwhile would skew every scenario.
    await waitForSimilarity(server.url, pairs[0]);
    // Saved pieces only matter to the mixed traffic; making them takes a while on a busy machine.
    const needsPieces = !ONLY || ONLY.has('mixed');
    const workload: Workload = { pairs, compositionIds: needsPieces ? await savedPieces(server.url, pairs, 200) : [] };
    console.log(`driving each scenario for ${DURATION_S} s with ${CONNECTIONS} connections; ${pairs.length} real routes sampled`);

    const baselineRun = await drive(`http://127.0.0.1:${barePort}`, [{ method: 'GET', path: '/' }], false, bare.child.pid);
    const baseline = { rps: baselineRun.rps, p50Ms: baselineRun.p50Ms, p99Ms: baselineRun.p99Ms, cpuMsPerRequest: baselineRun.cpuMsPerRequest };
    console.log(`  bare node:http: ${baseline.rps} req/s`);
    const scenarios = await scenariosFor(server, workload, ['hot', 'hot-post', 'routes', 'paths', 'preview', 'similar', 'mixed']);
    let peers: Record<string, PeerResult> | undefined;
    if (!ONLY || ONLY.has('peers')) {
      console.log(`side by side: hot-post for ${PEER_DURATION_S} s per server, ${ROUNDS} rounds`);
      const servers = { bare: { url: `http://127.0.0.1:${barePort}`, pid: bare.child.pid }, 'aero-melody': server };
      peers = await sideBySide(servers, ROUNDS, async ({ url, pid }, body) => {
        const cpuBefore = cpuSecondsOf(pid);
        const result = await load(url, [{ method: 'POST', path: '/graphql', body }], PEER_DURATION_S);
        return { rps: Math.round(result.requests.average), p99Ms: result.latency.p99, cpuMsPerRequest: cpuMsPerRequest(cpuBefore, cpuSecondsOf(pid), result.requests.total) };
      });
    }
    if (cores > 1) {
      server.stop();
      server = await startServer(cores);
      await waitForSimilarity(server.url, pairs[0]);
      console.log(`again with ${cores} server processes:`);
      // Several processes answer /metrics in turn, so a hit rate read from one of them means nothing here.
      for (const [name, result] of Object.entries(await scenariosFor(server, workload, ['hot', 'hot-post', 'preview', 'mixed']))) {
        scenarios[`${name}@${cores}proc`] = { ...result, cacheHitRate: null };
      }
    }
    for (const result of Object.values(scenarios)) {
      result.ratioToBaseline = Number((result.rps / baseline.rps).toFixed(3));
      result.cpuRatioToBaseline = result.cpuMsPerRequest && baseline.cpuMsPerRequest ? Number((baseline.cpuMsPerRequest / result.cpuMsPerRequest).toFixed(3)) : null;
    }
    printTable(baseline, scenarios);
    if (peers)
      for (const [name, peer] of Object.entries(peers))
        console.log(
          `${name.padEnd(18)} ${String(peer.rps).padStart(9)} req/s, p99 ${peer.p99Ms} ms, ${peer.ratioToBare.toFixed(3)} x bare, by CPU ${peer.cpuRatioToBare ?? 'n/a'} x bare (medians of ${ROUNDS} rounds)`,
        );

    const report = {
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      settings: { durationSeconds: DURATION_S, connections: CONNECTIONS, serverProcesses: [1, cores] },
      baseline,
      scenarios,
      ...(peers ? { peers } : {}),
    };
    await mkdir(join(PROJECT_ROOT, 'bench', 'results'), { recursive: true });
    await writeFile(join(PROJECT_ROOT, 'bench', 'results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log('wrote bench/results/latest.json');
  } finally {
    bare.child.kill('SIGTERM');
    server.stop();
  }
}

await main();
