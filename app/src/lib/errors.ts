import type { CombinedError } from 'urql';
import type { MessageKey } from './dictionary';

/** Codes whose server message is a sentence written for people (it names the problem). */
const SPECIFIC = new Set(['BAD_USER_INPUT', 'CONFLICT', 'FORBIDDEN', 'UNAUTHENTICATED', 'DUPLICATE_ENTRY', 'RATE_LIMITED', 'NOT_FOUND', 'PREMIUM_REQUIRED', 'QUOTA_EXCEEDED']);
const KNOWN = new Set([...SPECIFIC, 'SERVICE_UNAVAILABLE']);

/**
 * One plain sentence for an API error: the translated sentence for its `extensions.code`, followed
 * by the server's own sentence when it names the problem (which field, which rule).
 */
export function describeError(error: CombinedError | Error | null | undefined, t: (key: MessageKey) => string): string | null {
  if (!error) return null;
  const combined = error as CombinedError;
  if (combined.networkError && !combined.graphQLErrors?.length) return t('error.network');
  const first = combined.graphQLErrors?.[0];
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : null;
  if (!code || !KNOWN.has(code)) return t('error.unknown');
  const general = t(`error.${code}` as MessageKey);
  const detail = SPECIFIC.has(code) ? first!.message : '';
  return detail && detail !== general ? `${general} ${detail}` : general;
}
