import type { IncomingMessage } from 'node:http';

/** The address a request comes from, for per-address limits and counts: one function every door calls. */
export function clientAddressOf(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown';
}
