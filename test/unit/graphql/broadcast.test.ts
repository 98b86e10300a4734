import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPubSub } from '@graphql-yoga/subscription';
import { GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createBroadcastHub } from '../../../server/graphql/broadcast.js';

const pubSub = createPubSub<{ tick: [{ n: number }] }>();
let executions = 0;
let streamsOpen = 0;

const Tick = new GraphQLObjectType({
  name: 'Tick',
  fields: {
    n: { type: GraphQLInt, resolve: (tick: { n: number }) => (executions++, tick.n) },
    label: { type: GraphQLString, resolve: (tick: { n: number }) => `tick ${tick.n}` },
  },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLInt, resolve: () => 1 } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      ticks: {
        type: Tick,
        resolve: (tick: unknown) => tick,
        subscribe: () => {
          streamsOpen++;
          const source = pubSub.subscribe('tick')[Symbol.asyncIterator]();
          return {
            [Symbol.asyncIterator]() {
              return this;
            },
            next: () => source.next(),
            return: async () => {
              streamsOpen--;
              return source.return!();
            },
          };
        },
      },
    },
  }),
});

let http: Server;
let url: string;

beforeAll(async () => {
  http = createServer();
  const wss = new WebSocketServer({ server: http, path: '/graphql' });
  const hub = createBroadcastHub(new Set(['ticks']), 1 << 20);
  useServer({ schema, subscribe: hub.subscribe, onOperation: hub.onOperation }, wss);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
});

afterAll(() => new Promise((resolve) => http.close(resolve)));

/** A raw graphql-transport-ws client: every message as the exact text it arrived as. */
async function listen(id: string) {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const messages: string[] = [];
  await new Promise<void>((resolve) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (data, isBinary) => {
      expect(isBinary).toBe(false);
      const text = String(data);
      if (text.includes('connection_ack')) {
        socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: 'subscription { ticks { n label } }' } }));
        resolve();
      } else messages.push(text);
    });
  });
  return { socket, messages };
}

const settle = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('broadcast subscriptions', () => {
  test('execute an event once and send every listener the same payload under its own id', async () => {
    const first = await listen('first');
    const second = await listen('second-id');
    await settle(() => streamsOpen === 2);
    executions = 0;
    pubSub.publish('tick', { n: 7 });
    await settle(() => first.messages.length === 1 && second.messages.length === 1);
    expect(executions).toBe(1);
    expect(JSON.parse(first.messages[0])).toEqual({ id: 'first', type: 'next', payload: { data: { ticks: { n: 7, label: 'tick 7' } } } });
    expect(JSON.parse(second.messages[0])).toEqual({ id: 'second-id', type: 'next', payload: { data: { ticks: { n: 7, label: 'tick 7' } } } });

    // Every listener's stream stays open while it listens, and is handed back when it leaves.
    first.socket.send(JSON.stringify({ id: 'first', type: 'complete' }));
    await settle(() => streamsOpen === 1);
    expect(streamsOpen).toBe(1);
    pubSub.publish('tick', { n: 8 });
    await settle(() => second.messages.length === 2);
    expect(JSON.parse(second.messages[1]).payload.data.ticks.n).toBe(8);
    expect(first.messages).toHaveLength(1);
    second.socket.close();
    first.socket.close();
    await settle(() => streamsOpen === 0);
    expect(streamsOpen).toBe(0);
  });
});
