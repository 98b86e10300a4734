/** A named operation as generated into ./generated/operations.ts. */
export interface OperationDefinition {
  readonly name: string;
  readonly type: 'query' | 'mutation' | 'subscription';
  /** sha256 (hex) of `document`: the operation's id in schema/operations/manifest.json. */
  readonly hash: string;
  /** The exact GraphQL text: the operation, then the fragments it uses. */
  readonly document: string;
}

/** Per-call options. */
export interface RequestOptions {
  /** Aborts the HTTP request, or ends a subscription. */
  signal?: AbortSignal;
  /** Extra headers for this HTTP request (ignored over WebSocket). */
  headers?: Record<string, string>;
}

/** What the generated methods call: HTTP for queries and mutations, graphql-ws for subscriptions. */
export interface OperationTransport {
  execute<TData, TVariables>(operation: OperationDefinition, variables: TVariables | undefined, options?: RequestOptions): Promise<TData>;
  subscribe<TData, TVariables>(operation: OperationDefinition, variables: TVariables | undefined, options?: RequestOptions): AsyncIterableIterator<TData>;
}

/** Where a paginated query keeps its connection (generated into ./generated/operations.ts). */
export interface ConnectionDefinition {
  /** Response keys from `data` down to the connection, e.g. `['user', 'compositions']`. */
  readonly path: readonly string[];
  /** Whether the operation selects `edges { node }` or `nodes`. */
  readonly list: 'edges' | 'nodes';
}

/** Options of `client.paginate.<method>()`. */
export interface PaginateOptions extends RequestOptions {
  /** Nodes asked per request, 1 to 100 (default 50). */
  pageSize?: number;
  /** Stop after this many nodes overall (default: every node). */
  limit?: number;
}

/** What the generated paginators call. */
export interface PageTransport {
  paginate(operation: OperationDefinition, connection: ConnectionDefinition, variables: object | undefined, options?: PaginateOptions): AsyncIterableIterator<unknown>;
}
