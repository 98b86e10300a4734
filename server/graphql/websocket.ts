import { createSourceEventStream, execute, getOperationAST, GraphQLError, Kind, print, subscribe, type ExecutionArgs, type ExecutionResult } from 'graphql';

/** Close code and reason for a listener that does not read fast enough (4413: like HTTP 413, "too large"). */
export const SLOW_CONSUMER_CLOSE = { code: 4413, reason: 'Too slow: send buffer full' } as const;

interface SendableSocket {
  readonly bufferedAmount: number;
  readonly readyState: number;
  readonly OPEN: number;
  send(data: string, callback?: (error?: Error) => void): void;
  close(code: number, reason: string): void;
}

/**
 * Bounds what one socket may hold unsent. graphql-ws awaits each send until it is flushed, which
 * would leave a stalled listener's backlog growing in its stream queue instead; here a send counts
 * as done once queued, and a socket whose queue would pass `limitBytes` is closed with a clear
 * reason rather than holding more memory.
 */
export function boundSendBuffer(socket: SendableSocket, limitBytes: number): void {
  const send = socket.send.bind(socket);
  let dropped = false;
  socket.send = (data, callback) => {
    if (dropped || socket.readyState !== socket.OPEN) return callback?.();
    if (socket.bufferedAmount + Buffer.byteLength(data) > limitBytes) {
      dropped = true;
      socket.close(SLOW_CONSUMER_CLOSE.code, SLOW_CONSUMER_CLOSE.reason);
      return callback?.();
    }
    send(data);
    callback?.();
  };
}

/** For graphql-ws onSubscribe: `open` counts the subscription being started. */
export function subscriptionLimitErrors(open: number, max: number): GraphQLError[] | undefined {
  if (open <= max) return undefined;
  return [new GraphQLError(`At most ${max} operations may run at once on one connection`, { extensions: { code: 'RATE_LIMITED' } })];
}

type SubscriptionResult = AsyncIterableIterator<ExecutionResult> | ExecutionResult;

const rootFieldOf = (args: ExecutionArgs): string | undefined => {
  const operation = getOperationAST(args.document, args.operationName);
  const first = operation?.selectionSet.selections[0];
  return first?.kind === Kind.FIELD ? first.name.value : undefined;
};

/**
 * graphql-ws `subscribe` that executes an event of a broadcast stream once per distinct operation
 * on this instance, not once per listener: a radio window reaches thousands of sockets as the same
 * object, and its result does not depend on who listens. Only `sharedFields` (whose types have no
 * viewer-dependent fields) are shared; every other subscription runs as graphql-js would run it.
 */
export function subscribeSharingResults(sharedFields: ReadonlySet<string>) {
  const results = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
  return async (args: ExecutionArgs): Promise<SubscriptionResult> => {
    const field = rootFieldOf(args);
    if (!field || !sharedFields.has(field)) return subscribe(args);
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream;
    const key = `${args.operationName ?? ''}\n${print(args.document)}\n${JSON.stringify(args.variableValues ?? {})}`;
    const resultOf = (payload: unknown): Promise<ExecutionResult> => {
      if (payload === null || typeof payload !== 'object') return Promise.resolve(execute({ ...args, rootValue: payload }));
      let byOperation = results.get(payload);
      if (!byOperation) results.set(payload, (byOperation = new Map()));
      let result = byOperation.get(key);
      if (!result) byOperation.set(key, (result = Promise.resolve(execute({ ...args, rootValue: payload }))));
      return result;
    };
    const source = stream[Symbol.asyncIterator]();
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      [Symbol.asyncIterator]: () => iterator,
      next: async () => {
        const next = await source.next();
        return next.done ? { done: true, value: undefined } : { done: false, value: await resultOf(next.value) };
      },
      return: async () => {
        await source.return?.();
        return { done: true, value: undefined };
      },
    };
    return iterator;
  };
}
