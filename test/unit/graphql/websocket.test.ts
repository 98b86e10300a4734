import { describe, expect, test } from 'vitest';
import { boundSendBuffer, SLOW_CONSUMER_CLOSE, subscriptionLimitErrors } from '../../../server/graphql/websocket.js';

function fakeSocket() {
  const socket = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    sent: [] as string[],
    closed: null as null | { code: number; reason: string },
    send(data: string, _callback?: (error?: Error) => void) {
      this.sent.push(data);
      this.bufferedAmount += data.length;
    },
    close(code: number, reason: string) {
      this.closed = { code, reason };
      this.readyState = 2;
    },
  };
  return socket;
}

describe('boundSendBuffer', () => {
  test('sends and reports done at once while the buffer has room', () => {
    const socket = fakeSocket();
    boundSendBuffer(socket, 100);
    let done = 0;
    socket.send('x'.repeat(60), () => done++);
    expect(socket.sent).toHaveLength(1);
    expect(done).toBe(1);
    expect(socket.closed).toBeNull();
  });

  test('closes a socket whose unsent data would pass the limit, and sends nothing more', () => {
    const socket = fakeSocket();
    boundSendBuffer(socket, 100);
    socket.send('x'.repeat(60));
    let done = 0;
    socket.send('y'.repeat(60), () => done++);
    expect(socket.closed).toEqual(SLOW_CONSUMER_CLOSE);
    expect(SLOW_CONSUMER_CLOSE.code).toBe(4413);
    expect(done).toBe(1);
    socket.send('z');
    expect(socket.sent).toEqual(['x'.repeat(60)]);
  });

  test('a drained buffer makes room again', () => {
    const socket = fakeSocket();
    boundSendBuffer(socket, 100);
    socket.send('x'.repeat(90));
    socket.bufferedAmount = 0;
    socket.send('y'.repeat(90));
    expect(socket.sent).toHaveLength(2);
    expect(socket.closed).toBeNull();
  });
});

describe('subscriptionLimitErrors', () => {
  test('allows up to the limit, counting the new one, and refuses past it', () => {
    expect(subscriptionLimitErrors(10, 10)).toBeUndefined();
    const errors = subscriptionLimitErrors(11, 10)!;
    expect(errors[0].message).toBe('At most 10 operations may run at once on one connection');
    expect(errors[0].extensions.code).toBe('RATE_LIMITED');
  });
});
