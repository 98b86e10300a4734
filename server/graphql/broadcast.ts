import type { Socket } from 'node:net';
import { createSourceEventStream, execute, getOperationAST, Kind, print, subscribe, type ExecutionArgs, type ExecutionResult } from 'graphql';
import WebSocket from 'ws';
import { SLOW_CONSUMER_CLOSE } from './websocket.js';

type SubscriptionResult = AsyncIterableIterator<ExecutionResult> | ExecutionResult;

/** The socket a subscription arrived on and the id its client gave it (graphql-ws onOperation). */
interface Listener {
  socket: WebSocket;
  /** `{"id":"<id>","type":"next","payload":` — the only per-listener bytes of a message. */
  head: Buffer;
  end(outcome: IteratorResult<ExecutionResult> | Error): void;
}

/**
 * Everyone on this instance who subscribed to the same operation with the same variables. Each
 * listener still opened its own event stream (so the resolver checked and counted it), but only
 * one stream, the source, is read; the others stay unstarted (pub/sub streams only start
 * listening when first read) and are handed back one per listener who leaves, the source last.
 */
interface Group {
  key: string;
  args: ExecutionArgs;
  source: AsyncIterator<unknown>;
  spares: AsyncIterator<unknown>[];
  listeners: Set<Listener>;
}

const rootFieldOf = (args: ExecutionArgs): string | undefined => {
  const operation = getOperationAST(args.document, args.operationName);
  const first = operation?.selectionSet.selections[0];
  return first?.kind === Kind.FIELD ? first.name.value : undefined;
};

/** ws's own send, not the per-socket wrapper the send bound installs (it takes strings only). */
const sendFrame = WebSocket.prototype.send;

/**
 * Fan-out of broadcast subscriptions (a radio channel: the same windows for everyone): each event
 * is executed and serialised once per (operation, variables) on this instance, and the same bytes
 * go to every socket as one WebSocket text message in two frames, the listener's own head and the
 * shared body, written together. No listener waits for another: a socket whose unsent data
 * would pass `sendBufferBytes` is closed with 4413 (the rule `boundSendBuffer` applies to every
 * other message), and the write loop is synchronous, with no promise per listener and window.
 * Only `sharedFields` (whose types have no viewer-dependent fields) are broadcast; every other
 * subscription runs as graphql-js runs it.
 */
export function createBroadcastHub(sharedFields: ReadonlySet<string>, sendBufferBytes: number, formatResult: (result: ExecutionResult) => unknown = (result) => result) {
  const groups = new Map<string, Group>();

  const deliver = (group: Group, body: Buffer) => {
    for (const listener of group.listeners) {
      const { socket, head } = listener;
      if (socket.readyState !== WebSocket.OPEN) continue;
      if (socket.bufferedAmount + head.length + body.length > sendBufferBytes) {
        socket.close(SLOW_CONSUMER_CLOSE.code, SLOW_CONSUMER_CLOSE.reason);
        continue;
      }
      // ws writes each frame as its own write; corked, both frames leave in one system call.
      const raw = (socket as unknown as { _socket?: Socket })._socket;
      raw?.cork();
      sendFrame.call(socket, head, { binary: false, fin: false });
      sendFrame.call(socket, body, { binary: false, fin: true });
      raw?.uncork();
    }
  };

  const pump = async (group: Group) => {
    try {
      for (;;) {
        const next = await group.source.next();
        if (next.done) break;
        const result = await execute({ ...group.args, rootValue: next.value });
        if (group.listeners.size > 0) deliver(group, Buffer.from(`${JSON.stringify(formatResult(result))}}`));
      }
      for (const listener of group.listeners) listener.end({ done: true, value: undefined });
    } catch (error) {
      for (const listener of group.listeners) listener.end(error instanceof Error ? error : new Error(String(error)));
    } finally {
      if (groups.get(group.key) === group) groups.delete(group.key);
      group.listeners.clear();
      for (const spare of group.spares.splice(0)) void spare.return?.();
    }
  };

  const join = (key: string, args: ExecutionArgs, stream: AsyncIterator<unknown>, listener: Listener) => {
    const group = groups.get(key);
    if (group) {
      group.spares.push(stream);
      group.listeners.add(listener);
      // graphql-ws keeps these arguments as long as the subscription lasts, but only the group's
      // first ones execute: a listener's own context (its DataLoaders) and parsed document go.
      Object.assign(args, { contextValue: undefined, document: group.args.document });
      return;
    }
    const created: Group = { key, args, source: stream, spares: [], listeners: new Set([listener]) };
    groups.set(key, created);
    void pump(created);
  };

  const leave = (key: string, listener: Listener) => {
    const group = groups.get(key);
    if (!group?.listeners.delete(listener)) return;
    if (group.listeners.size > 0) {
      void group.spares.pop()?.return?.();
      return;
    }
    groups.delete(key);
    void group.source.return?.();
  };

  /** A listener's subscription as graphql-ws sees it: it never yields, the hub writes for it. */
  const subscriptionOf = (key: string, args: ExecutionArgs, stream: AsyncIterator<unknown>) => {
    let listener: Listener | null = null;
    let ended: IteratorResult<ExecutionResult> | Error | null = null;
    let settle: ((outcome: IteratorResult<ExecutionResult> | Error) => void) | null = null;
    const finish = (outcome: IteratorResult<ExecutionResult> | Error) => {
      ended ??= outcome;
      settle?.(ended);
    };
    const stop = async (): Promise<IteratorResult<ExecutionResult>> => {
      if (listener) leave(key, listener);
      else if (!ended) await stream.return?.();
      finish({ done: true, value: undefined });
      return { done: true, value: undefined };
    };
    const subscription = {
      [Symbol.asyncIterator]: () => subscription,
      next: () =>
        new Promise<IteratorResult<ExecutionResult>>((resolve, reject) => {
          settle = (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome));
          if (ended) settle(ended);
        }),
      return: stop,
      throw: stop,
      attach(socket: WebSocket, id: string) {
        if (listener || ended) return;
        listener = { socket, head: Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`), end: finish };
        join(key, args, stream, listener);
      },
    };
    return subscription;
  };
  type BroadcastSubscription = ReturnType<typeof subscriptionOf>;
  const broadcasts = new WeakSet<object>();

  return {
    /** graphql-ws `subscribe`. */
    async subscribe(args: ExecutionArgs): Promise<SubscriptionResult> {
      const field = rootFieldOf(args);
      if (!field || !sharedFields.has(field)) return subscribe(args);
      const stream = await createSourceEventStream(args);
      if (!(Symbol.asyncIterator in stream)) return stream;
      const key = `${args.operationName ?? ''}\n${print(args.document)}\n${JSON.stringify(args.variableValues ?? {})}`;
      const subscription = subscriptionOf(key, args, stream[Symbol.asyncIterator]());
      broadcasts.add(subscription);
      return subscription;
    },
    /** graphql-ws `onOperation`: a broadcast subscription learns its socket and id and starts receiving. */
    onOperation(ctx: { extra: { socket: WebSocket } }, id: string, _payload: unknown, _args: unknown, result: unknown): undefined {
      if (typeof result === 'object' && result !== null && broadcasts.has(result)) (result as BroadcastSubscription).attach(ctx.extra.socket, id);
      return undefined;
    },
  };
}
