/** One entry of a GraphQL response's `errors`, as the server sends it. */
export interface GraphQLErrorPayload {
  message: string;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  extensions?: { code?: string; [key: string]: unknown };
}

/**
 * Codes the Aero Melody API uses in `extensions.code`, plus the SDK's own transport codes:
 * `NETWORK_ERROR` (no response: DNS, refused, aborted), `HTTP_ERROR` (a response without a
 * GraphQL body), `SOCKET_CLOSED` (the graphql-ws connection closed abnormally) and
 * `EXPORT_FAILED` (`exportAudio`: the render failed on the server).
 * Other strings can appear: the type stays open so new server codes do not break builds.
 */
export type AeroMelodyErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'DUPLICATE_ENTRY'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'PREMIUM_REQUIRED'
  | 'QUOTA_EXCEEDED'
  | 'INTERNAL_SERVER_ERROR'
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'PERSISTED_QUERY_NOT_SUPPORTED'
  | 'NETWORK_ERROR'
  | 'HTTP_ERROR'
  | 'SOCKET_CLOSED'
  | 'EXPORT_FAILED'
  | (string & {});

/**
 * Every failure of an SDK call: GraphQL errors in the response (the first one's
 * `extensions.code` is `code`; all of them are in `errors`) or a transport failure.
 */
export class AeroMelodyError extends Error {
  override readonly name = 'AeroMelodyError';
  readonly code: AeroMelodyErrorCode;
  /** The operation that failed, e.g. `PreviewComposition`. */
  readonly operationName: string | undefined;
  /** Every GraphQL error of the response (empty for transport failures). */
  readonly errors: readonly GraphQLErrorPayload[];
  /** Whatever `data` the server returned alongside the errors (partial results), if any. */
  readonly data: unknown;
  /** HTTP status, for errors that came over HTTP. */
  readonly status: number | undefined;

  constructor(
    message: string,
    init: {
      code: AeroMelodyErrorCode;
      operationName?: string;
      errors?: readonly GraphQLErrorPayload[];
      data?: unknown;
      status?: number;
      cause?: unknown;
    },
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.operationName = init.operationName;
    this.errors = init.errors ?? [];
    this.data = init.data ?? null;
    this.status = init.status;
  }

  /** The error for a GraphQL response carrying `errors`. */
  static fromGraphQLErrors(errors: readonly GraphQLErrorPayload[], init: { operationName?: string; data?: unknown; status?: number } = {}) {
    const first = errors[0];
    const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
    const message = errors.map((error) => error.message).join('; ') || 'GraphQL request failed';
    return new AeroMelodyError(message, { ...init, code, errors });
  }
}

export const isAeroMelodyError = (error: unknown): error is AeroMelodyError => error instanceof AeroMelodyError;
