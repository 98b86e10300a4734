import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { setPageSecurityHeaders } from '../../../server/http/security-headers.js';

const scriptSources = (policy: string | null) =>
  (policy ?? '')
    .split(';')
    .map((directive) => directive.trim())
    .find((directive) => directive.startsWith('script-src '))
    ?.split(/\s+/)
    .slice(1) ?? [];

describe('page security headers', () => {
  it('forbid framing, sniffing, plugins, foreign form posts and scripts without the nonce, and limit referrers and powerful features', async () => {
    const seenByNext: string[] = [];
    const server = createServer((request, response) => {
      // What Next.js reads its nonce from is the request's own policy header, whatever the client sent.
      setPageSecurityHeaders(request, new URL(request.url ?? '/', 'http://localhost').pathname, response, { dev: false });
      seenByNext.push(String(request.headers['content-security-policy']));
      response.end('<!doctype html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const forged = "script-src 'nonce-chosenbytheclient'";
      const { headers } = await fetch(`${url}/playground`, { headers: { 'content-security-policy': forged } });
      const policy = headers.get('content-security-policy');
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("default-src 'self'");
      const sources = scriptSources(policy);
      expect(sources).not.toContain("'unsafe-inline'");
      expect(sources).not.toContain("'unsafe-eval'");
      const nonce = sources.find((source) => source.startsWith("'nonce-"));
      expect(nonce).toMatch(/^'nonce-[A-Za-z0-9+/]{22}=='$/);
      expect(seenByNext[0]).toBe(policy);
      expect(seenByNext[0]).not.toContain('chosenbytheclient');
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(headers.get('permissions-policy')).toMatch(/camera=\(\), microphone=\(\)/);

      const again = await fetch(`${url}/playground`);
      const nextNonce = scriptSources(again.headers.get('content-security-policy')).find((source) => source.startsWith("'nonce-"));
      expect(nextNonce).toBeDefined();
      expect(nextNonce).not.toBe(nonce);

      const embed = await fetch(`${url}/embed/pieces/1`);
      // The embed player may be framed anywhere; its scripts are held to the same nonce rule.
      expect(embed.headers.get('x-frame-options')).toBeNull();
      expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *');
      expect(scriptSources(embed.headers.get('content-security-policy')).some((source) => source.startsWith("'nonce-"))).toBe(true);
      expect(embed.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      server.close();
    }
  });
});
