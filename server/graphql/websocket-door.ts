import type { IncomingMessage } from 'node:http';
import { GraphQLError, Kind, type ExecutionArgs, type ExecutionResult, type FormattedExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { Config } from '../config.js';
import type { RequestContext } from '../context.js';
import { isExpectedError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { RequestGuard } from './guard.js';
import type { createBroadcastHub } from './broadcast.js';
import { subscriptionLimitErrors } from './websocket.js';

/** What graphql-ws needs from the rest of the server. */
export interface WebSocketDoorDependencies {
  schema: GraphQLSchema;
  guard: RequestGuard;
  limits: Config['websocket'];
  logger: Logger;
  /** Fan-out of broadcast subscriptions (radio windows): executed once, the same bytes to every socket. */
  broadcast: ReturnType<typeof createBroadcastHub>;
  /** Counts open subscriptions per root field for /metrics. */
  listeners: { subscriptionOpened(field: string): void; subscriptionClosed(field: string): void };
  /** PERSISTED_QUERIES=allow-list: the errors for a document that is not on the list. */
  refuseDocument?: (query: string) => GraphQLError[] | undefined;
  /** The context of one operation, from connection_init's payload and the upgrade request. */
  contextOf(params: Record<string, unknown>, request: IncomingMessage): Promise<RequestContext>;
  /** Runs a query or mutation through Apollo's pipeline: response cache, invalidation, masking, analytics. */
  runOperation(query: string, operationName: string | undefined, variables: Record<string, unknown> | undefined, context: RequestContext): Promise<FormattedExecutionResult>;
}

type Ctx = Parameters<NonNullable<ServerOptions<Record<string, unknown>, Extra>['onSubscribe']>>[0];

/** Caps the WebSocket connections one address holds open (WS_MAX_CONNECTIONS_PER_ADDRESS). */
export class ConnectionsPerAddress {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Counts a connection in; false when the address holds its share already. */
  tryOpen(address: string): boolean {
    const count = this.open.get(address) ?? 0;
    if (count >= this.max) return false;
    this.open.set(address, count + 1);
    return true;
  }

  close(address: string): void {
    const count = (this.open.get(address) ?? 1) - 1;
    if (count <= 0) this.open.delete(address);
    else this.open.set(address, count);
  }
}

const refusal = (message: string, code: string) => [new GraphQLError(message, { extensions: { code } })];

/**
 * graphql-ws behind the same guard as HTTP. `onSubscribe` prepares the document (token limit,
 * validation rules), applies the introspection policy and the cost, counts the operation against
 * the viewer's or address's rate limit, and answers refusals as the HTTP door words them. Queries
 * and mutations then run through Apollo (so they are cached, invalidate, are masked and counted
 * like any POST); subscriptions run here, at most LIVE_MAX_STREAMS at once in this process, and
 * their errors are masked by the same rule.
 */
export function webSocketDoor(door: WebSocketDoorDependencies): ServerOptions<Record<string, unknown>, Extra> {
  const { guard, limits } = door;
  /** Each connection's open subscriptions: their ids and root fields. */
  const streamsOf = new WeakMap<Ctx, Map<string, string>>();
  let openStreams = 0;
  const endStream = (ctx: Ctx, id: string) => {
    const streams = streamsOf.get(ctx);
    const field = streams?.get(id);
    if (field === undefined) return;
    streams!.delete(id);
    openStreams--;
    door.listeners.subscriptionClosed(field);
  };
  const requestIds = new WeakMap<ExecutionArgs, string>();

  const format = (error: GraphQLError | GraphQLFormattedError, requestId: string | undefined): GraphQLFormattedError => {
    if (!(error instanceof GraphQLError)) return error;
    if (!isExpectedError(error.originalError ?? error)) door.logger.error({ err: error.originalError ?? error, requestId, path: error.path }, 'unexpected error in a graphql-ws operation');
    const formatted = guard.format(error.toJSON(), error);
    return formatted.extensions?.code === 'INTERNAL_SERVER_ERROR' ? { ...formatted, extensions: { ...formatted.extensions, requestId } } : formatted;
  };

  return {
    schema: door.schema,
    connectionInitWaitTimeout: limits.initTimeoutMs,
    onSubscribe: async (ctx, _id, payload) => {
      const tooMany = subscriptionLimitErrors(Object.keys(ctx.subscriptions).length, limits.maxSubscriptions);
      if (tooMany) return tooMany;
      const refused = door.refuseDocument?.(payload.query);
      if (refused) return refused;
      const params = ctx.connectionParams ?? {};
      const mayIntrospect = guard.mayIntrospect(params['x-playground-key']);
      const checked = guard.check(payload.query, payload.operationName, payload.variables ?? undefined, mayIntrospect);
      if (checked.errors.length > 0 || !checked.document || !checked.operation) return [...checked.errors];
      const subscription = checked.operation.operation === 'subscription';
      if (subscription && openStreams >= limits.maxStreams) return refusal('This server carries as many live streams as it can; try again shortly', 'SERVICE_UNAVAILABLE');
      const contextValue = await door.contextOf(params, ctx.extra.request);
      contextValue.mayIntrospect = mayIntrospect;
      const limited = guard.admit({ viewerId: contextValue.viewer?.id ?? null, clientAddress: contextValue.clientAddress });
      if (limited) return [limited];
      contextValue.admitted = true;
      if (subscription) {
        let streams = streamsOf.get(ctx);
        if (!streams) streamsOf.set(ctx, (streams = new Map()));
        const first = checked.operation.selectionSet.selections[0];
        const field = first?.kind === Kind.FIELD ? first.name.value : 'unknown';
        streams.set(_id, field);
        openStreams++;
        door.listeners.subscriptionOpened(field);
      }
      const args: ExecutionArgs = {
        schema: door.schema,
        document: checked.document,
        operationName: payload.operationName,
        variableValues: payload.variables,
        contextValue,
      };
      requestIds.set(args, contextValue.requestId);
      return args;
    },
    execute: (args: ExecutionArgs): Promise<ExecutionResult> => {
      const source = args.document.loc?.source.body ?? '';
      // Apollo's results are formatted already; onNext passes them through as they are.
      return door.runOperation(source, args.operationName ?? undefined, args.variableValues ?? undefined, args.contextValue as RequestContext) as Promise<ExecutionResult>;
    },
    subscribe: door.broadcast.subscribe,
    onOperation: door.broadcast.onOperation,
    onNext: (_ctx, _id, _payload, args, result) => {
      const requestId = requestIds.get(args);
      return result.errors ? { ...result, errors: result.errors.map((error) => format(error, requestId)) } : result;
    },
    onError: (_ctx, _id, _payload, errors) => errors.map((error) => format(error, undefined)),
    onComplete: (ctx, id) => endStream(ctx, id),
    onClose: (ctx) => {
      for (const id of [...(streamsOf.get(ctx)?.keys() ?? [])]) endStream(ctx, id);
    },
  };
}
