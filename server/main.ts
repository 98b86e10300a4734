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
  const server = await createServer(config, logger);
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

/**
 * Several server processes on one port (node:cluster): the primary prepares the database once,
 * starts the workers, replaces one that dies, and on SIGTERM lets each drain before exiting.
 */
async function supervise(processes: number, config: Readonly<Config>, logger: Logger): Promise<void> {
  const { prepareDatabase } = await import('./app.js');
  await prepareDatabase(config, logger);
  serveClusterMetrics();
  let stopping = false;
  const start = () => cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'a server process died; starting another');
    start();
  });
  for (let i = 0; i < processes; i++) start();
  logger.info({ processes }, 'server processes starting');

  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down every server process');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 1_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
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
