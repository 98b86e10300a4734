import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { serveClusterMetrics } from './adapters/metrics.js';
import { loadConfig, readProcessEnvironment, type Config } from './config.js';
import { describeFatalError } from './fatal.js';
import { createLogger, type Logger } from './logger.js';

async function serve(config: Readonly<Config>, logger: Logger): Promise<void> {
  const { endpoint } = config.tracing;
  // Tracing patches the drivers as they load, so it starts before the server's modules are imported.
  const stopTracing = endpoint ? await (await import('./adapters/tracing.js')).startTracing({ ...config.tracing, endpoint, instanceName: config.instanceName }) : null;
  const { createServer } = await import('./app.js');
  // A failed start closed what it opened; tracing, opened first, is closed last.
  const server = await createServer(config, logger).catch(async (error: unknown) => {
    await stopTracing?.();
    throw error;
  });
  server.httpServer.listen(config.port, config.host, () => {
    if (server.webApp !== 'off') logger.info(`Aero Melody web app ready at http://localhost:${config.port}/`);
    logger.info(`Aero Melody GraphQL API ready at http://localhost:${config.port}/graphql`);
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const forced = setTimeout(() => {
      logger.error('shutdown took too long; exiting anyway');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    forced.unref();
    const stopped = server.dispose().then(() => stopTracing?.());
    stopped.then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/** Waits before a retry grow 0.5 s, 1 s, 2 s ... up to this. */
const MAX_BACKOFF_MS = 15_000;
/** A process that served this long before dying was healthy: its replacement starts at once. */
const HEALTHY_AFTER_MS = 10_000;

const backoffMs = (failures: number): number => Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.max(0, failures - 1));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Several server processes on one port (node:cluster): the primary prepares the database once
 * (waiting for MariaDB while it is down), starts the workers, replaces one that dies (with a
 * growing delay while they keep dying young, e.g. with Redis down, rather than a tight crash
 * loop), and on SIGTERM lets each drain before exiting.
 */
async function supervise(processes: number, config: Readonly<Config>, logger: Logger): Promise<void> {
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down every server process');
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker?.process.kill(signal);
    setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 1_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  // Imported here, not at the top: a traced process must load the drivers after tracing starts.
  const { prepareDatabase } = await import('./app.js');
  for (let attempt = 1; ; attempt++) {
    try {
      await prepareDatabase(config, logger);
      break;
    } catch (error) {
      const retryInMs = backoffMs(attempt);
      logger.error({ reason: describeFatalError(error), retryInMs }, 'cannot prepare the database yet; waiting before trying again');
      await sleep(retryInMs);
      if (stopping) return;
    }
  }
  if (stopping) return;
  serveClusterMetrics();

  let youngDeaths = 0;
  /** When each server process started listening; one that dies before (a failed start) is not. */
  const listeningSince = new Map<number, number>();
  const start = () => {
    if (!stopping) cluster.fork();
  };
  cluster.on('listening', (worker) => listeningSince.set(worker.id, Date.now()));
  cluster.on('exit', (worker, code, signal) => {
    const servedMs = Date.now() - (listeningSince.get(worker.id) ?? Date.now());
    listeningSince.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    youngDeaths = servedMs >= HEALTHY_AFTER_MS ? 0 : youngDeaths + 1;
    const restartInMs = youngDeaths === 0 ? 0 : backoffMs(youngDeaths);
    logger.error({ pid: worker.process.pid, code, signal, restartInMs }, 'a server process died; starting another');
    setTimeout(start, restartInMs);
  });
  for (let i = 0; i < processes; i++) start();
  logger.info({ processes }, 'server processes starting');
}

async function main(): Promise<void> {
  const config = loadConfig(readProcessEnvironment());
  const logger = createLogger(config.logLevel);
  // A failed background promise is a bug to log, not a reason to drop every connection.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  const processes = config.processes === 'auto' ? availableParallelism() : config.processes;
  if (processes > 1 && cluster.isPrimary) await supervise(processes, config, logger);
  else await serve(config, logger);
}

main().catch((error: unknown) => {
  console.error(describeFatalError(error));
  process.exit(1);
});
