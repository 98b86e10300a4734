import type { TypedDocumentNode } from 'urql';
import { print } from 'graphql';
import { headers } from 'next/headers';

/** Set by the server that mounts the web app (server/adapters/web-app.ts). */
const API_URL = process.env.AERO_MELODY_API_URL ?? 'http://127.0.0.1:4000/graphql';

/**
 * A query run on the server for what a link preview shows, always anonymous: a preview must never
 * show more than a stranger may see. Null when the API fails or is unreachable.
 */
export async function anonymousQuery<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables: Variables): Promise<Data | null> {
  try {
    const response = await fetch(API_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
      body: JSON.stringify({ query: print(document), variables }),
      cache: 'no-store',
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) return null;
    const body = (await response.json()) as { data?: Data };
    return body.data ?? null;
  } catch {
    return null;
  }
}

/** The address people reach this site at (for absolute links in previews and embed codes). */
export async function requestOrigin(): Promise<string> {
  const list = await headers();
  const host = list.get('x-forwarded-host')?.split(',')[0]?.trim() || list.get('host') || 'localhost';
  const protocol = list.get('x-forwarded-proto')?.split(',')[0]?.trim() || 'http';
  return `${protocol === 'https' ? 'https' : 'http'}://${host}`;
}
