import { createServer } from './app.js';
import { loadConfig, readProcessEnvironment } from './config.js';
import { describeFatalError } from './fatal.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  const config = loadConfig(readProcessEnvironment());
  const logger = createLogger(config.logLevel);
  const server = await createServer(config, logger);
  server.httpServer.listen(config.port, config.host, () => {
    logger.info(`Aero Melody GraphQL API ready at http://localhost:${config.port}/graphql`);
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const forced = setTimeout(() => {
      logger.error('shutdown took too long; exiting anyway');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    forced.unref();
    server.dispose().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  // A failed background promise is a bug to log, not a reason to drop every connection.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(describeFatalError(error));
  process.exit(1);
});
