/**
 * The processes the load bench measures and how it prepares them: the production server started
 * from dist/ (one process or one per core), waited on until ready and its similarity index loaded,
 * then asked through its own API for real routes and saved pieces to request.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../server/paths.js';
import { SERVER_NODE_FLAGS } from './cpu.js';

export function startProcess(args: string[], env: Record<string, string>): { child: ChildProcess; firstLine: Promise<string> } {
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

async function graphql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: any; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors) throw Object.assign(new Error(body.errors[0].message), { code: body.errors[0].extensions?.code });
  return body.data;
}

/** The route similarity index loads (or, on a first start, builds) after /readyz is already ready. */
export async function waitForSimilarity(url: string, pair: [string, string]): Promise<void> {
  for (let attempt = 0; attempt < 1_200; attempt++) {
    try {
      await graphql(url, 'query($f: String!, $t: String!) { similarRoutes(from: $f, to: $t, first: 1) { score } }', { f: pair[0], t: pair[1] });
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SERVICE_UNAVAILABLE') throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(`the similarity index at ${url} never became ready`);
}

/** Real airport pairs for the random scenarios, read through the API itself. */
export async function samplePairs(url: string, count: number): Promise<[string, string][]> {
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

export async function startServer(processes: number): Promise<{ url: string; pid: number | undefined; stop: () => void }> {
  const port = String(4600 + Math.floor(Math.random() * 300));
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const server = startProcess([...SERVER_NODE_FLAGS, ...profile, join(PROJECT_ROOT, 'dist', 'server', 'main.js')], {
    NODE_ENV: 'production',
    PORT: port,
    LOG_LEVEL: 'warn',
    // One load generator on one address would hit the per-address limit at once.
    RATE_LIMIT_PER_MINUTE: '0',
    AUTH_SECRET: randomBytes(32).toString('hex'),
    SERVER_PROCESSES: String(processes),
  });
  const url = `http://127.0.0.1:${port}`;
  // A server that never became ready must not outlive the bench that gives up on it.
  await waitForReady(url).catch((error: unknown) => {
    server.child.kill('SIGTERM');
    throw error;
  });
  // With several processes the primary only forwards: its CPU says nothing about a request's cost.
  return { url, pid: processes === 1 ? server.child.pid : undefined, stop: () => server.child.kill('SIGTERM') };
}

/** Saved public pieces for the mixed scenario, made by one bench account. */
export async function savedPieces(url: string, pairs: [string, string][], count: number): Promise<string[]> {
  const username = `bench_${randomBytes(4).toString('hex')}`;
  const token = (
    await graphql(url, 'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }', { input: { username, email: `${username}@example.test`, password: 'bench password 42' } })
  ).signUp.accessToken;
  const ids: string[] = [];
  for (const [from, to] of pairs.slice(0, count)) {
    ids.push((await graphql(url, 'mutation($f: String!, $t: String!) { createComposition(input: { route: { from: $f, to: $t } }) { id } }', { f: from, t: to }, token)).createComposition.id);
  }
  return ids;
}
