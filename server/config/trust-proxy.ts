/** TRUST_PROXY: which peers' X-Forwarded-For names the client, read by the schema and by the per-address rules. */
import { isIP } from 'node:net';

/**
 * Which peers' X-Forwarded-For is believed: none, the nearest `hops` proxies (like express's
 * `trust proxy` number), or peers whose address is in `addresses` (single addresses or CIDR ranges).
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; addresses: string[] };

export function parseTrustProxy(value: string): TrustProxy | null {
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops === 0 ? { kind: 'none' } : hops <= 32 ? { kind: 'hops', hops } : null;
  }
  const addresses = text.split(',').map((entry) => entry.trim());
  const valid = addresses.every((entry) => {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || extra !== undefined) return false;
    return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  });
  return valid && addresses.length > 0 ? { kind: 'addresses', addresses } : null;
}
