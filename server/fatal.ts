import { ConfigError } from './config.js';

/** Failures an operator can fix (configuration, a service down, a bad data file): one line, no stack. */
const OPERATOR_ERRORS = new Set(['ServiceUnreachableError', 'MigrationError', 'SourceError', 'CsvFormatError']);

export function describeFatalError(error: unknown): string {
  const forOperator = error instanceof ConfigError || (error instanceof Error && OPERATOR_ERRORS.has(error.name));
  if (forOperator) return `error: ${(error as Error).message}`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
