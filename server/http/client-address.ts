import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { TrustProxy } from '../config.js';

/** The address of whoever sent a request, as every per-address rule (limits, counts, hashes) sees it. */
export type ClientAddressOf = (request: IncomingMessage) => string;

/** `::ffff:203.0.113.7` (an IPv4 peer on a dual-stack socket) and `203.0.113.7` are one client. */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1] : address).toLowerCase();
}

function trustedAddresses(addresses: string[]): BlockList {
  const list = new BlockList();
  for (const entry of addresses) {
    const [address, bits] = entry.split('/');
    const normalised = normalise(address);
    const family = isIP(normalised) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(normalised, family);
    else list.addSubnet(normalised, Number(bits), family);
  }
  return list;
}

/** X-Forwarded-For entries, nearest proxy's view last; malformed entries end the chain. */
function forwardedChain(request: IncomingMessage): string[] {
  const header = request.headers['x-forwarded-for'];
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  if (!text.trim()) return [];
  return text.split(',').map((entry) => normalise(entry.trim()));
}

/**
 * Builds the one function that names a request's client, for HTTP requests and WebSocket upgrades
 * alike. X-Forwarded-For is read only as far as TRUST_PROXY allows, walking from the socket's peer
 * back toward the client: a header sent by anyone who is not a trusted proxy changes nothing.
 */
export function clientAddressResolver(trust: TrustProxy): ClientAddressOf {
  const peerOf = (request: IncomingMessage) => normalise(request.socket.remoteAddress ?? 'unknown');
  if (trust.kind === 'none') return peerOf;
  const trusted = trust.kind === 'addresses' ? trustedAddresses(trust.addresses) : null;
  const isTrusted = (address: string, hopsWalked: number): boolean => {
    if (trust.kind === 'hops') return hopsWalked < trust.hops;
    const family = isIP(address);
    return family !== 0 && trusted!.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
  return (request) => {
    let client = peerOf(request);
    const chain = forwardedChain(request);
    for (let hops = 0; isTrusted(client, hops); hops++) {
      const next = chain.pop();
      if (next === undefined || isIP(next) === 0) break;
      client = next;
    }
    return client;
  };
}
