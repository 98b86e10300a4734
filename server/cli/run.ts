import { ConfigError, loadConfig, readProcessEnvironment, type Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';

/**
 * Runs a command-line entry point: expected failures (bad configuration, an unreachable service,
 * a malformed data file) print one line and exit 1; anything else is a bug and keeps its stack.
 */
export async function runCli(main: (config: Readonly<Config>, logger: Logger) => Promise<void>): Promise<void> {
  try {
    const config = loadConfig(readProcessEnvironment());
    await main(config, createLogger(config.logLevel));
  } catch (error) {
    const expected =
      error instanceof ConfigError ||
      (error instanceof Error &&
        ['ServiceUnreachableError', 'CsvFormatError', 'SourceError', 'MigrationError'].includes(error.name));
    console.error(expected ? `error: ${(error as Error).message}` : error);
    process.exitCode = 1;
  }
}
