import { createRequire, syncBuiltinESMExports } from 'node:module';
import type { Worker } from 'node:worker_threads';
import type { Connection } from 'mariadb';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openScriptConnection } from '../../server/adapters/mariadb.js';
import { connectRedis } from '../../server/adapters/redis.js';
import type { createServer as CreateServer } from '../../server/app.js';
import { silentLogger, testConfig } from '../support/environment.js';
import { until } from '../support/processes.js';

/**
 * Every worker thread the server starts, until it exits. Node's resource list does not show
 * threads, so the Worker class is wrapped before the server's modules load.
 */
const liveWorkers = new Set<Worker>();
const threads = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
const OriginalWorker = threads.Worker;
threads.Worker = class TrackedWorker extends OriginalWorker {
  constructor(...args: ConstructorParameters<typeof OriginalWorker>) {
    super(...args);
    liveWorkers.add(this);
    this.once('exit', () => liveWorkers.delete(this));
  }
};
syncBuiltinESMExports();

const config = testConfig();
let createServer: typeof CreateServer;
let mariadb: Connection;
let redis: Redis;

/** What the process and the services hold open: what a failed start must give back. */
interface Footprint {
  resources: Record<string, number>;
  redisClients: number;
  databaseConnections: number;
  workers: number;
}

async function footprint(): Promise<Footprint> {
  const resources: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) resources[name] = (resources[name] ?? 0) + 1;
  // This test's own Redis connection is the one client left when the server has closed its own.
  const redisClients = String(await redis.client('LIST'))
    .split('\n')
    .filter((line) => line.trim() !== '').length;
  const rows: { n: number }[] = await mariadb.query('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ?', [config.database.database]);
  return { resources, redisClients, databaseConnections: Number(rows[0].n), workers: liveWorkers.size };
}

/** Resource kinds of which more are open than before (a closed socket may linger a moment, so callers wait). */
function leftOpen(before: Footprint, after: Footprint): string[] {
  const grown = Object.entries(after.resources)
    .filter(([name, count]) => count > (before.resources[name] ?? 0))
    .map(([name, count]) => `${name}: ${before.resources[name] ?? 0} -> ${count}`);
  if (after.redisClients > before.redisClients) grown.push(`Redis clients: ${before.redisClients} -> ${after.redisClients}`);
  if (after.databaseConnections > before.databaseConnections) grown.push(`MariaDB connections: ${before.databaseConnections} -> ${after.databaseConnections}`);
  if (after.workers > before.workers) grown.push(`worker threads: ${before.workers} -> ${after.workers}`);
  return grown;
}

/** What is still open, compared with `before`, once closing sockets had up to 15 s to go. */
async function stillOpen(before: Footprint): Promise<string[]> {
  let grown: string[] = [];
  await until(async () => (grown = leftOpen(before, await footprint())).length === 0, 15_000);
  return grown;
}

class InjectedFailure extends Error {}

beforeAll(async () => {
  ({ createServer } = await import('../../server/app.js'));
  mariadb = await openScriptConnection(config.database);
  redis = await connectRedis(config.redisUrl, silentLogger);
});

afterAll(async () => {
  await mariadb?.end();
  redis?.disconnect();
});

describe('start-up that fails part-way', () => {
  const steps: string[] = [];

  it('names its steps, and a started server disposed leaves nothing open', async () => {
    const before = await footprint();
    const server = await createServer(config, silentLogger, { beforeStep: (step) => void steps.push(step) });
    // The measure sees what a running server holds, so its coming back to `before` means something.
    const running = await footprint();
    expect(running.workers).toBeGreaterThan(before.workers);
    expect(running.redisClients).toBeGreaterThan(before.redisClients);
    expect(running.databaseConnections).toBeGreaterThan(before.databaseConnections);
    await server.dispose();
    expect(steps).toEqual(expect.arrayContaining(['migrate', 'database', 'redis', 'analytics', 'response-cache', 'module:compositions', 'module:exports', 'schema', 'apollo', 'ready']));
    expect(await stillOpen(before)).toEqual([]);
  });

  it('closes everything it opened when any one step throws, and reports that step error', { timeout: 600_000 }, async () => {
    expect(steps.length).toBeGreaterThan(20);
    for (const failing of steps) {
      const before = await footprint();
      const failure = new InjectedFailure(`failed at ${failing}`);
      const started = createServer(config, silentLogger, {
        beforeStep: (step) => {
          if (step === failing) throw failure;
        },
      });
      await expect(started, failing).rejects.toBe(failure);
      expect({ step: failing, leftOpen: await stillOpen(before) }).toEqual({ step: failing, leftOpen: [] });
    }
  });
});
