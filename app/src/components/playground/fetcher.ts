import { createClient, type Client } from 'graphql-ws';
import { sessions } from '@/lib/session';
import { selectedOperation, stringHeaders } from './request';

type Params = { query: string; variables?: Record<string, unknown> | null; operationName?: string | null };

/**
 * GraphiQL's fetcher: POST for queries and mutations, graphql-ws for subscriptions (the operation
 * type read from the parsed document). The headers typed in GraphiQL's header editor go with both:
 * as HTTP headers, and as the WebSocket's connection params (one socket per set of headers).
 */
export function createFetcher(playgroundKey: string) {
  const sockets = new Map<string, Client>();
  const withSession = async (headers: Record<string, string>) => {
    const token = headers.authorization ? undefined : await sessions.accessToken();
    return token ? { ...headers, authorization: `Bearer ${token}` } : headers;
  };
  const socketFor = (headers: Record<string, string>) => {
    const key = JSON.stringify(headers);
    let socket = sockets.get(key);
    if (!socket) {
      socket = createClient({
        url: `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`,
        lazy: true,
        connectionParams: async () => withSession(headers),
      });
      sockets.set(key, socket);
    }
    return socket;
  };
  const fetcher = (params: Params, options?: { headers?: Record<string, unknown> }) => {
    const headers = stringHeaders(options?.headers);
    const operation = selectedOperation(params.query, params.operationName);
    if (operation?.operation === 'subscription') {
      return socketFor(headers).iterate({ query: params.query, variables: params.variables ?? undefined, operationName: params.operationName ?? undefined });
    }
    return (async () => {
      const sent = await withSession({ 'content-type': 'application/json', ...(playgroundKey ? { 'x-playground-key': playgroundKey } : {}), ...headers });
      const response = await fetch('/graphql', { method: 'POST', headers: sent, body: JSON.stringify(params) });
      return response.json();
    })();
  };
  const dispose = () => {
    for (const socket of sockets.values()) void socket.dispose();
    sockets.clear();
  };
  return { fetcher, dispose };
}
