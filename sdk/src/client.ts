import { createClient as createSocketClient, type Client as SocketClient } from 'graphql-ws/client';
import { AeroMelodyError, type GraphQLErrorPayload } from './errors.js';
import { bindOperations, operations, type AeroMelodyOperations, type OperationName, type OperationTypes } from './generated/operations.js';
import type { OperationDefinition, OperationTransport, RequestOptions } from './transport.js';

export interface AeroMelodyClientOptions {
  /** The GraphQL endpoint, e.g. `https://api.example.com/graphql`. */
  url: string;
  /** Partner API key, sent as the `x-api-key` header (and `x-api-key` in the graphql-ws connection params). */
  apiKey?: string;
  /** A user's access token, sent as `Authorization: Bearer <token>` (and `authorization` in the connection params). */
  accessToken?: string;
  /** Headers added to every HTTP request. */
  headers?: Record<string, string>;
  /**
   * Send operations by hash (the sha256 in `schema/operations/manifest.json`) instead of their text,
   * as `extensions.persistedQuery` (the automatic-persisted-queries wire format). When the server
   * answers `PERSISTED_QUERY_NOT_FOUND` the call is retried once with the text; when it answers
   * `PERSISTED_QUERY_NOT_SUPPORTED` the text is sent without the hash. Default `false`.
   */
  persistedOperations?: boolean;
  /** `fetch` to use (default: the global one; Node >= 18 has it). */
  fetch?: typeof globalThis.fetch;
  /** Subscriptions (graphql-ws). */
  subscriptions?: {
    /** Default: `url` with `http` replaced by `ws`. */
    url?: string;
    /** A WebSocket constructor. Default: the global `WebSocket`, else the `ws` package (Node 20). */
    webSocketImpl?: unknown;
    /** How often to reconnect after the socket drops (graphql-ws `retryAttempts`, default 5). */
    retryAttempts?: number;
  };
}

type NameOf<K extends 'query' | 'mutation' | 'subscription'> = {
  [N in OperationName]: OperationTypes[N]['type'] extends K ? N : never;
}[OperationName];

export interface AeroMelodyClient extends AeroMelodyOperations {
  /** The GraphQL endpoint this client talks to. */
  readonly url: string;
  /** Runs a query or mutation by operation name (the typed methods call this). */
  request<N extends NameOf<'query' | 'mutation'>>(
    name: N,
    variables?: OperationTypes[N]['variables'],
    options?: RequestOptions,
  ): Promise<OperationTypes[N]['data']>;
  /**
   * Runs any named operation over graphql-ws and yields each result's `data`: a subscription
   * yields until it completes; a query or mutation yields once.
   */
  subscribe<N extends OperationName>(name: N, variables?: OperationTypes[N]['variables'], options?: RequestOptions): AsyncIterableIterator<OperationTypes[N]['data']>;
  /** Closes the WebSocket, if one was opened. HTTP calls keep working. */
  dispose(): Promise<void>;
}

interface GraphQLResponseBody {
  data?: unknown;
  errors?: GraphQLErrorPayload[];
}

const codeOf = (body: GraphQLResponseBody) => body.errors?.[0]?.extensions?.code;

/** Headers for auth, shared by HTTP (as headers) and graphql-ws (as connection params). */
function credentials(options: AeroMelodyClientOptions): Record<string, string> {
  const result: Record<string, string> = {};
  if (options.accessToken) result.authorization = `Bearer ${options.accessToken}`;
  if (options.apiKey) result['x-api-key'] = options.apiKey;
  return result;
}

function errorFromSocket(error: unknown, operationName: string): AeroMelodyError {
  if (error instanceof AeroMelodyError) return error;
  if (Array.isArray(error)) {
    // graphql-ws sends an `error` message only when the operation cannot start: it did not parse
    // or validate (execution errors arrive as results). Those errors carry no code of their own.
    const errors = (error as GraphQLErrorPayload[]).map((e) =>
      typeof e.extensions?.code === 'string' ? e : { ...e, extensions: { ...e.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } },
    );
    return AeroMelodyError.fromGraphQLErrors(errors, { operationName });
  }
  if (error && typeof error === 'object' && 'code' in error && typeof (error as { code: unknown }).code === 'number') {
    const { code, reason } = error as { code: number; reason?: string };
    return new AeroMelodyError(`The subscription socket closed (${code}${reason ? `: ${reason}` : ''})`, { code: 'SOCKET_CLOSED', operationName, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AeroMelodyError(`The subscription failed: ${message}`, { code: 'NETWORK_ERROR', operationName, cause: error });
}

/**
 * A typed client for the Aero Melody API: one method per named operation in
 * `schema/operations` (e.g. `client.route({ from: 'JFK', to: 'LAX' })`), resolving to the
 * operation's `data` or rejecting with an {@link AeroMelodyError}.
 */
export function createAeroMelodyClient(options: AeroMelodyClientOptions): AeroMelodyClient {
  const url = options.url;
  if (!/^https?:\/\//i.test(url)) throw new TypeError(`createAeroMelodyClient: url must be an http(s) URL, got "${url}"`);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') throw new TypeError('createAeroMelodyClient: no fetch available; pass options.fetch');
  const auth = credentials(options);
  const socketUrl = options.subscriptions?.url ?? url.replace(/^http/i, 'ws');
  let socket: Promise<SocketClient> | null = null;

  async function post(operation: OperationDefinition, body: Record<string, unknown>, requestOptions?: RequestOptions) {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...options.headers,
          ...auth,
          ...requestOptions?.headers,
        },
        body: JSON.stringify(body),
        signal: requestOptions?.signal,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new AeroMelodyError(`${operation.name}: request to ${url} failed: ${message}`, { code: 'NETWORK_ERROR', operationName: operation.name, cause: error });
    }
    const text = await response.text();
    let parsed: GraphQLResponseBody;
    try {
      parsed = JSON.parse(text) as GraphQLResponseBody;
    } catch {
      throw new AeroMelodyError(`${operation.name}: HTTP ${response.status} without a GraphQL response: ${text.slice(0, 200)}`, {
        code: 'HTTP_ERROR',
        operationName: operation.name,
        status: response.status,
      });
    }
    return { status: response.status, body: parsed };
  }

  async function execute<TData>(operation: OperationDefinition, variables: unknown, requestOptions?: RequestOptions): Promise<TData> {
    const base = { operationName: operation.name, variables: variables ?? {} };
    const persistedQuery = { version: 1, sha256Hash: operation.hash };
    let result = options.persistedOperations
      ? await post(operation, { ...base, extensions: { persistedQuery } }, requestOptions)
      : await post(operation, { ...base, query: operation.document }, requestOptions);
    if (options.persistedOperations && codeOf(result.body) === 'PERSISTED_QUERY_NOT_FOUND') {
      result = await post(operation, { ...base, query: operation.document, extensions: { persistedQuery } }, requestOptions);
    }
    if (options.persistedOperations && codeOf(result.body) === 'PERSISTED_QUERY_NOT_SUPPORTED') {
      result = await post(operation, { ...base, query: operation.document }, requestOptions);
    }
    const { status, body } = result;
    if (body.errors?.length) throw AeroMelodyError.fromGraphQLErrors(body.errors, { operationName: operation.name, data: body.data, status });
    if (body.data === undefined || body.data === null) {
      throw new AeroMelodyError(`${operation.name}: HTTP ${status} with neither data nor errors`, { code: 'HTTP_ERROR', operationName: operation.name, status });
    }
    return body.data as TData;
  }

  async function socketClient(): Promise<SocketClient> {
    socket ??= (async () => {
      let webSocketImpl = options.subscriptions?.webSocketImpl ?? (globalThis as { WebSocket?: unknown }).WebSocket;
      if (!webSocketImpl) webSocketImpl = (await import('ws')).default;
      return createSocketClient({
        url: socketUrl,
        webSocketImpl,
        lazy: true,
        retryAttempts: options.subscriptions?.retryAttempts ?? 5,
        connectionParams: () => ({ ...auth }),
      });
    })();
    return socket;
  }

  async function* subscribe<TData>(operation: OperationDefinition, variables: unknown, requestOptions?: RequestOptions): AsyncGenerator<TData, void, undefined> {
    const client = await socketClient().catch((error: unknown) => {
      socket = null;
      throw errorFromSocket(error, operation.name);
    });
    const state: { results: { data?: unknown; errors?: readonly GraphQLErrorPayload[] }[]; done: boolean; error: unknown; wake: () => void } = {
      results: [],
      done: false,
      error: undefined,
      wake: () => {},
    };
    const notify = () => {
      const wake = state.wake;
      state.wake = () => {};
      wake();
    };
    const signal = requestOptions?.signal;
    if (signal?.aborted) return;
    const unsubscribe = client.subscribe(
      { operationName: operation.name, query: operation.document, variables: (variables ?? {}) as Record<string, unknown> },
      {
        next: (result) => {
          state.results.push(result as (typeof state.results)[number]);
          notify();
        },
        error: (error) => {
          state.error = error ?? new Error('unknown error');
          state.done = true;
          notify();
        },
        complete: () => {
          state.done = true;
          notify();
        },
      },
    );
    const onAbort = () => {
      state.done = true;
      notify();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        while (state.results.length) {
          const result = state.results.shift()!;
          if (result.errors?.length) throw AeroMelodyError.fromGraphQLErrors(result.errors, { operationName: operation.name, data: result.data });
          yield result.data as TData;
        }
        if (state.error !== undefined) throw errorFromSocket(state.error, operation.name);
        if (state.done) return;
        await new Promise<void>((resolve) => (state.wake = resolve));
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      unsubscribe();
    }
  }

  const transport: OperationTransport = {
    execute: <TData>(operation: OperationDefinition, variables: unknown, requestOptions?: RequestOptions) => execute<TData>(operation, variables, requestOptions),
    subscribe: <TData>(operation: OperationDefinition, variables: unknown, requestOptions?: RequestOptions) => subscribe<TData>(operation, variables, requestOptions),
  };

  return {
    ...bindOperations(transport),
    url,
    request: (name, variables, requestOptions) => execute(operations[name], variables, requestOptions),
    subscribe: (name, variables, requestOptions) => subscribe(operations[name], variables, requestOptions),
    async dispose() {
      const current = socket;
      socket = null;
      if (current) await (await current.catch(() => null))?.dispose();
    },
  };
}
