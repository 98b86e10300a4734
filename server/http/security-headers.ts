import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Headers every page of the web app carries besides its Content-Security-Policy. */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
});

/** The embed player (`/embed/...`) is the one page other sites may frame. */
const FRAMABLE_PATH = /^\/embed\//;

/**
 * The policy of one page: everything from this origin only, and a script runs only when it comes
 * from here or carries this response's nonce (Next.js puts it on every inline script it writes).
 * Styles may be inline: React and the playground's editor set style attributes. Workers and
 * media may be blob: URLs (the editor's language workers, rendered audio). 'wasm-unsafe-eval'
 * lets the synthesizer's worklet compile its WebAssembly SoundFont decoder (it allows no JavaScript
 * eval). Dev mode's hot reload evaluates code, so it alone gets 'unsafe-eval'.
 */
export function pageContentSecurityPolicy(nonce: string, options: { framable: boolean; dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'wasm-unsafe-eval'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${options.framable ? '*' : "'none'"}`,
  ].join('; ');
}

/**
 * Sets the page headers with a fresh nonce, and hands the policy to Next.js on the request: Next
 * reads the nonce from the request's Content-Security-Policy header (replacing whatever the client
 * sent there) and writes it on its scripts.
 */
export function setPageSecurityHeaders(request: IncomingMessage, path: string, response: ServerResponse, options: { dev: boolean }): void {
  const framable = FRAMABLE_PATH.test(path);
  const policy = pageContentSecurityPolicy(randomBytes(16).toString('base64'), { framable, dev: options.dev });
  request.headers['content-security-policy'] = policy;
  delete request.headers['content-security-policy-report-only'];
  response.setHeader('Content-Security-Policy', policy);
  for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) {
    if (framable && name === 'X-Frame-Options') continue;
    response.setHeader(name, value);
  }
}
