import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { setPageSecurityHeaders } from '../../../server/http/security-headers.js';

describe('page security headers', () => {
  it('forbid framing, sniffing, plugins and foreign form posts, and limit referrers and powerful features', async () => {
    const server = createServer((request, response) => {
      setPageSecurityHeaders(new URL(request.url ?? '/', 'http://localhost').pathname, response);
      response.end('<!doctype html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { headers } = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/playground`);
      expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(headers.get('content-security-policy')).toContain("object-src 'none'");
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(headers.get('permissions-policy')).toMatch(/camera=\(\), microphone=\(\)/);
      const embed = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/embed/pieces/1`);
      // The embed player sets its own frame-ancestors (next.config.mjs); nothing here may forbid framing it.
      expect(embed.headers.get('x-frame-options')).toBeNull();
      expect(embed.headers.get('content-security-policy')).toBeNull();
      expect(embed.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      server.close();
    }
  });
});
