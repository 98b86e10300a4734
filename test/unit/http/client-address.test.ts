import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseTrustProxy } from '../../../server/config.js';
import { clientAddressResolver } from '../../../server/http/client-address.js';

const request = (peer: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

const resolverFor = (trustProxy: string) => clientAddressResolver(loadConfig({ TRUST_PROXY: trustProxy }).trustProxy);

describe('the client address (TRUST_PROXY)', () => {
  it('ignores X-Forwarded-For by default: a client cannot pick its own address', () => {
    const addressOf = clientAddressResolver(loadConfig({}).trustProxy);
    expect(addressOf(request('203.0.113.9', '198.51.100.1'))).toBe('203.0.113.9');
    expect(addressOf(request('::ffff:203.0.113.9'))).toBe('203.0.113.9');
  });

  it('trusts n hops: the nth entry from the right is the client, earlier (client-written) entries are ignored', () => {
    expect(resolverFor('1')(request('10.0.0.2', 'forged, 198.51.100.1'))).toBe('198.51.100.1');
    expect(resolverFor('2')(request('10.0.0.2', 'forged-too, 198.51.100.1, 10.0.0.3'))).toBe('198.51.100.1');
    expect(resolverFor('1')(request('10.0.0.2'))).toBe('10.0.0.2');
    expect(resolverFor('1')(request('10.0.0.2', 'not an address'))).toBe('10.0.0.2');
  });

  it('trusts listed proxies only: a forged header from any other peer changes nothing', () => {
    const addressOf = resolverFor('10.0.0.0/8, 192.0.2.10, ::1');
    expect(addressOf(request('10.1.2.3', '198.51.100.1'))).toBe('198.51.100.1');
    expect(addressOf(request('::ffff:192.0.2.10', '198.51.100.1'))).toBe('198.51.100.1');
    expect(addressOf(request('::1', '198.51.100.4, 10.9.9.9'))).toBe('198.51.100.4');
    expect(addressOf(request('203.0.113.9', '198.51.100.1'))).toBe('203.0.113.9');
    // A client behind a trusted proxy prepending its own entries is still found by its proxy's entry.
    expect(addressOf(request('10.1.2.3', '10.0.0.1, 198.51.100.1'))).toBe('198.51.100.1');
  });

  it('refuses a TRUST_PROXY it cannot read', () => {
    expect(parseTrustProxy('0')).toEqual({ kind: 'none' });
    expect(parseTrustProxy('proxy.internal')).toBeNull();
    expect(parseTrustProxy('10.0.0.0/33')).toBeNull();
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });
});
