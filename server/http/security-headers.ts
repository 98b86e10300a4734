import type { ServerResponse } from 'node:http';

/**
 * Headers every page of the web app carries. The Content-Security-Policy here holds the rules
 * that cannot break a page: no framing (an embed route sets its own frame-ancestors, replacing
 * this header), no plugins, no <base> or form posts elsewhere. Scripts are not restricted yet:
 * that needs per-request nonces honoured by every inline script Next.js emits.
 */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
});

/** The embed player (`/embed/...`) is the one page other sites may frame: it sets its own frame-ancestors. */
const FRAMABLE_PATH = /^\/embed\//;

export function setPageSecurityHeaders(path: string, response: ServerResponse): void {
  const framable = FRAMABLE_PATH.test(path);
  for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) {
    if (framable && (name === 'X-Frame-Options' || name === 'Content-Security-Policy')) continue;
    response.setHeader(name, value);
  }
}
