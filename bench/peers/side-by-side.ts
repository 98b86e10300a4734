/**
 * The side-by-side part of `npm run bench`: the same hot query POSTed to bare node:http, to
 * Aero Melody and to the servers a user might pick instead (each with its own documented response
 * cache, serving the same in-memory data), interleaved over several rounds so that a busy moment
 * on the machine hurts every server alike. Reports each server's median over the rounds, and its
 * median ratio to bare node:http within a round.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../server/paths.js';
import { HOT_QUERY } from './fixture.js';
import { SERVER_NODE_FLAGS } from '../cpu.js';

export interface PeerResult {
  rps: number;
  p99Ms: number;
  ratioToBare: number;
  cpuMsPerRequest: number | null;
  /** Bare's CPU per request over this server's: the ratio a machine with no other work would show. */
  cpuRatioToBare: number | null;
}

export interface Measured {
  rps: number;
  p99Ms: number;
  cpuMsPerRequest: number | null;
}

export interface Target {
  url: string;
  pid: number | undefined;
}

/** Runs the POST against one server for the round's duration. */
export type Measure = (target: Target, body: string) => Promise<Measured>;

const PEERS = {
  'apollo-server': 'apollo.js',
  'graphql-yoga': 'yoga.js',
  mercurius: 'mercurius.js',
} as const;

function startPeer(script: string): Promise<{ child: ChildProcess; target: Target }> {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, join(PROJECT_ROOT, 'dist', 'bench', 'peers', script)], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before listening`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const newline = buffered.indexOf('\n');
      if (newline >= 0) resolve({ child, target: { url: `http://127.0.0.1:${buffered.slice(0, newline)}`, pid: child.pid } });
    });
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function cpuFigures(runs: { cpuMsPerRequest: number | null; cpuRatio: number | null }[]): Pick<PeerResult, 'cpuMsPerRequest' | 'cpuRatioToBare'> {
  const costs = runs.map((run) => run.cpuMsPerRequest).filter((value): value is number => value !== null);
  const ratios = runs.map((run) => run.cpuRatio).filter((value): value is number => value !== null);
  return {
    cpuMsPerRequest: costs.length ? Number(median(costs).toFixed(3)) : null,
    cpuRatioToBare: ratios.length ? Number(median(ratios).toFixed(3)) : null,
  };
}

/**
 * `servers` are already running (bare node:http and ours); the peers are started here and stopped
 * at the end. Returns every server but bare, by name.
 */
export async function sideBySide(servers: { bare: Target; 'aero-melody': Target }, rounds: number, measure: Measure): Promise<Record<string, PeerResult>> {
  const body = JSON.stringify({ query: HOT_QUERY });
  const started = await Promise.all(Object.entries(PEERS).map(async ([name, script]) => [name, await startPeer(script)] as const));
  try {
    const targets: Record<string, Target> = { ...servers, ...Object.fromEntries(started.map(([name, peer]) => [name, peer.target])) };
    const names = Object.keys(targets);
    const runs: Record<string, (Measured & { ratio: number; cpuRatio: number | null })[]> = Object.fromEntries(names.map((name) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      // Each round starts with a different server, and bare is measured in every round.
      const order = names.map((_, i) => names[(i + round) % names.length]);
      const results: Record<string, Measured> = {};
      for (const name of order) results[name] = await measure(targets[name], body);
      const bareCpu = results.bare.cpuMsPerRequest;
      for (const name of names) {
        const cpu = results[name].cpuMsPerRequest;
        runs[name].push({ ...results[name], ratio: results[name].rps / results.bare.rps, cpuRatio: bareCpu && cpu ? bareCpu / cpu : null });
      }
      console.log(`  round ${round + 1}: ${names.map((name) => `${name} ${results[name].rps} req/s`).join(', ')}`);
    }
    return Object.fromEntries(
      names
        .filter((name) => name !== 'bare')
        .map((name) => [
          name,
          {
            rps: Math.round(median(runs[name].map((run) => run.rps))),
            p99Ms: median(runs[name].map((run) => run.p99Ms)),
            ratioToBare: Number(median(runs[name].map((run) => run.ratio)).toFixed(3)),
            ...cpuFigures(runs[name]),
          },
        ]),
    );
  } finally {
    for (const [, peer] of started) peer.child.kill('SIGTERM');
  }
}
