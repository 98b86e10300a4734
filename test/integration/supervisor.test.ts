import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/paths.js';
import { OPENFLIGHTS_DIR, TEST_REDIS_URL, testConfig } from '../support/environment.js';
import { childEnv, freePort, until } from '../support/processes.js';

const MAIN = join(PROJECT_ROOT, 'dist', 'server', 'main.js');

let main: ChildProcess | undefined;
let gate: Server | undefined;
const sockets = new Set<Socket>();

afterAll(async () => {
  main?.kill('SIGKILL');
  for (const socket of sockets) socket.destroy();
  gate?.close();
});

/** MariaDB as seen through a port that refuses connections until it is opened: a database that is "down". */
function openGate(port: number, target: { host: string; port: number }): Server {
  const server = createServer((client) => {
    const upstream = createConnection(target);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  server.listen(port, '127.0.0.1');
  return server;
}

/** The complete JSON log lines so far (the last may still be arriving). */
async function closeGate(): Promise<void> {
  const closed = new Promise((resolve) => gate!.close(resolve));
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await closed;
}

const logLines = (output: string) =>
  output
    .slice(0, output.lastIndexOf('\n'))
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg: string; retryInMs?: number; restartInMs?: number });

describe('SERVER_PROCESSES > 1 when MariaDB is down at start', () => {
  it('waits and retries with a growing delay instead of crash-looping, and serves once MariaDB is back', async () => {
    const [httpPort, databasePort] = [await freePort(), await freePort()];
    const database = testConfig().database;
    main = spawn(process.execPath, [MAIN], {
      cwd: PROJECT_ROOT,
      env: childEnv({
        PATH: process.env.PATH ?? '',
        OPENFLIGHTS_DIR,
        SERVER_PROCESSES: '2',
        PORT: String(httpPort),
        HOST: '127.0.0.1',
        DATABASE_URL: `mysql://root@127.0.0.1:${databasePort}/${database.database}`,
        REDIS_URL: TEST_REDIS_URL,
        LOG_LEVEL: 'info',
        WEB_APP: 'off',
        ANALYTICS_DB_PATH: ':memory:',
        EXPORT_WORKERS: 'off',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    main.stdout!.on('data', (chunk) => (output += chunk));
    main.stderr!.on('data', (chunk) => (output += chunk));

    // MariaDB down: the primary waits, longer each time, and forks nothing yet.
    expect(await until(async () => logLines(output).filter((line) => line.retryInMs !== undefined).length >= 3, 20_000)).toBe(true);
    expect(main.exitCode).toBeNull();
    const waits = logLines(output).flatMap((line) => (line.retryInMs === undefined ? [] : [line.retryInMs]));
    expect(waits.slice(0, 3)).toEqual([500, 1_000, 2_000]);
    expect(logLines(output).some((line) => line.msg.includes('server processes starting'))).toBe(false);

    // MariaDB up long enough for the primary, then down again as the server processes start:
    // they die young, and come back ever later instead of in a tight loop.
    gate = openGate(databasePort, { host: database.host, port: database.port });
    expect(await until(async () => logLines(output).some((line) => line.msg.includes('server processes starting')), 120_000)).toBe(true);
    await closeGate();
    expect(await until(async () => logLines(output).filter((line) => line.restartInMs !== undefined).length >= 4, 90_000)).toBe(true);
    const restarts = logLines(output).flatMap((line) => (line.restartInMs === undefined ? [] : [line.restartInMs]));
    expect(restarts.slice(0, 4)).toEqual([500, 1_000, 2_000, 4_000]);
    expect(main.exitCode).toBeNull();

    // MariaDB back: the server processes serve (after at most the longest wait and a start).
    gate = openGate(databasePort, { host: database.host, port: database.port });
    expect(await until(async () => (await fetch(`http://127.0.0.1:${httpPort}/readyz`)).status === 200, 150_000)).toBe(true);

    const exited = new Promise((resolve) => main!.once('exit', resolve));
    main.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 400_000);
});
