/**
 * `npm run bench`: drives a bare node:http server and the real server (production mode, one
 * process) with autocannon and prints req/s and latency per scenario beside the baseline:
 * airport and route lookups, previewComposition over random real routes, findPaths, similarRoutes.
 * Options: --duration <s> (default 10), --connections <n> (default 50).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { PROJECT_ROOT } from '../server/paths.js';

const { values: options } = parseArgs({
  options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } },
});
const DURATION_S = Number(options.duration);
const CONNECTIONS = Number(options.connections);

interface ScenarioResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  ratioToBaseline?: number;
}

function startProcess(args: string[], env: Record<string, string>): { child: ChildProcess; firstLine: Promise<string> } {
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const firstLine = new Promise<string>((resolve) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const newline = buffered.indexOf('\n');
      if (newline >= 0) resolve(buffered.slice(0, newline));
    });
  });
  return { child, firstLine };
}

async function waitForReady(url: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const response = await fetch(`${url}/readyz`).catch(() => null);
    if (response?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server at ${url} never became ready`);
}

/** The route similarity index loads (or, on a first start, builds) after /readyz is already ready. */
async function waitForSimilarity(url: string, pair: [string, string]): Promise<void> {
  for (let attempt = 0; attempt < 1_200; attempt++) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query($f: String!, $t: String!) { similarRoutes(from: $f, to: $t, first: 1) { score } }', variables: { f: pair[0], t: pair[1] } }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    if (body.errors?.[0]?.extensions?.code !== 'SERVICE_UNAVAILABLE') return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the similarity index at ${url} never became ready`);
}

async function graphql(url: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return ((await response.json()) as { data: unknown }).data;
}

/** Real airport pairs for the random scenarios, read through the API itself. */
async function samplePairs(url: string, count: number): Promise<[string, string][]> {
  const pairs: [string, string][] = [];
  let after: string | null = null;
  while (pairs.length < count) {
    const data = await graphql(url, 'query($after: String) { routes(first: 100, after: $after) { nodes { origin { iata } destination { iata } } pageInfo { endCursor } } }', { after });
    for (const node of data.routes.nodes) if (node.origin.iata && node.destination.iata) pairs.push([node.origin.iata, node.destination.iata]);
    after = data.routes.pageInfo.endCursor;
    // Skip ahead so the sample spreads over the whole network, not the first airlines' routes.
    for (let skip = 0; skip < 3 && after; skip++) {
      after = (await graphql(url, 'query($after: String) { routes(first: 100, after: $after) { pageInfo { endCursor } } }', { after })).routes.pageInfo.endCursor;
    }
    if (!after) break;
  }
  return pairs;
}

/** A deterministic shuffle of request bodies, so runs are comparable. */
function bodies(count: number, make: (i: number) => object): string[] {
  return Array.from({ length: count }, (_, i) => JSON.stringify(make(i)));
}

async function drive(url: string, requestBodies: string[] | null): Promise<ScenarioResult> {
  let next = 0;
  const result = await autocannon({
    url: requestBodies ? `${url}/graphql` : url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: requestBodies
      ? [{ setupRequest: (request) => ({ ...request, body: requestBodies[next++ % requestBodies.length] }) }]
      : [{ body: '{"query":"{ airport(code: \\"JFK\\") { iata name } }"}' }],
  });
  return {
    rps: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function main(): Promise<void> {
  const bare = startProcess([join(PROJECT_ROOT, 'dist', 'bench', 'bare-server.js')], {});
  const barePort = await bare.firstLine;
  const port = String(4600 + Math.floor(Math.random() * 300));
  const server = startProcess([join(PROJECT_ROOT, 'dist', 'server', 'main.js')], {
    NODE_ENV: 'production',
    PORT: port,
    LOG_LEVEL: 'warn',
    // One load generator on one address would hit the per-address limit at once.
    RATE_LIMIT_PER_MINUTE: '0',
    AUTH_SECRET: randomBytes(32).toString('hex'),
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForReady(url);
    const pairs = await samplePairs(url, 500);
    // A first start builds the index in the background; measuring meanwhile would skew every scenario.
    await waitForSimilarity(url, pairs[0]);
    const airports = [...new Set(pairs.flat())];
    console.log(`driving each scenario for ${DURATION_S} s with ${CONNECTIONS} connections; ${pairs.length} real routes sampled`);

    const baseline = await drive(`http://127.0.0.1:${barePort}`, null);
    const scenarios: Record<string, ScenarioResult> = {
      airport: await drive(url, bodies(airports.length, (i) => ({ query: 'query($c: String!) { airport(code: $c) { id iata name city country latitude longitude } }', variables: { c: airports[i] } }))),
      route: await drive(url, bodies(pairs.length, (i) => ({ query: 'query($f: String!, $t: String!) { route(from: $f, to: $t) { id distanceKm durationMinutes airlines { iata name } equipment } }', variables: { f: pairs[i][0], t: pairs[i][1] } }))),
      preview: await drive(url, bodies(pairs.length, (i) => ({ query: 'query($f: String!, $t: String!) { previewComposition(input: { route: { from: $f, to: $t } }) { id tempoBpm key scale durationSeconds midi } }', variables: { f: pairs[i][0], t: pairs[i][1] } }))),
      findPaths: await drive(url, bodies(pairs.length, (i) => ({ query: 'query($f: String!, $t: String!) { findPaths(from: $f, to: $t, maxStops: 2, limit: 5) { stops totalDistanceKm legs { id distanceKm } } }', variables: { f: pairs[i][0], t: pairs[(i * 7 + 3) % pairs.length][1] } }))),
      similar: await drive(url, bodies(pairs.length, (i) => ({ query: 'query($f: String!, $t: String!) { similarRoutes(from: $f, to: $t, first: 10) { score route { id distanceKm } } }', variables: { f: pairs[i][0], t: pairs[i][1] } }))),
    };
    for (const result of Object.values(scenarios)) result.ratioToBaseline = Number((result.rps / baseline.rps).toFixed(3));

    const rows = [['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'x bare'], ['bare node:http', baseline.rps, baseline.p50Ms, baseline.p99Ms, baseline.errors, baseline.non2xx, '1.000']];
    for (const [name, r] of Object.entries(scenarios)) rows.push([name, r.rps, r.p50Ms, r.p99Ms, r.errors, r.non2xx, r.ratioToBaseline!.toFixed(3)]);
    for (const row of rows) console.log(row.map((cell, i) => String(cell).padStart(i === 0 ? 0 : 9).padEnd(i === 0 ? 16 : 0)).join(' '));

    const report = {
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      settings: { durationSeconds: DURATION_S, connections: CONNECTIONS, serverProcesses: 1 },
      baseline,
      scenarios,
    };
    await mkdir(join(PROJECT_ROOT, 'bench', 'results'), { recursive: true });
    await writeFile(join(PROJECT_ROOT, 'bench', 'results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log('wrote bench/results/latest.json');
  } finally {
    bare.child.kill('SIGTERM');
    server.child.kill('SIGTERM');
  }
}

await main();
