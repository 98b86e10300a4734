import { GraphQLError } from 'graphql';

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
