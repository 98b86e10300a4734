import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { WebSocketServer } from 'ws';
import type { ConnectionsPerAddress } from '../graphql/websocket-door.js';

const REQUEST_READ_GRACE_MS = 300;
/** Draining waits for this long a stretch without new connections or requests (up to MAX_DRAIN_WAIT_MS). */
const QUIET_BEFORE_CLOSE_MS = 100;
const MAX_DRAIN_WAIT_MS = 2_000;

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface HttpEntry {
  httpServer: Server;
  /** Whether shutdown began: /readyz says so and responses ask the client to close the socket. */
  readonly draining: boolean;
  /** Reports not-ready and waits until requests stop arriving (bounded), so none is reset by the close. */
  drain(): Promise<void>;
}

/**
 * The HTTP server in front of everything: the fast paths first, then `app`. Nothing listens yet
 * (the caller, or the tests, do). The fast paths write `X-Served-By` themselves, with the rest of
 * their headers; while draining every request goes to `app`, which asks the client to close.
 */
export function createHttpEntry(instanceName: string, fastPath: (request: IncomingMessage, response: ServerResponse, fallback: () => void) => boolean, app: Handler): HttpEntry {
  let draining = false;
  let lastArrivalAt = 0;
  const httpServer = createHttpServer((request, response) => {
    lastArrivalAt = Date.now();
    if (draining || !fastPath(request, response, () => toApp(request, response))) toApp(request, response);
  });
  const toApp: Handler = (request, response) => {
    response.setHeader('x-served-by', instanceName);
    // A client must not send another request on a socket that is about to be closed.
    if (draining) response.setHeader('connection', 'close');
    app(request, response);
  };
  httpServer.on('connection', () => (lastArrivalAt = Date.now()));
  return {
    httpServer,
    get draining() {
      return draining;
    },
    async drain() {
      // Report not-ready and keep serving a moment first, so a load balancer stops sending and
      // connections already in the accept queue are served rather than reset by closing it.
      draining = true;
      const drainStartedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, REQUEST_READ_GRACE_MS));
      // Under load the process reads new requests late: closing while they still arrive would reset them.
      while (Date.now() - lastArrivalAt < QUIET_BEFORE_CLOSE_MS && Date.now() - drainStartedAt < MAX_DRAIN_WAIT_MS) {
        await new Promise((resolve) => setTimeout(resolve, QUIET_BEFORE_CLOSE_MS / 2));
      }
    },
  };
}

/**
 * Upgrades are routed by hand: a server-attached WebSocketServer would refuse every path but
 * /graphql, and the web app's own listener (Next's hot reload in dev mode) needs the others.
 */
export function routeUpgrades(httpServer: Server, wsServer: WebSocketServer, connections: ConnectionsPerAddress, clientAddressOf: (request: IncomingMessage) => string, hasWebApp: boolean): void {
  httpServer.on('upgrade', (request, socket, head) => {
    if (wsServer.shouldHandle(request)) {
      const address = clientAddressOf(request);
      if (!connections.tryOpen(address)) {
        socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      // The TCP socket closes once whatever happens to the handshake: its slot is given back then.
      socket.once('close', () => connections.close(address));
      wsServer.handleUpgrade(request, socket, head, (client) => wsServer.emit('connection', client, request));
    } else if (!hasWebApp) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    }
  });
}
