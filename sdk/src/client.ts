import { createClient as createSocketClient, type Client as SocketClient } from 'graphql-ws/client';
import { operationOfDocument, type TypedDocument } from './documents.js';
import { AeroMelodyError, type GraphQLErrorPayload } from './errors.js';
import { exportAudio, type ExportAudioOptions } from './exports.js';
import { bindOperations, bindPaginators, operations, type AeroMelodyOperations, type AeroMelodyPaginators, type OperationName, type OperationTypes } from './generated/operations.js';
import type {
  ComposeInput,
  LiveBatchFieldsFragment,
  LiveCompositionSubscription,
  LiveCompositionSubscriptionVariables,
  LiveRadioSubscription,
  LiveRadioSubscriptionVariables,
} from './generated/types.js';
import { paginate } from './paginate.js';
import { DEFAULT_RETRY_ATTEMPTS, MAX_RETRY_DELAY_MS, RETRYABLE_CODES, parseRetryAfter, retryDelayMs, sleep, type RetryOptions } from './retry.js';
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
  /**
   * Repeats a query or mutation the server refused with RATE_LIMITED or SERVICE_UNAVAILABLE
   * (HTTP 429/503), after its Retry-After or with exponential backoff, at most `attempts` times
   * (default 2; `{ attempts: 0 }` turns it off). Other errors are never retried.
   */
  retry?: RetryOptions;
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

type LiveBatch = LiveBatchFieldsFragment;

export interface AeroMelodyClient extends Omit<AeroMelodyOperations, 'liveComposition' | 'liveRadio'> {
  /** The GraphQL endpoint this client talks to. */
  readonly url: string;
  /**
   * Runs any query or mutation: a `TypedDocumentNode` (or typed document string) from your own
   * graphql-codegen run against schema/schema.graphql, typed end to end.
   */
  request<TData, TVariables>(document: TypedDocument<TData, TVariables>, variables?: TVariables, options?: RequestOptions): Promise<TData>;
  /** Runs a named operation of schema/operations by its name (the typed methods call this). */
  request<N extends NameOf<'query' | 'mutation'>>(name: N, variables?: OperationTypes[N]['variables'], options?: RequestOptions): Promise<OperationTypes[N]['data']>;
  /**
   * Runs a named operation (or your own typed document) over graphql-ws and yields each result's
   * `data`: a subscription yields until it completes; a query or mutation yields once.
   */
  subscribe<N extends OperationName>(name: N, variables?: OperationTypes[N]['variables'], options?: RequestOptions): AsyncIterableIterator<OperationTypes[N]['data']>;
  subscribe<TData, TVariables>(document: TypedDocument<TData, TVariables>, variables?: TVariables, options?: RequestOptions): AsyncIterableIterator<TData>;
  /** Every node of a connection across pages: `for await (const route of client.paginate.routes({ from: 'JFK' }))`. */
  readonly paginate: AeroMelodyPaginators;
  /** Renders a saved piece as WAV or FLAC, follows the job and resolves with the download URL. */
  exportAudio(compositionId: string, options: ExportAudioOptions): Promise<string>;
  /** Composes a piece and streams its batches in real time (see `createLiveClock` for `soundsAt`). */
  liveComposition(input: ComposeInput, options?: RequestOptions): AsyncIterableIterator<LiveBatch>;
  /** The generated form: yields `{ liveComposition }` results. */
  liveComposition(variables: LiveCompositionSubscriptionVariables, options?: RequestOptions): AsyncIterableIterator<LiveCompositionSubscription>;
  /** A departures radio channel (an airport code) as a never-ending stream of batches. */
  liveRadio(channel: string, options?: RequestOptions): AsyncIterableIterator<LiveBatch>;
  /** The generated form: yields `{ liveRadio }` results. */
  liveRadio(variables: LiveRadioSubscriptionVariables, options?: RequestOptions): AsyncIterableIterator<LiveRadioSubscription>;
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
    const errors = (error as GraphQLErrorPayload[]).map((e) => (typeof e.extensions?.code === 'string' ? e : { ...e, extensions: { ...e.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } }));
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
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    let parsed: GraphQLResponseBody;
    try {
      parsed = JSON.parse(text) as GraphQLResponseBody;
    } catch {
      // A proxy's 429/503 page: the server did not run the operation either.
      if (response.status === 429 || response.status === 503) {
        parsed = { errors: [{ message: `HTTP ${response.status}`, extensions: { code: response.status === 429 ? 'RATE_LIMITED' : 'SERVICE_UNAVAILABLE' } }] };
      } else {
        throw new AeroMelodyError(`${operation.name}: HTTP ${response.status} without a GraphQL response: ${text.slice(0, 200)}`, {
          code: 'HTTP_ERROR',
          operationName: operation.name,
          status: response.status,
        });
      }
    }
    return { status: response.status, body: parsed, retryAfterMs };
  }

  /** One request and its persisted-operation fallbacks. */
  async function attempt(operation: OperationDefinition, variables: unknown, requestOptions?: RequestOptions) {
    const base = { ...(operation.name ? { operationName: operation.name } : {}), variables: variables ?? {} };
    const persisted = options.persistedOperations && operation.hash !== '';
    const persistedQuery = { version: 1, sha256Hash: operation.hash };
    let result = persisted ? await post(operation, { ...base, extensions: { persistedQuery } }, requestOptions) : await post(operation, { ...base, query: operation.document }, requestOptions);
    if (persisted && codeOf(result.body) === 'PERSISTED_QUERY_NOT_FOUND') {
      result = await post(operation, { ...base, query: operation.document, extensions: { persistedQuery } }, requestOptions);
    }
    if (persisted && codeOf(result.body) === 'PERSISTED_QUERY_NOT_SUPPORTED') {
      result = await post(operation, { ...base, query: operation.document }, requestOptions);
    }
    return result;
  }

  async function execute<TData>(operation: OperationDefinition, variables: unknown, requestOptions?: RequestOptions): Promise<TData> {
    const attempts = options.retry?.attempts ?? DEFAULT_RETRY_ATTEMPTS;
    for (let retry = 0; ; retry++) {
      const { status, body, retryAfterMs } = await attempt(operation, variables, requestOptions);
      const code = codeOf(body);
      const named = typeof body.errors?.[0]?.extensions?.retryAfter === 'number' ? body.errors[0].extensions.retryAfter * 1000 : undefined;
      const wait = retryAfterMs ?? named;
      // A server asking for a longer wait than maxDelayMs gets its error back at once rather than an early retry.
      const worthWaiting = wait === undefined || wait <= (options.retry?.maxDelayMs ?? MAX_RETRY_DELAY_MS);
      if (body.errors?.length && typeof code === 'string' && RETRYABLE_CODES.has(code) && retry < attempts && worthWaiting) {
        await sleep(retryDelayMs(retry, wait, options.retry), requestOptions?.signal).catch((reason: unknown) => {
          throw new AeroMelodyError(`${operation.name}: aborted while waiting to retry`, { code: 'NETWORK_ERROR', operationName: operation.name, cause: reason });
        });
        continue;
      }
      if (body.errors?.length) throw AeroMelodyError.fromGraphQLErrors(body.errors, { operationName: operation.name, data: body.data, status });
      if (body.data === undefined || body.data === null) {
        throw new AeroMelodyError(`${operation.name}: HTTP ${status} with neither data nor errors`, { code: 'HTTP_ERROR', operationName: operation.name, status });
      }
      return body.data as TData;
    }
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
      { ...(operation.name ? { operationName: operation.name } : {}), query: operation.document, variables: (variables ?? {}) as Record<string, unknown> },
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

  const resolve = (operation: OperationName | TypedDocument<unknown, unknown>): OperationDefinition =>
    typeof operation === 'string' && Object.hasOwn(operations, operation) ? operations[operation as OperationName] : operationOfDocument(operation);
  const generated = bindOperations(transport);
  const unwrap = async function* <K extends string, T>(stream: AsyncIterableIterator<Record<K, T>>, key: K): AsyncGenerator<T, void, undefined> {
    for await (const result of stream) yield result[key];
  };

  const client = {
    ...generated,
    url,
    request: (operation: OperationName | TypedDocument<unknown, unknown>, variables?: unknown, requestOptions?: RequestOptions) => {
      const definition = resolve(operation);
      if (definition.type === 'subscription') {
        throw new TypeError(`client.request: ${definition.name || 'the operation'} is a subscription; use client.subscribe`);
      }
      return execute(definition, variables, requestOptions);
    },
    subscribe: (operation: OperationName | TypedDocument<unknown, unknown>, variables?: unknown, requestOptions?: RequestOptions) => subscribe(resolve(operation), variables, requestOptions),
    paginate: bindPaginators({ paginate: (operation, connection, variables, paginateOptions) => paginate(execute, operation, connection, variables, paginateOptions) }),
    exportAudio: (compositionId: string, exportOptions: ExportAudioOptions) => exportAudio(generated, url, compositionId, exportOptions),
    liveComposition: (input: ComposeInput | LiveCompositionSubscriptionVariables, requestOptions?: RequestOptions) =>
      isComposeVariables(input) ? generated.liveComposition(input, requestOptions) : unwrap(generated.liveComposition({ input }, requestOptions), 'liveComposition'),
    liveRadio: (channel: string | LiveRadioSubscriptionVariables, requestOptions?: RequestOptions) =>
      typeof channel === 'string' ? unwrap(generated.liveRadio({ channel }, requestOptions), 'liveRadio') : generated.liveRadio(channel, requestOptions),
    async dispose() {
      const current = socket;
      socket = null;
      if (current) await (await current.catch(() => null))?.dispose();
    },
  };
  return client as AeroMelodyClient;
}

/** `{ input: {...} }` (the generated method's variables) rather than the input itself: ComposeInput has no `input` field. */
const isComposeVariables = (value: ComposeInput | LiveCompositionSubscriptionVariables): value is LiveCompositionSubscriptionVariables => Object.keys(value).length === 1 && 'input' in value;
