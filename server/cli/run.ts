import { loadConfig, readProcessEnvironment, type Config } from '../config.js';
import { describeFatalError } from '../fatal.js';
import { createLogger, type Logger } from '../logger.js';

/** Runs a command-line entry point; a failure prints one line (or a stack for a bug) and exits 1. */
export async function runCli(main: (config: Readonly<Config>, logger: Logger) => Promise<void>): Promise<void> {
  try {
    const config = loadConfig(readProcessEnvironment());
    await main(config, createLogger(config.logLevel));
  } catch (error) {
    console.error(describeFatalError(error));
    process.exitCode = 1;
  }
}
