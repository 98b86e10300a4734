// `npm run cluster`: HAProxy on CLUSTER_PORT (4400) in front of three server instances and one
// export worker, sharing MariaDB, Redis, the exports folder and the analytics store (the usual
// DATABASE_URL, REDIS_URL, OPENFLIGHTS_DIR... apply). Prints the address once every instance is
// ready; Ctrl-C or SIGTERM stops all of it. The cluster test starts the same thing through
// startCluster(), so what it proves is what this runs.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const MAIN = join(ROOT, 'dist/server/main.js');
const WORKER = join(ROOT, 'dist/server/cli/worker.js');
export const INSTANCE_COUNT = 3;
/** Where the launcher writes what Prometheus (deploy/prometheus.yml) scrapes. */
export const PROMETHEUS_TARGETS = join(ROOT, '.cache/cluster/prometheus-targets.json');

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

async function ready(url) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).status === 200;
  } catch {
    return false;
  }
}

/** One child process, restartable, its output in `logDir` (or prefixed on this terminal). */
function supervised(name, command, args, env, logDir) {
  const process_ = { name, child: null, exited: null, recentOutput: '' };
  process_.start = () => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    // The last lines, to say why a process that would not start stopped.
    const keep = (chunk) => (process_.recentOutput = (process_.recentOutput + chunk).slice(-2_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    if (logDir) {
      const log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
      child.stdout.pipe(log);
      child.stderr.pipe(log);
    } else {
      const prefix = (stream, out) => stream.on('data', (chunk) => out.write(chunk.toString().replace(/^(?=.)/gm, `[${name}] `)));
      prefix(child.stdout, process.stdout);
      prefix(child.stderr, process.stderr);
    }
    process_.child = child;
    process_.exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
    return child;
  };
  /** Sends `signal` and waits for the exit; a process still there after `graceMs` is killed. */
  process_.stop = async (signal = 'SIGTERM', graceMs = 15_000) => {
    const { child, exited } = process_;
    if (!child || child.exitCode !== null || child.signalCode !== null) return exited;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const result = await exited;
    clearTimeout(timer);
    return result;
  };
  return process_;
}

/**
 * Starts the cluster: the first instance alone (it migrates and imports an empty database), then
 * the others, the export worker and HAProxy. Resolves once HAProxy and every instance are ready.
 */
export async function startCluster({ port = 4400, env = process.env, logDir = null, readyTimeoutMs = 180_000 } = {}) {
  if (logDir) mkdirSync(logDir, { recursive: true });
  const shared = {
    ...env,
    // HAProxy is the one hop in front: the client address comes from its X-Forwarded-For.
    TRUST_PROXY: '1',
    // Renders happen in the worker process, never in an instance answering requests.
    EXPORT_WORKERS: 'off',
    HOST: '127.0.0.1',
  };
  const instances = Array.from({ length: INSTANCE_COUNT }, (_, i) => {
    const instancePort = port + i + 1;
    const name = `instance-${i + 1}`;
    const instance = supervised(name, process.execPath, ['--min-semi-space-size=16', MAIN], { ...shared, PORT: String(instancePort), INSTANCE_NAME: name }, logDir);
    instance.port = instancePort;
    instance.url = `http://127.0.0.1:${instancePort}`;
    instance.ready = () => ready(`${instance.url}/readyz`);
    return instance;
  });
  const worker = supervised('export-worker', process.execPath, [WORKER], shared, logDir);
  const haproxy = supervised(
    'haproxy',
    process.env.HAPROXY_PATH ?? 'haproxy',
    ['-f', join(ROOT, 'deploy/haproxy.cfg')],
    {
      ...env,
      CLUSTER_PORT: String(port),
      ...Object.fromEntries(instances.map((instance, i) => [`INSTANCE_${i + 1}`, `127.0.0.1:${instance.port}`])),
    },
    logDir,
  );
  mkdirSync(join(ROOT, '.cache/cluster'), { recursive: true });
  // Each target's `instance` label is the instance's name, as in the series it serves.
  writeFileSync(
    PROMETHEUS_TARGETS,
    JSON.stringify(
      instances.map((instance) => ({ targets: [`127.0.0.1:${instance.port}`], labels: { instance: instance.name } })),
      null,
      2,
    ),
  );

  const cluster = {
    url: `http://127.0.0.1:${port}`,
    instances,
    worker,
    haproxy,
    /** Waits until `instance` answers /readyz 200 (it has to be started). */
    async waitReady(instance, timeoutMs = readyTimeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (instance.child.exitCode !== null) throw new Error(`${instance.name} exited with code ${instance.child.exitCode}:\n${instance.recentOutput}`);
        if (await instance.ready()) return;
        await sleep(250);
      }
      throw new Error(`${instance.name} was not ready within ${timeoutMs} ms`);
    },
    /**
     * Starts `instance` and waits until it is ready. One that exits while starting (a database too
     * busy to hand it connections in time) is started again, up to three times in all.
     */
    async startReady(instance, attempts = 3) {
      for (let attempt = 1; ; attempt++) {
        instance.start();
        try {
          return await cluster.waitReady(instance);
        } catch (error) {
          if (attempt >= attempts || instance.child.exitCode === null) throw error;
        }
      }
    },
    async stop() {
      await Promise.all([...instances, worker].map((process_) => process_.stop('SIGTERM')));
      await haproxy.stop('SIGTERM', 5_000);
    },
  };
  try {
    await cluster.startReady(instances[0]);
    worker.start();
    haproxy.start();
    await Promise.all(instances.slice(1).map((instance) => cluster.startReady(instance)));
    const deadline = Date.now() + 10_000;
    while (!(await ready(`${cluster.url}/readyz`))) {
      if (haproxy.child.exitCode !== null || Date.now() > deadline) throw new Error('HAProxy did not come up (is the haproxy package installed?)');
      await sleep(200);
    }
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.CLUSTER_PORT ?? 4400);
  if (!Number.isInteger(port) || port < 1 || port > 65_530) {
    console.error('CLUSTER_PORT must be a port number');
    process.exit(1);
  }
  console.log(`starting HAProxy on ${port}, ${INSTANCE_COUNT} instances on ${port + 1}-${port + INSTANCE_COUNT} and an export worker...`);
  const cluster = await startCluster({ port }).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
  console.log(`\nAero Melody cluster ready at ${cluster.url}/ (GraphQL at ${cluster.url}/graphql); Ctrl-C stops it\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    cluster.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (const process_ of [...cluster.instances, cluster.worker, cluster.haproxy]) {
    process_.exited.then(({ code, signal }) => {
      if (!stopping) console.error(`[${process_.name}] exited (${signal ?? code}); stopping the cluster`) || stop();
    });
  }
}
