import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../support/environment.js';
import { freePort, until } from '../support/processes.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** A MariaDB of this test's own (fresh data directory, free port), so killing it disturbs nothing else. */
const dataDir = mkdtempSync(join(tmpdir(), 'aero-melody-mariadb-'));
let mariadb: ChildProcess | undefined;
let server: TestServer | undefined;

function startMariaDb(port: number): ChildProcess {
  return spawn(
    '/usr/sbin/mariadbd',
    ['--no-defaults', `--datadir=${dataDir}/data`, `--port=${port}`, '--bind-address=127.0.0.1', `--socket=${dataDir}/mariadb.sock`, '--user=root', '--skip-log-bin'],
    { stdio: 'ignore' },
  );
}

afterAll(async () => {
  await server?.close().catch(() => undefined);
  mariadb?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('MariaDB restarted under load', () => {
  it('loses no acknowledged write, fails the rest cleanly, and the pool recovers', async () => {
    execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${dataDir}/data`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'], { stdio: 'ignore' });
    const port = await freePort();
    mariadb = startMariaDb(port);
    await until(async () => {
      server ??= await startTestServer(testConfig({ DATABASE_URL: `mysql://root@127.0.0.1:${port}/aero_melody`, DATABASE_POOL_SIZE: '4' }));
      return true;
    });
    const member = await server!.signUp('durable');

    const acknowledged: string[] = [];
    const failureCodes = new Set<unknown>();
    let restarted = false;
    const write = async (title: string) => {
      const response = await server!.graphql('mutation($t: String!) { createComposition(input: { route: { from: "JFK", to: "LAX" }, title: $t }) { id title } }', { t: title }, member.accessToken);
      if (response.errors) failureCodes.add(response.errors[0].extensions?.code);
      else acknowledged.push(response.data!.createComposition.title);
      return response.status;
    };

    const statuses: number[] = [];
    for (let round = 0; round < 40; round++) {
      if (round === 10) {
        mariadb.kill('SIGKILL');
        await new Promise((resolve) => mariadb!.once('exit', resolve));
      }
      if (round === 14) {
        mariadb = startMariaDb(port);
        restarted = true;
      }
      statuses.push(...(await Promise.all(Array.from({ length: 4 }, (_, i) => write(`piece ${round}-${i}`)))));
      if (round >= 10 && round < 14) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(restarted).toBe(true);
    expect(statuses.every((status) => status < 500)).toBe(true);
    expect([...failureCodes].every((code) => code === 'SERVICE_UNAVAILABLE')).toBe(true);

    // The pool comes back by itself, and every acknowledged write is there.
    expect(await until(async () => (await write('after the restart')) === 200 && acknowledged.includes('after the restart'))).toBe(true);
    const stored = new Set((await server!.app.prisma.composition.findMany({ where: { title: { in: acknowledged } }, select: { title: true } })).map((row) => row.title));
    expect(acknowledged.filter((title) => !stored.has(title))).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(40);
  });
});
