import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/paths.js';
import { inspectWav } from '../support/audio.js';
import { OPENFLIGHTS_DIR, TEST_REDIS_URL, testConfig } from '../support/environment.js';
import { until } from '../support/processes.js';
import { startTestServer, type TestServer } from '../support/server.js';

const run = promisify(execFile);
/**
 * Short, so that the second worker takes over soon after the first is killed, but not shorter: a
 * worker renews its lock from its event loop, which on a loaded machine can stall for over a second
 * while a render starts; a lapsed lock counts as a stall, and a job stalled more than twice fails
 * (what made this test flaky with 1.5 s).
 */
const LOCK_MS = 8_000;

let server: TestServer;
let exportsDir: string;
const workers: ChildProcess[] = [];

/** Environment of a separate worker process sharing the test database, Redis DB and export directory. */
function workerEnvironment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: testConfig().database.url,
    REDIS_URL: TEST_REDIS_URL,
    OPENFLIGHTS_DIR,
    EXPORTS_DIR: exportsDir,
    EXPORT_LOCK_MS: String(LOCK_MS),
    LOG_LEVEL: 'silent',
  };
}

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'server', 'cli', 'worker.js')], { env: workerEnvironment(), stdio: 'ignore' });
  workers.push(child);
  return child;
}

const READ = 'query($id: ID!) { export(id: $id) { status progress url } }';

beforeAll(async () => {
  exportsDir = await mkdtemp(join(tmpdir(), 'aero-export-workers-'));
  // Rendering happens only in the worker processes this test starts and kills.
  server = await startTestServer(testConfig({ EXPORTS_DIR: exportsDir, EXPORT_WORKERS: 'off', EXPORT_LOCK_MS: String(LOCK_MS) }));
});

afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
  await server?.close();
  await rm(exportsDir, { recursive: true, force: true });
});

describe('separate worker processes', () => {
  it('npm run admin -- premium makes an account PREMIUM', async () => {
    const member = await server.signUp('cli');
    const cli = join(PROJECT_ROOT, 'dist', 'server', 'cli', 'admin.js');
    const env = { ...process.env, DATABASE_URL: testConfig().database.url, LOG_LEVEL: 'silent' };
    const { stdout } = await run(process.execPath, [cli, 'premium', member.username], { env });
    expect(stdout).toContain(`${member.username} is now PREMIUM`);
    expect((await server.graphql('{ viewer { tier } }', {}, member.accessToken)).data!.viewer.tier).toBe('PREMIUM');
    await expect(run(process.execPath, [cli, 'premium', 'no_such_person_here'], { env })).rejects.toMatchObject({ code: 1 });
    await expect(run(process.execPath, [cli, 'premium'], { env })).rejects.toMatchObject({ code: 2 });
  });

  it('a worker killed mid-render leaves the job to another worker, and no partial file is ever served', { timeout: 240_000 }, async () => {
    const member = await server.signUp('patient');
    await server.app.prisma.user.update({ where: { username: member.username }, data: { tier: 'PREMIUM' } });
    const created = await server.graphql(
      'mutation($input: ComposeInput!) { createComposition(input: $input) { id durationSeconds } }',
      { input: { route: { from: 'LHR', to: 'JFK' }, theme: 'cinematic', durationSeconds: 100 } },
      member.accessToken,
    );
    const composition = created.data!.createComposition;
    const requested = await server.graphql('mutation($c: ID!) { requestExport(compositionId: $c, format: WAV) { id status } }', { c: composition.id }, member.accessToken);
    expect(requested.errors).toBeUndefined();
    const exportId = requested.data!.requestExport.id;
    const read = async () => (await server.graphql(READ, { id: exportId }, member.accessToken)).data!.export;

    // With EXPORT_WORKERS=off the server queues but never renders.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await read()).toMatchObject({ status: 'QUEUED', progress: 0, url: null });

    const first = startWorker();
    // The row read straight from MariaDB (a GraphQL round trip is slower on a busy machine), and the
    // worker frozen the moment its render shows progress: a 100 s piece renders in about two
    // seconds of CPU, so a worker left running while the test reads and kills could finish first.
    const row = () => server.app.prisma.audioExport.findFirstOrThrow({ where: { user: { username: member.username } }, select: { status: true, progress: true } });
    expect(await until(async () => (await row()).progress > 0, 120_000)).toBe(true);
    first.kill('SIGSTOP');
    expect(await row()).toMatchObject({ status: 'RENDERING' });
    const exited = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    await exited;
    const interrupted = await read();
    expect(interrupted).toMatchObject({ status: 'RENDERING', url: null });
    expect(interrupted.progress).toBeLessThan(1);
    // Nothing under a real name: at most a temporary file, which no link points to.
    expect((await readdir(exportsDir)).filter((name) => name.endsWith('.wav'))).toEqual([]);

    const second = startWorker();
    let final: { status: string; progress: number; url: string | null } = await read();
    await until(async () => {
      final = await read();
      return final.status === 'DONE' || final.status === 'FAILED';
    }, 200_000);
    expect(final.status).toBe('DONE');
    const response = await fetch(`${server.url}${final.url}`);
    expect(response.status).toBe(200);
    const wav = inspectWav(new Uint8Array(await response.arrayBuffer()));
    expect(Math.abs(wav.seconds - composition.durationSeconds)).toBeLessThanOrEqual(1);
    expect(wav.rms).toBeGreaterThan(0.02);
    expect(wav.peak).toBeLessThan(32767);
    second.kill('SIGTERM');
    await new Promise((resolve) => second.once('exit', resolve));
    expect(second.exitCode).toBe(0);
  });
});
