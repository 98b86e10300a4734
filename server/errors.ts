import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable } from './adapters/mariadb.js';

/** Error codes clients may rely on; a code is never renamed once published. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'DUPLICATE_ENTRY'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'PREMIUM_REQUIRED'
  | 'QUOTA_EXCEEDED';

abstract class ExpectedError extends GraphQLError {
  constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export class BadUserInputError extends ExpectedError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, 'BAD_USER_INPUT', extensions);
  }
}

export class NotFoundError extends ExpectedError {
  constructor(message: string) {
    super(message, 'NOT_FOUND');
  }
}

export class UnauthenticatedError extends ExpectedError {
  constructor(message = 'Sign in to do this', extensions: Record<string, unknown> = {}) {
    super(message, 'UNAUTHENTICATED', extensions);
  }
}

export class ForbiddenError extends ExpectedError {
  constructor(message: string) {
    super(message, 'FORBIDDEN');
  }
}

export class ConflictError extends ExpectedError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, 'CONFLICT', extensions);
  }
}

/** The same music is already entered in the contest (compositions are deterministic). */
export class DuplicateEntryError extends ExpectedError {
  constructor(message: string) {
    super(message, 'DUPLICATE_ENTRY');
  }
}

export class RateLimitedError extends ExpectedError {
  constructor(retryAfterSeconds: number) {
    // Apollo turns `http` into the response's status and headers and strips it from the body.
    super(`Too many requests; try again in ${retryAfterSeconds} s`, 'RATE_LIMITED', {
      retryAfter: retryAfterSeconds,
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    });
  }
}

export class ServiceUnavailableError extends ExpectedError {
  constructor(message: string) {
    super(message, 'SERVICE_UNAVAILABLE');
  }
}

/** Something only PREMIUM accounts may do (a format, a longer piece). */
export class PremiumRequiredError extends ExpectedError {
  constructor(message: string) {
    super(message, 'PREMIUM_REQUIRED');
  }
}

/** A daily allowance is used up; `resetsAt` says when it starts again. */
export class QuotaExceededError extends ExpectedError {
  constructor(message: string, resetsAt: Date, limit: number) {
    super(message, 'QUOTA_EXCEEDED', { resetsAt: resetsAt.toISOString(), limit });
  }
}

/** Codes that graphql-js and Apollo raise for a malformed request; those messages are safe to show. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_ALLOWED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

/**
 * Keeps the messages of expected errors and hides everything else behind a generic message:
 * a driver's error text can reveal table names, hosts or data. The caller logs the original.
 */
export function isExpectedError(error: unknown): boolean {
  if (error instanceof ExpectedError) return true;
  if (error instanceof GraphQLError) {
    const code = error.extensions?.code;
    return error.originalError == null || (typeof code === 'string' && REQUEST_ERROR_CODES.has(code));
  }
  return false;
}

export function maskFormattedError(formatted: GraphQLFormattedError, error: unknown, showDetail = false): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  // graphql-js names its token limit in the message; the limit stays ours to know.
  if (code === 'GRAPHQL_PARSE_FAILED' && /contains more th(?:an|at) \d+ tokens/.test(formatted.message)) {
    return { message: 'Syntax Error: this query is too long', extensions: { code } };
  }
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  if (isExpectedError(original)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (isDatabaseUnavailable(original)) {
    return {
      message: 'The database is unavailable right now; try again shortly',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    };
  }
  return {
    message: INTERNAL_ERROR_MESSAGE,
    locations: formatted.locations,
    path: formatted.path,
    // Developers see what went wrong; production clients only the request id the logs carry too.
    extensions: showDetail && original instanceof Error ? { code: 'INTERNAL_SERVER_ERROR', detail: original.message } : { code: 'INTERNAL_SERVER_ERROR' },
  };
}
